package org.automl4j.metagrad.fewshot;

import java.util.ArrayList;
import java.util.List;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.MlpSpec;
import org.automl4j.metagrad.nn.Weights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrototypeHeadTest {
    private static final DeepEngine ENGINE = DeepEngine.start();

    /** A 2-3-3 ReLU network with hand-set weights (the head is arbitrary: the prototype head replaces it). */
    private static Weights handMade() {
        MlpSpec spec = new MlpSpec(2, List.of(3), 3, Activation.RELU);
        return new Weights(spec, List.of(
                new float[] {1f, 0f, 0.5f, 0f, 1f, -0.5f}, // W0 [2][3]
                new float[] {0f, 0.1f, 0.2f},
                new float[] {0.3f, -0.2f, 0.1f, 0.4f, 0.5f, -0.6f, 0.7f, -0.8f, 0.9f}, // W1 [3][3], ignored
                new float[] {1f, -1f, 0.5f}));
    }

    private static float[] embed(Weights w, float[] x) {
        float[] w0 = w.tensor(0);
        float[] b0 = w.tensor(1);
        float[] h = new float[3];
        for (int j = 0; j < 3; j++) {
            float s = b0[j];
            for (int k = 0; k < 2; k++) {
                s += x[k] * w0[k * 3 + j];
            }
            h[j] = Math.max(0, s);
        }
        return h;
    }

    @Test
    void withoutStepsThePrototypeHeadClassifiesByTheNearestPrototypeInTheEmbedding() {
        Weights w = handMade();
        Examples support = new Examples(new float[][] {
                {1f, 0f}, {0.8f, 0.3f},      // class 0
                {0f, 1f}, {0.2f, 1.2f},      // class 1
                {1f, 1f}, {1.4f, 0.9f}},     // class 2
                new float[] {0, 0, 1, 1, 2, 2});
        float[][] query = {{0.9f, 0.1f}, {0.1f, 0.9f}, {1.1f, 1.0f}, {0.6f, 0.6f}, {0.3f, 0.2f}, {1.5f, 0.2f}};
        // prototypes and squared distances by hand
        float[][] mu = new float[3][3];
        for (int i = 0; i < support.size(); i++) {
            float[] h = embed(w, support.x()[i]);
            for (int j = 0; j < 3; j++) {
                mu[(int) support.y()[i]][j] += h[j] / 2;
            }
        }
        Adaptation a = new Adaptation(ENGINE);
        Weights adapted = a.adapt(w, Loss.SOFTMAX_CROSS_ENTROPY, support, 0, 0.1, true);
        float[][] p = a.predict(adapted, Loss.SOFTMAX_CROSS_ENTROPY, query);
        float[] qy = new float[query.length];
        for (int i = 0; i < query.length; i++) {
            float[] h = embed(w, query[i]);
            double[] negSq = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            int nearest = 0;
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 3; j++) {
                    negSq[c] -= (h[j] - mu[c][j]) * (h[j] - mu[c][j]);
                }
                if (negSq[c] > max) {
                    max = negSq[c];
                    nearest = c;
                }
            }
            qy[i] = nearest;
            double z = 0;
            for (int c = 0; c < 3; c++) {
                z += Math.exp(negSq[c] - max);
            }
            int argmax = 0;
            for (int c = 0; c < 3; c++) {
                assertEquals(Math.exp(negSq[c] - max) / z, p[i][c], 1e-5, "query " + i + ", class " + c);
                argmax = p[i][c] > p[i][argmax] ? c : argmax;
            }
            assertEquals(nearest, argmax, "query " + i);
        }
        // the query labels are the nearest prototypes, so the batched curve scores 1 before any step
        FewShotTask task = new FewShotTask(support, new Examples(query, qy));
        Curve c = a.curve(w, null, Loss.SOFTMAX_CROSS_ENTROPY, List.of(task, task), 3, 0.1, 0, true);
        assertEquals(1.0, c.accuracy()[0], 1e-9);
        assertTrue(c.loss()[3] < c.loss()[0], "steps lower the query loss: " + java.util.Arrays.toString(c.loss()));
        assertThrows(IllegalArgumentException.class,
                () -> a.adapt(Weights.random(new MlpSpec(2, List.of(3), 1, Activation.RELU), 0), Loss.MSE,
                        new Examples(new float[][] {{0f, 0f}}, new float[] {1f}), 1, 0.1, true));
    }

    /** Fresh tasks of the family it was trained on (transfer to unseen digits is the benchmark's job). */
    @Test
    void firstOrderProtoMamlLearnsABodyWhosePrototypeHeadBeatsARandomBody() {
        ImageSet digits = ImageSet.digits();
        ClassificationTasks train = ClassificationTasks.of(digits, List.of(0, 1, 2, 3, 4), List.of(0, 1, 2, 3), 5, 1, 5);
        MetaOptions o = new MetaOptions(Algorithm.FOMAML, List.of(32, 32), Activation.RELU, 150, 10, 2, 0.05, 0.003, true)
                .withPrototypeHead(true);
        List<Double> losses = new ArrayList<>();
        MetaInit init = new MetaTrainer(ENGINE).train(train, o, 3, p -> losses.add(p.queryLoss()));
        assertTrue(init.prototypeHead(), "the initialisation says adaptation uses a prototype head");
        MetaInit again = new MetaTrainer(ENGINE).train(train, o, 3, null);
        assertEquals(init.weights(), again.weights(), "same seed, same body");
        List<FewShotTask> fresh = MetaTrainerTest.tasks(train.with(5, 1, 10), 40, 5);
        Adaptation a = new Adaptation(ENGINE);
        Weights randomBody = Pretraining.withFreshHead(Weights.random(init.weights().spec(), 4), 5);
        Curve learned = a.curve(init.weights(), null, init.loss(), fresh, 2, o.innerLr(), 0, true);
        Curve random = a.curve(randomBody, null, init.loss(), fresh, 2, o.innerLr(), 0, true);
        System.out.println("proto-MAML " + java.util.Arrays.toString(learned.accuracy()) + " vs random body "
                + java.util.Arrays.toString(random.accuracy()) + "; query loss " + losses.get(0) + " -> "
                + losses.get(losses.size() - 1));
        assertTrue(learned.accuracy()[0] > random.accuracy()[0] + 0.05,
                "prototypes before steps: meta-learned " + learned.accuracy()[0] + " vs random " + random.accuracy()[0]);
        assertTrue(learned.finalAccuracyMean() > random.finalAccuracyMean() + 0.05,
                "after 2 steps: meta-learned " + learned.finalAccuracyMean() + " vs random " + random.finalAccuracyMean());
    }

    /**
     * With a vanishing inner rate the adapted parameters are the start, so the first-order meta-gradient (which
     * carries the head's query gradient back through the prototypes) must equal MAML's exact one; one Adam step from
     * the same start then moves both the same way.
     */
    @Test
    void firstOrderPrototypeGradientMatchesMamlWhenTheInnerStepVanishes() {
        ImageSet digits = ImageSet.digits();
        ClassificationTasks train = ClassificationTasks.of(digits, List.of(0, 1, 2, 3, 4), List.of(0), 5, 2, 5);
        MetaOptions fo = new MetaOptions(Algorithm.FOMAML, List.of(8), Activation.RELU, 1, 4, 1, 1e-7, 0.01, true)
                .withPrototypeHead(true);
        MetaTrainer t = new MetaTrainer(ENGINE);
        Weights start = t.train(train, fo.withIterations(0), 2, null).weights();
        Weights first = t.train(train, fo, 2, null).weights();
        Weights exact = t.train(train, fo.withAlgorithm(Algorithm.MAML), 2, null).weights();
        double moved = first.distance(start);
        assertTrue(moved > 0.01, "one Adam step moves the body: " + moved);
        assertTrue(first.distance(exact) < 0.02 * moved,
                "first-order vs exact: " + first.distance(exact) + " apart after moving " + moved);
    }

    @Test
    void mamlWithAPrototypeHeadDifferentiatesThroughItAndStaysFinite() {
        ImageSet digits = ImageSet.digits();
        ClassificationTasks train = ClassificationTasks.of(digits, List.of(0, 1, 2, 3, 4), List.of(0), 5, 1, 5);
        MetaOptions o = new MetaOptions(Algorithm.MAML, List.of(16), Activation.RELU, 20, 5, 2, 0.05, 0.003, true)
                .withPrototypeHead(true);
        List<Double> losses = new ArrayList<>();
        MetaInit init = new MetaTrainer(ENGINE).train(train, o, 1, p -> losses.add(p.queryLoss()));
        assertTrue(losses.stream().allMatch(Double::isFinite), losses.toString());
        float[] head = init.weights().tensor(2);
        for (float v : head) {
            assertEquals(0.0, v, 0.0, "the learned head stays at zero; the prototypes replace it");
        }
        assertTrue(init.weights().distance(new MetaTrainer(ENGINE).train(train, o.withIterations(0), 1, null).weights()) > 0,
                "the body moved");
        assertThrows(IllegalArgumentException.class,
                () -> new MetaTrainer(ENGINE).train(new SinusoidTasks(5, 5), MetaOptions.sinusoid(Algorithm.FOMAML, 1)
                        .withPrototypeHead(true), 0, null));
    }
}
