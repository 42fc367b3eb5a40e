package org.automl4j.sampler.cmaes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.automl4j.internal.NormalMath;
import org.automl4j.internal.ParamTransform;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * One CMA-ES run on the unit box {@code [0, 1]^n}: the search distribution {@code N(m, sigma^2 C)} and
 * its ask-and-tell update, after Hansen's tutorial (arXiv:1604.00772, 2016) with the default
 * recombination weights including negative ones (active CMA), cumulative step-size adaptation,
 * rank-one and rank-mu updates. Also:
 * <ul>
 *   <li>a separable variant (Ros &amp; Hansen 2008): diagonal {@code C}, positive weights only, and
 *       covariance learning rates multiplied by {@code (n + 2) / 3};</li>
 *   <li>the margin correction (Hamano et al., GECCO 2022, "CMA-ES with Margin"): along each discrete
 *       axis a factor {@code A_i} scales the deviation of a candidate from the mean before it is rounded,
 *       and the mean and {@code A_i} are adjusted after every update so that the probability of leaving
 *       the mean's grid cell stays at least {@code alpha} (split between the two sides for an inner cell);</li>
 *   <li>generation-level sampling: the {@code lambda} base vectors of a generation are drawn together,
 *       along orthogonal directions (Wang et al. 2014) and in mirrored pairs {@code z, -z} (Brockhoff et al.
 *       2010). Mirroring with weighted recombination biases the step size downwards (Auger et al. 2011): the
 *       search is greedier, which pays at HPO budgets and is offset by the restarts;</li>
 *   <li>the termination tests of the {@code cmaes} library (tolfun over a window of generations, tolx,
 *       tolxup, no-effect axis and coordinate, condition number), which drive the restarts.</li>
 * </ul>
 * Bounds: candidates are resampled (up to 100 times) until every continuous coordinate lies in
 * {@code [0, 1]}, then clipped; discrete coordinates are clamped to the grid by rounding. The update
 * uses the candidates as sampled (before rounding), as CMAwM does. Not thread-safe: the sampler guards it.
 */
final class Cma {

    /** What a non-positive eigenvalue of C (rounding) is replaced by, as in the {@code cmaes} library. */
    static final double EPS = 1e-8;
    private static final double SIGMA_MAX = 1e32;
    private static final int MAX_RESAMPLING = 100;

    /**
     * An evaluated candidate: {@code x} as sampled (unit box, before the margin scaling and rounding),
     * its loss (lower is better) and its constraint violation (0 when feasible). Feasible candidates rank
     * before infeasible ones, which rank by violation, then loss.
     */
    record Solution(double[] x, double loss, double violation) {
        static final Comparator<Solution> ORDER = Comparator.comparingDouble(Solution::violation)
                .thenComparingDouble(Solution::loss);
    }

    private final int n;
    private final int lambda;
    private final int mu;
    private final boolean separable;
    private final double[] weights;
    private final double muEff;
    private final double c1;
    private final double cmu;
    private final double cSigma;
    private final double dSigma;
    private final double cc;
    private final double chiN;

    private final double[] mean;
    private double sigma;
    /** Full covariance (null when separable). */
    private final double[][] cov;
    /** Diagonal covariance (separable), or the diagonal of {@code cov} after each decomposition. */
    private final double[] diag;
    private final double[] pSigma;
    private final double[] pc;
    /** Eigenvectors of C as columns (null when separable). */
    private final double[][] eigVectors;
    /** Square roots of the eigenvalues of C (the axis scales). */
    private final double[] eigScales;
    private boolean eigenStale = true;
    private int generation;

    // Sampling: the current generation's base draws and how many were handed out.
    private final boolean orthogonal;
    private final boolean mirrored;
    private double[][] generationDraws;
    private int handedOut;

    // Margin correction.
    private final ParamTransform[] discrete;
    private final double margin;
    private final double[] marginScale;

    // Termination.
    private final double tolX;
    private final double tolXUp = 1e4;
    private final double tolFun;
    private final double tolConditionCov = 1e14;
    private final int funHistTerm;
    private final double[] funHist;

