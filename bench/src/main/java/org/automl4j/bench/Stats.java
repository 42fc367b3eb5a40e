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

    /**
     * Kendall's tau-b between paired values (ties in either list handled as in scipy.stats.kendalltau);
     * NaN when either list is constant.
     */
    static double kendallTau(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("need paired values, got " + a.length + " and " + b.length);
        }
        long concordant = 0;
        long discordant = 0;
        long tiesA = 0;
        long tiesB = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                int sa = Double.compare(a[i], a[j]);
                int sb = Double.compare(b[i], b[j]);
                if (sa == 0 && sb == 0) {
                    continue;
                } else if (sa == 0) {
                    tiesA++;
                } else if (sb == 0) {
                    tiesB++;
                } else if (sa == sb) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        double denom = Math.sqrt((double) (concordant + discordant + tiesA) * (concordant + discordant + tiesB));
        return denom == 0 ? Double.NaN : (concordant - discordant) / denom;
    }
}
