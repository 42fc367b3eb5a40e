package org.automl4j.tabular;

/**
 * One model the search tried.
 *
 * @param trial       the trial number in the search study
 * @param learner     the learner's name
 * @param pipeline    the whole pipeline, one line
 * @param score       the validation score (the metric's own sign; NaN if it failed)
 * @param fitSeconds  total fit time over the folds
 * @param predictSeconds total prediction time over the folds
 * @param state       COMPLETE, PRUNED (stopped by racing), TIMEOUT (stopped for time: the search's end or its
 *                    per-pipeline share) or FAIL
 * @param weight      the model's weight in the final ensemble (0 if not in it)
 * @param params      the pipeline as a point of the search space (to enqueue it elsewhere, e.g. as a warm start)
 */
public record LeaderboardEntry(int trial, String learner, String pipeline, double score, double fitSeconds,
        double predictSeconds, String state, double weight, java.util.Map<String, Object> params) {

    public LeaderboardEntry {
        params = params == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(params));
    }
}
