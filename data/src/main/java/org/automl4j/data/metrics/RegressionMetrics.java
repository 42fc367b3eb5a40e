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
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < t.length; i++) {
            ssTot += (t[i] - mean) * (t[i] - mean);
            ssRes += (t[i] - p[i]) * (t[i] - p[i]);
        }
        if (ssTot == 0) {
            return ssRes == 0 ? 1 : 0;
        }
        return 1 - ssRes / ssTot;
    }
}
