package org.automl4j.bench;

import java.util.Arrays;

/** Order statistics as numpy computes them (linear interpolation). */
final class Stats {
    private Stats() {
    }

    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }
}
