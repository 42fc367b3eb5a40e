package org.automl4j.sampler.cmaes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.automl4j.internal.NormalMath;
import org.automl4j.internal.ParamTransform;
import org.automl4j.space.IntDistribution;
import org.junit.jupiter.api.Test;

/** The CMA-ES core on the unit box, without a study: draws, convergence, margin, termination. */
class CmaTest {

    private static Cma cma(int n, boolean separable, ParamTransform[] discrete, double margin) {
        double[] mean = new double[n];
        Arrays.fill(mean, 0.5);
        int lambda = 4 + (int) Math.floor(3 * Math.log(n));
        return new Cma(mean, 1.0 / 6, null, lambda, separable, true, true, discrete, margin, 1e-12, 1e-12 / 6);
    }

    /** Runs {@code generations} ask-and-tell steps; returns the best loss seen. */
    private static double run(Cma cma, ToDoubleFunction<double[]> f, int generations, long seed) {
        double best = Double.POSITIVE_INFINITY;
        for (int g = 0; g < generations; g++) {
            List<Cma.Solution> sols = new ArrayList<>();
            int gen = g;
            for (int k = 0; k < cma.lambda(); k++) {
                double[] x = cma.sample(new SplittableRandom(seed * 1_000_003 + g * 997L + k),
                        () -> new SplittableRandom(seed * 31 + gen));
                double v = f.applyAsDouble(cma.encode(x));
                best = Math.min(best, v);
                sols.add(new Cma.Solution(x, v, 0));
            }
            cma.tell(sols);
        }
        return best;
    }

    private static double shiftedSphere(double[] x) {
        double v = 0;
        for (double xi : x) {
            v += (xi - 0.63) * (xi - 0.63);
        }
        return v;
    }

    @Test
    void mirroredDrawsComeInOppositePairsAndOrthogonalOnesAreOrthogonal() {
        double[][] d = Cma.baseDraws(9, 4, true, true, new SplittableRandom(1));
        assertEquals(9, d.length);
        for (int k = 0; k + 1 < d.length; k += 2) {
            for (int i = 0; i < 4; i++) {
                assertEquals(-d[k][i], d[k + 1][i], 0.0);
            }
        }
        double[][] o = Cma.baseDraws(8, 4, true, false, new SplittableRandom(2));
        for (int block = 0; block < 8; block += 4) {
            for (int a = block; a < block + 4; a++) {
                for (int b = block; b < a; b++) {
                    double dot = 0;
                    for (int i = 0; i < 4; i++) {
                        dot += o[a][i] * o[b][i];
                    }
                    assertEquals(0, dot, 1e-9, "vectors " + a + " and " + b);
                }
            }
        }
    }

    @Test
    void orthogonalDrawsKeepTheLengthsOfNormalVectors() {
        // E|z|^2 = n for z ~ N(0, I): the rescaled orthogonal draws must keep it.
        double[][] o = Cma.baseDraws(20_000, 5, true, false, new SplittableRandom(3));
        double mean = 0;
        for (double[] v : o) {
            double s = 0;
            for (double vi : v) {
                s += vi * vi;
            }
            mean += s / o.length;
        }
        assertEquals(5, mean, 0.1);
    }

    @Test
    void fullAndSeparableRunsConvergeOnAShiftedSphere() {
        ParamTransform[] none = new ParamTransform[6];
        assertTrue(run(cma(6, false, none, 0), CmaTest::shiftedSphere, 250, 1) < 1e-12);
        assertTrue(run(cma(6, true, none, 0), CmaTest::shiftedSphere, 250, 1) < 1e-12);
    }

