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
    void validationSetMustMatchTheTrainingSet() {
        Dataset train = TestData.make(Task.BINARY, 100, 2);
        Dataset other = TestData.make(Task.MULTICLASS, 100, 2);
        assertThrows(IllegalArgumentException.class, () -> lightgbm.fit(train, Map.of(), 1, other));
    }
}
