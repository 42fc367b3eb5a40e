package org.automl4j.sampler.gp;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Maximum a posteriori kernel hyperparameters: the log marginal likelihood of the standardised outputs
 * plus log priors, maximised with {@link Lbfgs} on analytic gradients from a few starting points.
 *
 * <p>The optimiser works on {@code theta = (log l_1, ..., log l_D, log sigma_f^2, log(sigma_n^2 - floor))},
 * inside bounds that keep the kernel matrix usable. Priors (as Optuna's GPSampler): on each inverse
 * squared lengthscale {@code lambda = 1/l^2} the penalty {@code -(0.1/lambda + 0.1 lambda)}, which
 * favours lengthscales near the width of the unit box; a Gamma(2, 1) on the signal variance; a
 * Gamma(1.1, 30) on the noise variance, which favours small noise.
 *
 * <p>The gradient is {@code 0.5 tr((alpha alpha^T - K^-1) dK/dtheta)}; with the Cholesky factor and
 * {@code K^-1} from EJML one evaluation costs {@code O(n^3 + n^2 D)}. Stateless apart from the data it holds.
 */
final class HyperparameterFit implements Lbfgs.Objective {

    static final double MIN_LOG_LENGTHSCALE = Math.log(5e-3);
    static final double MAX_LOG_LENGTHSCALE = Math.log(20);
    static final double MIN_LOG_SIGNAL = Math.log(1e-2);
    static final double MAX_LOG_SIGNAL = Math.log(1e2);
    static final double MIN_LOG_NOISE_EXCESS = Math.log(1e-10);
    static final double MAX_LOG_NOISE_EXCESS = Math.log(1.0);

    private final double[][] x;
    private final double[] y;
    private final boolean[] categorical;
    private final double noiseFloor;
    private final boolean fixedNoise;
    private final int n;
    private final int dims;

    /**
     * The MAP objective for {@code (x, y)}; {@code noiseFloor} is the least noise variance, and with
     * {@code fixedNoise} the noise stays there (its bounds coincide).
     */
    HyperparameterFit(double[][] x, double[] y, boolean[] categorical, double noiseFloor, boolean fixedNoise) {
        this.x = x;
        this.y = y;
        this.categorical = categorical;
        this.noiseFloor = noiseFloor;
        this.fixedNoise = fixedNoise;
        this.n = x.length;
        this.dims = categorical.length;
    }

    /** The best hyperparameters found, their parameter vector and the negative log posterior there. */
    record Fit(GpHyper hyper, double[] theta, double negativeLogPosterior, int evaluations) {
    }

    double[] lowerBounds() {
        double[] lo = new double[dims + 2];
        for (int j = 0; j < dims; j++) {
            lo[j] = MIN_LOG_LENGTHSCALE;
        }
        lo[dims] = MIN_LOG_SIGNAL;
        lo[dims + 1] = MIN_LOG_NOISE_EXCESS;
        return lo;
    }

    double[] upperBounds() {
        double[] hi = new double[dims + 2];
        for (int j = 0; j < dims; j++) {
            hi[j] = MAX_LOG_LENGTHSCALE;
        }
        hi[dims] = MAX_LOG_SIGNAL;
        hi[dims + 1] = fixedNoise ? MIN_LOG_NOISE_EXCESS : MAX_LOG_NOISE_EXCESS;
        return hi;
    }

    /** The hyperparameters of a parameter vector. */
    GpHyper toHyper(double[] theta) {
        double[] ls = new double[dims];
        for (int j = 0; j < dims; j++) {
            ls[j] = Math.exp(theta[j]);
        }
        return new GpHyper(ls, Math.exp(theta[dims]), noiseFloor + Math.exp(theta[dims + 1]));
    }

    /** A parameter vector with the same lengthscale for every dimension. */
    double[] theta(double lengthscale, double signalVariance, double noiseExcess) {
        double[] t = new double[dims + 2];
        for (int j = 0; j < dims; j++) {
            t[j] = Math.log(lengthscale);
        }
        t[dims] = Math.log(signalVariance);
        t[dims + 1] = Math.log(noiseExcess);
        return Lbfgs.project(t, lowerBounds(), upperBounds());
    }

    /** Runs L-BFGS from each start and keeps the best result; null if every start failed. */
    Fit fit(List<double[]> starts, int maxIterations) {
        double[] lo = lowerBounds();
        double[] hi = upperBounds();
        Fit best = null;
        int evaluations = 0;
        for (double[] start : starts) {
            Lbfgs.Result r = Lbfgs.minimize(this, start, lo, hi, maxIterations, 1e-4, 1e-7, 2.0);
            evaluations += r.evaluations();
            if (Double.isFinite(r.value()) && (best == null || r.value() < best.negativeLogPosterior())) {
                best = new Fit(toHyper(r.x()), r.x(), r.value(), 0);
            }
        }
        return best == null ? null : new Fit(best.hyper(), best.theta(), best.negativeLogPosterior(), evaluations);
    }

    /** The negative log posterior (up to a constant) and its gradient; +infinity where K is not positive definite. */
    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
        double[] inv = new double[dims];
        for (int j = 0; j < dims; j++) {
            inv[j] = Math.exp(-2 * theta[j]);
        }
        double signal = Math.exp(theta[dims]);
        double noiseExcess = Math.exp(theta[dims + 1]);
        double noise = noiseFloor + noiseExcess;
        double[] r2 = new double[n * n];
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            k.data[i * n + i] = signal + noise;
            for (int c = 0; c < i; c++) {
                double d2 = Matern52.r2(x[i], x[c], inv, categorical);
                r2[i * n + c] = d2;
                double v = Matern52.value(d2, signal);
                k.data[i * n + c] = v;
                k.data[c * n + i] = v;
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(k)) {
            java.util.Arrays.fill(gradient, 0);
            return Double.POSITIVE_INFINITY;
        }
        DMatrixRMaj l = chol.getT(null);
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            double d = l.data[i * n + i];
            if (!(d > 0) || !Double.isFinite(d)) {
                java.util.Arrays.fill(gradient, 0);
                return Double.POSITIVE_INFINITY;
            }
            logDet += 2 * Math.log(d);
        }
        double[] alpha = y.clone();
        TriangularSolver_DDRM.solveL(l.data, alpha, n);
        TriangularSolver_DDRM.solveTranL(l.data, alpha, n);
        double fit = 0;
        for (int i = 0; i < n; i++) {
            fit += y[i] * alpha[i];
        }
        DMatrixRMaj linv = l;
        TriangularSolver_DDRM.invertLower(linv.data, n);
        DMatrixRMaj kinv = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multInner(linv, kinv);
        double logLik = -0.5 * fit - 0.5 * logDet - n * StdNormal.LOG_SQRT_2PI;

        double gSignal = 0;
        double gNoise = 0;
        double[] gLength = new double[dims];
        for (int i = 0; i < n; i++) {
            double w = alpha[i] * alpha[i] - kinv.data[i * n + i];
            gSignal += 0.5 * w * signal;
            gNoise += 0.5 * w * noiseExcess;
        }
        double[] xi;
        for (int i = 0; i < n; i++) {
            xi = x[i];
            for (int c = 0; c < i; c++) {
                double w = alpha[i] * alpha[c] - kinv.data[i * n + c];
                double d2 = r2[i * n + c];
                gSignal += w * Matern52.value(d2, signal);
                double g = -2 * w * Matern52.derivative(d2, signal);
                double[] xc = x[c];
                for (int j = 0; j < dims; j++) {
                    double q;
                    if (categorical[j]) {
                        q = xi[j] != xc[j] ? inv[j] : 0;
                    } else {
                        double d = xi[j] - xc[j];
                        q = d * d * inv[j];
                    }
                    gLength[j] += g * q;
                }
            }
        }
        // Log priors and their gradients.
        double logPrior = 0;
        for (int j = 0; j < dims; j++) {
            double lambda = inv[j];
            logPrior += -(0.1 / lambda + 0.1 * lambda);
            // d lambda / d theta_j = -2 lambda
            double dPrior = (0.1 / (lambda * lambda) - 0.1) * (-2 * lambda);
            gradient[j] = -(gLength[j] + dPrior);
        }
        logPrior += Math.log(signal) - signal;
        gradient[dims] = -(gSignal + (1 - signal));
        logPrior += 0.1 * Math.log(noise) - 30 * noise;
        gradient[dims + 1] = -(gNoise + (0.1 / noise - 30) * noiseExcess);
        return -(logLik + logPrior);
    }
}
