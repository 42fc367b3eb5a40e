package org.automl4j.data.metrics;

import java.util.Arrays;

/** The classification metrics' arithmetic. */
final class ClassificationMetrics {
    static final double EPS = 1e-15;

    private ClassificationMetrics() {
    }

    static int[] classes(double[] y, int k) {
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (!(v >= 0 && v < k && v == Math.rint(v))) {
                throw new IllegalArgumentException("row " + i + ": " + v + " is not a class index in 0.." + (k - 1));
            }
            out[i] = (int) v;
        }
        return out;
    }

    static int[] argMax(double[][] proba) {
        int[] out = new int[proba.length];
        int k = proba[0].length;
        for (int i = 0; i < proba.length; i++) {
            double[] p = proba[i];
            if (p.length != k) {
                throw new IllegalArgumentException("proba row " + i + " has " + p.length + " columns but row 0 has " + k);
            }
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    static double accuracy(int[] t, int[] p) {
        int hit = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == p[i]) {
                hit++;
            }
        }
        return (double) hit / t.length;
    }

    static double balancedAccuracy(int[] t, int[] p, int k) {
        int[] support = new int[k];
        int[] hit = new int[k];
        for (int i = 0; i < t.length; i++) {
            support[t[i]]++;
            if (t[i] == p[i]) {
                hit[t[i]]++;
            }
        }
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            if (support[c] > 0) {
                sum += (double) hit[c] / support[c];
                classes++;
            }
        }
        return sum / classes;
    }

    static double macroF1(int[] t, int[] p, int k) {
        int[] tp = new int[k];
        int[] fp = new int[k];
        int[] fn = new int[k];
        for (int i = 0; i < t.length; i++) {
            if (t[i] == p[i]) {
                tp[t[i]]++;
            } else {
                fp[p[i]]++;
                fn[t[i]]++;
            }
        }
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            int denom = 2 * tp[c] + fp[c] + fn[c];
            if (denom > 0) {
                sum += 2.0 * tp[c] / denom;
                classes++;
            }
        }
        return sum / classes;
    }

    static double logLoss(int[] t, double[][] proba) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            double p = Math.min(1 - EPS, Math.max(EPS, proba[i][t[i]]));
            sum -= Math.log(p);
        }
        return sum / t.length;
    }

    static double rocAuc(int[] t, double[][] proba) {
        int k = proba[0].length;
        if (k == 2) {
            return auc(t, proba, 1);
        }
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            int pos = 0;
            for (int l : t) {
                if (l == c) {
                    pos++;
                }
            }
            if (pos > 0 && pos < t.length) {
                sum += auc(t, proba, c);
                classes++;
            }
        }
        if (classes == 0) {
            throw new IllegalArgumentException("ROC AUC is undefined when y_true holds a single class");
        }
        return sum / classes;
    }

    /** One-vs-rest AUC of class {@code c} by the rank-sum (Mann-Whitney) formula with mid-ranks for ties. */
    static double auc(int[] t, double[][] proba, int c) {
        int n = t.length;
        double[] score = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            score[i] = proba[i][c];
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPos = 0;
        long pos = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int m = i; m <= j; m++) {
                if (t[order[m]] == c) {
                    rankSumPos += midRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("ROC AUC is undefined when y_true holds a single class");
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
