package org.automl4j.metagrad.hypergradient;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.hypergradient.HypergradientDescent.Base;
import org.automl4j.metagrad.hypergradient.HypergradientDescent.Options;
import org.automl4j.metagrad.hypergradient.HypergradientDescent.Rule;
import org.automl4j.metagrad.nn.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HypergradientDescentTest {
    private static final DeepEngine ENGINE = DeepEngine.start();

    /** f(theta) = 1/2 theta' A theta - b' theta with A symmetric positive definite. */
    private static final double[][] A = {{3, 0.5, 0}, {0.5, 1, 0.2}, {0, 0.2, 0.4}};
    private static final double[] B = {1, -2, 0.5};

    static double f(double[] t) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s += 0.5 * t[i] * A[i][j] * t[j];
            }
            s -= B[i] * t[i];
        }
        return s;
    }

    static double[] grad(double[] t) {
        double[] g = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                g[i] += A[i][j] * t[j];
            }
            g[i] -= B[i];
        }
        return g;
    }

    /** The minimum value, -1/2 b' A^-1 b, by Gaussian elimination. */
    static double fStar() {
        double[][] m = new double[3][4];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(A[i], 0, m[i], 0, 3);
            m[i][3] = B[i];
        }
        for (int c = 0; c < 3; c++) {
            for (int r = c + 1; r < 3; r++) {
                double k = m[r][c] / m[c][c];
                for (int j = c; j < 4; j++) {
                    m[r][j] -= k * m[c][j];
                }
            }
        }
        double[] x = new double[3];
        for (int r = 2; r >= 0; r--) {
            double s = m[r][3];
            for (int j = r + 1; j < 3; j++) {
                s -= m[r][j] * x[j];
            }
            x[r] = s / m[r][r];
        }
        return f(x);
    }

    static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * The hypergradient after step t is dL(theta_t)/d alpha, where theta_t = theta_{t-1} - alpha u_{t-1}: compare it
     * with a central difference of the quadratic along the direction the optimiser actually took.
     */
    @Test
    void hypergradientOfAQuadraticEqualsTheDerivativeOfTheLossInTheLearningRate() {
        for (Base base : Base.values()) {
            for (Rule rule : Rule.values()) {
                Options o = new Options(base, rule, 0.05, rule == Rule.ADDITIVE ? 0.001 : 0.02, 0.9, 0.999, 1e-8, 1e-6, 10);
                try (NDManager m = ENGINE.newManager(); HypergradientDescent hd = new HypergradientDescent(o)) {
                    NDArray theta = Tensors.create(m, new float[] {1, 1, 1}, new Shape(3));
                    double[] before = null;
                    double lrBefore = Double.NaN;
                    for (int t = 0; t < 6; t++) {
                        double[] now = doubles(theta.toFloatArray());
                        NDArray g = Tensors.create(m, floats(grad(now)), new Shape(3));
                        double lrUsed = hd.step(List.of(theta), List.of(g));
                        if (before != null) {
                            double[] u = new double[3];
                            for (int i = 0; i < 3; i++) {
                                u[i] = (before[i] - now[i]) / lrBefore;
                            }
                            double eps = 1e-4;
                            double[] plus = new double[3];
                            double[] minus = new double[3];
                            for (int i = 0; i < 3; i++) {
                                plus[i] = before[i] - (lrBefore + eps) * u[i];
                                minus[i] = before[i] - (lrBefore - eps) * u[i];
                            }
                            double numeric = (f(plus) - f(minus)) / (2 * eps);
                            assertEquals(numeric, hd.lastHypergradient(), 2e-3 * Math.max(1, Math.abs(numeric)),
                                    base + " " + rule + " step " + t);
                            // and the closed form for SGD: h = -(g0 - alpha A g0) . g0 along u = g0
                        }
                        before = now;
                        lrBefore = lrUsed;
                    }
                }
            }
        }
    }

    @Test
    void sgdHypergradientMatchesItsClosedFormOnAQuadratic() {
        double alpha = 0.1;
        double[] t0 = {1, 1, 1};
        double[] g0 = grad(t0);
        double[] t1 = new double[3];
        for (int i = 0; i < 3; i++) {
            t1[i] = t0[i] - alpha * g0[i];
        }
        double[] ag0 = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                ag0[i] += A[i][j] * g0[j];
            }
        }
        double closed = 0; // h = -(g0 - alpha A g0) . g0
        for (int i = 0; i < 3; i++) {
            closed -= (g0[i] - alpha * ag0[i]) * g0[i];
        }
        try (NDManager m = ENGINE.newManager();
             HypergradientDescent hd = new HypergradientDescent(new Options(Base.SGD, Rule.ADDITIVE, alpha, 0.01, 0.9, 0.999,
                     1e-8, 1e-6, 10))) {
            NDArray theta = Tensors.create(m, floats(t0), new Shape(3));
            hd.step(List.of(theta), List.of(Tensors.create(m, floats(g0), new Shape(3))));
            assertArrayEquals(floats(t1), theta.toFloatArray(), 1e-6f);
            hd.step(List.of(theta), List.of(Tensors.create(m, floats(grad(t1)), new Shape(3))));
            assertEquals(closed, hd.lastHypergradient(), 1e-5);
            assertEquals(alpha - 0.01 * closed, hd.learningRate(), 1e-7);
        }
    }

    @Test
    void withoutAHyperStepItIsDjlsOwnSgdAndAdam() {
        for (Base base : Base.values()) {
            Optimizer djl = base == Base.SGD ? Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build()
                    : Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build();
            Options o = new Options(base, Rule.MULTIPLICATIVE, 0.05, 0, 0.9, 0.999, 1e-8, 1e-6, 10);
            try (NDManager m = ENGINE.newManager(); HypergradientDescent hd = new HypergradientDescent(o)) {
                NDArray ours = Tensors.create(m, new float[] {1, 1, 1}, new Shape(3));
                NDArray theirs = Tensors.create(m, new float[] {1, 1, 1}, new Shape(3));
                for (int t = 0; t < 20; t++) {
                    NDArray g = Tensors.create(m, floats(grad(doubles(ours.toFloatArray()))), new Shape(3));
                    hd.step(List.of(ours), List.of(g));
                    djl.update("w", theirs, Tensors.create(m, floats(grad(doubles(theirs.toFloatArray()))), new Shape(3)));
                    assertArrayEquals(theirs.toFloatArray(), ours.toFloatArray(), 1e-5f, base + " step " + t);
                }
                assertEquals(0.05, hd.learningRate());
            }
        }
    }

    @Test
    void learningRateGrowsWhenTooSmallAndShrinksWhenTooLarge() {
        // the largest curvature of A is about 3.13, so SGD is stable below 2/3.13 = 0.64
        for (double start : new double[] {0.005, 1.0}) {
            try (NDManager m = ENGINE.newManager(); HypergradientDescent hd = new HypergradientDescent(Options.sgd(start, 0.05))) {
                NDArray theta = Tensors.create(m, new float[] {1, 1, 1}, new Shape(3));
                for (int t = 0; t < 300; t++) {
                    hd.step(List.of(theta), List.of(Tensors.create(m, floats(grad(doubles(theta.toFloatArray()))),
                            new Shape(3))));
                }
                double gap = f(doubles(theta.toFloatArray())) - fStar();
                assertTrue(gap < 1e-3 * (f(new double[] {1, 1, 1}) - fStar()), "converged from lr " + start + ": gap " + gap);
                if (start < 0.01) {
                    assertTrue(hd.learningRate() > 10 * start, "grew: " + hd.learningRate());
                } else {
                    assertTrue(hd.learningRate() < 0.64, "shrank into the stable range: " + hd.learningRate());
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Options.sgd(-1, 0.01));
        assertThrows(IllegalArgumentException.class, () -> Options.sgd(0.1, 0.01).withRule(Rule.MULTIPLICATIVE, 1.5));
    }

    @Test
    void probeKeepsTheWeightsAtTheirStartAndFindsTheLineMinimumFromFarTooLarge() {
        double[] t0 = {1, 1, 1};
        double[] g0 = grad(t0);
        double gg = 0;
        double gag = 0;
        for (int i = 0; i < 3; i++) {
            gg += g0[i] * g0[i];
            for (int j = 0; j < 3; j++) {
                gag += g0[i] * A[i][j] * g0[j];
            }
        }
        double lineMinimum = gg / gag; // argmin over alpha of f(t0 - alpha g0)
        int probe = 12;
        for (boolean withProbe : new boolean[] {true, false}) {
            Options o = Options.sgd(20, 0.05).withProbe(withProbe ? probe : 0);
            try (NDManager m = ENGINE.newManager(); HypergradientDescent hd = new HypergradientDescent(o)) {
                NDArray theta = Tensors.create(m, floats(t0), new Shape(3));
                Runnable step = () -> hd.step(List.of(theta), List.of(Tensors.create(m,
                        floats(grad(doubles(theta.toFloatArray()))), new Shape(3))));
                if (!withProbe) {
                    // the paper's rule alone cannot shrink alpha fast enough: the iterates overflow
                    assertThrows(IllegalStateException.class, () -> {
                        for (int t = 0; t < 300; t++) {
                            step.run();
                        }
                    });
                    continue;
                }
                for (int t = 0; t <= probe; t++) {
                    assertTrue(hd.probing(), "call " + t + " is a probe");
                    step.run();
                }
                assertTrue(!hd.probing());
                assertArrayEquals(floats(t0), theta.toFloatArray(), 0f, "the probe leaves the weights where they started");
                assertEquals(lineMinimum, hd.learningRate(), 0.2 * lineMinimum, "probed rate vs the line minimum "
                        + lineMinimum);
                for (int t = 0; t < 300; t++) {
                    step.run();
                }
                double gap = f(doubles(theta.toFloatArray())) - fStar();
                assertTrue(gap < 1e-3 * (f(t0) - fStar()), "converged after the probe: gap " + gap);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Options.sgd(0.1, 0).withProbe(5));
        assertThrows(IllegalArgumentException.class, () -> Options.sgd(0.1, 0.02).withProbe(-1));
    }

    @Test
    void probeWithAdamAlsoAnchorsTheWeightsAndThenRestartsTheMoments() {
        int probe = 8;
        try (NDManager m = ENGINE.newManager();
             HypergradientDescent hd = new HypergradientDescent(Options.adam(5, 0.02).withProbe(probe));
             HypergradientDescent fresh = new HypergradientDescent(Options.adam(1, 0.02))) {
            NDArray theta = Tensors.create(m, new float[] {1, 1, 1}, new Shape(3));
            for (int t = 0; t <= probe; t++) {
                hd.step(List.of(theta), List.of(Tensors.create(m, floats(grad(doubles(theta.toFloatArray()))), new Shape(3))));
            }
            assertArrayEquals(new float[] {1, 1, 1}, theta.toFloatArray(), 0f);
            // Adam's first direction is sign(g0) = (1, 1, 1); along it f is least at a = 1 + sum(b) / sum(A) ... here
            // 1 - (-0.5) / 5.8: the probe brings a rate of 5 (which overshoots) down to about that
            assertEquals(1 + 0.5 / 5.8, hd.learningRate(), 0.3, "probed Adam rate");
            // the first step after the probe is Adam's first step (bias-corrected, |update| = lr per coordinate)
            double lr = hd.learningRate();
            hd.step(List.of(theta), List.of(Tensors.create(m, floats(grad(new double[] {1, 1, 1})), new Shape(3))));
            double[] g = grad(new double[] {1, 1, 1});
            for (int i = 0; i < 3; i++) {
                assertEquals(1 - lr * Math.signum(g[i]), theta.toFloatArray()[i], 1e-4);
            }
        }
    }
}
