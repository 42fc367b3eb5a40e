package org.automl4j.metagrad.fewshot;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.Weights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaTrainerTest {
    private static final DeepEngine ENGINE = DeepEngine.start();

    static List<FewShotTask> tasks(TaskDistribution d, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<FewShotTask> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(d.sample(r));
        }
        return out;
    }

    @Test
    void reptileAndBothMamlsBeatRandomInitialisationOnNewSinusoids() {
        SinusoidTasks family = new SinusoidTasks(10, 10);
        List<FewShotTask> fresh = tasks(new SinusoidTasks(10, 50), 50, 99);
        Adaptation adaptation = new Adaptation(ENGINE);
        for (Algorithm a : Algorithm.values()) {
            MetaOptions o = new MetaOptions(a, List.of(40, 40), Activation.RELU, 400, 10, a == Algorithm.REPTILE ? 10 : 1,
                    0.02, a == Algorithm.REPTILE ? 1.0 : 0.003, false);
            MetaInit init = new MetaTrainer(ENGINE).train(family, o, 1, null);
            Curve learned = adaptation.curve(init.weights(), init.loss(), fresh, 10, o.innerLr(), 0);
            Curve random = adaptation.curve(Weights.random(init.weights().spec(), 2), init.loss(), fresh, 10, o.innerLr(), 0);
            assertTrue(learned.finalLoss() * 2 < random.finalLoss(),
                    a + ": meta-learned MSE " + learned.finalLoss() + " vs random init " + random.finalLoss());
            assertTrue(learned.loss()[10] < learned.loss()[0], a + " adapts: " + java.util.Arrays.toString(learned.loss()));
        }
    }

    @Test
    void metaTrainingIsDeterministicForASeed() {
        SinusoidTasks family = new SinusoidTasks(5, 5);
        for (Algorithm a : Algorithm.values()) {
            MetaOptions o = MetaOptions.sinusoid(a, 20);
            MetaTrainer t = new MetaTrainer(ENGINE);
            MetaInit first = t.train(family, o, 7, null);
            MetaInit again = t.train(family, o, 7, null);
            MetaInit other = t.train(family, o, 8, null);
            assertEquals(first.weights(), again.weights(), a.name());
            assertNotEquals(first.weights(), other.weights(), a.name());
        }
    }

    /** Transfer to unseen digits is measured by the benchmark; here: the family it was trained on, fresh tasks. */
    @Test
    void firstOrderMamlAdaptsFasterThanRandomInitialisationOnDigitTasks() {
        ImageSet digits = ImageSet.digits();
        ClassificationTasks train = ClassificationTasks.of(digits, List.of(0, 1, 2, 3, 4), List.of(0, 1, 2, 3), 5, 5, 5);
        MetaOptions o = new MetaOptions(Algorithm.FOMAML, List.of(64, 64), Activation.RELU, 300, 10, 5, 0.2, 0.003, true);
        MetaInit init = new MetaTrainer(ENGINE).train(train, o, 3, null);
        List<FewShotTask> fresh = tasks(train.with(5, 5, 10), 40, 5);
        Adaptation adaptation = new Adaptation(ENGINE);
        Curve learned = adaptation.curve(init.weights(), init.loss(), fresh, 5, o.innerLr(), 0);
        Curve random = adaptation.curve(Weights.random(init.weights().spec(), 4), init.loss(), fresh, 5, o.innerLr(), 0);
        assertEquals(0.2, learned.accuracy()[0], 1e-6, "a zero head predicts uniformly: chance accuracy before adapting");
        assertTrue(learned.finalAccuracyMean() > random.finalAccuracyMean() + 0.15,
                "meta-learned " + learned.finalAccuracyMean() + " vs random " + random.finalAccuracyMean());
    }

    @Test
    void metaSgdLearnsPerParameterRatesThatAdaptNewSinusoidsBetterThanOneSharedRate() {
        SinusoidTasks family = new SinusoidTasks(10, 10);
        List<FewShotTask> fresh = tasks(new SinusoidTasks(10, 50), 50, 99);
        MetaOptions o = MetaOptions.sinusoid(Algorithm.MAML, 300).withLearnedRates(true);
        MetaInit init = new MetaTrainer(ENGINE).train(family, o, 1, null);
        Weights rates = init.innerRates();
        assertEquals(init.weights().spec(), rates.spec());
        float[] firstLayer = rates.tensor(0);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float r : firstLayer) {
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        assertTrue(max - min > 1e-3, "the rates moved apart from their start " + o.innerLr() + ": " + min + ".." + max);
        Adaptation a = new Adaptation(ENGINE);
        Curve learned = a.curve(init.weights(), rates, init.loss(), fresh, 1, 1.0, 0);
        Curve shared = a.curve(init.weights(), init.loss(), fresh, 1, o.innerLr(), 0);
        assertTrue(learned.finalLoss() < shared.finalLoss(),
                "one step with the learned rates " + learned.finalLoss() + " vs the shared rate " + shared.finalLoss());
        // uniform rates equal to the shared rate are the shared rate
        List<float[]> filled = new ArrayList<>();
        for (float[] t : rates.tensors()) {
            float[] f = new float[t.length];
            java.util.Arrays.fill(f, (float) o.innerLr());
            filled.add(f);
        }
        Weights uniform = new Weights(rates.spec(), filled);
        Curve same = a.curve(init.weights(), uniform, init.loss(), fresh, 3, 1.0, 0);
        Curve plain = a.curve(init.weights(), init.loss(), fresh, 3, o.innerLr(), 0);
        assertEquals(plain.finalLoss(), same.finalLoss(), 1e-5 * plain.finalLoss());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MetaOptions.sinusoid(Algorithm.FOMAML, 10).withLearnedRates(true));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MetaInitFile.save(ENGINE, init, java.nio.file.Path.of("target", "metasgd.metainit")));
    }

    /**
     * MAML differentiated through five inner steps trains with finite losses and is deterministic for a seed. (It
     * used to hit NaN at random iterations: DJL's scalar operands were freed before the backward pass; the test
     * that forces that situation is {@code BatchedMlpTest.secondOrderGradientSurvivesGarbageCollection...}.)
     */
    @Test
    void mamlThroughFiveInnerStepsIsFiniteAndDeterministic() {
        ImageSet digits = ImageSet.digits();
        ClassificationTasks train = ClassificationTasks.of(digits, List.of(0, 1, 2, 3, 4), List.of(0, 1, 2, 3), 5, 5, 5);
        MetaOptions o = new MetaOptions(Algorithm.MAML, List.of(64, 64), Activation.RELU, 25, 10, 5, 0.1, 0.001, true);
        List<Double> losses = new ArrayList<>();
        MetaInit first = new MetaTrainer(ENGINE).train(train, o, 0, p -> losses.add(p.queryLoss()));
        System.gc();
        MetaInit again = new MetaTrainer(ENGINE).train(train, o, 0, null);
        assertEquals(25, losses.size());
        assertTrue(losses.stream().allMatch(Double::isFinite), losses.toString());
        assertEquals(first.weights(), again.weights(), "same seed, same weights");
    }
}
