package org.automl4j.tabular;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.automl4j.data.Task;
import org.automl4j.storage.Storage;

/**
 * How {@link AutoML#fit} searches.
 *
 * @param timeLimit    the whole fit, search and final refit included; a limit above 50 years is taken as 50
 *                     years (no limit in practice: {@code maxPipelines} then ends the search)
 * @param seed         for splits, the sampler and the learners
 * @param task         the task, or null to infer it from the target
 * @param metric       the metric's name (e.g. {@code balanced_accuracy}, {@code rmse}), or null for the task's default
 * @param learners     learners to consider by name, or empty for all that suit the task and data size
 * @param ensembleRounds rounds of ensemble selection (0 = the best single model)
 * @param folds        cross-validation folds, or 0 to choose by data size (holdout for large data)
 * @param maxPipelines stop the search after this many pipelines (0 = only the time limit stops it); with
 *                     a limit and time to spare, a fit is reproducible exactly for a given seed
 * @param warmStart    pipelines (points of the pipeline space: {@code learner}, {@code <learner>.<param>},
 *                     {@code encoding}, ...) evaluated first, before the learners' defaults, e.g. the best
 *                     pipelines of similar datasets; parameters a point leaves out are sampled
 * @param storage      where the search is kept as a study (every pipeline a trial; the leaderboard and the
 *                     ensemble as study attributes), or null to keep it in memory only
 * @param studyName    the study's name in {@code storage} (a new study; an existing name is refused), or null
 *                     for {@code automl}
 * @param racing       multi-fidelity over folds: after each cross-validation fold a pipeline reports its score
 *                     so far, and one below the median of the others at the same fold is stopped (pruned) once
 *                     10 pipelines have finished; pruned pipelines do not enter the ensemble
 * @param meta         meta-learning from the knowledge base ({@link MetaLearning}); its pipelines come after
 *                     {@code warmStart} and before the learners' defaults; null means off
 * @param stacking     whether the final model may stack the ensemble's pipelines under a linear meta-learner when
 *                     nested cross-validation says it beats averaging them; off, the ensemble is always the
 *                     selection-weighted average (needed for an ONNX export, which cannot hold a stacker)
 */
