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
