package org.automl4j.learners.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.junit.jupiter.api.Test;

class TreeLearnerTest {

    @Test
    void maxFeaturesIsAnExponentOfTheFeatureCount() {
        // Tribuo uses (int) (fraction * d) features per split
        assertEquals(4, (int) (TreeLearner.featureFraction(0.5, 20) * 20)); // round(sqrt(20)) = 4
        assertEquals(10, (int) (TreeLearner.featureFraction(0.5, 100) * 100));
        assertEquals(1, (int) (TreeLearner.featureFraction(0.0, 100) * 100));
    }

    @Test
    void fractionStaysBelowOneAsTribuoRandomForestRequires() {
        assertTrue(TreeLearner.featureFraction(1.0, 20) < 1f);
        assertTrue(TreeLearner.featureFraction(1.0, 1) < 1f);
    }

    @Test
    void aForestStopsBetweenTreesWhenItsThreadIsInterrupted() {
        // before: a forest given up at its time limit trained all its trees on, unused, on another thread
        for (Task task : List.of(Task.BINARY, Task.REGRESSION)) {
            Dataset train = blobs(task, 60, 3);
            for (String name : List.of("random_forest", "extra_trees")) {
                if (!Learners.byName(name).capabilities().supports(task)) {
                    continue;
                }
                assertTrue(Learners.byName(name).stopsWhenInterrupted(), name);
                Thread.currentThread().interrupt();
                try {
                    assertThrows(java.util.concurrent.CancellationException.class,
                            () -> Learners.byName(name).fit(train, Map.of("n_estimators", 20), 1), name + " " + task);
                    assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set for the caller");
                } finally {
                    Thread.interrupted();
                }
            }
        }
        assertFalse(Learners.byName("tree").stopsWhenInterrupted(), "one tree cannot be stopped");
    }

    @Test
    void theStoppableForestGrowsTheSameTreesAsTribuosOwn() {
        Dataset train = blobs(Task.BINARY, 80, 4);
        // a fresh tree trainer for each forest: a trainer's random state moves on with every use
        java.util.function.Supplier<org.tribuo.classification.dtree.CARTClassificationTrainer> cart = () ->
                new org.tribuo.classification.dtree.CARTClassificationTrainer(8, 1f, 0f, 0.5f, false,
                        new org.tribuo.classification.dtree.impurity.GiniIndex(), 3);
        org.tribuo.Model<org.tribuo.classification.Label> ours = new org.tribuo.common.tree.RandomForestTrainer<>(new TreeLearner.StoppableTree<>(cart.get(), "random_forest"),
                new org.tribuo.classification.ensemble.FullyWeightedVotingCombiner(), 15, 3)
                .train(org.automl4j.learners.internal.TribuoData.classification(train, "random_forest"));
        org.tribuo.Model<org.tribuo.classification.Label> tribuos = new org.tribuo.common.tree.RandomForestTrainer<>(cart.get(),
                new org.tribuo.classification.ensemble.FullyWeightedVotingCombiner(), 15, 3)
                .train(org.automl4j.learners.internal.TribuoData.classification(train, "random_forest"));
        var x = org.automl4j.learners.internal.TribuoData.unlabelledClassification(train.x(), train.features());
        double[] a = ours.predict(x).stream().mapToDouble(p -> p.getOutput().getScore()).toArray();
        double[] b = tribuos.predict(x).stream().mapToDouble(p -> p.getOutput().getScore()).toArray();
        assertArrayEquals(b, a);
    }

    /** Two Gaussian features; the class (or value) follows the first. */
    private static Dataset blobs(Task task, int n, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextDouble() * 4 - 2;
            x[i][1] = rng.nextDouble();
            y[i] = task == Task.REGRESSION ? 3 * x[i][0] + x[i][1] : x[i][0] + 0.3 * rng.nextDouble() > 0 ? 1 : 0;
        }
        return new Dataset(x, y, null, task, task == Task.REGRESSION ? List.of() : List.of("a", "b"),
                List.of("u", "v"));
    }

    @Test
    void aFeatureOfZerosAndNegativeZerosDoesNotBreakExtraTrees() {
        int n = 40;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i % 2 == 0 ? 0.0 : -0.0;
            x[i][1] = i;
            y[i] = i < n / 2 ? 0 : 1;
        }
        Dataset data = new Dataset(x, y, null, Task.BINARY, List.of("a", "b"), List.of("zero", "i"));
        double[] predicted = Learners.byName("extra_trees").fit(data, Map.of(), 0).predict(new double[][] {{-0.0, 1},
                {0.0, 38}});
        assertEquals(0, predicted[0]);
        assertEquals(1, predicted[1]);
    }
}
