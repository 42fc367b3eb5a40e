package org.automl4j.tabular;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.Dataset;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.metrics.Metric;
import org.automl4j.data.split.Split;
import org.automl4j.data.split.Splits;
import org.automl4j.data.split.ValidationPlan;
import org.automl4j.learners.Learner;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.automl4j.meta.shrink.SpaceShrinker;
import org.automl4j.pruner.Pruners;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Direction;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.study.StudyListener;
import org.automl4j.tabular.ensemble.EnsembleSelection;
import org.automl4j.tabular.ensemble.Stacking;
import org.automl4j.tabular.pipeline.PipelineConfig;
import org.automl4j.tabular.pipeline.PipelineSpace;
import org.automl4j.tabular.preprocess.FittedPreprocessor;
import org.automl4j.tabular.preprocess.Preprocessor;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tabular AutoML: from a table and a target to a tuned, ensembled model within a time limit. The
 * search is a study over the conditional {@link PipelineSpace} with SMAC's random-forest sampler; each
 * learner's default pipeline is tried first; every pipeline is scored by cross-validation (holdout on
 * large data) with out-of-fold predictions kept (boosting early-stops on each fold's validation rows);
 * greedy ensemble selection picks weights on those predictions, or stacking with a linear meta-learner
 * over the selected pipelines when a nested cross-validation prefers it; the chosen pipelines are refit
 * on all rows (boosting with the median of its folds' rounds).
 *
 * <p>Interrupting the thread that runs {@code fit} stops the search as the time limit would (the pipeline under way
 * is given up); the fit then builds its model from the pipelines that finished and returns it with the thread's
 * interrupt flag set again, as AutoGluon does on Ctrl-C. With no finished pipeline it throws
 * {@link NoPipelineFinishedException}.
 *
 * <pre>{@code
 * AutoMLResult r = AutoML.fit(table, "target", AutoMLOptions.of(Duration.ofSeconds(60)));
 * r.model().save(Path.of("model.automl4j"));
 * }</pre>
 */
public final class AutoML {
    private static final Logger LOG = LoggerFactory.getLogger(AutoML.class);

    /** Share of the time limit the search may use; the rest is for ensemble selection and the final refit. */
    static final double SEARCH_SHARE = 0.88;
    /**
     * Share of the time limit meta-learning's plan may use (counted from the fit's start): a plan still running
     * then is given up and the search starts from the learners' defaults, as auto-sklearn skips meta-learning
     * whose meta-features run out of time. So a short fit is not eaten by planning on a slow or busy machine.
     */
    static final double META_SHARE = 0.25;
    /** Learners tried first, in this order (when available for the task). */
    static final List<String> DEFAULT_ORDER = List.of("lightgbm", "lgbm_extra_trees", "xgboost", "logistic", "linear",
            "lgbm_rf", "extra_trees", "random_forest", "knn", "svm", "tree", "mlp");
    /**
     * Learners whose fit or prediction grows too fast to try above this many rows unless asked for by name
     * (Tribuo's forests take about 20 s for 5,000 rows on 2 cores, SVMs grow quadratically).
     */
    static final Map<String, Integer> MAX_ROWS = Map.of("svm", 5_000, "knn", 30_000, "random_forest", 3_000,
            "extra_trees", 3_000, "tree", 20_000);
    /**
     * A pipeline whose cross-validation, projected from its finished folds, would take more than this share
     * of the search time left when it started is pruned (once some pipeline has finished), so that one slow
     * configuration cannot eat the budget.
     */
    static final double MAX_PIPELINE_SHARE = 0.25;
    /** Folds of the nested cross-validation over out-of-fold rows that chooses between stacking and averaging. */
    static final int STACKING_FOLDS = 5;
    /**
     * Every cross-validation fold trains on at least this many rows: on a single row the learners either fail
     * (LightGBM's forests, the MLP) or predict NaN (the SVM), and its score says nothing.
     */
    static final int MIN_TRAIN_ROWS = 2;
    /** Racing over folds prunes only once this many pipelines have finished all folds. */
    static final int RACING_STARTUP = 10;
    /** At most this many of the best pipelines enter ensemble selection. */
    static final int ENSEMBLE_CANDIDATES = 25;
    /**
     * A longer time limit is taken as this one, which is no limit in practice: deadlines are counted in
     * nanoseconds of {@link System#nanoTime()}, which a limit of about 292 years or more would overflow.
     */
    static final Duration LONGEST_TIME_LIMIT = Duration.ofDays(365L * 50);
    /** The study attribute that tells tools (the dashboard) what kind of run a study holds. */
    public static final String KIND_ATTR = "automl4j.kind";

    private AutoML() {
    }

    /**
     * Fits a model predicting column {@code target} of {@code table} from the other columns.
     *
     * @throws IllegalArgumentException on bad input (no such column, constant target, ...), with what to fix
     */
    public static AutoMLResult fit(Table table, String target, AutoMLOptions options) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(target, "target: name the column to predict");
        Objects.requireNonNull(options, "options: pass e.g. AutoMLOptions.of(Duration.ofMinutes(1))");
        LabeledTable data = options.task() == null ? LabeledTable.of(table, target)
                : LabeledTable.of(table, target, options.task());
        return fit(data, options, null);
    }

    /** Fits a model for {@code data}; {@code listener} (may be null) sees each pipeline as it finishes. */
    public static AutoMLResult fit(LabeledTable data, AutoMLOptions options, StudyListener listener) {
        return new Run(data, options, listener, new MemoryGuard()).run();
    }

    /** A fit with the given memory guard (tests give one with a fixed heap). */
    static AutoMLResult fitGuarded(LabeledTable data, AutoMLOptions options, MemoryGuard memory) {
        return new Run(data, options, null, memory).run();
    }

    /**
     * The pipeline space a fit of {@code data} with {@code options} searches (its learners, and the
     * preprocessing parameters the data calls for).
     */
    public static PipelineSpace pipelineSpace(LabeledTable data, AutoMLOptions options) {
        boolean anyMissing = data.features().columns().stream().anyMatch(c -> c.missingCount() > 0);
        boolean anyCategorical = data.features().columns().stream().anyMatch(c -> c instanceof CategoricalColumn);
        return pipelineSpace(data.task(), data.rows(), anyMissing, anyCategorical, options.learners());
    }

    /**
     * The pipeline space a fit searches for data of this kind: {@code rows} rows, with or without missing
     * values and categorical columns; {@code learners} as {@link AutoMLOptions#learners()}.
     */
    public static PipelineSpace pipelineSpace(Task task, int rows, boolean anyMissing, boolean anyCategorical,
            List<String> learners) {
        return new PipelineSpace(learnersFor(task, rows, learners), task, anyMissing, anyCategorical);
    }

    /**
     * Scores the given pipelines on {@code data} exactly as a fit's search would (same validation plan,
     * metric, per-pipeline time guard), in order, until {@code options.timeLimit()} is used up; no
     * search, ensemble or refit. For building knowledge bases and for benchmarks.
     *
     * @param pipelines complete points of {@link #pipelineSpace} (see {@link PipelineSpace#project})
     * @return one entry per pipeline started, in the given order (a pipeline stopped for time is PRUNED)
     * @throws IllegalArgumentException if a pipeline is not a point of the space
     */
    public static List<LeaderboardEntry> evaluate(LabeledTable data, AutoMLOptions options,
            List<Map<String, Object>> pipelines) {
        return new Run(data, options.withMeta(MetaLearning.off()), null, new MemoryGuard()).evaluateOnly(pipelines);
    }

    /** {@code options.timeLimit()}, at most {@link #LONGEST_TIME_LIMIT}. */
    static Duration timeLimit(AutoMLOptions options) {
        Duration d = options.timeLimit();
        return d.compareTo(LONGEST_TIME_LIMIT) > 0 ? LONGEST_TIME_LIMIT : d;
    }

    /**
     * Whether the stacking check (nested folds and the final meta-learner, {@code fits} fits in all, of
     * which {@code done} took {@code now - start} nanoseconds) ends by {@code deadline} at that pace; it
     * runs after the search, in the time left for the ensemble and the refit, and a meta-learner over
     * hundreds of classes takes seconds per fit.
     */
    static boolean stackingFits(long start, long now, int done, int fits, long deadline) {
        if (now - deadline >= 0) {
            return false;
        }
        if (done == 0) {
            return true;
        }
        double perFit = (now - start) / (double) done;
        return perFit * (fits - done) <= deadline - now;
    }

    /** The learners a fit considers for {@code task} with {@code rows} rows, in the order defaults are tried. */
    static List<Learner> learnersFor(Task task, int rows, List<String> requested) {
        List<Learner> out = new ArrayList<>();
        Set<String> asked = new HashSet<>(requested);
        for (String n : requested) {
            Learner l = Learners.byName(n);
            if (!l.supports(task)) {
                throw new IllegalArgumentException("learner '" + n + "' cannot do " + task + "; learners for it: "
                        + Learners.forTask(task).stream().map(Learner::name).toList());
            }
        }
        List<Learner> all = new ArrayList<>(Learners.forTask(task));
        all.sort(Comparator.comparingInt(l -> {
            int i = DEFAULT_ORDER.indexOf(l.name());
            return i < 0 ? DEFAULT_ORDER.size() : i;
        }));
        for (Learner l : all) {
            if (!asked.isEmpty()) {
                if (asked.contains(l.name())) {
                    out.add(l);
                }
            } else if (rows <= MAX_ROWS.getOrDefault(l.name(), Integer.MAX_VALUE)) {
                out.add(l);
            }
        }
        return out;
    }

    /** One fit: the search state shared by its trials. */
    private static final class Run {
        final LabeledTable data;
        final AutoMLOptions options;
        final StudyListener listener;
        final long start = System.nanoTime();
        final long deadline;
        final long searchDeadline;
        final Metric metric;
        final double[] y;
        final List<Split> splits;
        final int[] validRows;
        final int outputs;
        final PipelineSpace space;
        final Map<Integer, double[][]> oof = new ConcurrentHashMap<>();
        final Map<Integer, double[]> times = new ConcurrentHashMap<>();
        final MemoryGuard memory;
        /** Pipelines stopped for time (the leaderboard says TIMEOUT rather than PRUNED). */
        final Set<Integer> timedOut = ConcurrentHashMap.newKeySet();
        /** Fits given up for time whose threads may still run, per learner. */
        final AbandonedFits abandoned = new AbandonedFits();

        /** Per trial of an iterative learner: the rounds each fold's model kept (after early stopping). */
        final Map<Integer, int[]> rounds = new ConcurrentHashMap<>();

        Run(LabeledTable data, AutoMLOptions options, StudyListener listener, MemoryGuard memory) {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(options, "options: pass e.g. AutoMLOptions.of(Duration.ofMinutes(1))");
            if (data.features().columnCount() == 0) {
                throw new IllegalArgumentException("the table has no feature columns besides the target '"
                        + data.targetName() + "', so there is nothing to learn from; add at least one column");
            }
            if (data.task().isClassification()) {
                int[] counts = data.classCounts();
                for (int c = 0; c < counts.length; c++) {
                    if (counts[c] == 1) {
                        throw new IllegalArgumentException("class '" + data.classes().get(c) + "' of the target '"
                                + data.targetName() + "' has a single row, but AutoML validates with stratified"
                                + " splits, which need at least 2 rows of every class; drop that row, merge the class"
                                + " into a similar one, or add rows of it");
                    }
                }
            }
            this.memory = memory;
            this.data = data;
            this.options = options;
            this.listener = listener;
            long limitNanos = timeLimit(options).toNanos();
            this.deadline = start + limitNanos;
            this.searchDeadline = start + (long) (limitNanos * SEARCH_SHARE);
            Task task = data.task();
            this.metric = options.metric() == null ? Metric.defaultFor(task) : Metric.of(options.metric());
            if (!metric.supports(task)) {
                throw new IllegalArgumentException("metric " + metric.id() + " does not apply to " + task
                        + " targets; use e.g. " + Metric.defaultFor(task).id());
            }
            this.y = data.y();
            ValidationPlan plan = options.folds() > 0 ? ValidationPlan.kFold(options.folds(), true)
                    : Splits.chooseValidation(data.rows(), task);
            this.splits = plan.splits(data, options.seed());
            for (int i = 0; i < splits.size(); i++) {
                if (splits.get(i).train().length < MIN_TRAIN_ROWS) {
                    throw new IllegalArgumentException("the target '" + data.targetName() + "' has a value in "
                            + data.rows() + " rows only, so cross-validation fold " + (i + 1) + " of " + splits.size()
                            + " would train on " + splits.get(i).train().length + " row; a fit needs at least "
                            + MIN_TRAIN_ROWS + " training rows in every fold: add rows"
                            + (options.folds() > 0 ? " or use more folds than " + options.folds()
                                    + " (smaller test folds)" : ""));
                }
            }
            List<Integer> rows = new ArrayList<>();
            for (Split s : splits) {
                for (int r : s.test()) {
                    rows.add(r);
                }
            }
            this.validRows = rows.stream().mapToInt(Integer::intValue).toArray();
            this.outputs = task.isClassification() ? data.classCount() : 1;
            this.space = pipelineSpace(data, options);
        }

        List<LeaderboardEntry> evaluateOnly(List<Map<String, Object>> pipelines) {
            Direction dir = metric.greaterIsBetter() ? Direction.MAXIMIZE : Direction.MINIMIZE;
            Study study = Study.builder().name("evaluate").direction(dir).sampler(Samplers.random(options.seed())).build();
            for (Map<String, Object> point : pipelines) {
                study.enqueueTrial(space.checkPoint(point));
            }
            long searchNanos = deadline - System.nanoTime();
            if (!pipelines.isEmpty() && searchNanos > 0) {
                study.optimize(trial -> {
                    PipelineConfig config = space.decode(space.searchSpace().suggest(trial));
                    trial.setUserAttr("pipeline", config.describe());
                    return evaluate(trial, config, deadline);
                }, OptimizeOptions.timeout(Duration.ofNanos(searchNanos)).withTrials(pipelines.size())
                        .withMaxInitialFailures(0));
            }
            List<LeaderboardEntry> out = new ArrayList<>();
            for (FrozenTrial t : study.trials()) {
                if (!t.state().isFinished()) {
                    continue;
                }
                double[] tt = times.getOrDefault(t.number(), new double[] {Double.NaN, Double.NaN});
                out.add(new LeaderboardEntry(t.number(), String.valueOf(t.params().get("learner")),
                        String.valueOf(t.userAttrs().getOrDefault("pipeline", t.params().toString())),
                        t.state() == TrialState.COMPLETE ? t.value() : Double.NaN, tt[0], tt[1], t.state().name(), 0,
                        t.params()));
            }
            out.sort(Comparator.comparingInt(LeaderboardEntry::trial));
            return out;
        }

        /** An interrupt that ended the search, held aside while the model is built and given back at the end. */
        boolean interrupted;

        AutoMLResult run() {
            try {
                return searchAndBuild();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private AutoMLResult searchAndBuild() {
            // checked before the study is created, so that a bad pipeline leaves no study behind in the storage
            List<Map<String, Object>> own = new ArrayList<>();
            for (Map<String, Object> point : options.warmStart()) {
                own.add(space.checkPoint(point));
            }
            Direction dir = metric.greaterIsBetter() ? Direction.MAXIMIZE : Direction.MINIMIZE;
            String studyName = options.studyName() == null ? "automl" : options.studyName();
            Study.Builder builder = Study.builder().name(studyName).direction(dir).sampler(Samplers.smac(options.seed()));
            if (options.racing() && splits.size() > 1) {
                builder.pruner(Pruners.median(RACING_STARTUP, 0, 1));
            }
            if (options.storage() != null) {
                if (options.storage().findStudy(studyName).isPresent()) {
                    throw new IllegalArgumentException("study '" + studyName + "' already exists in the"
                            + " storage; give the run another name or delete the old study");
                }
                builder.storage(options.storage());
            }
            Study study = builder.build();
            study.setUserAttr(KIND_ATTR, "automl");
            study.setUserAttr("target", data.targetName());
            study.setUserAttr("task", data.task().name().toLowerCase(Locale.ROOT));
            study.setUserAttr("metric", metric.id());
            study.setUserAttr("rows", data.rows());
            if (data.droppedRows() > 0) {
                // AutoML.fit(table, ...) drops them silently otherwise; the CLI prints its own line
                LOG.warn("{} rows have no value in the target '{}' and are left out; the fit uses the other {}",
                        data.droppedRows(), data.targetName(), data.rows());
                study.setUserAttr("rows_without_target", data.droppedRows());
            }
            study.setUserAttr("time_limit_s", timeLimit(options).toMillis() / 1000.0);
            if (listener != null) {
                study.addListener(listener);
            }
            boolean balanced = metric == Metric.BALANCED_ACCURACY || metric == Metric.F1_MACRO;
            long tMeta = System.nanoTime();
            MetaPlanner.Plan plan = MetaPlanner.Plan.none("meta-learning: off");
            if (options.meta().enabled()) {
                long limitNanos = timeLimit(options).toNanos();
                plan = planWithin(() -> MetaPlanner.plan(data, space, balanced, options.meta(), own, options.seed()),
                        start + (long) (limitNanos * META_SHARE), limitNanos * META_SHARE / 1e9);
                LOG.info("{} ({} s)", plan.note(), fmt(plan.seconds()));
            }
            metaPlan = plan;
            SpaceShrinker.Result shrunk = plan.shrunk();
            org.automl4j.space.SearchSpace searchSpace = shrunk != null ? shrunk.space() : space.searchSpace();
            java.util.Set<Map<String, Object>> queued = new java.util.HashSet<>();
            List<Map<String, Object>> first = new ArrayList<>(own);
            first.addAll(plan.points());
            if (plan.points().isEmpty()) {
                // without meta-learning each learner's default pipeline starts the search; the knowledge base
                // holds the defaults among its candidates, so with a plan they come only when it picks them
                for (Learner l : space.learners()) {
                    first.add(space.defaultPoint(l, balanced));
                }
            }
            for (Map<String, Object> point : first) {
                Map<String, Object> p = shrunk == null ? point : shrunk.project(point).orElse(null);
                if (p != null && queued.add(p)) {
                    study.enqueueTrial(p);
                }
            }
            long tSearch = System.nanoTime();
            long searchNanos = searchDeadline - tSearch;
            if (searchNanos > 0) {
                FailingLearners failing = new FailingLearners(space.learners().stream().map(Learner::name).toList());
                study.optimize(trial -> {
                    Map<String, Object> params = searchSpace.suggest(trial);
                    PipelineConfig config = space.decode(params);
                    trial.setUserAttr("pipeline", config.describe());
                    return evaluateCounting(study, failing, trial, config);
                }, OptimizeOptions.timeout(Duration.ofNanos(searchNanos))
                        .withTrials(options.maxPipelines() > 0 ? options.maxPipelines() : -1).withMaxInitialFailures(0));
            }
            // an interrupt ended the search (see the class javadoc): hold it aside so that the ensemble and the
            // refit run, and give it back when the fit returns
            interrupted = Thread.interrupted();
            if (interrupted) {
                LOG.info("interrupted: the search stops; the model is built from the {} pipelines that finished",
                        study.trials(TrialState.COMPLETE).size());
            }
            long tEnsemble = System.nanoTime();
            List<FrozenTrial> complete = new ArrayList<>(study.trials(TrialState.COMPLETE));
            if (complete.isEmpty()) {
                List<FrozenTrial> failed = study.trials(TrialState.FAIL);
                if (failed.isEmpty()) {
                    throw new NoPipelineFinishedException(String.format(Locale.ROOT, "no pipeline finished within the"
                            + " time limit of %.1f s (setup and meta-learning took %.1f s of it); give it more time",
                            timeLimit(options).toMillis() / 1000.0, (tSearch - start) / 1e9), 0);
                }
                org.automl4j.trial.TrialFailure firstFailure = failed.get(0).failure();
                throw new NoPipelineFinishedException("no pipeline finished: " + failed.size() + " failed; the first"
                        + " failure (trial " + failed.get(0).number() + "): " + (firstFailure == null ? "unknown"
                        : firstFailure.type() + ": " + firstFailure.message()), failed.size());
            }
            Comparator<FrozenTrial> byScore = Comparator.comparingDouble(FrozenTrial::value);
            if (metric.greaterIsBetter()) {
                byScore = byScore.reversed();
            }
            complete.sort(byScore.thenComparingInt(FrozenTrial::number));
            List<FrozenTrial> candidates = complete.subList(0, Math.min(ENSEMBLE_CANDIDATES, complete.size()));
            double[] weights = ensembleWeights(candidates);
            List<Integer> order = memberOrder(weights);
            Model stacker = options.stacking() ? stackingIfBetter(candidates, order, balanced) : null;
            long tRefit = System.nanoTime();
            List<AutoMLModel.Member> members = refit(study, candidates, weights, order);
            long tFinish = System.nanoTime();
            if (stacker != null && members.size() < order.size()) {
                LOG.info("not every stacked pipeline could be refit in time; averaging by the selection weights");
                stacker = null;
                ensembleScore = selectionScore;
            }
            List<LeaderboardEntry> board = leaderboard(study, candidates, weights, members);
            double seconds = (System.nanoTime() - start) / 1e9;
            recordResults(study, board, members, stacker != null, seconds);
            AutoMLModel model = new AutoMLModel(data.schema(), data.task(), data.targetName(), data.classes(), metric,
                    members, Provenance.of(data, options, seconds), stacker);
            long end = System.nanoTime();
            long[] marks = {start, tMeta, tSearch, tEnsemble, tRefit, tFinish, end};
            Map<String, Double> stages = new java.util.LinkedHashMap<>();
            for (int i = 0; i < AutoMLResult.STAGES.size(); i++) {
                stages.put(AutoMLResult.STAGES.get(i), (marks[i + 1] - marks[i]) / 1e9);
            }
            LOG.info("stages: {}", stages);
            study.setUserAttr("stage_seconds", stages); // for `studies show` and the dashboard's study attributes
            return new AutoMLResult(model, board, metric, complete.get(0).value(), ensembleScore, (end - start) / 1e9,
                    (int) study.trials().stream().filter(t -> t.state().isFinished()).count(), metaPlan.note(), stages);
        }

        double ensembleScore = Double.NaN;
        double selectionScore = Double.NaN;
        MetaPlanner.Plan metaPlan = MetaPlanner.Plan.none("meta-learning: off");

        /** Keeps the leaderboard and the chosen ensemble with the study, for the dashboard and later runs. */
        void recordResults(Study study, List<LeaderboardEntry> board, List<AutoMLModel.Member> members,
                boolean stacked, double seconds) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LeaderboardEntry e : board) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("trial", e.trial());
                row.put("learner", e.learner());
                row.put("pipeline", e.pipeline());
                row.put("score", Double.isFinite(e.score()) ? e.score() : null);
                row.put("fit_seconds", e.fitSeconds());
                row.put("predict_seconds", e.predictSeconds());
                row.put("state", e.state());
                row.put("weight", e.weight());
                rows.add(row);
            }
            study.setUserAttr("leaderboard", rows);
            List<Map<String, Object>> parts = new ArrayList<>();
            for (AutoMLModel.Member m : members) {
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("trial", m.trial());
                part.put("learner", m.config().learner());
                part.put("pipeline", m.config().describe());
                part.put("weight", m.weight());
                parts.add(part);
            }
            Map<String, Object> ensemble = new LinkedHashMap<>();
            ensemble.put("method", members.size() == 1 ? "single" : stacked ? "stacking" : "ensemble_selection");
            ensemble.put("validation_score", Double.isFinite(ensembleScore) ? ensembleScore : null);
            ensemble.put("members", parts);
            study.setUserAttr("ensemble", ensemble);
            study.setUserAttr("fit_seconds", seconds);
        }

        /**
         * {@link #evaluate(Trial, PipelineConfig)}, recording in {@code failing} whether the pipeline's learner ran or
         * failed; once every learner has only failed, asks {@code study} to stop rather than let the search draw
         * failing pipelines until its time is up.
         */
        double evaluateCounting(Study study, FailingLearners failing, Trial trial, PipelineConfig config)
                throws Exception {
            boolean ran = false;
            try {
                double v = evaluate(trial, config);
                ran = true;
                return v;
            } catch (TrialPrunedException e) {
                ran = true; // stopped for time or by racing: the learner works
                throw e;
            } finally {
                if (ran) {
                    failing.ran(config.learner());
                } else if (failing.failed(config.learner())) {
                    LOG.warn("every learner failed each of its first {} pipelines and none ran; the search stops"
                            + " (see the first failure below)", FailingLearners.LIMIT);
                    study.stop();
                }
            }
        }

        /** Scores one pipeline by cross-validation; keeps its out-of-fold predictions. */
        double evaluate(Trial trial, PipelineConfig config) throws Exception {
            return evaluate(trial, config, searchDeadline);
        }

        double evaluate(Trial trial, PipelineConfig config, long until) throws Exception {
            int number = trial.number();
            long begin = System.nanoTime();
            long available = until - begin;
            // fits that check interruption (LightGBM, between rounds) stop at the search deadline, or once
            // this pipeline has used MAX_PIPELINE_SHARE of the search time left (after one pipeline finished)
            long stopAt = oof.isEmpty() ? until : begin + (long) (MAX_PIPELINE_SHARE * available);
            Alarm alarm = Alarm.at(stopAt);
            try {
                return memory.run("pipeline " + number + " (" + config.learner() + ")",
                        () -> evaluate(trial, config, begin, available, until));
            } catch (java.util.concurrent.CancellationException e) {
                timedOut.add(number);
                throw new TrialPrunedException(String.format(Locale.ROOT, "stopped after %.1f s: %s",
                        (System.nanoTime() - begin) / 1e9, e.getMessage()));
            } catch (RuntimeException e) {
                if (!alarm.rang()) {
                    throw e;
                }
                // the alarm's interrupt surfaced as the learner's own error (Tribuo's kNN said "Thread pool went
                // bang" before TribuoModel waited for it on its own thread): the pipeline ran out of time, it did
                // not fail
                timedOut.add(number);
                throw new TrialPrunedException(String.format(Locale.ROOT, "stopped after %.1f s (%s)",
                        (System.nanoTime() - begin) / 1e9, e.getMessage()));
            } finally {
                alarm.cancel();
            }
        }

        double evaluate(Trial trial, PipelineConfig config, long begin, long available, long until) throws Exception {
            int number = trial.number();
            Learner learner = space.learner(config.learner());
            double[][] pred = new double[data.rows()][];
            double fitTime = 0;
            double predictTime = 0;
            String budget = learner.budgetParameter().orElse(null);
            int[] kept = budget == null ? null : new int[splits.size()];
            for (int f = 0; f < splits.size(); f++) {
                if (System.nanoTime() > until) {
                    timedOut.add(number);
                    throw new TrialPrunedException("the search time is up");
                }
                Split s = splits.get(f);
                long t0 = System.nanoTime();
                LOG.debug("trial {} fold {} starts: {}", number, f, config.describe());
                // a learner that ignores interrupts fits on its own thread, so that the alarm still ends the wait;
                // the others stop on this one (a second thread would let a stopping fit overlap the next one)
                if (!learner.stopsWhenInterrupted()) {
                    // an earlier fit of this learner given up for time still runs: wait for it (within this
                    // pipeline's time, which the alarm ends) rather than skip: skipping at once let the search
                    // draw tens of thousands of skipped pipelines a minute while the earlier fit ran
                    abandoned.awaitIdle(learner.name());
                }
                Fitted fitted = learner.stopsWhenInterrupted() ? fitPipeline(config, learner, s.train(), s.test())
                        : GiveUp.call("automl4j-fit-" + number + "-" + f,
                                () -> fitPipeline(config, learner, s.train(), s.test()),
                                worker -> abandoned.add(learner.name(), worker));
                long t1 = System.nanoTime();
                double[][] p = AutoMLModel.outputs(fitted.model(), fitted.validX(), data.task());
                long t2 = System.nanoTime();
                fitTime += (t1 - t0) / 1e9;
                predictTime += (t2 - t1) / 1e9;
                for (int i = 0; i < s.test().length; i++) {
                    pred[s.test()[i]] = p[i];
                }
                if (kept != null) {
                    kept[f] = ((Number) fitted.model().params().get(budget)).intValue();
                }
                if (options.racing() && f + 1 < splits.size()) {
                    trial.report(f + 1, scoreSoFar(pred, f + 1));
                    if (trial.shouldPrune()) {
                        throw new TrialPrunedException(String.format(Locale.ROOT,
                                "racing: after %d of %d folds, below the median of the other pipelines", f + 1,
                                splits.size()));
                    }
                }
                if (f + 1 < splits.size() && !oof.isEmpty()) {
                    double projected = (t2 - begin) * (double) splits.size() / (f + 1);
                    if (projected > MAX_PIPELINE_SHARE * available) {
                        timedOut.add(number);
                        throw new TrialPrunedException(String.format(Locale.ROOT,
                                "too slow: %.1f s projected for all folds, more than %.0f %% of the %.1f s left",
                                projected / 1e9, MAX_PIPELINE_SHARE * 100, available / 1e9));
                    }
                }
            }
            if (kept != null) {
                rounds.put(number, kept);
            }
            LOG.debug("trial {} {}: fit {} s, predict {} s", number, config.learner(), fmt(fitTime), fmt(predictTime));
            double[][] aligned = new double[validRows.length][];
            for (int i = 0; i < validRows.length; i++) {
                aligned[i] = pred[validRows[i]];
            }
            oof.put(number, aligned);
            times.put(number, new double[] {fitTime, predictTime});
            return score(aligned);
        }

        /** The metric over the rows of the first {@code folds} folds, whose predictions are in {@code pred}. */
        double scoreSoFar(double[][] pred, int folds) {
            int n = 0;
            for (int f = 0; f < folds; f++) {
                n += splits.get(f).test().length;
            }
            double[] yt = new double[n];
            double[][] p = new double[n][];
            int k = 0;
            for (int f = 0; f < folds; f++) {
                for (int r : splits.get(f).test()) {
                    yt[k] = y[r];
                    p[k++] = pred[r];
                }
            }
            return score(yt, p);
        }

        double score(double[][] aligned) {
            return score(validTargets(), aligned);
        }

        double[] validTargets() {
            double[] yv = new double[validRows.length];
            for (int i = 0; i < yv.length; i++) {
                yv[i] = y[validRows[i]];
            }
            return yv;
        }

        double score(double[] yTrue, double[][] predictions) {
            if (data.task().isClassification()) {
                return metric.score(yTrue, predictions);
            }
            double[] v = new double[predictions.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = predictions[i][0];
            }
            return metric.score(yTrue, v);
        }

        /**
         * Stacking over the ensemble-selection members (in {@code order}): a meta-learner ({@link Stacking})
         * on their out-of-fold predictions, kept only when a nested cross-validation over the out-of-fold rows
         * scores it better than greedy selection re-run on the same folds (both chosen and scored on
         * disjoint rows, so neither gets the optimism of scoring on its own fitting data). Null when
         * averaging wins, with fewer than two members, or when the meta-learner fails.
         */
        Model stackingIfBetter(List<FrozenTrial> candidates, List<Integer> order, boolean balanced) {
            if (order.size() < 2 || options.ensembleRounds() == 0) {
                return null;
            }
            // on its own thread, given up at the deadline: one meta-learner fit over hundreds of classes takes
            // seconds, and the refit still needs time after it
            Alarm alarm = Alarm.at(deadline);
            try {
                Stacked s = GiveUp.call("automl4j-stacking", () -> stackingCheck(candidates, order, balanced));
                if (s == null) {
                    return null;
                }
                ensembleScore = s.score();
                return s.meta();
            } catch (java.util.concurrent.CancellationException e) {
                LOG.info("stacking left out: its check {}; using ensemble selection",
                        alarm.rang() ? "ran past the time limit" : "was interrupted");
                return null;
            } catch (Exception e) {
                LOG.info("stacking failed ({}); using ensemble selection", e.toString());
                return null;
            } finally {
                alarm.cancel();
            }
        }

        /** A stacking meta-learner fitted on all out-of-fold rows and its nested cross-validation score. */
        record Stacked(Model meta, double score) {
        }

        /** The meta-learner and its nested score when stacking beats ensemble selection, else null. */
        Stacked stackingCheck(List<FrozenTrial> candidates, List<Integer> order, boolean balanced) {
            long t0 = System.nanoTime();
            try {
                List<double[][]> all = new ArrayList<>();
                for (FrozenTrial t : candidates) {
                    all.add(oof.get(t.number()));
                }
                List<double[][]> stacked = new ArrayList<>();
                for (int i : order) {
                    stacked.add(all.get(i));
                }
                double[] yv = validTargets();
                double[] w = balanced && data.task().isClassification() ? balancedWeights(yv, data.classCount()) : null;
                int n = yv.length;
                int folds = Math.min(STACKING_FOLDS, n);
                double[][] stackPred = new double[n][];
                double[][] selectPred = new double[n][];
                double sign = metric.greaterIsBetter() ? 1 : -1;
                for (int f = 0; f < folds; f++) {
                    long now = System.nanoTime();
                    if (!stackingFits(t0, now, f, folds + 1, deadline)) {
                        LOG.info("stacking left out: {} of its {} meta-learner fits took {} ms, and the rest would"
                                + " not end within the time limit; using ensemble selection", f, folds + 1,
                                (now - t0) / 1_000_000);
                        return null;
                    }
                    int[] test = nestedRows(n, folds, f, true);
                    int[] train = nestedRows(n, folds, f, false);
                    double[] ytr = pick(yv, train);
                    Model meta = Stacking.fit(pickRows(stacked, train), ytr, w == null ? null : pick(w, train),
                            data.task(), data.classes(), options.seed());
                    double[][] ps = Stacking.predict(meta, pickRows(stacked, test), data.task());
                    List<double[][]> allTrain = pickRows(all, train);
                    EnsembleSelection.Result r = EnsembleSelection.select(allTrain, p -> sign * score(ytr, p),
                            options.ensembleRounds());
                    double[][] pe = EnsembleSelection.blend(pickRows(all, test), r.weights());
                    for (int i = 0; i < test.length; i++) {
                        stackPred[test[i]] = ps[i];
                        selectPred[test[i]] = pe[i];
                    }
                }
                double stackScore = score(yv, stackPred);
                double selectScore = score(yv, selectPred);
                boolean better = sign * stackScore > sign * selectScore;
                LOG.info("nested {}-fold over out-of-fold rows: stacking {} {}, ensemble selection {} ({} ms); using {}",
                        folds, metric.id(), fmt(stackScore), fmt(selectScore), (System.nanoTime() - t0) / 1_000_000,
                        better ? "stacking" : "ensemble selection");
                if (!better) {
                    return null;
                }
                return new Stacked(Stacking.fit(stacked, yv, w, data.task(), data.classes(), options.seed()),
                        stackScore);
            } catch (RuntimeException e) {
                LOG.info("stacking failed ({}); using ensemble selection", e.toString());
                return null;
            }
        }

        /** A pipeline fitted on {@code rows}; {@code validX}: the validation rows transformed, or null. */
        record Fitted(FittedPreprocessor preprocessor, Model model, double[][] validX) {
        }

        /**
         * Fits on {@code rows}; with {@code validRows} (may be null) the learner may stop early on them
         * (LightGBM's boosting does).
         */
        Fitted fitPipeline(PipelineConfig config, Learner learner, int[] rows, int[] validRows) {
            Table features = data.features().selectRows(rows);
            double[] yt = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                yt[i] = y[rows[i]];
            }
            Preprocessor.Fit pre = Preprocessor.fit(features, yt, data.task(), data.classCount(), config.preprocess(),
                    options.seed());
            double[] w = config.balanceClasses() && data.task().isClassification()
                    ? balancedWeights(yt, data.classCount()) : null;
            memory.check(learner.name(), pre.x().length, pre.model().featureNames().size());
            Dataset ds = new Dataset(pre.x(), yt, w, data.task(), data.classes(), pre.model().featureNames());
            if (validRows == null) {
                return new Fitted(pre.model(), learner.fit(ds, config.learnerParams(), options.seed()), null);
            }
            double[][] vx = pre.model().transform(data.features().selectRows(validRows));
            double[] yv = new double[validRows.length];
            for (int i = 0; i < validRows.length; i++) {
                yv[i] = y[validRows[i]];
            }
            Dataset valid = new Dataset(vx, yv, null, data.task(), data.classes(), pre.model().featureNames());
            return new Fitted(pre.model(), learner.fit(ds, config.learnerParams(), options.seed(), valid), vx);
        }

        double[] ensembleWeights(List<FrozenTrial> candidates) {
            double[] weights = new double[candidates.size()];
            if (options.ensembleRounds() == 0 || candidates.size() == 1) {
                weights[0] = 1;
                ensembleScore = candidates.get(0).value();
                selectionScore = ensembleScore;
                return weights;
            }
            List<double[][]> preds = new ArrayList<>();
            for (FrozenTrial t : candidates) {
                preds.add(oof.get(t.number()));
            }
            double sign = metric.greaterIsBetter() ? 1 : -1;
            EnsembleSelection.Result r = EnsembleSelection.select(preds, p -> sign * score(p), options.ensembleRounds());
            ensembleScore = sign * r.score();
            selectionScore = ensembleScore;
            LOG.info("ensemble of {} pipelines: {} {} (best single {})", r.members().size(), metric.id(),
                    ensembleScore, candidates.get(0).value());
            return r.weights();
        }

        /** The members (indices of positive weights), heaviest first, ties by index. */
        static List<Integer> memberOrder(double[] weights) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0) {
                    order.add(i);
                }
            }
            order.sort(Comparator.comparingDouble((Integer i) -> -weights[i]).thenComparingInt(i -> i));
            return order;
        }

        /**
         * Refits the ensemble members ({@code order}) on all rows, by weight, while time lasts (the heaviest
         * always); an iterative learner gets the median of the rounds its folds kept ({@link #refitRounds}).
         */
        List<AutoMLModel.Member> refit(Study study, List<FrozenTrial> candidates, double[] weights,
                List<Integer> order) {
            int[] all = new int[data.rows()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            List<AutoMLModel.Member> members = new ArrayList<>();
            for (int i : order) {
                FrozenTrial t = candidates.get(i);
                double[] tt = times.get(t.number());
                double expected = tt == null ? 0 : tt[0] / Math.max(1, splits.size()) * 1.3;
                if (!members.isEmpty() && System.nanoTime() + (long) (expected * 1e9) > deadline) {
                    LOG.info("no time left to refit pipeline of trial {} (weight {}); left out of the ensemble",
                            t.number(), weights[i]);
                    continue;
                }
                PipelineConfig config = space.decode(t.params());
                Learner learner = space.learner(config.learner());
                if (abandoned.busy(learner.name()) && order.stream().anyMatch(j -> !abandoned.busy(space.decode(
                        candidates.get(j).params()).learner()))) {
                    LOG.info("pipeline of trial {} (weight {}) left out of the ensemble: an abandoned {} fit is still"
                            + " running, and refitting would wait for it", t.number(), weights[i], learner.name());
                    continue;
                }
                int[] kept = rounds.get(t.number());
                if (kept != null && learner.budgetParameter().isPresent()) {
                    Map<String, Object> lp = new LinkedHashMap<>(config.learnerParams());
                    lp.put(learner.budgetParameter().get(), refitRounds(kept));
                    config = new PipelineConfig(config.learner(), lp, config.preprocess(), config.balanceClasses());
                }
                Fitted f;
                try {
                    PipelineConfig c = config;
                    f = refitHoldingInterrupts(() -> memory.run("refit of pipeline " + t.number(),
                            () -> fitPipeline(c, learner, all, null)), members.isEmpty(), () -> interrupted = true);
                    if (f == null) {
                        LOG.info("interrupted: the refit stops; pipeline of trial {} and the ones after it are left"
                                + " out of the ensemble", t.number());
                        break;
                    }
                } catch (MemoryGuard.PipelineMemoryException e) {
                    if (members.isEmpty() && i == order.get(order.size() - 1)) {
                        throw e;
                    }
                    LOG.warn("{}; left out of the ensemble", e.getMessage());
                    continue;
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                members.add(new AutoMLModel.Member(t.number(), config, f.preprocessor(), f.model(), weights[i]));
            }
            double total = members.stream().mapToDouble(AutoMLModel.Member::weight).sum();
            List<AutoMLModel.Member> normalised = new ArrayList<>();
            for (AutoMLModel.Member m : members) {
                normalised.add(new AutoMLModel.Member(m.trial(), m.config(), m.preprocessor(), m.model(),
                        m.weight() / total));
            }
            return normalised;
        }

        List<LeaderboardEntry> leaderboard(Study study, List<FrozenTrial> candidates, double[] weights,
                List<AutoMLModel.Member> members) {
            Map<Integer, Double> weightOf = new LinkedHashMap<>();
            for (AutoMLModel.Member m : members) {
                weightOf.put(m.trial(), m.weight());
            }
            List<LeaderboardEntry> out = new ArrayList<>();
            for (FrozenTrial t : study.trials()) {
                if (!t.state().isFinished()) {
                    continue;
                }
                double[] tt = times.getOrDefault(t.number(), new double[] {Double.NaN, Double.NaN});
                String pipeline = String.valueOf(t.userAttrs().getOrDefault("pipeline", t.params().toString()));
                String learner = String.valueOf(t.params().getOrDefault("learner", "?"));
                double score = t.state() == TrialState.COMPLETE ? t.value() : Double.NaN;
                out.add(new LeaderboardEntry(t.number(), learner, pipeline, score, tt[0], tt[1],
                        timedOut.contains(t.number()) ? "TIMEOUT" : t.state().name(),
                        weightOf.getOrDefault(t.number(), 0.0), t.params()));
            }
            Comparator<LeaderboardEntry> c = Comparator.comparing((LeaderboardEntry e) -> Double.isNaN(e.score()))
                    .thenComparingDouble(e -> metric.greaterIsBetter() ? -e.score() : e.score());
            out.sort(c.thenComparingInt(LeaderboardEntry::trial));
            return List.copyOf(out);
        }
    }

    /**
     * The result of {@code refit}, a fit on all rows after the search, by a learner that may stop when interrupted
     * (LightGBM, the forests, the MLP: {@code Learner.stopsWhenInterrupted}). An interrupt then is the caller
     * stopping the fit, which the class javadoc promises still returns a model: it is held aside as the search's is
     * ({@code onInterrupt} runs, the flag is cleared) and, when the model needs this member ({@code mustFinish}: no
     * member refit yet), the fit runs again; otherwise null, and the caller leaves this member and the rest out.
     * A {@link java.util.concurrent.CancellationException} without the interrupt flag set is thrown on.
     */
    static <T> T refitHoldingInterrupts(java.util.concurrent.Callable<T> refit, boolean mustFinish,
            Runnable onInterrupt) throws Exception {
        while (true) {
            try {
                return refit.call();
            } catch (java.util.concurrent.CancellationException e) {
                if (!Thread.interrupted()) {
                    throw e;
                }
                onInterrupt.run();
                if (!mustFinish) {
                    return null;
                }
            }
        }
    }

    /**
     * {@code planner}'s plan, computed on its own thread and given up at {@code deadline} ({@link System#nanoTime()}
     * time; {@code seconds} is the share it stands for, for the message) or when the calling thread is interrupted
     * (whose flag then stays set, for the search to see): then, or when planning fails, a plan that adds nothing,
     * so the search starts from the learners' defaults. A plan given up goes on unused in the background until it
     * ends (seconds at most: the ranker's forest cannot be interrupted).
     */
    static MetaPlanner.Plan planWithin(java.util.concurrent.Callable<MetaPlanner.Plan> planner, long deadline,
            double seconds) {
        long t0 = System.nanoTime();
        Alarm alarm = Alarm.at(deadline);
        try {
            return GiveUp.call("automl4j-meta-plan", planner);
        } catch (java.util.concurrent.CancellationException e) {
            // the share counts from the fit's start, so setup before planning (reading the study storage) uses it
            // too: the note says how long the plan itself ran
            String why = alarm.rang() ? String.format(Locale.ROOT, "meta-learning: left out, its plan had not ended"
                    + " at %.0f %% of the time limit (%.1f s from the fit's start; the plan ran %.1f s); the search"
                    + " starts from the learners' defaults (give the fit more time to use it)", META_SHARE * 100,
                    seconds, (System.nanoTime() - t0) / 1e9) : "meta-learning: interrupted";
            LOG.info(why); // the plan's note, which the command line prints and AutoMLResult.metaLearning() gives
            return new MetaPlanner.Plan(List.of(), List.of(), Map.of(), false, null, null, (System.nanoTime() - t0) / 1e9,
                    why);
        } catch (Exception e) {
            LOG.warn("meta-learning failed ({}); the search starts from the learners' defaults", e.toString());
            return MetaPlanner.Plan.none("meta-learning: failed (" + e + ")");
        } finally {
            alarm.cancel();
        }
    }

    /**
     * Interrupts the calling thread at a time unless cancelled first; {@link #cancel()} also clears an
     * interrupt it delivered, so no stale flag reaches later code (an interrupt from elsewhere stays set, also one
     * the thread already had when the alarm rang).
     */
    static final class Alarm {
        private static final java.util.concurrent.ScheduledExecutorService TIMER =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "automl4j-pipeline-alarm");
                    t.setDaemon(true);
                    return t;
                });
        private final Thread thread = Thread.currentThread();
        private boolean active = true;
        private java.util.concurrent.ScheduledFuture<?> future;

        static Alarm at(long nanoTime) {
            Alarm a = new Alarm();
            a.future = TIMER.schedule(a::ring, Math.max(0, nanoTime - System.nanoTime()),
                    java.util.concurrent.TimeUnit.NANOSECONDS);
            return a;
        }

        private boolean rang;
        /** Whether the interrupt flag is the alarm's own (the thread was not interrupted already when it rang). */
        private boolean delivered;

        private synchronized void ring() {
            if (active) {
                rang = true;
                // a thread already interrupted from elsewhere (a caller cancelling the fit) keeps that interrupt
                // through cancel(): the alarm does not claim a flag it did not set
                delivered = !thread.isInterrupted();
                thread.interrupt();
            }
        }

        /** Whether the alarm interrupted its thread (before {@link #cancel()}). */
        synchronized boolean rang() {
            return rang;
        }

        synchronized void cancel() {
            active = false;
            future.cancel(false);
            if (delivered) {
                Thread.interrupted(); // its own interrupt; one from elsewhere (a caller cancelling the fit) stays
            }
        }
    }

    /**
     * The rounds for refitting on all rows: the median of the rounds the folds' models kept (the upper
     * median's and lower median's mean, rounded, for an even count).
     */
    static int refitRounds(int[] kept) {
        if (kept.length == 0) {
            throw new IllegalArgumentException("no folds");
        }
        int[] s = kept.clone();
        java.util.Arrays.sort(s);
        return (int) Math.round((s[(s.length - 1) / 2] + s[s.length / 2]) / 2.0);
    }

    /** Row positions {@code i} of {@code 0..n-1} with {@code i % folds == fold} (or all others). */
    static int[] nestedRows(int n, int folds, int fold, boolean inFold) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if ((i % folds == fold) == inFold) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    static List<double[][]> pickRows(List<double[][]> models, int[] rows) {
        List<double[][]> out = new ArrayList<>();
        for (double[][] m : models) {
            double[][] p = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                p[i] = m[rows[i]];
            }
            out.add(p);
        }
        return out;
    }

    /** Weights making each class weigh the same in total: n / (k * n_c). */
    static double[] balancedWeights(double[] y, int k) {
        int[] counts = new int[k];
        for (double v : y) {
            counts[(int) v]++;
        }
        double[] w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            w[i] = y.length / (double) (k * counts[(int) y[i]]);
        }
        return w;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.5g", v);
    }
}
