package org.automl4j.sampler.bohb;

import java.util.SplittableRandom;

/**
 * A product kernel density estimator in model coordinates: normal kernels on the unit interval for
 * numeric dims, Aitchison-Aitken kernels for categorical dims (index coordinates). Bandwidths follow
 * the normal reference rule {@code 1.06 sd n^(-1/(d+4))}, floored at {@code minBandwidth} (and, for
 * categoricals, capped at the uniform kernel's {@code (c-1)/c}). Immutable.
 */
final class ProductKde {
    private final double[][] obs;
    private final int[] categories; // 0 = numeric
    final double[] bw;

    ProductKde(double[][] obs, int[] categories, double minBandwidth) {
        this.obs = obs;
        this.categories = categories;
        int n = obs.length;
        int d = categories.length;
        bw = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] o : obs) {
                mean += o[j];
            }
            mean /= n;
            double var = 0;
            for (double[] o : obs) {
                var += (o[j] - mean) * (o[j] - mean);
            }
            double sd = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
            double b = Math.max(minBandwidth, 1.06 * sd * Math.pow(n, -1.0 / (d + 4)));
            if (categories[j] > 0) {
                b = Math.min(b, (categories[j] - 1.0) / categories[j]);
            }
            bw[j] = b;
        }
    }

    /** Log density (up to truncation of the numeric kernels) at {@code x}. */
    double logPdf(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[obs.length];
        for (int i = 0; i < obs.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                if (categories[j] > 0) {
                    boolean same = (int) x[j] == (int) obs[i][j];
                    s += Math.log(same ? 1 - bw[j] : bw[j] / (categories[j] - 1));
                } else {
                    double z = (x[j] - obs[i][j]) / bw[j];
                    s += -0.5 * z * z - Math.log(bw[j]);
                }
            }
            terms[i] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum / obs.length);
    }

    /**
     * A draw around a random observation, as in BOHB: numeric dims from a normal with the bandwidth
     * times {@code factor}, truncated to [0, 1]; categorical dims keep the observation's category with
     * probability {@code 1 - bw}, else are uniform.
     */
    double[] sample(SplittableRandom rng, double factor) {
        double[] centre = obs[rng.nextInt(obs.length)];
        double[] x = new double[centre.length];
        for (int j = 0; j < x.length; j++) {
            if (categories[j] > 0) {
                x[j] = rng.nextDouble() < 1 - bw[j] ? centre[j] : rng.nextInt(categories[j]);
            } else {
                double v = Double.NaN;
                for (int tries = 0; tries < 100 && !(v >= 0 && v <= 1); tries++) {
                    v = centre[j] + factor * bw[j] * gaussian(rng);
                }
                x[j] = v >= 0 && v <= 1 ? v : Math.min(1, Math.max(0, centre[j]));
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
