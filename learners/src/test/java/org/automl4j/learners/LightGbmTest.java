package org.automl4j.learners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.junit.jupiter.api.Test;

/** LightGBM-specific behaviour: early stopping and budgets above the search range. */
class LightGbmTest {

    private final Learner lightgbm = Learners.byName("lightgbm");

    @Test
    void earlyStoppingKeepsTheBestIterationAndRecordsIt() {
        Dataset[] d = TestData.split(Task.BINARY, 300, 200, 5);
        Model m = lightgbm.fit(d[0], Map.of("n_estimators", 1000, "learning_rate", 0.3), 1, d[1]);
        int kept = (Integer) m.params().get("n_estimators");
        assertTrue(kept >= 1 && kept < 1000, "kept " + kept + " rounds");
        Model again = Learners.load("lightgbm", m.toBytes());
        assertArrayEquals(m.predictProba(d[1].x()), again.predictProba(d[1].x()));
        assertEquals(kept, again.params().get("n_estimators"));
        // refitting with the recorded parameters reproduces the early-stopped model
        Model refit = lightgbm.fit(d[0], m.params(), 1);
        assertArrayEquals(m.predictProba(d[1].x()), refit.predictProba(d[1].x()));
    }

    @Test
    void budgetMayExceedTheSearchRangeButMustBePositive() {
        Dataset train = TestData.make(Task.REGRESSION, 100, 2);
        int kept = (Integer) lightgbm.fit(train, Map.of("n_estimators", 2500, "learning_rate", 0.5), 1).params()
                .get("n_estimators");
        assertTrue(kept >= 1 && kept <= 2500, "kept " + kept);
        assertThrows(IllegalArgumentException.class, () -> lightgbm.fit(train, Map.of("n_estimators", 0), 1));
        assertThrows(IllegalArgumentException.class, () -> lightgbm.fit(train, Map.of("n_estimators", 10.5), 1));
    }

