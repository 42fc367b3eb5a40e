package org.automl4j.pruner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.automl4j.internal.NormalMath;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * Optuna's WilcoxonPruner, for objectives that average a score over instances (folds, problem instances, seeds)
 * and report each instance's score at the instance's id as the step: prunes a trial when a one-sided Wilcoxon
 * signed-rank test over the instances both it and the best trial have reported says it is worse than the best
 * trial ({@code p < pThreshold}), unless its mean over those instances is at least as good as the best trial's.
 * Optuna compares the best trial's mean over all its instances with the trial's mean so far instead, which
 * depends on which instances came first when their difficulty differs; the paired mean does not. Stateless.
 */
final class WilcoxonPruner implements Pruner {
    /** Up to this many paired differences (without zeros or ties) the p-value is exact; above, normal. */
    static final int EXACT_MAX = 50;

    private final double pThreshold;
    private final int nStartupSteps;

    WilcoxonPruner(double pThreshold, int nStartupSteps) {
        if (!(pThreshold >= 0 && pThreshold <= 1)) {
            throw new IllegalArgumentException("pThreshold must be in [0, 1], got " + pThreshold
                    + "; Optuna's default is 0.1 (smaller prunes less)");
        }
        PrunerSupport.requireNonNegative("nStartupSteps", nStartupSteps);
        this.pThreshold = pThreshold;
        this.nStartupSteps = nStartupSteps;
    }

    @Override
    public boolean shouldPrune(StudyView study, FrozenTrial trial) {
        if (study.isMultiObjective()) {
            throw new IllegalStateException("the Wilcoxon pruner compares a trial with the best trial, and study '"
                    + study.name() + "' has " + study.directions().size() + " objectives and no single best trial;"
                    + " use Pruners.median, successiveHalving or hyperband");
        }
        NavigableMap<Long, Double> mine = trial.intermediateValues();
        if (mine.isEmpty() || mine.values().stream().anyMatch(v -> !Double.isFinite(v))) {
            return false;
        }
        Optional<FrozenTrial> best = study.bestTrial();
        if (best.isEmpty() || best.get().number() == trial.number() || best.get().intermediateValues().isEmpty()) {
            return false;
        }
        NavigableMap<Long, Double> theirs = best.get().intermediateValues();
        List<Double> diffs = new ArrayList<>();
        for (Map.Entry<Long, Double> e : mine.entrySet()) {
            Double b = theirs.get(e.getKey());
            if (b != null && Double.isFinite(b)) {
                diffs.add(e.getValue() - b);
            }
        }
        if (diffs.isEmpty() || diffs.size() < nStartupSteps) {
            return false;
        }
        Direction direction = study.direction();
        double[] d = new double[diffs.size()];
        double worseBy = 0;
        for (int i = 0; i < d.length; i++) {
            // oriented so that a positive difference means "worse than the best trial"
            d[i] = direction == Direction.MINIMIZE ? diffs.get(i) : -diffs.get(i);
            worseBy += d[i];
        }
        if (worseBy <= 0) {
            // not worse on average over the shared instances: kept whatever the ranks say (a few large gains can
            // outweigh many small losses in the mean the objective returns)
            return false;
        }
        return pValueGreater(d) < pThreshold;
    }

    /**
     * The p-value of the one-sided Wilcoxon signed-rank test that the differences {@code d} tend to be positive:
     * P(W+ >= observed W+) when they are symmetric about 0. Zero differences are ranked and split half to each
     * side (scipy's {@code zero_method="zsplit"}); tied magnitudes get their mean rank. Exact for at most
     * {@link #EXACT_MAX} differences without zeros or ties, else the normal approximation with the tie
     * correction of the variance (no continuity correction, as scipy's default).
     */
    static double pValueGreater(double[] d) {
        int n = d.length;
        if (n == 0) {
            return 1;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(d[a]), Math.abs(d[b])));
        double[] rank = new double[n];
        double tieTerm = 0;
        boolean ties = false;
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && Math.abs(d[order[j + 1]]) == Math.abs(d[order[i]])) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = r;
            }
            int t = j - i + 1;
            if (t > 1) {
                ties = true;
                tieTerm += (double) t * t * t - t;
            }
            i = j + 1;
        }
        double wPlus = 0;
        boolean zeros = false;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                wPlus += rank[i];
            } else if (d[i] == 0) {
                wPlus += rank[i] / 2;
                zeros = true;
            }
        }
        if (n <= EXACT_MAX && !ties && !zeros) {
            return exactUpperTail(n, (int) Math.round(wPlus));
        }
        double mean = n * (n + 1) / 4.0;
        double var = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieTerm / 48.0;
        if (var <= 0) {
            return 0.5; // every difference is zero
        }
        return 1 - NormalMath.cdf((wPlus - mean) / Math.sqrt(var));
    }

    /** P(W+ >= w) for n distinct ranks 1..n, each counted with probability 1/2. */
    private static double exactUpperTail(int n, int w) {
        int max = n * (n + 1) / 2;
        double[] count = new double[max + 1];
        count[0] = 1;
        for (int r = 1; r <= n; r++) {
            for (int s = max; s >= r; s--) {
                count[s] += count[s - r];
            }
        }
        double tail = 0;
        for (int s = Math.max(0, w); s <= max; s++) {
            tail += count[s];
        }
        return tail / Math.pow(2, n);
    }

    @Override
    public String toString() {
        return "WilcoxonPruner[pThreshold=" + pThreshold + ", nStartupSteps=" + nStartupSteps + "]";
    }
}
