package org.automl4j.metagrad.hypergradient;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.fewshot.ImageSet;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpTrainingTest {
    private static final DeepEngine ENGINE = DeepEngine.start();

    static LabeledData[] digits(int train, int val) {
        ImageSet d = ImageSet.digits();
        int[] idx = MlpTraining.permutation(new SplittableRandom(0), d.pixels().length);
        LabeledData all = new LabeledData(d.pixels(), d.labels(), 10);
        return new LabeledData[] {all.rows(Arrays.copyOfRange(idx, 0, train)),
                all.rows(Arrays.copyOfRange(idx, train, train + val))};
    }

    @Test
    void hypergradientRaisesATooSmallLearningRateAndBeatsTheFixedRun() {
        LabeledData[] d = digits(600, 300);
        MlpTraining t = new MlpTraining(ENGINE);
        MlpTraining.Settings s = new MlpTraining.Settings(List.of(32), 5, 16, 1);
        MlpTraining.Result fixed = t.train(d[0], d[1], null, s, HypergradientDescent.Options.sgd(0.002, 0), null);
        MlpTraining.Result adapted = t.train(d[0], d[1], null, s, HypergradientDescent.Options.sgd(0.002, 0.05), null);
        assertEquals(0.002, fixed.finalLearningRate(), 1e-12);
        assertTrue(adapted.finalLearningRate() > 0.02, "learning rate grew: " + adapted.finalLearningRate());
        assertTrue(adapted.finalValidationAccuracy() > fixed.finalValidationAccuracy() + 0.2,
                adapted.finalValidationAccuracy() + " vs fixed " + fixed.finalValidationAccuracy());
        MlpTraining.Result again = t.train(d[0], d[1], null, s, HypergradientDescent.Options.sgd(0.002, 0.05), null);
        assertArrayEquals(adapted.learningRates(), again.learningRates(), "same seed, same run");
    }

    @Test
    void probeWarmUpRescuesATenTimesTooLargeSgdRateThatKillsThePapersRule() {
        LabeledData[] d = digits(600, 300);
        MlpTraining t = new MlpTraining(ENGINE);
        MlpTraining.Settings s = new MlpTraining.Settings(List.of(32), 4, 16, 1);
        MlpTraining.Result plain = t.train(d[0], d[1], null, s, HypergradientDescent.Options.sgd(10, 0.02), null);
        MlpTraining.Result probed = t.train(d[0], d[1], null, s, HypergradientDescent.Options.sgd(10, 0.02).withProbe(20),
                null);
        assertTrue(plain.finalValidationAccuracy() < 0.3, "the paper's rule from lr 10: " + plain.finalValidationAccuracy());
        assertTrue(probed.learningRates()[20] < 2, "probed rate: " + probed.learningRates()[20]);
        assertTrue(probed.finalValidationAccuracy() > 0.85, "with the probe: " + probed.finalValidationAccuracy());
    }

    @Test
    void tpePicksDepthAndWidthWhileTheHypergradientTunesTheLearningRate() {
        LabeledData[] d = digits(300, 200);
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.tpe(0)).build();
        study.optimize(new HypergradientObjective(ENGINE, d[0], d[1], HypergradientDescent.Options.adam(0.001, 0.05),
                List.of(16, 32), 2, 5, 16, 0), 3);
        List<FrozenTrial> done = study.trials(TrialState.COMPLETE);
        assertEquals(3, done.size());
        for (FrozenTrial f : done) {
            assertTrue(f.params().containsKey("depth") && f.params().containsKey("width"), f.params().toString());
            double lr = ((Number) f.userAttrs().get("final_lr")).doubleValue();
            assertTrue(lr != 0.001, "the learning rate moved inside the trial: " + lr);
            assertTrue(f.value() > 0.3, "better than chance: " + f.value());
        }
    }
}
