package org.automl4j.learners.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.junit.jupiter.api.Test;

class MlpTransferTest {

    /** Rows whose class is the nearest of {@code centres} (a task family sharing the same input space). */
    private static Dataset task(double[][] centres, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][6];
        double[] y = new double[n];
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < centres.length; c++) {
            classes.add("c" + c);
        }
        for (int i = 0; i < n; i++) {
            int c = i % centres.length;
            for (int j = 0; j < 6; j++) {
                x[i][j] = centres[c][j] + r.nextGaussian() * 0.8;
            }
            y[i] = c;
        }
        return new Dataset(x, y, null, Task.MULTICLASS, classes, List.of("a", "b", "c", "d", "e", "f"));
    }

    @Test
    void fineTuningCopiesTheHiddenLayersButNotTheHeadAndKeepsTheSourcesArchitecture() {
        double[][] source = {{2, 0, 0, 0, 0, 0}, {0, 2, 0, 0, 0, 0}, {0, 0, 2, 0, 0, 0}, {0, 0, 0, 2, 0, 0}};
        double[][] target = {{0, 0, 0, 0, 2, 0}, {0, 0, 0, 0, 0, 2}};
        Model a = Learners.byName("mlp").fit(task(source, 200, 1), Map.of("hidden_units", 24, "layers", 2,
                "epochs", 20), 1);
        MlpModel fresh = ((MlpLearner) Learners.byName("mlp")).fit(task(target, 20, 2),
                Map.of("hidden_units", 24, "layers", 2, "epochs", 10), 2, null, null);
        int copied = ((MlpModel) a).copyMatchingWeightsTo(fresh.model());
        assertEquals(4, copied, "two hidden layers, weight and bias each; the 2-class head differs from the 4-class");
        Model tuned = MlpTransfer.fineTune(a, task(target, 20, 2), Map.of("epochs", 60, "hidden_units", 999), 3, null);
        assertEquals(24, ((Number) tuned.params().get("hidden_units")).intValue());
        double[] p = tuned.predict(task(target, 100, 9).x());
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += p[i] == i % 2 ? 1 : 0;
        }
        assertTrue(right > 80, right + " of 100");
    }

    @Test
    void onlyANetworkCanBeASource() {
        Dataset d = task(new double[][] {{1, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}}, 20, 1);
        Model tree = Learners.byName("tree").fit(d, Map.of(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlpTransfer.fineTune(tree, d, Map.of(), 1, null));
        assertTrue(e.getMessage().contains("learner 'mlp'"), e.getMessage());
    }
}