    @Test
    void onASeparableFiftyDimensionalEllipsoidTheDiagonalVariantLearnsFaster() {
        int n = 50;
        ToDoubleFunction<double[]> ellipsoid = x -> {
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += Math.pow(10, 3.0 * i / (n - 1)) * (x[i] - 0.63) * (x[i] - 0.63);
            }
            return v;
        };
        double sep = run(cma(n, true, new ParamTransform[n], 0), ellipsoid, 200, 7);
        double full = run(cma(n, false, new ParamTransform[n], 0), ellipsoid, 200, 7);
        assertTrue(sep < full / 10, "after 200 generations: separable " + sep + ", full " + full);
    }

    @Test
    void fullCovarianceLearnsARotatedEllipsoid() {
        int n = 4;
        ToDoubleFunction<double[]> rotated = x -> {
            double a = 0;
            double b = 0;
            for (int i = 0; i < n; i++) {
                a += (x[i] - 0.5);
                b += (i % 2 == 0 ? 1 : -1) * (x[i] - 0.5);
            }
            double rest = 0;
            for (int i = 0; i < n; i++) {
                rest += (x[i] - 0.5) * (x[i] - 0.5);
            }
            return 1e4 * a * a + 1e2 * b * b + rest;
        };
        assertTrue(run(cma(n, false, new ParamTransform[n], 0), rotated, 400, 2) < 1e-10);
    }

    @Test
    void theMarginKeepsTheProbabilityOfLeavingEachIntegerCellAtLeastAlpha() {
        int n = 3;
        ParamTransform t = ParamTransform.of(IntDistribution.of(0, 9));
        ParamTransform[] discrete = {t, t, t};
        double alpha = 1.0 / (7 * n);
        Cma cma = cma(n, false, discrete, alpha);
        // Optimum 3, 0 (an end cell) and 9 (the other end).
        double[] target = {3, 0, 9};
        run(cma, x -> {
            double v = 0;
            for (int i = 0; i < n; i++) {
                double k = t.denormalize(x[i]);
                v += (k - target[i]) * (k - target[i]);
            }
            return v;
        }, 80, 4); // converged, but sigma still far above the rounding error of the mean
        double[] mean = cma.mean();
        double[] a = cma.marginScale();
        double[] c = cma.covarianceDiagonal();
        for (int i = 0; i < n; i++) {
            double k = t.denormalize(mean[i]);
            assertEquals(target[i], k, 0.0, "the mean sits in the optimal cell on axis " + i);
            double sd = cma.sigma() * a[i] * Math.sqrt(c[i]);
            double leave = 0;
            if (k > 0) {
                leave += NormalMath.cdf((t.cellLower(k) - mean[i]) / sd);
            }
            if (k < 9) {
                leave += 1 - NormalMath.cdf((t.cellUpper(k) - mean[i]) / sd);
            }
            assertTrue(leave >= alpha * 0.999, "axis " + i + ": P(leave) = " + leave + " < alpha = " + alpha);
        }
    }

    @Test
    void aFlatFunctionEndsTheRunByTolfun() {
        Cma cma = cma(2, false, new ParamTransform[2], 0);
        assertNull(cma.stopReason());
        run(cma, x -> 1.0, 40, 5);
        assertEquals("tolfun", cma.stopReason());
    }

    @Test
    void aConvergedRunStopsAndAMovingOneDoesNot() {
        Cma cma = cma(2, false, new ParamTransform[2], 0);
        run(cma, CmaTest::shiftedSphere, 10, 6);
        assertNull(cma.stopReason());
        run(cma, CmaTest::shiftedSphere, 1500, 6);
        assertNotNull(cma.stopReason());
    }

    @Test
    void infeasibleSolutionsRankAfterFeasibleOnes() {
        List<Cma.Solution> s = new ArrayList<>(List.of(new Cma.Solution(new double[1], -5, 0.1),
                new Cma.Solution(new double[1], 3, 0), new Cma.Solution(new double[1], 1, 0),
                new Cma.Solution(new double[1], -9, 0.5)));
        s.sort(Cma.Solution.ORDER);
        assertEquals(List.of(1.0, 3.0, -5.0, -9.0), s.stream().map(Cma.Solution::loss).toList());
    }

    @Test
    void aGenerationNeedsExactlyLambdaSolutions() {
        Cma cma = cma(2, false, new ParamTransform[2], 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cma.tell(List.of(new Cma.Solution(new double[2], 0, 0))));
        assertTrue(e.getMessage().contains("6"), e.getMessage());
    }

    @Test
    void normalQuantileInvertsTheCdf() {
        assertEquals(1.959963984540054, NormalQuantile.of(0.975), 1e-8);
        assertEquals(-2.326347874040841, NormalQuantile.of(0.01), 1e-8);
        assertEquals(0, NormalQuantile.of(0.5), 1e-12);
        assertEquals(-5.997807015007686, NormalQuantile.of(1e-9), 1e-6);
        for (double p = 0.001; p < 1; p += 0.0371) {
            assertEquals(p, NormalMath.cdf(NormalQuantile.of(p)), 1e-6);
        }
        assertThrows(IllegalArgumentException.class, () -> NormalQuantile.of(1.0));
    }
}