    @Test
    void aBaggingFractionTooSmallForATinyTrainingSetStillBagsARow() {
        // 2 training rows with bagging_fraction 0.3 made LightGBM stop with "Check failed: (num_data) > (0)":
        // the training folds of a fit on 3 rows (AutoML's search draws such fractions)
        Dataset train = new Dataset(new double[][] {{0.1, 1}, {0.9, 2}}, new double[] {1.5, 3.0}, null,
                Task.REGRESSION, java.util.List.of(), java.util.List.of("a", "b"));
        for (String name : new String[] {"lgbm_rf", "lgbm_extra_trees"}) {
            Model m = Learners.byName(name).fit(train, Map.of("n_estimators", 5, "bagging_fraction", 0.3), 1);
            double[] p = m.predict(train.x());
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]), name);
        }
        Dataset one = new Dataset(new double[][] {{0.1, 1}}, new double[] {1.5}, null, Task.REGRESSION,
                java.util.List.of(), java.util.List.of("a", "b"));
        // boosting bags half of one row: none
        Model m = lightgbm.fit(one, Map.of("n_estimators", 5, "bagging_fraction", 0.5), 1);
        assertEquals(1.5, m.predict(one.x())[0], 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learners.byName("lgbm_rf").fit(one, Map.of("n_estimators", 5), 1));
        assertTrue(e.getMessage().contains("at least 2 training rows"), e.getMessage());
    }

    @Test
    void validationSetMustMatchTheTrainingSet() {
        Dataset train = TestData.make(Task.BINARY, 100, 2);
        Dataset other = TestData.make(Task.MULTICLASS, 100, 2);
        assertThrows(IllegalArgumentException.class, () -> lightgbm.fit(train, Map.of(), 1, other));
    }

    @Test
    void forestModesAverageTreesIgnoreValidationAndRoundTrip() {
        for (String name : new String[] {"lgbm_rf", "lgbm_extra_trees"}) {
            Learner forest = Learners.byName(name);
            for (Task task : new Task[] {Task.BINARY, Task.REGRESSION}) {
                Dataset[] d = TestData.split(task, 300, 200, 5);
                Model m = forest.fit(d[0], Map.of("n_estimators", 30), 1, d[1]);
                // a forest keeps every tree: no early stopping on the validation set
                assertEquals(30, m.params().get("n_estimators"), name);
                assertEquals(name, m.learner());
                Model again = Learners.load(name, m.toBytes());
                assertArrayEquals(m.predict(d[1].x()), again.predict(d[1].x()));
                assertThrows(IllegalArgumentException.class, () -> Learners.load("lightgbm", m.toBytes()));
            }
            assertThrows(IllegalArgumentException.class, () -> forest.fit(d(), Map.of("bagging_fraction", 1.0), 1));
        }
        // the two modes differ: extra trees draw random thresholds
        Dataset[] d = TestData.split(Task.REGRESSION, 300, 200, 5);
        double[] rf = Learners.byName("lgbm_rf").fit(d[0], Map.of(), 1).predict(d[1].x());
        double[] et = Learners.byName("lgbm_extra_trees").fit(d[0], Map.of(), 1).predict(d[1].x());
        assertTrue(!java.util.Arrays.equals(rf, et));
    }

    /** Rows whose features are all the same: no tree of a forest can split. */
    private static Dataset unsplittable(Task task, double[] y) {
        double[][] x = new double[y.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {1, 2};
        }
        java.util.List<String> classes = switch (task) {
            case BINARY -> java.util.List.of("a", "b");
            case MULTICLASS -> java.util.List.of("a", "b", "c");
            case REGRESSION -> java.util.List.of();
        };
        return new Dataset(x, y, null, task, classes, java.util.List.of("u", "v"));
    }

    @Test
    void forestsWhoseTreesCannotSplitPredictThePriorAlsoAfterLoading() {
        double[] values = new double[60];
        double[] labels = new double[60];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? 0 : 10;
            labels[i] = i % 3 == 0 ? 1 : 0;
        }
        double[][] row = {{1, 2}};
        for (String name : new String[] {"lgbm_rf", "lgbm_extra_trees"}) {
            Learner forest = Learners.byName(name);
            Model regression = forest.fit(unsplittable(Task.REGRESSION, values), Map.of(), 1);
            // before: 0 (every tree a single leaf of 0) whatever the target
            assertEquals(5.0, regression.predict(row)[0], 1e-6, name);
            assertEquals(5.0, Learners.load(name, regression.toBytes()).predict(row)[0], 1e-6, name);
            Model binary = forest.fit(unsplittable(Task.BINARY, labels), Map.of(), 1);
            // before: 0.5 / 0.5
            assertEquals(2.0 / 3, binary.predictProba(row)[0][0], 1e-6, name);
            assertArrayEquals(binary.predictProba(row), Learners.load(name, binary.toBytes()).predictProba(row));
        }
    }

    @Test
    void forestsOnTooFewRowsForMinChildSamplesPredictTheMean() {
        // 120 rows bagged at 0.632: 75 rows, fewer than the 2 x 64 two leaves of min_child_samples 64 need
        Dataset made = TestData.make(Task.REGRESSION, 120, 3);
        double[] y = made.y().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += 100;
        }
        Dataset train = new Dataset(made.x(), y, null, Task.REGRESSION, made.classes(), made.featureNames());
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        for (String name : new String[] {"lgbm_rf", "lgbm_extra_trees"}) {
            double[] p = Learners.byName(name).fit(train, Map.of("min_child_samples", 64), 1).predict(train.x());
            for (double v : p) {
                assertEquals(mean, v, 1e-4, name); // before: 0
            }
        }
    }

    @Test
    void aClassWithoutTrainingRowsGetsNoProbabilityFromAForest() {
        Dataset d = TestData.make(Task.MULTICLASS, 150, 4);
        double[] y = d.y().clone();
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= 1) {
                y[i]++; // class 1, "never", has no row
            }
        }
        Dataset absent = new Dataset(d.x(), y, null, Task.MULTICLASS, java.util.List.of("red", "never", "green",
                "blue"), d.featureNames());
        for (String name : new String[] {"lgbm_rf", "lgbm_extra_trees"}) {
            double[][] p = Learners.byName(name).fit(absent, Map.of(), 1).predictProba(absent.x());
            for (double[] row : p) {
                // before: lgbm_extra_trees gave it about 0.4 and made it the most probable class in most rows
                assertTrue(row[1] < 1e-6, name + " gave the class without rows " + row[1]);
            }
        }
    }

    private static Dataset d() {
        return TestData.make(Task.BINARY, 100, 2);
    }

    @Test
    void anInterruptedThreadStopsTrainingBetweenRounds() {
        Dataset train = TestData.make(Task.BINARY, 100, 2);
        for (String name : new String[] {"lightgbm", "lgbm_rf"}) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(java.util.concurrent.CancellationException.class,
                        () -> Learners.byName(name).fit(train, Map.of(), 1));
                assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set for the caller");
            } finally {
                Thread.interrupted();
            }
        }
        assertEquals(200, Learners.byName("lightgbm").fit(train, Map.of("learning_rate", 0.01), 1).params()
                .get("n_estimators"));
    }
}
