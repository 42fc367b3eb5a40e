package org.automl4j.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HyperparameterFitTest {

    private static HyperparameterFit problem(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextInt(3)};
            // Varies fast in x0, not at all in x1, a little with the category.
            y[i] = Math.sin(8 * x[i][0]) + 0.3 * x[i][2];
        }
        double mean = 0;
        for (double v : y) {
            mean += v / n;
        }
        for (int i = 0; i < n; i++) {
            y[i] -= mean;
        }
        return new HyperparameterFit(x, y, new boolean[] {false, false, true}, 1e-6, false);
    }

    @Test
    void gradientOfTheNegativeLogPosteriorMatchesFiniteDifferences() {
        HyperparameterFit f = problem(25, 1);
        double[] theta = {Math.log(0.3), Math.log(0.8), Math.log(0.5), Math.log(1.3), Math.log(1e-3)};
        double[] g = new double[theta.length];
        f.valueAndGradient(theta, g);
        double h = 1e-6;
        for (int j = 0; j < theta.length; j++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[j] += h;
            down[j] -= h;
            double numeric = (f.valueAndGradient(up, new double[5]) - f.valueAndGradient(down, new double[5])) / (2 * h);
            assertEquals(numeric, g[j], 1e-4 * Math.max(1, Math.abs(numeric)), "component " + j);
        }
    }

    @Test
    void fittedLengthscalesAreShortForTheActiveDimensionAndLongForTheIrrelevantOne() {
        HyperparameterFit f = problem(40, 2);
        HyperparameterFit.Fit fit = f.fit(List.of(f.theta(0.5, 1, 1e-3)), 100);
        assertNotNull(fit);
        double[] ls = fit.hyper().lengthscales();
        assertTrue(ls[0] < 0.5, "active dimension lengthscale " + ls[0]);
        assertTrue(ls[1] > 2 * ls[0], "irrelevant dimension lengthscale " + ls[1] + " vs " + ls[0]);
        assertTrue(fit.hyper().noiseVariance() < 1e-2, "noise-free data: " + fit.hyper().noiseVariance());
        double start = f.valueAndGradient(f.theta(0.5, 1, 1e-3), new double[5]);
        assertTrue(fit.negativeLogPosterior() < start, "the fit improves on its start");
    }

    @Test
    void lbfgsFindsTheBoundedMinimumOfAShiftedRosenbrock() {
        Lbfgs.Objective rosen = (x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        Lbfgs.Result free = Lbfgs.minimize(rosen, new double[] {-1.2, 1}, new double[] {-5, -5}, new double[] {5, 5},
                500, 1e-10, 0, 1);
        assertEquals(1, free.x()[0], 1e-4);
        assertEquals(1, free.x()[1], 1e-4);
        // With x0 <= 0.5 the minimum sits on the bound at (0.5, 0.25).
        Lbfgs.Result bounded = Lbfgs.minimize(rosen, new double[] {-1.2, 1}, new double[] {-5, -5},
                new double[] {0.5, 5}, 500, 1e-10, 0, 1);
        assertEquals(0.5, bounded.x()[0], 1e-6);
        assertEquals(0.25, bounded.x()[1], 1e-4);
    }
}
