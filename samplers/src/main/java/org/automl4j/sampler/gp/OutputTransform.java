package org.automl4j.sampler.gp;

/**
 * Maps losses to the GP's output scale: standardised (zero mean, unit variance), and with
 * {@code power} also Yeo-Johnson transformed with the maximum-likelihood exponent and standardised
 * again, which tames heavy tails (a few huge losses would otherwise flatten the model everywhere
 * else). Strictly increasing, so the order of losses is kept. Immutable.
 */
final class OutputTransform {

    private static final double MIN_LAMBDA = -2;
    private static final double MAX_LAMBDA = 3;

    private final double mean;
    private final double scale;
    private final double lambda;
    private final double mean2;
    private final double scale2;

    private OutputTransform(double mean, double scale, double lambda, double mean2, double scale2) {
        this.mean = mean;
        this.scale = scale;
        this.lambda = lambda;
        this.mean2 = mean2;
        this.scale2 = scale2;
    }

    /** The transform fitted to {@code y} (finite values). */
    static OutputTransform fit(double[] y, boolean power) {
        double[] ms = meanAndScale(y);
        if (!power || y.length < 3) {
            return new OutputTransform(ms[0], ms[1], Double.NaN, 0, 1);
        }
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            z[i] = (y[i] - ms[0]) / ms[1];
        }
        double lambda = bestLambda(z);
        double[] t = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            t[i] = yeoJohnson(z[i], lambda);
        }
        double[] ms2 = meanAndScale(t);
        return new OutputTransform(ms[0], ms[1], lambda, ms2[0], ms2[1]);
    }

    private static double[] meanAndScale(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double var = 0;
        for (double v : y) {
            var += (v - mean) * (v - mean);
        }
        var /= y.length;
        double sd = Math.sqrt(var);
        if (!(sd > 1e-12 * Math.max(1, Math.abs(mean))) || !Double.isFinite(sd)) {
            sd = 1;
        }
        return new double[] {mean, sd};
    }

    /** The transformed value of a loss. */
    double apply(double v) {
        double z = (v - mean) / scale;
        if (Double.isNaN(lambda)) {
            return z;
        }
        return (yeoJohnson(z, lambda) - mean2) / scale2;
    }

    /** The transformed values. */
    double[] apply(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = apply(v[i]);
        }
        return out;
    }

    /** The Yeo-Johnson exponent, or NaN without the power transform. */
    double lambda() {
        return lambda;
    }

    static double yeoJohnson(double z, double lambda) {
        if (z >= 0) {
            return Math.abs(lambda) < 1e-12 ? Math.log1p(z) : (Math.pow(z + 1, lambda) - 1) / lambda;
        }
        double l2 = 2 - lambda;
        return Math.abs(l2) < 1e-12 ? -Math.log1p(-z) : -(Math.pow(1 - z, l2) - 1) / l2;
    }

    /** The profile log-likelihood of the Yeo-Johnson exponent (normal model of the transformed values). */
    static double logLikelihood(double[] z, double lambda) {
        int n = z.length;
        double mean = 0;
        double[] t = new double[n];
        double jac = 0;
        for (int i = 0; i < n; i++) {
            t[i] = yeoJohnson(z[i], lambda);
            mean += t[i];
            jac += Math.copySign(Math.log1p(Math.abs(z[i])), z[i]);
        }
        mean /= n;
        double var = 0;
        for (double v : t) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        if (!(var > 0) || !Double.isFinite(var)) {
            return Double.NEGATIVE_INFINITY;
        }
        return -0.5 * n * Math.log(var) + (lambda - 1) * jac;
    }

    /** Golden-section search of the exponent on [-2, 3]. */
    static double bestLambda(double[] z) {
        double a = MIN_LAMBDA;
        double b = MAX_LAMBDA;
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double fc = logLikelihood(z, c);
        double fd = logLikelihood(z, d);
        for (int i = 0; i < 50 && b - a > 1e-4; i++) {
            if (fc > fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = logLikelihood(z, c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = logLikelihood(z, d);
            }
        }
        double best = (a + b) / 2;
        return Double.isFinite(logLikelihood(z, best)) ? best : 1.0;
    }
}