    /**
     * A run starting at {@code mean} with step size {@code sigma} and covariance {@code initialCov} (null:
     * the identity; a separable run uses only its diagonal).
     *
     * @param orthogonal whether each generation's base draws are orthogonal (blocks of n)
     * @param mirrored   whether each generation's base draws come in mirrored pairs {@code z, -z}
     * @param discrete per coordinate, the transform of a discrete (int or stepped) parameter, else null
     * @param margin   the margin {@code alpha} for discrete coordinates; 0 disables the correction
     * @param tolFun   restart when the best and worst losses of the recent generations span less
     * @param tolX     restart when {@code sigma * C_ii} and {@code sigma * |pc_i|} are below it on every axis
     */
    Cma(double[] mean, double sigma, double[][] initialCov, int lambda, boolean separable, boolean orthogonal,
            boolean mirrored, ParamTransform[] discrete, double margin, double tolFun, double tolX) {
        this.n = mean.length;
        if (n == 0 || lambda < 2 || !(sigma > 0) || discrete.length != n) {
            throw new IllegalArgumentException("CMA-ES needs n >= 1, lambda >= 2, sigma > 0, but got n=" + n
                    + ", lambda=" + lambda + ", sigma=" + sigma);
        }
        this.lambda = lambda;
        this.mu = lambda / 2;
        this.separable = separable;
        this.orthogonal = orthogonal;
        this.mirrored = mirrored;
        this.mean = mean.clone();
        this.sigma = sigma;
        this.discrete = discrete.clone();
        this.tolFun = tolFun;
        this.tolX = tolX;

        double[] wPrime = new double[lambda];
        for (int i = 0; i < lambda; i++) {
            wPrime[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
        }
        double sumPos = 0;
        double sumPosSq = 0;
        double sumNeg = 0;
        double sumNegSq = 0;
        for (int i = 0; i < lambda; i++) {
            if (i < mu) {
                sumPos += wPrime[i];
                sumPosSq += wPrime[i] * wPrime[i];
            } else {
                sumNeg += wPrime[i];
                sumNegSq += wPrime[i] * wPrime[i];
            }
        }
        muEff = sumPos * sumPos / sumPosSq;
        double muEffMinus = sumNegSq == 0 ? 0 : sumNeg * sumNeg / sumNegSq;
        double alphaCov = 2;
        double c1Full = alphaCov / ((n + 1.3) * (n + 1.3) + muEff);
        double cmuFull = Math.min(1 - c1Full - 1e-8,
                alphaCov * (muEff - 2 + 1 / muEff) / ((n + 2.0) * (n + 2.0) + alphaCov * muEff / 2));
        weights = new double[lambda];
        double positive = 0;
        double negative = 0;
        for (double w : wPrime) {
            if (w > 0) {
                positive += w;
            } else {
                negative -= w;
            }
        }
        if (separable) {
            double factor = (n + 2) / 3.0;
            c1 = Math.min(1, c1Full * factor);
            cmu = Math.max(0, Math.min(1 - c1 - 1e-8, cmuFull * factor));
            for (int i = 0; i < lambda; i++) {
                weights[i] = wPrime[i] > 0 ? wPrime[i] / positive : 0;
            }
        } else {
            c1 = c1Full;
            cmu = cmuFull;
            double minAlpha = Math.min(1 + c1 / cmu,
                    Math.min(1 + 2 * muEffMinus / (muEff + 2), (1 - c1 - cmu) / (n * cmu)));
            for (int i = 0; i < lambda; i++) {
                weights[i] = wPrime[i] >= 0 ? wPrime[i] / positive : minAlpha / negative * wPrime[i];
            }
        }
        cSigma = (muEff + 2) / (n + muEff + 5);
        dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        chiN = Math.sqrt(n) * (1.0 - 1.0 / (4.0 * n) + 1.0 / (21.0 * n * n));

        pSigma = new double[n];
        pc = new double[n];
        diag = new double[n];
        eigScales = new double[n];
        if (separable) {
            cov = null;
            eigVectors = null;
        } else {
            cov = new double[n][n];
            eigVectors = new double[n][n];
        }
        for (int i = 0; i < n; i++) {
            if (separable) {
                diag[i] = initialCov == null ? 1.0 : initialCov[i][i];
            } else {
                for (int j = 0; j < n; j++) {
                    cov[i][j] = initialCov == null ? (i == j ? 1.0 : 0.0) : initialCov[i][j];
                }
            }
        }

        boolean anyDiscrete = false;
        for (ParamTransform t : discrete) {
            anyDiscrete |= t != null;
        }
        this.margin = anyDiscrete ? margin : 0;
        this.marginScale = new double[n];
        Arrays.fill(marginScale, 1.0);

        funHistTerm = 10 + (int) Math.ceil(30.0 * n / lambda);
        funHist = new double[2 * funHistTerm];
    }

    int dimension() {
        return n;
    }

    int lambda() {
        return lambda;
    }

    int generation() {
        return generation;
    }

    double sigma() {
        return sigma;
    }

    boolean isSeparable() {
        return separable;
    }

    double[] mean() {
        return mean.clone();
    }

    /** The margin scale factors {@code A_i} (1 on continuous axes). */
    double[] marginScale() {
        return marginScale.clone();
    }

    /** The diagonal of C. */
    double[] covarianceDiagonal() {
        updateEigen();
        return diag.clone();
    }

    // ----------------------------------------------------------------------------------------- sampling

    /**
     * A candidate from {@code N(m, sigma^2 C)}, resampled until its continuous coordinates lie in the box
     * (then clipped after 100 tries). Discrete coordinates are only checked when the margin is off.
     *
     * <p>The first draw is the next of the generation's prepared base vectors (see {@link #baseDraws}), made
     * from {@code generationRng} when the generation hands out its first candidate; beyond {@code lambda}
     * candidates, and for resampling, draws come from {@code trialRng}.
     */
    double[] sample(SplittableRandom trialRng, Supplier<SplittableRandom> generationRng) {
        updateEigen();
        if (generationDraws == null) {
            generationDraws = baseDraws(lambda, n, orthogonal, mirrored, generationRng.get());
            handedOut = 0;
        }
        double[] x = new double[n];
        for (int attempt = 0; attempt < MAX_RESAMPLING; attempt++) {
            if (attempt == 0 && handedOut < generationDraws.length) {
                transform(generationDraws[handedOut++], x);
            } else {
                draw(trialRng, x);
            }
            if (inBox(x)) {
                return x;
            }
        }
        draw(trialRng, x);
        for (int i = 0; i < n; i++) {
            if (discrete[i] == null || margin == 0) {
                x[i] = Math.min(1, Math.max(0, x[i]));
            }
        }
        return x;
    }

    /**
     * The base vectors of one generation, each distributed as {@code N(0, I)}: with {@code mirrored}, the
     * first {@code ceil(count / 2)} are drawn and the others are their negatives (candidates 2k and 2k+1 form
     * a pair); with {@code orthogonal}, the drawn vectors are orthogonal in blocks of {@code n} (Gram-Schmidt)
     * and rescaled to the lengths of independent normal vectors.
     */
    static double[][] baseDraws(int count, int n, boolean orthogonal, boolean mirrored, SplittableRandom rng) {
        int drawn = mirrored ? (count + 1) / 2 : count;
        double[][] base = new double[drawn][n];
        for (double[] v : base) {
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextGaussian();
            }
        }
        if (orthogonal) {
            for (int start = 0; start < drawn; start += n) {
                int end = Math.min(drawn, start + n);
                for (int k = start; k < end; k++) {
                    double[] v = base[k];
                    for (int j = start; j < k; j++) {
                        double proj = dot(v, base[j]);
                        for (int i = 0; i < n; i++) {
                            v[i] -= proj * base[j][i];
                        }
                    }
                    double norm = Math.sqrt(dot(v, v));
                    for (int i = 0; i < n; i++) {
                        v[i] /= norm;
                    }
                }
                for (int k = start; k < end; k++) {
                    double len2 = 0;
                    for (int i = 0; i < n; i++) {
                        double g = rng.nextGaussian();
                        len2 += g * g;
                    }
                    double len = Math.sqrt(len2);
                    for (int i = 0; i < n; i++) {
                        base[k][i] *= len;
                    }
                }
            }
        }
        if (!mirrored) {
            return base;
        }
        double[][] out = new double[count][];
        for (int k = 0; k < count; k++) {
            double[] v = base[k / 2];
            if (k % 2 == 0) {
                out[k] = v;
            } else {
                out[k] = new double[n];
                for (int i = 0; i < n; i++) {
                    out[k][i] = -v[i];
                }
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private void draw(SplittableRandom rng, double[] x) {
        double[] z = new double[n];
        for (int k = 0; k < n; k++) {
            z[k] = rng.nextGaussian();
        }
        transform(z, x);
    }

    /** {@code x = m + sigma B D z}. */
    private void transform(double[] zIn, double[] x) {
        double[] z = new double[n];
        for (int k = 0; k < n; k++) {
            z[k] = eigScales[k] * zIn[k];
        }
        for (int i = 0; i < n; i++) {
            double y;
            if (separable) {
                y = z[i];
            } else {
                y = 0;
                double[] row = eigVectors[i];
                for (int k = 0; k < n; k++) {
                    y += row[k] * z[k];
                }
            }
            x[i] = mean[i] + sigma * y;
        }
    }

    private boolean inBox(double[] x) {
        for (int i = 0; i < n; i++) {
            if ((discrete[i] == null || margin == 0) && (x[i] < 0 || x[i] > 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The point to evaluate for candidate {@code x}: along discrete axes with the margin on, the deviation
     * from the mean is scaled by {@code A_i} (the caller rounds to the grid); other coordinates unchanged.
     */
    double[] encode(double[] x) {
        double[] e = x.clone();
        if (margin > 0) {
            for (int i = 0; i < n; i++) {
                if (discrete[i] != null) {
                    e[i] = mean[i] + marginScale[i] * (x[i] - mean[i]);
                }
            }
        }
        return e;
    }

    // ----------------------------------------------------------------------------------------- update

    /**
     * Updates the distribution from one generation of exactly {@code lambda} evaluated candidates.
     *
     * @throws IllegalArgumentException on another number of solutions
     */
    void tell(List<Solution> solutions) {
        if (solutions.size() != lambda) {
            throw new IllegalArgumentException("a generation has " + lambda + " solutions, but got "
                    + solutions.size());
        }
        updateEigen();
        List<Solution> sorted = new ArrayList<>(solutions);
        sorted.sort(Solution.ORDER);
        int slot = 2 * (generation % funHistTerm);
        funHist[slot] = sorted.get(0).loss();
        funHist[slot + 1] = sorted.get(lambda - 1).loss();
        generation++;
        generationDraws = null;

        double[][] y = new double[lambda][n];
        for (int k = 0; k < lambda; k++) {
            double[] x = sorted.get(k).x();
            for (int i = 0; i < n; i++) {
                y[k][i] = (x[i] - mean[i]) / sigma;
            }
        }
        double[] yw = new double[n];
        for (int k = 0; k < mu; k++) {
            for (int i = 0; i < n; i++) {
                yw[i] += weights[k] * y[k][i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] += sigma * yw[i];
        }

        // Step-size control.
        double[] cInvSqrtYw = invSqrtTimes(yw);
        double psNorm2 = 0;
        double coeff = Math.sqrt(cSigma * (2 - cSigma) * muEff);
        for (int i = 0; i < n; i++) {
            pSigma[i] = (1 - cSigma) * pSigma[i] + coeff * cInvSqrtYw[i];
            psNorm2 += pSigma[i] * pSigma[i];
        }
        double psNorm = Math.sqrt(psNorm2);
        sigma *= Math.exp(cSigma / dSigma * (psNorm / chiN - 1));
        sigma = Math.min(sigma, SIGMA_MAX);

        // Covariance adaptation.
        double hLeft = psNorm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * (generation + 1)));
        double hSigma = hLeft < (1.4 + 2.0 / (n + 1)) * chiN ? 1 : 0;
        double ccoeff = hSigma * Math.sqrt(cc * (2 - cc) * muEff);
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + ccoeff * yw[i];
        }
        double[] wio = new double[lambda];
        double sumW = 0;
        for (int k = 0; k < lambda; k++) {
            sumW += weights[k];
            if (weights[k] >= 0) {
                wio[k] = weights[k];
            } else {
                double[] v = invSqrtTimes(y[k]);
                double norm2 = 0;
                for (double vi : v) {
                    norm2 += vi * vi;
                }
                wio[k] = weights[k] * n / (norm2 + EPS);
            }
        }
        double deltaH = (1 - hSigma) * cc * (2 - cc);
        double decay = 1 + c1 * deltaH - c1 - cmu * sumW;
        if (separable) {
            for (int i = 0; i < n; i++) {
                double rankMu = 0;
                for (int k = 0; k < lambda; k++) {
                    rankMu += wio[k] * y[k][i] * y[k][i];
                }
                diag[i] = decay * diag[i] + c1 * pc[i] * pc[i] + cmu * rankMu;
            }
        } else {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double rankMu = 0;
                    for (int k = 0; k < lambda; k++) {
                        rankMu += wio[k] * y[k][i] * y[k][j];
                    }
                    double v = decay * cov[i][j] + c1 * pc[i] * pc[j] + cmu * rankMu;
                    cov[i][j] = v;
                    cov[j][i] = v;
                }
            }
        }
        eigenStale = true;
        if (margin > 0) {
            applyMargin();
        }
    }

    /** {@code C^(-1/2) v = B D^-1 B^T v}. */
    private double[] invSqrtTimes(double[] v) {
        double[] out = new double[n];
        if (separable) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i] / eigScales[i];
            }
            return out;
        }
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += eigVectors[i][k] * v[i];
            }
            t[k] = s / eigScales[k];
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            double[] row = eigVectors[i];
            for (int k = 0; k < n; k++) {
                s += row[k] * t[k];
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * Decomposes C (symmetrised) into {@code B diag(D^2) B^T} with EJML's symmetric eigen solver, replaces
     * non-positive eigenvalues by {@link #EPS} and rebuilds C from the repaired decomposition.
     */
    private void updateEigen() {
        if (!eigenStale) {
            return;
        }
        eigenStale = false;
        if (separable) {
            for (int i = 0; i < n; i++) {
                diag[i] = diag[i] > 0 ? diag[i] : EPS;
                eigScales[i] = Math.sqrt(diag[i]);
            }
            return;
        }
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m.unsafe_set(i, j, (cov[i][j] + cov[j][i]) / 2);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        boolean ok = eig.decompose(m);
        for (int k = 0; ok && k < n; k++) {
            DMatrixRMaj v = eig.getEigenVector(k);
            double value = eig.getEigenvalue(k).getReal();
            if (v == null || !Double.isFinite(value)) {
                ok = false;
                break;
            }
            eigScales[k] = Math.sqrt(value > 0 ? value : EPS);
            for (int i = 0; i < n; i++) {
                eigVectors[i][k] = v.get(i);
            }
        }
        if (!ok) {
            // Numerical breakdown (should not happen for a symmetric matrix): restart the shape from the identity.
            for (int i = 0; i < n; i++) {
                Arrays.fill(cov[i], 0);
                Arrays.fill(eigVectors[i], 0);
                cov[i][i] = 1;
                eigVectors[i][i] = 1;
                eigScales[i] = 1;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += eigVectors[i][k] * eigScales[k] * eigScales[k] * eigVectors[j][k];
                }
                cov[i][j] = s;
                cov[j][i] = s;
            }
            diag[i] = cov[i][i];
        }
    }

    // ----------------------------------------------------------------------------------------- margin

    /**
     * The margin correction of CMAwM after an update: for each discrete axis, the mean's grid cell
     * {@code [low, up]} in the unit interval; on an end cell (one threshold) the mean is moved towards the
     * threshold until the probability of crossing it is {@code alpha}; on an inner cell {@code A_i} and the
     * mean are set so that each side's probability is at least {@code alpha / 2}.
     */
    private void applyMargin() {
        updateEigen();
        for (int i = 0; i < n; i++) {
            ParamTransform t = discrete[i];
            if (t == null) {
                continue;
            }
            double lowest = t.denormalize(0);
            double highest = t.denormalize(1);
            double v = t.denormalize(mean[i]);
            double low;
            double up;
            if (v == lowest) {
                low = t.cellUpper(v);
                up = low;
            } else if (v == highest) {
                low = t.cellLower(v);
                up = low;
            } else {
                low = t.cellLower(v);
                up = t.cellUpper(v);
            }
            double sqrtC = Math.sqrt(diag[i]);
            double sd = sigma * marginScale[i] * sqrtC;
            double lowCdf = NormalMath.cdf((low - mean[i]) / sd);
            double upCdf = 1 - NormalMath.cdf((up - mean[i]) / sd);
            double midCdf = 1 - lowCdf - upCdf;
            if (Math.max(lowCdf, upCdf) > 0.5) {
                // End cell: one threshold; keep the probability of crossing it at least alpha.
                if (Math.min(lowCdf, upCdf) < margin) {
                    double sign = Math.signum(mean[i] - up);
                    double dist = sd * NormalQuantile.of(1 - margin);
                    mean[i] = up + sign * dist;
                }
                continue;
            }
            lowCdf = Math.max(lowCdf, margin / 2);
            upCdf = Math.max(upCdf, margin / 2);
            double excess = 1 - lowCdf - upCdf - midCdf;
            double denominator = lowCdf + midCdf + upCdf - 3 * margin / 2;
            double modLow = lowCdf + excess * (lowCdf - margin / 2) / denominator;
            double modUp = upCdf + excess * (upCdf - margin / 2) / denominator;
            modLow = Math.min(0.5 - 1e-10, Math.max(1e-10, modLow));
            modUp = Math.min(0.5 - 1e-10, Math.max(1e-10, modUp));
            double chiLow = NormalQuantile.of(1 - modLow);
            double chiUp = NormalQuantile.of(1 - modUp);
            marginScale[i] = (up - low) / ((chiLow + chiUp) * sigma * sqrtC);
            mean[i] = (low * chiUp + up * chiLow) / (chiLow + chiUp);
        }
    }

    // ----------------------------------------------------------------------------------------- termination

    /** Why this run should stop (and restart), or null to go on. */
    String stopReason() {
        updateEigen();
        if (generation > funHistTerm) {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (double f : funHist) {
                max = Math.max(max, f);
                min = Math.min(min, f);
            }
            if (max - min < tolFun) {
                return "tolfun";
            }
        }
        boolean small = true;
        for (int i = 0; i < n && small; i++) {
            small = sigma * diag[i] < tolX && sigma * Math.abs(pc[i]) < tolX;
        }
        if (small) {
            return "tolx";
        }
        double maxD = 0;
        double minD = Double.POSITIVE_INFINITY;
        for (double d : eigScales) {
            maxD = Math.max(maxD, d);
            minD = Math.min(minD, d);
        }
        if (sigma * maxD > tolXUp) {
            return "tolxup";
        }
        for (int i = 0; i < n; i++) {
            if (mean[i] == mean[i] + 0.2 * sigma * Math.sqrt(diag[i])) {
                return "noeffectcoord";
            }
        }
        int axis = generation % n;
        boolean noEffect = true;
        for (int i = 0; i < n && noEffect; i++) {
            double b = separable ? (i == axis ? 1 : 0) : eigVectors[i][axis];
            noEffect = mean[i] == mean[i] + 0.1 * sigma * eigScales[axis] * b;
        }
        if (noEffect) {
            return "noeffectaxis";
        }
        if (maxD / minD > tolConditionCov) {
            return "conditioncov";
        }
        return null;
    }
}
