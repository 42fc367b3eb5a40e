package org.automl4j.learners.boosting;

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
}
