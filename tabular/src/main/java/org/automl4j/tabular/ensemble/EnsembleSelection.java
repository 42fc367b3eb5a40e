package org.automl4j.tabular.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Greedy ensemble selection with replacement (Caruana, Niculescu-Mizil, Crew and Ksikes, 2004): start
 * from the best single model, then repeatedly add (again, possibly) the model whose addition gives the
 * best score of the averaged predictions, for a fixed number of rounds; as in the paper's last step, the
 * result is the ensemble of the round that scored best (the earliest on ties), since a forced addition can
 * lower the score (auto-sklearn keeps the last round's instead). The weights are how often each model was
 * picked up to that round, divided by its number. Works on out-of-fold predictions, so the ensemble is
 * chosen on data no model was fit on. Deterministic: ties go to the model listed first.
 */
public final class EnsembleSelection {

    /** Scores averaged predictions (rows x outputs); higher is better. */
    @FunctionalInterface
    public interface Scorer {
        double score(double[][] predictions);
    }

    /**
     * The chosen weights and the score of the weighted average.
     *
     * @param weights one per model, summing to 1
     * @param score   the ensemble's score (the best of {@code trace}, never below the best single model's)
     * @param trace   the score after each round, all rounds
     */
    public record Result(double[] weights, double score, List<Double> trace) {
        public Result {
            weights = weights.clone();
            trace = List.copyOf(trace);
        }

        /** Indices of the models with a positive weight. */
        public List<Integer> members() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    private EnsembleSelection() {
    }

    /**
     * Selects an ensemble of {@code models} (each rows x outputs, all the same shape).
     *
     * @param rounds how many picks (auto-sklearn uses 50)
     */
    public static Result select(List<double[][]> models, Scorer scorer, int rounds) {
        Objects.requireNonNull(scorer, "scorer");
        if (models.isEmpty()) {
            throw new IllegalArgumentException("ensemble selection needs at least one model");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, but got " + rounds);
        }
        int n = models.get(0).length;
        int k = n == 0 ? 0 : models.get(0)[0].length;
        for (double[][] m : models) {
            if (m.length != n || (n > 0 && m[0].length != k)) {
                throw new IllegalArgumentException("all models' predictions need the same shape " + n + " x " + k);
            }
        }
        int[] picks = new int[models.size()];
        double[][] sum = new double[n][k];
        List<Double> trace = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        int[] bestPicks = null;
        int bestRounds = 0;
        double[][] candidate = new double[n][k];
        for (int r = 1; r <= rounds; r++) {
            int chosen = -1;
            double chosenScore = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < models.size(); m++) {
                double[][] pm = models.get(m);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        candidate[i][j] = (sum[i][j] + pm[i][j]) / r;
                    }
                }
                double s = scorer.score(candidate);
                if (s > chosenScore) {
                    chosenScore = s;
                    chosen = m;
                }
            }
            if (chosen < 0) {
                throw new IllegalStateException("every candidate scored NaN; check the scorer");
            }
            picks[chosen]++;
            double[][] pc = models.get(chosen);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    sum[i][j] += pc[i][j];
                }
            }
            trace.add(chosenScore);
            if (bestPicks == null || chosenScore > best) {
                best = chosenScore;
                bestPicks = picks.clone();
                bestRounds = r;
            }
        }
        double[] weights = new double[models.size()];
        for (int m = 0; m < weights.length; m++) {
            weights[m] = bestPicks[m] / (double) bestRounds;
        }
        return new Result(weights, best, trace);
    }

    /** The weighted average of {@code models} by {@code weights}. */
    public static double[][] blend(List<double[][]> models, double[] weights) {
        int n = models.get(0).length;
        int k = n == 0 ? 0 : models.get(0)[0].length;
        double[][] out = new double[n][k];
        for (int m = 0; m < models.size(); m++) {
            if (weights[m] == 0) {
                continue;
            }
            double[][] pm = models.get(m);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    out[i][j] += weights[m] * pm[i][j];
                }
            }
        }
        return out;
    }
}
