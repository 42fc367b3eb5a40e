package org.automl4j.learners.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learner;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.junit.jupiter.api.Test;

class MlpLearnerTest {

    /** Three Gaussian blobs in 4 dimensions, standardised. */
    private static Dataset blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][4];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c;
            for (int j = 0; j < 4; j++) {
                x[i][j] = (j == c ? 2.0 : 0.0) + r.nextGaussian() * 0.7;
            }
        }
        return new Dataset(x, y, null, Task.MULTICLASS, List.of("a", "b", "c"), List.of("x0", "x1", "x2", "x3"));
    }

    private static Dataset line(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian();
            y[i] = 100 + 30 * x[i][0] - 10 * x[i][1] * x[i][1] + r.nextGaussian();
        }
        return new Dataset(x, y, null, Task.REGRESSION, List.of(), List.of("a", "b"));
    }

    private static final Map<String, Object> SMALL = Map.of("hidden_units", 32, "epochs", 40, "batch_size", 32,
            "learning_rate", 0.01);

    @Test
    void theRegistryFindsTheNetworkThroughItsProvider() {
        Learner mlp = Learners.byName("mlp");
        assertTrue(mlp.capabilities().needsScaling() && !mlp.capabilities().handlesMissing());
        assertEquals("epochs", mlp.budgetParameter().orElseThrow());
        assertTrue(Learners.forTask(Task.REGRESSION).contains(mlp));
    }

    @Test
    void classifiesSeparableBlobsAndItsProbabilitiesSumToOne() {
        Dataset train = blobs(300, 1);
        Dataset test = blobs(150, 2);
        Model m = Learners.byName("mlp").fit(train, SMALL, 3);
        double[] pred = m.predict(test.x());
        int right = 0;
        for (int i = 0; i < pred.length; i++) {
            right += pred[i] == test.y()[i] ? 1 : 0;
        }
        assertTrue(right > 0.9 * pred.length, right + " of " + pred.length);
        for (double[] row : m.predictProba(test.x())) {
            assertEquals(1.0, row[0] + row[1] + row[2], 1e-6);
        }
    }

    @Test
    void fitsANonLinearRegressionOnTheTargetsScale() {
        Dataset train = line(400, 5);
        Dataset test = line(200, 6);
        Model m = Learners.byName("mlp").fit(train, Map.of("hidden_units", 64, "epochs", 150, "batch_size", 32,
                "learning_rate", 0.01), 1);
        double[] p = m.predict(test.x());
        double mean = java.util.Arrays.stream(test.y()).average().orElseThrow();
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < p.length; i++) {
            ssRes += (p[i] - test.y()[i]) * (p[i] - test.y()[i]);
            ssTot += (test.y()[i] - mean) * (test.y()[i] - mean);
        }
        double r2 = 1 - ssRes / ssTot;
        assertTrue(r2 > 0.9, "R2 " + r2);
    }

    @Test
    void theSameSeedGivesTheSameNetworkAndSavingAndLoadingKeepsItsPredictions() {
        Dataset train = blobs(120, 1);
        Learner mlp = Learners.byName("mlp");
        Model a = mlp.fit(train, SMALL, 9);
        Model b = mlp.fit(train, SMALL, 9);
        double[][] pa = a.predictProba(train.x());
        double[][] pb = b.predictProba(train.x());
        for (int i = 0; i < pa.length; i++) {
            assertArrayEquals(pa[i], pb[i], 1e-6);
        }
        Model loaded = Learners.load("mlp", a.toBytes());
        double[][] pl = loaded.predictProba(train.x());
        for (int i = 0; i < pa.length; i++) {
            assertArrayEquals(pa[i], pl[i], 1e-7);
        }
        assertEquals(a.params(), loaded.params());
    }

    @Test
    void withAValidationSetItStopsEarlyAndReportsTheEpochsKept() {
        Dataset train = blobs(150, 1);
        Dataset valid = blobs(60, 3);
        Model m = Learners.byName("mlp").fit(train, Map.of("epochs", 300, "learning_rate", 0.03), 2, valid);
        int kept = ((Number) m.params().get("epochs")).intValue();
        assertTrue(kept >= 1 && kept < 300, "epochs kept " + kept);
    }

    @Test
    void missingValuesAndCorruptBytesAreRefusedClearly() {
        Dataset train = blobs(30, 1);
        train.x()[4][2] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learners.byName("mlp").fit(train, SMALL, 1));
        assertTrue(e.getMessage().contains("row 4, feature 2 ('x2') is NaN; impute"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Learners.load("mlp", new byte[] {1, 2, 3}));
        assertSame(Learners.byName("mlp"), Learners.byName("mlp"));
    }
}
