package org.automl4j.sampler.gp;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * A Gaussian process conditioned on observations with fixed hyperparameters: the Cholesky factor
 * {@code L} of {@code K + noise I} (EJML), {@code alpha = K^-1 y} and {@code L^-1} for batched
 * predictions. If the factorisation fails (duplicated points with no noise, ill-conditioning), a
 * jitter growing tenfold from {@code 1e-9 sigma_f^2} is added to the diagonal until it succeeds.
 * Immutable once built; predictions are thread-safe.
 */
final class GaussianProcess {

    /** Smallest posterior variance reported, relative to the signal variance. */
    private static final double MIN_VARIANCE = 1e-12;
    private static final double FIRST_JITTER = 1e-9;
    private static final double MAX_JITTER = 1e-1;

    private final double[][] x;
    private final int n;
    private final int dims;
    private final boolean[] categorical;
    private final GpHyper hyper;
    private final double[] inverseSquared;
    private final double signalVariance;
    private final double jitter;
    private final DMatrixRMaj lower;
    private final DMatrixRMaj lowerInverse;
    private final double[] alpha;

    private GaussianProcess(double[][] x, boolean[] categorical, GpHyper hyper, double jitter, DMatrixRMaj lower,
            DMatrixRMaj lowerInverse, double[] y) {
        this.x = x;
        this.n = x.length;
        this.dims = categorical.length;
        this.categorical = categorical;
        this.hyper = hyper;
        this.inverseSquared = hyper.inverseSquaredLengthscales();
        this.signalVariance = hyper.signalVariance();
        this.jitter = jitter;
        this.lower = lower;
        this.lowerInverse = lowerInverse;
        this.alpha = y.clone();
        TriangularSolver_DDRM.solveL(lower.data, alpha, n);
        TriangularSolver_DDRM.solveTranL(lower.data, alpha, n);
    }