public record AutoMLOptions(Duration timeLimit, long seed, Task task, String metric, List<String> learners,
        int ensembleRounds, int folds, int maxPipelines, List<Map<String, Object>> warmStart, Storage storage,
        String studyName, boolean racing, MetaLearning meta, boolean stacking) {

    /** The options with stacking allowed (see {@link #stacking()}); the other parameters as the record's. */
    public AutoMLOptions(Duration timeLimit, long seed, Task task, String metric, List<String> learners,
            int ensembleRounds, int folds, int maxPipelines, List<Map<String, Object>> warmStart, Storage storage,
            String studyName, boolean racing, MetaLearning meta) {
        this(timeLimit, seed, task, metric, learners, ensembleRounds, folds, maxPipelines, warmStart, storage, studyName,
                racing, meta, true);
    }

    public AutoMLOptions {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, but got " + timeLimit);
        }
        Objects.requireNonNull(learners, "learners: List.of() for all of them");
        for (int i = 0; i < learners.size(); i++) {
            if (learners.get(i) == null) {
                throw new NullPointerException("learner #" + i + " of " + learners + " is null; name each learner"
                        + " (e.g. \"lightgbm\"), or pass List.of() for all of them");
            }
        }
        learners = List.copyOf(learners);
        for (int i = 0; warmStart != null && i < warmStart.size(); i++) {
            if (warmStart.get(i) == null) {
                throw new NullPointerException("warm-start pipeline #" + i + " is null; give each pipeline as a map"
                        + " such as Map.of(\"learner\", \"lightgbm\")");
            }
            for (Map.Entry<String, Object> e : warmStart.get(i).entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new NullPointerException("warm-start pipeline #" + i + " " + warmStart.get(i) + " has a null "
                            + (e.getKey() == null ? "parameter name" : "value for '" + e.getKey() + "'")
                            + "; leave out a parameter to have it sampled");
                }
            }
        }
        warmStart = warmStart == null ? List.of() : warmStart.stream().map(Map::copyOf).toList();
        meta = meta == null ? MetaLearning.off() : meta;
        if (ensembleRounds < 0) {
            throw new IllegalArgumentException("ensembleRounds must be >= 0, but got " + ensembleRounds);
        }
        if (maxPipelines < 0) {
            throw new IllegalArgumentException("maxPipelines must be >= 0 (0 = no limit), but got " + maxPipelines);
        }
        if (studyName != null && studyName.isBlank()) {
            throw new IllegalArgumentException("studyName must not be blank (null for the default)");
        }
        if (folds == 1 || folds < 0) {
            throw new IllegalArgumentException("folds must be 0 (automatic) or at least 2, but got " + folds);
        }
    }

    /**
     * A {@code timeLimit} fit with seed 0, inferred task, default metric, all learners, 50 ensemble rounds,
     * racing over folds, meta-learning off (turn it on with {@link #withMeta}).
     */
    public static AutoMLOptions of(Duration timeLimit) {
        return new AutoMLOptions(timeLimit, 0, null, null, List.of(), 50, 0, 0, List.of(), null, null, true, MetaLearning.off());
    }

    /** These options with another seed. */
    public AutoMLOptions withSeed(long s) {
        return new AutoMLOptions(timeLimit, s, task, metric, learners, ensembleRounds, folds, maxPipelines, warmStart, storage, studyName, racing, meta, stacking);
    }

    /** These options with only the named learners. */
    public AutoMLOptions withLearners(List<String> names) {
        return new AutoMLOptions(timeLimit, seed, task, metric, names, ensembleRounds, folds, maxPipelines, warmStart, storage, studyName, racing, meta, stacking);
    }

    /** These options with another metric. */
    public AutoMLOptions withMetric(String m) {
        return new AutoMLOptions(timeLimit, seed, task, m, learners, ensembleRounds, folds, maxPipelines, warmStart, storage, studyName, racing, meta, stacking);
    }

    /** These options with a given task. */
    public AutoMLOptions withTask(Task t) {
        return new AutoMLOptions(timeLimit, seed, t, metric, learners, ensembleRounds, folds, maxPipelines, warmStart, storage, studyName, racing, meta, stacking);
    }

    /** These options with pipelines to evaluate first (see {@link #warmStart()}). */
    public AutoMLOptions withWarmStart(List<Map<String, Object>> points) {
        return new AutoMLOptions(timeLimit, seed, task, metric, learners, ensembleRounds, folds, maxPipelines, points, storage, studyName, racing, meta, stacking);
    }

    /** These options stopping the search after {@code n} pipelines. */
    public AutoMLOptions withMaxPipelines(int n) {
        return new AutoMLOptions(timeLimit, seed, task, metric, learners, ensembleRounds, folds, n, warmStart, storage, studyName, racing, meta, stacking);
    }

    /** These options with {@code rounds} of ensemble selection (0: the best single pipeline). */
    public AutoMLOptions withEnsembleRounds(int rounds) {
        return new AutoMLOptions(timeLimit, seed, task, metric, learners, rounds, folds, maxPipelines, warmStart, storage, studyName, racing, meta, stacking);
    }

    /** These options with a fixed number of folds. */
    public AutoMLOptions withFolds(int k) {
        return new AutoMLOptions(timeLimit, seed, task, metric, learners, ensembleRounds, k, maxPipelines, warmStart, storage, studyName, racing, meta, stacking);
    }

    /** These options keeping the search in {@code storage} as a new study called {@code name}. */
    public AutoMLOptions withStorage(Storage s, String name) {
        return new AutoMLOptions(timeLimit, seed, task, metric, learners, ensembleRounds, folds, maxPipelines, warmStart,
                Objects.requireNonNull(s, "storage"), Objects.requireNonNull(name, "name"), racing, meta, stacking);
    }

    /** These options with racing over folds on or off (see {@link #racing()}). */
    public AutoMLOptions withRacing(boolean on) {
        return new AutoMLOptions(timeLimit, seed, task, metric, learners, ensembleRounds, folds, maxPipelines, warmStart,
                storage, studyName, on, meta, stacking);
    }

    /** These options with stacking allowed or not (see {@link #stacking()}). */
    public AutoMLOptions withStacking(boolean on) {
        return new AutoMLOptions(timeLimit, seed, task, metric, learners, ensembleRounds, folds, maxPipelines, warmStart,
                storage, studyName, racing, meta, on);
    }

    /** These options with other meta-learning settings (see {@link #meta()}). */
    public AutoMLOptions withMeta(MetaLearning m) {
        return new AutoMLOptions(timeLimit, seed, task, metric, learners, ensembleRounds, folds, maxPipelines, warmStart,
                storage, studyName, racing, m, stacking);
    }
}
