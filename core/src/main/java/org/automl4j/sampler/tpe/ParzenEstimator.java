package org.automl4j.sampler.tpe;

import java.util.SplittableRandom;
import org.automl4j.internal.NormalMath;
import org.automl4j.internal.ParamTransform;

/**
 * A weighted mixture of product kernels over one or more parameters: truncated normals on the unit
 * interval for continuous parameters, discretised truncated normals (mass of each grid cell) for
 * ints and stepped floats, and Aitchison-Aitken kernels for categoricals; plus an optional prior
 * component (a wide normal at the centre, uniform over categories). Immutable once built.
 *
 * <p>Candidate coordinates: continuous dims in [0, 1]; discrete dims as internal grid values;
 * categorical dims as choice indices.
 */
final class ParzenEstimator {

    /** How one dimension is modelled. */
    static final class Dim {
        final ParamTransform transform; // null for categorical
        final int categories; // > 0 for categorical

        private Dim(ParamTransform transform, int categories) {
            this.transform = transform;
            this.categories = categories;
        }

        static Dim numeric(ParamTransform t) {
            return new Dim(t, 0);
        }

        static Dim categorical(int k) {
            return new Dim(null, k);
        }

        boolean isCategorical() {
            return transform == null;
        }

        boolean isDiscrete() {
            return transform != null && transform.isDiscrete();
        }

        /** An observation's internal value in this dim's model coordinate. */
        double toModel(double internal) {
            return transform == null ? internal : transform.normalize(internal);
        }
    }

    private final Dim[] dims;
    private final int nComp;
    private final double[] logWeights;
    private final double[] cumWeights;
    // per component, per dim
    private final double[][] mu;
    private final double[][] sigma;
    private final double[][] logConst; // continuous: -log sigma - log sqrt(2 pi) - log Z; discrete: -log Z
    private final int[][] category; // categorical: observed index, -1 for the prior
    private final double catBandwidth;

    /**
     * @param dims         the dimensions
     * @param obs          observations in model coordinates (n x d): unit interval for numeric, index for categorical
     * @param weights      one positive weight per observation
     * @param opts         bandwidth settings
     * @param multivariate whether bandwidths follow Scott's rule (true) or the neighbour rule (univariate only)
     */
    ParzenEstimator(Dim[] dims, double[][] obs, double[] weights, TpeSampler.Options opts, boolean multivariate) {
        this.dims = dims;
        int n = obs.length;
        int d = dims.length;
        boolean prior = opts.considerPrior() || n == 0;
        nComp = n + (prior ? 1 : 0);
        this.catBandwidth = opts.categoricalBandwidth();
        mu = new double[nComp][d];
        sigma = new double[nComp][d];
        logConst = new double[nComp][d];
        category = new int[nComp][d];
        double[] w = new double[nComp];
        for (int i = 0; i < n; i++) {
            w[i] = weights[i];
        }
        if (prior) {
            w[n] = opts.priorWeight();
        }
        double total = 0;
        for (double x : w) {
            total += x;
        }
        logWeights = new double[nComp];
        cumWeights = new double[nComp];
        double acc = 0;
        for (int i = 0; i < nComp; i++) {
            logWeights[i] = Math.log(w[i] / total);
            acc += w[i] / total;
            cumWeights[i] = acc;
        }
        cumWeights[nComp - 1] = 1.0;

        double minSigma = Math.max(opts.minBandwidth(), opts.magicClip() ? 1.0 / Math.min(100.0, 1.0 + nComp) : 1e-12);
        for (int j = 0; j < d; j++) {
            if (dims[j].isCategorical()) {
                for (int i = 0; i < n; i++) {
                    category[i][j] = (int) obs[i][j];
                }
                if (prior) {
                    category[n][j] = -1;
                }
                continue;
            }
            double[] m = new double[nComp];
            for (int i = 0; i < n; i++) {
                m[i] = obs[i][j];
            }
            if (prior) {
                m[n] = 0.5;
            }
            double[] s;
            if (!multivariate) {
                s = neighbourBandwidths(m, opts.considerEndpoints());
            } else {
                s = new double[nComp];
                double b = opts.bandwidthFactor() * Math.pow(nComp, -1.0 / (d + 4));
                java.util.Arrays.fill(s, b);
            }
            for (int i = 0; i < nComp; i++) {
                double si = Math.min(1.0, Math.max(minSigma, s[i]));
                if (prior && i == n) {
                    si = 1.0;
                }
                mu[i][j] = m[i];
                sigma[i][j] = si;
                double a = (0 - m[i]) / si;
                double b = (1 - m[i]) / si;
                // Beyond 9 sigmas on both sides the truncated mass differs from 1 by < 1e-18.
                double logZ = a < -9 && b > 9 ? 0.0 : NormalMath.logCdfDiff(a, b);
                logConst[i][j] = dims[j].isDiscrete() ? -logZ : -Math.log(si) - NormalMath.LOG_SQRT_2PI - logZ;
            }
        }
    }