    /**
     * Conditions a GP on {@code (x, y)}.
     *
     * @param x           observations in model coordinates, one row per point (not copied: do not modify)
     * @param y           (standardised) outputs
     * @param categorical which dimensions are categorical
     * @throws ArithmeticException if even the largest jitter leaves the kernel matrix not positive definite
     */
    static GaussianProcess fit(double[][] x, double[] y, boolean[] categorical, GpHyper hyper) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need at least one point and one output per point, but got "
                    + n + " points and " + y.length + " outputs");
        }
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("outputs must be finite, but got " + Arrays.toString(y));
            }
        }
        DMatrixRMaj k = kernelMatrix(x, categorical, hyper.inverseSquaredLengthscales(), hyper.signalVariance());
        double jitter = 0;
        while (true) {
            DMatrixRMaj a = k.copy();
            for (int i = 0; i < n; i++) {
                a.data[i * n + i] += hyper.noiseVariance() + jitter;
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
            if (chol.decompose(a)) {
                DMatrixRMaj l = chol.getT(null);
                if (positiveDiagonal(l)) {
                    DMatrixRMaj li = l.copy();
                    TriangularSolver_DDRM.invertLower(li.data, n);
                    return new GaussianProcess(x, categorical, hyper, jitter, l, li, y);
                }
            }
            jitter = jitter == 0 ? FIRST_JITTER * hyper.signalVariance() : jitter * 10;
            if (jitter > MAX_JITTER * hyper.signalVariance()) {
                throw new ArithmeticException("the kernel matrix of " + n + " points is not positive definite even"
                        + " with jitter " + jitter / 10 + " (" + hyper + ")");
            }
        }
    }

    /**
     * This GP conditioned on more points with the same hyperparameters and jitter, by extending the
     * Cholesky factor and its inverse in {@code O(n^2 m)} instead of refactorising in {@code O(n^3)}.
     *
     * @param allX this GP's points followed by the {@code m} new ones (not copied: do not modify)
     * @param allY outputs of every point (the old ones may have changed)
     * @return the extended GP, or null if the new block is not positive definite (refit from scratch then)
     * @throws IllegalArgumentException if {@code allX} does not start with this GP's points
     */
    GaussianProcess extend(double[][] allX, double[] allY) {
        int total = allX.length;
        int m = total - n;
        if (m < 0 || allY.length != total) {
            throw new IllegalArgumentException("extend needs this GP's " + n + " points and more, with one output each,"
                    + " but got " + total + " points and " + allY.length + " outputs");
        }
        for (int i = 0; i < n; i++) {
            if (!Arrays.equals(x[i], allX[i])) {
                throw new IllegalArgumentException("point " + i + " differs: " + Arrays.toString(x[i]) + " vs "
                        + Arrays.toString(allX[i]) + "; extend only appends points");
            }
        }
        for (double v : allY) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("outputs must be finite, but got " + Arrays.toString(allY));
            }
        }
        if (m == 0) {
            return new GaussianProcess(allX, categorical, hyper, jitter, lower, lowerInverse, allY);
        }
        // K_new = [[K, B], [B^T, C]]: L_new = [[L, 0], [S^T, Lc]] with S = L^-1 B and Lc Lc^T = C - S^T S.
        DMatrixRMaj s = new DMatrixRMaj(n, m);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                s.data[i * m + c] = Matern52.value(Matern52.r2(x[i], allX[n + c], inverseSquared, categorical),
                        signalVariance);
            }
        }
        TriangularSolver_DDRM.solveL(lower.data, s.data, n, m);
        DMatrixRMaj block = new DMatrixRMaj(m, m);
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                block.data[a * m + b] = a == b ? signalVariance + hyper.noiseVariance() + jitter
                        : Matern52.value(Matern52.r2(allX[n + a], allX[n + b], inverseSquared, categorical),
                                signalVariance);
            }
        }
        CommonOps_DDRM.multAddTransA(-1.0, s, s, block);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
        if (!chol.decompose(block)) {
            return null;
        }
        DMatrixRMaj lc = chol.getT(null);
        if (!positiveDiagonal(lc)) {
            return null;
        }
        DMatrixRMaj lcInverse = lc.copy();
        TriangularSolver_DDRM.invertLower(lcInverse.data, m);
        // L_new^-1 = [[L^-1, 0], [-Lc^-1 S^T L^-1, Lc^-1]].
        DMatrixRMaj st = new DMatrixRMaj(m, n);
        CommonOps_DDRM.multTransA(s, lowerInverse, st);
        DMatrixRMaj bottom = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(-1.0, lcInverse, st, bottom);
        DMatrixRMaj l2 = new DMatrixRMaj(total, total);
        CommonOps_DDRM.insert(lower, l2, 0, 0);
        CommonOps_DDRM.insert(CommonOps_DDRM.transpose(s, null), l2, n, 0);
        CommonOps_DDRM.insert(lc, l2, n, n);
        DMatrixRMaj li2 = new DMatrixRMaj(total, total);
        CommonOps_DDRM.insert(lowerInverse, li2, 0, 0);
        CommonOps_DDRM.insert(bottom, li2, n, 0);
        CommonOps_DDRM.insert(lcInverse, li2, n, n);
        return new GaussianProcess(allX, categorical, hyper, jitter, l2, li2, allY);
    }

    /** The points conditioned on (not a copy: do not modify). */
    double[][] points() {
        return x;
    }

    private static boolean positiveDiagonal(DMatrixRMaj l) {
        for (int i = 0; i < l.numRows; i++) {
            double v = l.data[i * l.numCols + i];
            if (!(v > 0) || !Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The kernel matrix without noise. */
    static DMatrixRMaj kernelMatrix(double[][] x, boolean[] categorical, double[] inverseSquared,
            double signalVariance) {
        int n = x.length;
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            k.data[i * n + i] = signalVariance;
            for (int j = 0; j < i; j++) {
                double v = Matern52.value(Matern52.r2(x[i], x[j], inverseSquared, categorical), signalVariance);
                k.data[i * n + j] = v;
                k.data[j * n + i] = v;
            }
        }
        return k;
    }

    /** The jitter that was added to the diagonal (0 when none was needed). */
    double jitter() {
        return jitter;
    }

    /** The hyperparameters. */
    GpHyper hyper() {
        return hyper;
    }

    /** Posterior means and variances of the latent function at {@code points}, written to {@code mean} and {@code variance}. */
    void predict(double[][] points, double[] mean, double[] variance) {
        int m = points.length;
        if (m == 0) {
            return;
        }
        DMatrixRMaj kt = new DMatrixRMaj(n, m);
        for (int i = 0; i < n; i++) {
            int row = i * m;
            for (int c = 0; c < m; c++) {
                kt.data[row + c] = Matern52.value(Matern52.r2(x[i], points[c], inverseSquared, categorical),
                        signalVariance);
            }
        }
        Arrays.fill(mean, 0, m, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * m;
            double a = alpha[i];
            for (int c = 0; c < m; c++) {
                mean[c] += a * kt.data[row + c];
            }
        }
        DMatrixRMaj v = new DMatrixRMaj(n, m);
        CommonOps_DDRM.mult(lowerInverse, kt, v);
        double[] explained = new double[m];
        for (int i = 0; i < n; i++) {
            int row = i * m;
            for (int c = 0; c < m; c++) {
                double e = v.data[row + c];
                explained[c] += e * e;
            }
        }
        for (int c = 0; c < m; c++) {
            variance[c] = Math.max(signalVariance - explained[c], MIN_VARIANCE * signalVariance);
        }
    }

    /**
     * Posterior mean and variance at one point, with their gradients with respect to the numeric
     * coordinates (entries of categorical dimensions are left 0).
     *
     * @return {@code {mean, variance}}
     */
    double[] predictWithGradient(double[] point, double[] meanGradient, double[] varianceGradient) {
        double[] k = new double[n];
        double[] dk = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double r2 = Matern52.r2(x[i], point, inverseSquared, categorical);
            k[i] = Matern52.value(r2, signalVariance);
            dk[i] = Matern52.derivative(r2, signalVariance);
            mean += alpha[i] * k[i];
        }
        double[] w = k.clone();
        TriangularSolver_DDRM.solveL(lower.data, w, n);
        double explained = 0;
        for (double e : w) {
            explained += e * e;
        }
        TriangularSolver_DDRM.solveTranL(lower.data, w, n); // w = K^-1 k
        double rawVariance = signalVariance - explained;
        double variance = Math.max(rawVariance, MIN_VARIANCE * signalVariance);
        boolean clamped = rawVariance < MIN_VARIANCE * signalVariance;
        for (int j = 0; j < dims; j++) {
            double gm = 0;
            double gv = 0;
            if (!categorical[j]) {
                double p = point[j];
                double scale = 2 * inverseSquared[j];
                for (int i = 0; i < n; i++) {
                    double dkdx = dk[i] * scale * (p - x[i][j]);
                    gm += alpha[i] * dkdx;
                    gv += w[i] * dkdx;
                }
            }
            meanGradient[j] = gm;
            varianceGradient[j] = clamped ? 0 : -2 * gv;
        }
        return new double[] {mean, variance};
    }
}
