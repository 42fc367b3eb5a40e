package org.automl4j.learners.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.junit.jupiter.api.Test;

/** The elastic net on targets far from zero or barely varying, and models saved before the target scaling. */
class LinearRegressionLearnerTest {

    private static final List<String> NAMES = List.of("a", "b");

    private static double[][] features(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = rnd.nextDouble() * 2 - 1;
            x[i][1] = rnd.nextDouble() * 2 - 1;
        }
        return x;
    }

    private static Model fit(double[][] x, double[] y) {
        return Learners.byName("linear").fit(new Dataset(x, y, null, Task.REGRESSION, List.of(), NAMES), Map.of(), 7);
    }

    @Test
    void aTargetAroundAThousandVaryingByAThousandthIsTracked() {
        double[][] x = features(200, 1);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1000 + 0.001 * x[i][0];
        }
        double[] p = fit(x, y).predict(x);
        for (int i = 0; i < y.length; i++) {
            // before: 1000.99997 for every row (the mean plus one: Tribuo's model had no weight)
            assertEquals(y[i], p[i], 1e-5, "row " + i);
        }
    }

    @Test
    void aLargeOffsetWithTinyNoiseIsPredictedAsItsMean() {
        double[][] x = features(200, 2);
        double[] y = new double[x.length];
        SplittableRandom noise = new SplittableRandom(3);
        double mean = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = 1e6 + 1e-4 * (noise.nextDouble() - 0.5);
            mean += y[i] / y.length;
        }
        for (double v : fit(x, y).predict(x)) {
            assertEquals(mean, v, 1e-4); // before: mean + 1
        }
    }

    @Test
    void aConstantTargetIsPredictedExactlyAlsoAfterSaving() {
        double[][] x = features(50, 4);
        double[] y = new double[x.length];
        java.util.Arrays.fill(y, 1000.0);
        Model m = fit(x, y);
        Model loaded = Learners.load("linear", m.toBytes());
        for (double v : loaded.predict(x)) {
            assertEquals(1000.0, v, 1e-9); // before: 1001
        }
        assertArrayEquals(m.predict(x), loaded.predict(x));
    }

    @Test
    void theTargetScaleDoesNotChangeTheFit() {
        double[][] x = features(200, 5);
        double[] y = new double[x.length];
        double[] scaled = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 3 * x[i][0] - x[i][1];
            scaled[i] = 5e5 + 1e-3 * y[i];
        }
        double[] p = fit(x, y).predict(x);
        double[] q = fit(x, scaled).predict(x);
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i], (q[i] - 5e5) * 1e3, 1e-3, "row " + i);
        }
    }

    @Test
    void alphaMeansTheSameForATargetWhoseSquaresOverflow() {
        double[][] x = features(100, 6);
        double[] y = new double[x.length];
        double[] huge = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 3 * x[i][0] - x[i][1];
            huge[i] = 1e200 * y[i];
        }
        Map<String, Object> strong = Map.of("alpha", 0.5, "l1_ratio", 0.5);
        Dataset small = new Dataset(x, y, null, Task.REGRESSION, List.of(), NAMES);
        Dataset big = new Dataset(x, huge, null, Task.REGRESSION, List.of(), NAMES);
        double[] p = Learners.byName("linear").fit(small, strong, 7).predict(x);
        double[] q = Learners.byName("linear").fit(big, strong, 7).predict(x);
        for (int i = 0; i < p.length; i++) {
            // before: the squares overflowed, the scale fell back to 1 and the huge target was barely regularised
            assertEquals(p[i], q[i] / 1e200, 1e-6, "row " + i);
        }
    }

    /**
     * {@code linear-before-target-scaling.model} was written by the learner before it standardised the target
     * (Tribuo's output mean and scale then were the target's mean and 1), for these rows: a * 2 - b + (i % 3) / 2
     * + 10 with alpha 0.01, l1_ratio 0.5 and seed 3.
     */
    @Test
    void aModelSavedBeforeTheTargetScalingPredictsAsBefore() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("linear-before-target-scaling.model")) {
            bytes = in.readAllBytes();
        }
        Model old = Learners.load("linear", bytes);
        assertEquals(Map.of("alpha", 0.01, "l1_ratio", 0.5), old.params());
        double[] p = old.predict(new double[][] {{0, 0}, {1.5, -2}, {-3, 5}, {1e3, 1e-3}});
        assertArrayEquals(new double[] {10.437075117847233, 15.377523530884387, -0.42474663833650084,
            1996.1684627384482}, p);
    }
}
