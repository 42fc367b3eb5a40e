package org.automl4j.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {

    /** Matérn-5/2 written out independently of the code under test. */
    private static double matern(double d, double lengthscale, double signal) {
        double r = Math.abs(d) / lengthscale;
        double s = Math.sqrt(5) * r;
        return signal * (1 + s + 5 * r * r / 3) * Math.exp(-s);
    }

    @Test
    void posteriorOfTwoPointsIn1dMatchesTheHandComputedFormula() {
        double ls = 0.3;
        double signal = 1.5;
        double noise = 1e-4;
        double[][] x = {{0.2}, {0.7}};
        double[] y = {1.0, -0.5};
        GaussianProcess gp = GaussianProcess.fit(x, y, new boolean[] {false}, new GpHyper(new double[] {ls}, signal, noise));
        double t = 0.45;
        // K = [[a, b], [b, a]], K^-1 = [[a, -b], [-b, a]] / (a^2 - b^2).
        double a = signal + noise;
        double b = matern(0.5, ls, signal);
        double det = a * a - b * b;
        double k1 = matern(t - 0.2, ls, signal);
        double k2 = matern(t - 0.7, ls, signal);
        double w1 = (a * k1 - b * k2) / det;
        double w2 = (-b * k1 + a * k2) / det;
        double mean = w1 * y[0] + w2 * y[1];
        double variance = signal - (w1 * k1 + w2 * k2);

        double[] mu = new double[1];
        double[] var = new double[1];
        gp.predict(new double[][] {{t}}, mu, var);
        assertEquals(mean, mu[0], 1e-12);
        assertEquals(variance, var[0], 1e-12);
        double[] single = gp.predictWithGradient(new double[] {t}, new double[1], new double[1]);
        assertEquals(mean, single[0], 1e-12);
        assertEquals(variance, single[1], 1e-12);
        assertEquals(0.0, gp.jitter());
    }

    @Test
    void posteriorInterpolatesObservationsWhenNoiseIsSmall() {
        double[][] x = {{0.1, 0.9}, {0.5, 0.5}, {0.8, 0.2}};
        double[] y = {0.3, -1.0, 2.0};
        GaussianProcess gp = GaussianProcess.fit(x, y, new boolean[2], new GpHyper(new double[] {0.4, 0.6}, 1.0, 1e-8));
        double[] mu = new double[3];
        double[] var = new double[3];
        gp.predict(x, mu, var);
        for (int i = 0; i < 3; i++) {
            assertEquals(y[i], mu[i], 1e-5);
            assertTrue(var[i] < 1e-6, "variance at an observation " + var[i]);
        }
    }

    @Test
    void gradientsOfMeanAndVarianceMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 12;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextInt(3)};
            y[i] = Math.sin(5 * x[i][0]) + x[i][1] * x[i][2];
        }
        boolean[] cat = {false, false, true};
        GaussianProcess gp = GaussianProcess.fit(x, y, cat, new GpHyper(new double[] {0.3, 0.5, 0.7}, 1.2, 1e-4));
        double[] p = {0.37, 0.61, 1};
        double[] dm = new double[3];
        double[] dv = new double[3];
        gp.predictWithGradient(p, dm, dv);
        double h = 1e-6;
        for (int j = 0; j < 2; j++) {
            double[] up = p.clone();
            double[] down = p.clone();
            up[j] += h;
            down[j] -= h;
            double[] a = gp.predictWithGradient(up, new double[3], new double[3]);
            double[] b = gp.predictWithGradient(down, new double[3], new double[3]);
            assertEquals((a[0] - b[0]) / (2 * h), dm[j], 1e-6, "mean gradient " + j);
            assertEquals((a[1] - b[1]) / (2 * h), dv[j], 1e-6, "variance gradient " + j);
        }
        assertEquals(0.0, dm[2], "categorical coordinates have no gradient");
    }

    @Test
    void batchedAndSinglePredictionsAgree() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] x = new double[30][];
        double[] y = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
            y[i] = x[i][0] - 2 * x[i][1] * x[i][1];
        }
        GaussianProcess gp = GaussianProcess.fit(x, y, new boolean[2], new GpHyper(new double[] {0.2, 0.3}, 1, 1e-6));
        double[][] pts = new double[20][];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
        }
        double[] mu = new double[20];
        double[] var = new double[20];
        gp.predict(pts, mu, var);
        for (int i = 0; i < pts.length; i++) {
            double[] s = gp.predictWithGradient(pts[i], new double[2], new double[2]);
            assertEquals(s[0], mu[i], 1e-9);
            assertEquals(s[1], var[i], 1e-9);
        }
    }

    @Test
    void extendingByNewPointsGivesTheSamePosteriorAsRefitting() {
        SplittableRandom rng = new SplittableRandom(9);
        int n = 40;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextInt(3)};
            y[i] = Math.sin(3 * x[i][0]) - x[i][1] + 0.2 * x[i][2];
        }
        boolean[] cat = {false, false, true};
        GpHyper hyper = new GpHyper(new double[] {0.3, 0.4, 0.8}, 1.3, 1e-6);
        GaussianProcess base = GaussianProcess.fit(java.util.Arrays.copyOf(x, 30), java.util.Arrays.copyOf(y, 30), cat,
                hyper);
        double[] shifted = y.clone();
        for (int i = 0; i < n; i++) {
            shifted[i] -= 0.7; // outputs may change (re-standardised) while the points stay
        }
        GaussianProcess extended = base.extend(x, shifted);
        GaussianProcess refit = GaussianProcess.fit(x, shifted, cat, hyper);
        double[][] pts = new double[25][];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextInt(3)};
        }
        double[] m1 = new double[25];
        double[] v1 = new double[25];
        double[] m2 = new double[25];
        double[] v2 = new double[25];
        extended.predict(pts, m1, v1);
        refit.predict(pts, m2, v2);
        for (int i = 0; i < pts.length; i++) {
            assertEquals(m2[i], m1[i], 1e-7);
            assertEquals(v2[i], v1[i], 1e-7);
            double[] single = extended.predictWithGradient(pts[i], new double[3], new double[3]);
            assertEquals(m2[i], single[0], 1e-7);
            assertEquals(v2[i], single[1], 1e-7);
        }
        assertThrows(IllegalArgumentException.class, () -> refit.extend(java.util.Arrays.copyOf(x, 20),
                java.util.Arrays.copyOf(y, 20)));
    }

    @Test
    void duplicatedPointsWithoutNoiseAreRecoveredByJitter() {
        double[][] x = {{0.3}, {0.3}, {0.3}, {0.6}, {0.6}};
        double[] y = {1, 1, 1, 0, 0};
        GaussianProcess gp = GaussianProcess.fit(x, y, new boolean[1], new GpHyper(new double[] {0.2}, 1, 0));
        assertTrue(gp.jitter() > 0, "the exact kernel matrix is singular, so jitter was needed");
        double[] mu = new double[2];
        double[] var = new double[2];
        gp.predict(new double[][] {{0.3}, {0.45}}, mu, var);
        assertEquals(1.0, mu[0], 1e-3);
        for (int i = 0; i < 2; i++) {
            assertTrue(Double.isFinite(mu[i]) && Double.isFinite(var[i]) && var[i] >= 0, mu[i] + " " + var[i]);
        }
    }

    @Test
    void nonFiniteOutputsAreRejectedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianProcess.fit(
                new double[][] {{0.1}}, new double[] {Double.NaN}, new boolean[1],
                new GpHyper(new double[] {1}, 1, 1e-6)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
