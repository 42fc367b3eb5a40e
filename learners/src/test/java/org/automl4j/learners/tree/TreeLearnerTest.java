package org.automl4j.learners.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