    /** Each point's bandwidth is the larger gap to its neighbours (the unit interval's ends count as neighbours). */
    private static double[] neighbourBandwidths(double[] m, boolean considerEndpoints) {
        int n = m.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(m[a], m[b]));
        double[] sorted = new double[n + 2];
        sorted[0] = 0;
        sorted[n + 1] = 1;
        for (int i = 0; i < n; i++) {
            sorted[i + 1] = m[idx[i]];
        }
        double[] s = new double[n];
        for (int k = 1; k <= n; k++) {
            double left = sorted[k] - sorted[k - 1];
            double right = sorted[k + 1] - sorted[k];
            double v;
            if (!considerEndpoints && n >= 2 && k == 1) {
                v = right;
            } else if (!considerEndpoints && n >= 2 && k == n) {
                v = left;
            } else {
                v = Math.max(left, right);
            }
            s[idx[k - 1]] = v;
        }
        return s;
    }

    /** Draws {@code count} candidates (count x d, candidate coordinates). */
    double[][] sample(SplittableRandom rng, int count) {
        double[][] out = new double[count][dims.length];
        for (int c = 0; c < count; c++) {
            double u = rng.nextDouble();
            int i = java.util.Arrays.binarySearch(cumWeights, u);
            i = i >= 0 ? Math.min(i + 1, nComp - 1) : Math.min(-i - 1, nComp - 1);
            for (int j = 0; j < dims.length; j++) {
                Dim dim = dims[j];
                if (dim.isCategorical()) {
                    out[c][j] = sampleCategory(rng, category[i][j], dim.categories);
                } else {
                    double x = truncatedNormal(rng, mu[i][j], sigma[i][j]);
                    out[c][j] = dim.isDiscrete() ? dim.transform.denormalize(x) : x;
                }
            }
        }
        return out;
    }

    private int sampleCategory(SplittableRandom rng, int observed, int k) {
        if (observed < 0 || k == 1) {
            return rng.nextInt(k);
        }
        if (rng.nextDouble() >= catBandwidth) {
            return observed;
        }
        int other = rng.nextInt(k - 1);
        return other >= observed ? other + 1 : other;
    }

    private static double truncatedNormal(SplittableRandom rng, double m, double s) {
        for (int tries = 0; tries < 64; tries++) {
            double x = m + s * gaussian(rng);
            if (x >= 0 && x <= 1) {
                return x;
            }
        }
        return Math.min(1, Math.max(0, m));
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** log density (mass for discrete and categorical dims) of each candidate. */
    double[] logPdf(double[][] candidates) {
        int nc = candidates.length;
        int d = dims.length;
        double[] out = new double[nc];
        double[] terms = new double[nComp];
        // Precompute discrete cells per candidate and dim.
        double[][] cellA = new double[nc][];
        double[][] cellB = new double[nc][];
        for (int c = 0; c < nc; c++) {
            cellA[c] = new double[d];
            cellB[c] = new double[d];
            for (int j = 0; j < d; j++) {
                if (dims[j].isDiscrete()) {
                    cellA[c][j] = Math.max(0, dims[j].transform.cellLower(candidates[c][j]));
                    cellB[c][j] = Math.min(1, dims[j].transform.cellUpper(candidates[c][j]));
                }
            }
        }
        double logSame = Math.log(1 - catBandwidth);
        for (int c = 0; c < nc; c++) {
            double[] x = candidates[c];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < nComp; i++) {
                double t = logWeights[i];
                for (int j = 0; j < d && t > Double.NEGATIVE_INFINITY; j++) {
                    Dim dim = dims[j];
                    if (dim.isCategorical()) {
                        int k = dim.categories;
                        int obs = category[i][j];
                        if (obs < 0 || k == 1) {
                            t -= Math.log(k);
                        } else if ((int) x[j] == obs) {
                            t += logSame;
                        } else {
                            t += Math.log(catBandwidth / (k - 1));
                        }
                    } else if (dim.isDiscrete()) {
                        double s = sigma[i][j];
                        t += NormalMath.logCdfDiff((cellA[c][j] - mu[i][j]) / s, (cellB[c][j] - mu[i][j]) / s)
                                + logConst[i][j];
                    } else {
                        double z = (x[j] - mu[i][j]) / sigma[i][j];
                        t += logConst[i][j] - 0.5 * z * z;
                    }
                }
                terms[i] = t;
                if (t > max) {
                    max = t;
                }
            }
            if (max == Double.NEGATIVE_INFINITY) {
                out[c] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double sum = 0;
            for (int i = 0; i < nComp; i++) {
                double e = terms[i] - max;
                if (e > -40) {
                    sum += Math.exp(e);
                }
            }
            out[c] = max + Math.log(sum);
        }
        return out;
    }

    /** The candidate's internal value in dim {@code j}. */
    double toInternal(double[] candidate, int j) {
        Dim dim = dims[j];
        if (dim.isCategorical() || dim.isDiscrete()) {
            return candidate[j];
        }
        return dim.transform.denormalize(candidate[j]);
    }
}
