package org.automl4j.tabular;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automl4j.data.metrics.Metric;

/**
 * What {@link AutoML#fit} returns: the final model, the leaderboard of every pipeline tried, and the
 * validation scores.
 *
 * @param model          the fitted ensemble (refit on all rows)
 * @param leaderboard    every finished pipeline, best first
 * @param metric         the metric the search optimised
 * @param bestSingleScore the best single pipeline's validation score
 * @param ensembleScore  the ensemble's validation score on the same out-of-fold predictions
 * @param seconds        wall time of the fit
 * @param trials         pipelines tried
 * @param metaLearning   what meta-learning did, one line (e.g. the similar datasets it used)
 * @param stageSeconds   wall time of each stage of the fit, in order: {@code setup} (validation plan, study),
 *                       {@code meta} (meta-features and plan), {@code search}, {@code ensemble} (selection and
 *                       stacking), {@code refit} (members on all rows) and {@code finish} (leaderboard, study
 *                       attributes, model); they add up to {@code seconds}
 */
public record AutoMLResult(AutoMLModel model, List<LeaderboardEntry> leaderboard, Metric metric,
        double bestSingleScore, double ensembleScore, double seconds, int trials, String metaLearning,
        Map<String, Double> stageSeconds) {

    /** The stages of {@link #stageSeconds}, in order. */
    public static final List<String> STAGES = List.of("setup", "meta", "search", "ensemble", "refit", "finish");

    public AutoMLResult {
        leaderboard = List.copyOf(leaderboard);
        stageSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageSeconds));
    }

    /** One line: each stage's seconds, e.g. {@code setup 0.1 s, meta 0.4 s, search 52.3 s, ...}. */
    public String stagesLine() {
        StringBuilder sb = new StringBuilder();
        stageSeconds.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f s", k, v)));
        return sb.toString();
    }

    /** The leaderboard as a text table (the first {@code limit} rows). */
    public String leaderboardTable(int limit) {
        StringBuilder sb = new StringBuilder();
        // as wide as the longest learner shown (lgbm_extra_trees is 16), so the columns stay aligned
        int width = Math.max(14, leaderboard.stream().limit(Math.max(0, limit)).mapToInt(e -> e.learner().length())
                .max().orElse(0));
        int scoreWidth = Math.max(12, metric.id().length());
        sb.append(String.format(Locale.ROOT, "%4s %5s %-" + width + "s %" + scoreWidth + "s %8s %8s %7s  %s%n", "rank",
                "trial", "learner", metric.id(), "fit s", "pred s", "weight", "pipeline"));
        int r = 0;
        for (LeaderboardEntry e : leaderboard) {
            if (r >= limit) {
                break;
            }
            r++;
            sb.append(String.format(Locale.ROOT, "%4d %5d %-" + width + "s %" + scoreWidth + "s %8.2f %8.3f %7.3f  %s%n",
                    r, e.trial(), e.learner(), Double.isNaN(e.score()) ? e.state() : AutoML.fmt(e.score()),
                    e.fitSeconds(), e.predictSeconds(), e.weight(), e.pipeline()));
        }
        return sb.toString();
    }

    /** The leaderboard as CSV (all rows). */
    public String leaderboardCsv() {
        StringBuilder sb = new StringBuilder("rank,trial,learner,state,score,fit_seconds,predict_seconds,weight,pipeline\n");
        int r = 0;
        for (LeaderboardEntry e : leaderboard) {
            r++;
            sb.append(r).append(',').append(e.trial()).append(',').append(e.learner()).append(',').append(e.state())
                    .append(',').append(Double.isNaN(e.score()) ? "" : Double.toString(e.score())).append(',')
                    .append(e.fitSeconds()).append(',').append(e.predictSeconds()).append(',').append(e.weight())
                    .append(",\"").append(e.pipeline().replace("\"", "\"\"")).append("\"\n");
        }
        return sb.toString();
    }
}
