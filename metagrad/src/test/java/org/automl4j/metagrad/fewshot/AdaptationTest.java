package org.automl4j.metagrad.fewshot;

import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.MlpSpec;
import org.automl4j.metagrad.nn.Weights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptationTest {
    private static final DeepEngine ENGINE = DeepEngine.start();

    @Test
    void adaptingFitsTheSupportSetAndPredictsItsCurve() {
        Examples support = SinusoidTasks.points(new SplittableRandom(1), 3, 0.5, 10);
        Weights init = Weights.random(new MlpSpec(1, List.of(20), 1, Activation.TANH), 1);
        Adaptation a = new Adaptation(ENGINE);
        Weights adapted = a.adapt(init, Loss.MSE, support, 500, 0.1);
        double before = mse(a.predict(init, Loss.MSE, support.x()), support.y());
        double after = mse(a.predict(adapted, Loss.MSE, support.x()), support.y());
        assertTrue(after < before / 5, before + " -> " + after);
        assertEquals(init, a.adapt(init, Loss.MSE, support, 0, 0.05), "no steps, no change");
        assertThrows(IllegalArgumentException.class,
                () -> a.adapt(init, Loss.MSE, new Examples(new float[][] {{1, 2}}, new float[] {1}), 3, 0.1));
    }

    private static double mse(float[][] pred, float[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (pred[i][0] - y[i]) * (pred[i][0] - y[i]);
        }
        return s / y.length;
    }

    @Test
    void fineTuningTheHeadLeavesTheBodyAloneAndAFreshHeadPredictsUniformly() {
        ImageSet digits = ImageSet.digits();
        ClassificationTasks pool = ClassificationTasks.of(digits, List.of(0, 1, 2), List.of(0), 2, 5, 5);
        Pretraining p = new Pretraining(ENGINE);
        Weights pre = p.pretrain(pool, List.of(16), Activation.RELU, 3, 16, 0.1, 1);
        assertEquals(3, pre.spec().outputs());
        Weights fresh = Pretraining.withFreshHead(pre, 2);
        assertEquals(2, fresh.spec().outputs());
        assertArrayEquals(pre.tensor(0), fresh.tensor(0));
        Adaptation a = new Adaptation(ENGINE);
        float[][] probs = a.predict(fresh, Loss.SOFTMAX_CROSS_ENTROPY, pool.classRows(0));
        for (float[] row : probs) {
            assertArrayEquals(new float[] {0.5f, 0.5f}, row, 1e-6f);
        }
        ClassificationTasks tasks = ClassificationTasks.of(digits, List.of(5, 6, 7), List.of(0), 2, 5, 5);
        List<FewShotTask> t = MetaTrainerTest.tasks(tasks, 10, 3);
        Curve headOnly = a.curve(fresh, Loss.SOFTMAX_CROSS_ENTROPY, t, 5, 0.1, 1);
        Curve all = a.curve(fresh, Loss.SOFTMAX_CROSS_ENTROPY, t, 5, 0.1, 0);
        assertTrue(headOnly.finalAccuracyMean() > 0.6, "head-only fine-tuning learns: " + headOnly.finalAccuracyMean());
        assertTrue(all.finalLoss() != headOnly.finalLoss());
        assertEquals(10, headOnly.finalLosses().length);
    }
}
