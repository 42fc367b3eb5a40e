package org.automl4j.data.metrics;

/** The regression metrics' arithmetic. */
final class RegressionMetrics {
    private RegressionMetrics() {
    }

    static double mse(double[] t, double[] p) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            double d = t[i] - p[i];
            sum += d * d;
        }
        return sum / t.length;
    }

    /**
     * The root of {@link #mse}; when the squares overflow (errors beyond 1e154), computed on errors divided
     * by the largest one, so huge targets get a finite score instead of infinity.
     */
    static double rmse(double[] t, double[] p) {
        double mse = mse(t, p);
        if (Double.isFinite(mse) || Double.isNaN(mse)) {
            return Math.sqrt(mse);
        }
        double largest = 0;
        for (int i = 0; i < t.length; i++) {
            largest = Math.max(largest, Math.abs(t[i] - p[i]));
        }
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            double d = (t[i] - p[i]) / largest;
            sum += d * d;
        }
        return largest * Math.sqrt(sum / t.length);
    }

    static double mae(double[] t, double[] p) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            sum += Math.abs(t[i] - p[i]);
        }
        return sum / t.length;
    }

    static double r2(double[] t, double[] p) {
        double mean = 0;
        for (double v : t) {
            mean += v;
        }
        mean /= t.length;
        if (!Double.isFinite(mean)) { // the sum overflowed
            mean = 0;
            for (double v : t) {
                mean += v / t.length;
            }
        }
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < t.length; i++) {
            ssTot += (t[i] - mean) * (t[i] - mean);
            ssRes += (t[i] - p[i]) * (t[i] - p[i]);
        }
        if (ssTot == Double.POSITIVE_INFINITY || ssRes == Double.POSITIVE_INFINITY) {
            // squares beyond 1e308: the same ratio on deviations divided by the largest one
            double largest = 0;
            for (int i = 0; i < t.length; i++) {
                largest = Math.max(largest, Math.max(Math.abs(t[i] - mean), Math.abs(t[i] - p[i])));
            }
            ssTot = 0;
            ssRes = 0;
            for (int i = 0; i < t.length; i++) {
                double dt = (t[i] - mean) / largest;
                double dr = (t[i] - p[i]) / largest;
                ssTot += dt * dt;
                ssRes += dr * dr;
            }
        }
        if (ssTot == 0) {
            return ssRes == 0 ? 1 : 0;
        }
        return 1 - ssRes / ssTot;
    }
}
