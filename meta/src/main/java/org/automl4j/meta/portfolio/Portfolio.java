package org.automl4j.meta.portfolio;

import java.util.ArrayList;
import java.util.List;

/**
 * A greedy portfolio (Feurer et al., auto-sklearn 2.0): from a matrix of scores of candidate
 * configurations on known datasets, pick configurations one at a time, each time the one that most
 * lowers the mean over datasets of the best normalised regret among those picked. Regret is
 * normalised per dataset: 0 for the dataset's best candidate, 1 for its worst. Deterministic: ties go
 * to the lower index.
 */
public final class Portfolio {

    private Portfolio() {
    }

    /**
     * The portfolio's candidate indices, in the order picked.
     *
     * @param scores datasets x candidates, higher is better; NaN = not evaluated (counts as the worst, as does
     *               -infinity; +infinity counts as the best)
     * @param size   how many to pick (at most the number of candidates)
     * @throws IllegalArgumentException if the matrix is empty or its rows differ in length
     */
    public static List<Integer> greedy(double[][] scores, int size) {
        if (scores.length == 0 || scores[0].length == 0) {
            throw new IllegalArgumentException("the score matrix needs at least one dataset and one candidate");
        }
        int m = scores[0].length;
        for (int d = 1; d < scores.length; d++) {
            if (scores[d].length != m) {
                throw new IllegalArgumentException("every dataset needs a score (or NaN) for each of the " + m
                        + " candidates, but dataset " + d + " has " + scores[d].length);
            }
        }
        double[][] regret = regrets(scores);
        List<Integer> picked = new ArrayList<>();
        double[] best = new double[scores.length];
        java.util.Arrays.fill(best, 1.0);
        for (int step = 0; step < Math.min(size, m); step++) {
            int choice = -1;
            double choiceMean = Double.POSITIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                if (picked.contains(c)) {
                    continue;
                }
                double mean = 0;
                for (int d = 0; d < scores.length; d++) {
                    mean += Math.min(best[d], regret[d][c]);
                }
                mean /= scores.length;
                if (mean < choiceMean - 1e-15) {
                    choiceMean = mean;
                    choice = c;
                }
            }
            picked.add(choice);
            for (int d = 0; d < scores.length; d++) {
                best[d] = Math.min(best[d], regret[d][choice]);
            }
        }
        return List.copyOf(picked);
    }

    /**
     * Per dataset, (best - score) / (best - worst) over the finite scores; 0 where they all tie; NaN and -infinity
     * get 1, +infinity 0 (an infinite score would otherwise make every finite candidate's regret 0 or NaN).
     */
    static double[][] regrets(double[][] scores) {
        double[][] out = new double[scores.length][];
        for (int d = 0; d < scores.length; d++) {
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            for (double s : scores[d]) {
                if (Double.isFinite(s)) {
                    hi = Math.max(hi, s);
                    lo = Math.min(lo, s);
                }
            }
            out[d] = new double[scores[d].length];
            for (int c = 0; c < scores[d].length; c++) {
                double s = scores[d][c];
                out[d][c] = Double.isNaN(s) || s == Double.NEGATIVE_INFINITY ? 1 : s == Double.POSITIVE_INFINITY ? 0
                        : hi > lo ? (hi - s) / (hi - lo) : 0;
            }
        }
        return out;
    }
}
