package org.automl4j.learners.boosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.junit.jupiter.api.Test;

class XGBoostLearnerTest {

    @Test
    void featureValuesBeyondFloatRangeAreFittedAndPredictedInsteadOfFailingAsInfinite() {
        int n = 40;
        double[][] x = new double[n][2];
        double[] label = new double[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            double u = (i - n / 2 + 0.5) / n;
            x[i][0] = u * 1e300;
            x[i][1] = (i * 7 % 11) / 11.0;
            label[i] = u > 0 ? 1 : 0;
            value[i] = label[i] + x[i][1];
        }
        List<String> names = List.of("big", "noise");
        double[][] fresh = {{-5e299, 0.5}, {5e299, 0.5}, {Double.NaN, 0.5}};
        double[][] proba = Learners.byName("xgboost")
                .fit(new Dataset(x, label, null, Task.BINARY, List.of("no", "yes"), names), Map.of(), 0)
                .predictProba(fresh);
        assertTrue(proba[0][0] > 0.5 && proba[1][1] > 0.5, Arrays.deepToString(proba));
        assertTrue(Double.isFinite(proba[2][0]), Arrays.deepToString(proba));
        double[] values = Learners.byName("xgboost")
                .fit(new Dataset(x, value, null, Task.REGRESSION, List.of(), names), Map.of(), 0).predict(fresh);
        assertTrue(Arrays.stream(values).allMatch(Double::isFinite), Arrays.toString(values));
    }

    @Test
    void aShortRegressionBoosterStartsFromTheTargetsMeanNotFromHalf() {
        int n = 200;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i / (double) n;
            y[i] = 1000 + 10 * x[i][0];
        }
        Dataset train = new Dataset(x, y, null, Task.REGRESSION, List.of(), List.of("x"));
        // 10 trees at rate 0.01 move a start of 0.5 only about 10 % of the way to 1000
        double[] predicted = Learners.byName("xgboost")
                .fit(train, Map.of("n_estimators", 10, "learning_rate", 0.01), 0).predict(new double[][] {{0.1}, {0.9}});
        for (double v : predicted) {
            assertTrue(Math.abs(v - 1005) < 10, Arrays.toString(predicted));
        }
        assertTrue(predicted[1] > predicted[0], Arrays.toString(predicted));
    }

    @Test
    void theBaseScoreIsTheWeightedMeanTarget() {
        Dataset d = new Dataset(new double[][] {{0}, {1}, {2}}, new double[] {1, 2, 10}, new double[] {1, 1, 2},
                Task.REGRESSION, List.of(), List.of("x"));
        assertEquals(23.0 / 4, XGBoostLearner.baseScore(d), 1e-12);
    }
}
