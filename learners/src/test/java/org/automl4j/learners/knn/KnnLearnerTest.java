package org.automl4j.learners.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.junit.jupiter.api.Test;

/** kNN regression predicts the mean target of the k nearest rows. */
class KnnLearnerTest {

    @Test
    void anInterruptedClassificationPredictionIsGivenUpAsCancelledInsteadOfLeakingTribuosThreadPool() {
        // before: IllegalStateException "Thread pool went bang" from Tribuo, whose pool of non-daemon threads was
        // never shut down (a JVM running AutoML.fit with a kNN pipeline stopped for time, or a meta-learning plan
        // given up in its 1-NN landmarker, could not exit)
        double[][] x = new double[20][];
        double[] y = new double[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i};
            y[i] = i < 10 ? 0 : 1;
        }
        Dataset d = new Dataset(x, y, null, Task.BINARY, List.of("a", "b"), List.of("f"));
        Model m = Learners.byName("knn").fit(d, Map.of("n_neighbors", 3), 1);
        Thread.currentThread().interrupt();
        try {
            java.util.concurrent.CancellationException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.CancellationException.class, () -> m.predictProba(x));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("knn: prediction of 20 rows given up"),
                    e.getMessage());
            org.junit.jupiter.api.Assertions.assertTrue(Thread.currentThread().isInterrupted(),
                    "the caller's interrupt stays set");
        } finally {
            Thread.interrupted();
        }
        assertArrayEquals(y, m.predict(x), "uninterrupted, it predicts as before");
    }

    @Test
    void regressionAveragesTheKNearestTargetsAlsoAfterLoading() {
        double[][] x = new double[10][];
        double[] y = new double[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i};
            y[i] = 10 * i;
        }
        Dataset d = new Dataset(x, y, null, Task.REGRESSION, List.of(), List.of("f"));
        double[][] q = {{0}, {4.9}, {9}};
        for (String metric : new String[] {"l2", "l1"}) {
            Model m = Learners.byName("knn").fit(d, Map.of("n_neighbors", 3, "metric", metric), 1);
            // before: 20, 60, 70 (Tribuo's averaging kept the farthest of the three neighbours' targets)
            assertArrayEquals(new double[] {10, 50, 80}, m.predict(q), 1e-12, metric);
            assertArrayEquals(m.predict(q), Learners.load("knn", m.toBytes()).predict(q), metric);
        }
    }

    @Test
    void regressionMatchesABruteForceMeanOnRandomRows() {
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 150;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rnd.nextDouble() * 2 - 1;
            }
            y[i] = 3 * x[i][0] - x[i][1] + 0.1 * rnd.nextDouble();
        }
        Dataset d = new Dataset(x, y, null, Task.REGRESSION, List.of(), List.of("a", "b", "c"));
        for (int k : new int[] {5, 50}) {
            double[] p = Learners.byName("knn").fit(d, Map.of("n_neighbors", k), 1).predict(x);
            for (int i = 0; i < n; i++) {
                double[] row = x[i];
                Integer[] order = new Integer[n];
                for (int j = 0; j < n; j++) {
                    order[j] = j;
                }
                Arrays.sort(order, Comparator.comparingDouble(j -> squaredDistance(row, x[j])));
                double mean = 0;
                for (int m = 0; m < k; m++) {
                    mean += y[order[m]] / k;
                }
                assertEquals(mean, p[i], 1e-9, "k " + k + ", row " + i);
            }
        }
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }
}
