package org.automl4j.tabular;

import java.util.List;
import java.util.Locale;
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
 */
public record AutoMLResult(AutoMLModel model, List<LeaderboardEntry> leaderboard, Metric metric,
        double bestSingleScore, double ensembleScore, double seconds, int trials, String metaLearning) {

    public AutoMLResult {
        leaderboard = List.copyOf(leaderboard);
    }

    /** The leaderboard as a text table (the first {@code limit} rows). */
    public String leaderboardTable(int limit) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%4s %5s %-14s %12s %8s %8s %7s  %s%n", "rank", "trial", "learner",
                metric.id(), "fit s", "pred s", "weight", "pipeline"));
        int r = 0;
        for (LeaderboardEntry e : leaderboard) {
            if (r >= limit) {
                break;
            }
            r++;
            sb.append(String.format(Locale.ROOT, "%4d %5d %-14s %12s %8.2f %8.3f %7.3f  %s%n", r, e.trial(),
                    e.learner(), Double.isNaN(e.score()) ? e.state() : AutoML.fmt(e.score()), e.fitSeconds(),
                    e.predictSeconds(), e.weight(), e.pipeline()));
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
