package org.automl4j.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class RegressionForestTest {

    private static final RegressionForest.Options DEFAULTS = RegressionForest.Options.defaults();

    private static double[][] uniformRows(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextDouble();
            }
        }
        return x;
    }

    private static double[] targets(double[][] x, ToDoubleFunction<double[]> f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    private static double rSquared(RegressionForest forest, double[][] x, double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < x.length; i++) {
            double e = forest.predict(x[i]).mean() - y[i];
            ssRes += e * e;
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        return 1 - ssRes / ssTot;
    }

    @Test
    void predictsANoiseFreeOneDimensionalFunctionOnHeldOutPoints() {
        ToDoubleFunction<double[]> f = p -> Math.sin(2 * Math.PI * p[0]) + p[0];
        double[][] train = uniformRows(200, 1, 1);
        double[][] test = uniformRows(200, 1, 2);
        RegressionForest forest = RegressionForest.fit(train, targets(train, f), new int[1], DEFAULTS);
        double r2 = rSquared(forest, test, targets(test, f));
        assertTrue(r2 > 0.97, "held-out R^2 " + r2);
    }

    @Test
    void predictsANoiseFreeTwoDimensionalFunctionOnHeldOutPoints() {
        // Branin on the unit square
        ToDoubleFunction<double[]> f = p -> {
            double a = 15 * p[0] - 5;
            double b = 15 * p[1];
            double t = b - 5.1 / (4 * Math.PI * Math.PI) * a * a + 5 / Math.PI * a - 6;
            return t * t + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(a) + 10;
        };
        double[][] train = uniformRows(400, 2, 3);
        double[][] test = uniformRows(300, 2, 4);
        RegressionForest forest = RegressionForest.fit(train, targets(train, f), new int[2], DEFAULTS);
        double r2 = rSquared(forest, test, targets(test, f));
        assertTrue(r2 > 0.9, "held-out R^2 " + r2);
    }

    @Test
    void ignoresAnIrrelevantColumnWhenTheFeatureSubsetIsSmall() {
        ToDoubleFunction<double[]> f = p -> 3 * p[0] * p[0];
        double[][] train = uniformRows(300, 3, 5);
        double[][] test = uniformRows(200, 3, 6);
        RegressionForest.Options o = RegressionForest.Options.builder().maxFeatures(0.5).nTrees(30).build();
        RegressionForest forest = RegressionForest.fit(train, targets(train, f), new int[3], o);
        double r2 = rSquared(forest, test, targets(test, f));
        assertTrue(r2 > 0.9, "held-out R^2 " + r2);
    }

    @Test
    void varianceIsLargerInAGapBetweenObservationsThanAmongThem() {
        // observations in [0, 0.3] and [0.7, 1], none in between
        SplittableRandom rng = new SplittableRandom(7);
        double[][] x = new double[120][1];
        for (int i = 0; i < x.length; i++) {
            double u = rng.nextDouble() * 0.3;
            x[i][0] = i % 2 == 0 ? u : 0.7 + u;
        }
        double[] y = targets(x, p -> p[0]);
        for (RegressionForest.VarianceMode mode : RegressionForest.VarianceMode.values()) {
            RegressionForest forest = RegressionForest.fit(x, y, new int[1],
                    RegressionForest.Options.builder().variance(mode).nTrees(20).build());
            double far = forest.predict(new double[] {0.5}).variance();
            double near = 0;
            for (double v = 0.05; v < 0.26; v += 0.05) {
                near = Math.max(near, forest.predict(new double[] {v}).variance());
            }
            assertTrue(far > 10 * near, mode + ": variance far from data " + far + " vs near " + near);
        }
    }

    @Test
    void categoricalSplitsGroupCategoriesByTheirTargets() {
        // y depends on the category only, non-ordinally: codes 0, 2, 4 -> 1 and 1, 3, 5 -> 5
        SplittableRandom rng = new SplittableRandom(8);
        double[][] x = new double[120][2];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = i % 6;
            x[i][0] = rng.nextDouble();
            x[i][1] = c;
            y[i] = c % 2 == 0 ? 1 : 5;
        }
        int[] kinds = {0, 6};
        RegressionForest forest = RegressionForest.fit(x, y, kinds, DEFAULTS);
        for (int c = 0; c < 6; c++) {
            RegressionForest.Prediction p = forest.predict(new double[] {0.5, c});
            assertEquals(c % 2 == 0 ? 1 : 5, p.mean(), 1e-9, "category " + c);
            assertEquals(0, p.variance(), 1e-9);
        }
        for (int t = 0; t < forest.nTrees(); t++) {
            RegressionTree tree = forest.tree(t);
            assertEquals(1, tree.feature(0), "the root splits on the category");
            assertTrue(tree.isCategoricalSplit(0));
            assertEquals(2, tree.leafCount(), "one split separates the categories; tree " + t);
            BitSet left = tree.leftCategories(0);
            BitSet evens = new BitSet();
            evens.set(0);
            evens.set(2);
            evens.set(4);
            assertEquals(evens, left, "the lower-mean categories go left");
        }
    }

    @Test
    void aCategoryNeverSeenGoesToTheHeavierSide() {
        double[][] x = {{0}, {0}, {0}, {1}, {1}};
        double[] y = {1, 1, 1, 2, 2};
        RegressionForest forest = RegressionForest.fit(x, y, new int[] {3},
                RegressionForest.Options.builder().bootstrap(false).build());
        assertEquals(1, forest.predict(new double[] {2}).mean(), 1e-12);
    }

    @Test
    void unitIntervalValuesFallWithTheActiveSideOfAnImputedColumn() {
        // column 0 is -1 (inactive) or in [0.5, 1]; the target differs by activity
        SplittableRandom rng = new SplittableRandom(9);
        double[][] x = new double[100][1];
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            boolean active = i % 2 == 0;
            x[i][0] = active ? 0.5 + 0.5 * rng.nextDouble() : -1;
            y[i] = active ? 0 : 10;
        }
        RegressionForest forest = RegressionForest.fit(x, y, new int[1], DEFAULTS);
        for (double v : new double[] {0.0, 0.01, 0.2, 0.49}) {
            assertEquals(0, forest.predict(new double[] {v}).mean(), 1e-12, "x = " + v);
        }
        assertEquals(10, forest.predict(new double[] {-1}).mean(), 1e-12);
    }

    @Test
    void treesGrownInParallelAreTheTreesGrownOneAfterAnother() {
        double[][] x = uniformRows(400, 6, 12);
        double[] y = targets(x, p -> p[0] * p[1] + Math.cos(5 * p[2]) - p[5]);
        int[] kinds = new int[6];
        RegressionForest.Options o = DEFAULTS.toBuilder().nTrees(32).maxFeatures(0.5).seed(9).build();
        RegressionForest parallel = RegressionForest.fit(x, y, kinds, o, true);
        RegressionForest sequential = RegressionForest.fit(x, y, kinds, o, false);
        for (double[] p : uniformRows(50, 6, 13)) {
            assertArrayEquals(sequential.treePredictions(p), parallel.treePredictions(p), "tree by tree, in order");
        }
    }

    @Test
    void theSameSeedGrowsTheSameForest() {
        double[][] x = uniformRows(150, 4, 10);
        double[] y = targets(x, p -> p[0] * p[1] + Math.cos(5 * p[2]));
        RegressionForest a = RegressionForest.fit(x, y, new int[4], DEFAULTS.withSeed(3));
        RegressionForest b = RegressionForest.fit(x, y, new int[4], DEFAULTS.withSeed(3));
        RegressionForest c = RegressionForest.fit(x, y, new int[4], DEFAULTS.withSeed(4));
        boolean differs = false;
        for (double[] p : uniformRows(50, 4, 11)) {
            assertArrayEquals(a.treePredictions(p), b.treePredictions(p));
            assertEquals(a.predict(p), b.predict(p));
            differs |= a.predict(p).mean() != c.predict(p).mean();
        }
        assertTrue(differs, "another seed grows other trees");
    }

    @Test
    void withoutBootstrapEveryTreeInterpolatesTheTrainingRows() {
        double[][] x = uniformRows(60, 2, 12);
        double[] y = targets(x, p -> p[0] - 2 * p[1]);
        RegressionForest forest = RegressionForest.fit(x, y, new int[2],
                RegressionForest.Options.builder().bootstrap(false).build());
        for (int i = 0; i < x.length; i++) {
            RegressionForest.Prediction p = forest.predict(x[i]);
            assertEquals(y[i], p.mean(), 1e-12);
            assertEquals(0, p.variance(), 1e-12);
        }
    }

    @Test
    void treesExposeConsistentNodeStatistics() {
        double[][] x = uniformRows(80, 3, 13);
        double[] y = targets(x, p -> p[0] + p[1] * p[2]);
        RegressionForest forest = RegressionForest.fit(x, y, new int[3],
                RegressionForest.Options.builder().minSamplesLeaf(3).build());
        for (int t = 0; t < forest.nTrees(); t++) {
            RegressionTree tree = forest.tree(t);
            assertEquals(80, tree.weight(0), 1e-9, "the root holds the whole bootstrap sample");
            for (int node = 0; node < tree.nodeCount(); node++) {
                if (tree.isLeaf(node)) {
                    assertEquals(-1, tree.feature(node));
                    assertTrue(Double.isNaN(tree.threshold(node)));
                    continue;
                }
                int l = tree.leftChild(node);
                int r = tree.rightChild(node);
                assertEquals(l + 1, r);
                assertEquals(tree.weight(node), tree.weight(l) + tree.weight(r), 1e-9);
                double merged = (tree.weight(l) * tree.value(l) + tree.weight(r) * tree.value(r)) / tree.weight(node);
                assertEquals(tree.value(node), merged, 1e-9);
                assertTrue(tree.goesLeft(node, tree.threshold(node)));
                assertFalse(tree.goesLeft(node, Math.nextUp(tree.threshold(node)) + 1));
            }
        }
    }

    @Test
    void rejectsInvalidInputsWithAMessageThatSaysWhatToFix() {
        int[] kinds = {0, 3};
        IllegalArgumentException code = assertThrows(IllegalArgumentException.class, () -> RegressionForest.fit(
                new double[][] {{0.1, 3}}, new double[] {1}, kinds, DEFAULTS));
        assertTrue(code.getMessage().contains("codes 0..2"), code.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> RegressionForest.fit(
                new double[][] {{Double.NaN, 1}}, new double[] {1}, kinds, DEFAULTS));
        assertTrue(nan.getMessage().contains("impute"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegressionForest.fit(
                new double[][] {{0.1}}, new double[] {1}, kinds, DEFAULTS));
        assertThrows(IllegalArgumentException.class, () -> RegressionForest.fit(
                new double[][] {{0.1, 1}}, new double[] {1, 2}, kinds, DEFAULTS));
        RegressionForest f = RegressionForest.fit(new double[][] {{0.1, 1}}, new double[] {1}, kinds, DEFAULTS);
        assertThrows(IllegalArgumentException.class, () -> f.predict(new double[] {0.1}));
        assertEquals(1, f.predict(new double[] {0.7, 2}).mean(), 0, "one row: a single leaf");
    }

    @Test
    void optionsRejectSettingsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionForest.Options.builder().maxFeatures(0));
        assertTrue(e.getMessage().contains("maxFeatures must be in (0, 1], but got 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegressionForest.Options.builder().nTrees(0));
        assertThrows(IllegalArgumentException.class, () -> RegressionForest.Options.builder().minSamplesSplit(1));
        assertThrows(IllegalArgumentException.class, () -> RegressionForest.Options.builder().minSamplesLeaf(0));
        assertThrows(IllegalArgumentException.class, () -> RegressionForest.Options.builder().maxDepth(-1));
    }
}
