package org.automl4j.spark;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.automl4j.space.SearchSpace;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.study.StudySetupException;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a study's trials on an Apache Spark cluster, one single-task Spark job per trial, in the
 * manner of Hyperopt's {@code SparkTrials}.
 *
 * <p>The driver keeps the study: it calls {@link Study#ask()}, draws the trial's parameters with
 * {@link SearchSpace#suggest(Trial)}, and submits a job that evaluates the {@link SparkObjective}
 * on an executor. At most {@linkplain Builder#parallelism(int) parallelism} jobs are outstanding;
 * results are told to the study ({@link Study#tell(int, double...)}) as they arrive, so the sampler
 * sees every finished trial before it proposes the next one. Data shared by all trials goes to the
 * executors once, as a Spark {@link Broadcast}.
 *
 * <pre>{@code
 * SparkTrials trials = SparkTrials.builder(sc).parallelism(8).build();
 * SparkRunResult r = trials.optimizeWithData(study, space, dataset,
 *         (params, data) -> loss(data, (Double) params.get("lr")), OptimizeOptions.trials(200));
 * }</pre>
 *
 * <p>Every trial the run asks for ends finished, never RUNNING: an objective that throws (or
 * returns NaN) gives a FAIL trial with the executor's exception type, message and stack trace
 * ({@link RemoteTrialException}); a failed or lost Spark job gives a FAIL trial with Spark's
 * exception; a trial that runs past the per-trial timeout has its job cancelled and is FAIL with a
 * {@link TimeoutException}. When the run stops early, because the {@link OptimizeOptions#timeout()}
 * passed, {@link Study#stop()} or {@link #cancel()} was called, or the driver thread was
 * interrupted, the outstanding jobs are cancelled (their task threads interrupted) and their trials
 * are FAIL with a {@link CancellationException} whose message says {@code cancelled} and why (a job that had
 * already finished by then is told its result). This
 * differs from {@link Study#optimize}, whose timeout and {@code stop()} let running trials finish.
 * {@link OptimizeOptions#maxInitialFailures()} works as in {@link Study#optimize}; {@code nJobs} is
 * ignored (the builder's parallelism is used instead).
 *
 * <p><b>No pruning.</b> An objective on an executor has no live {@link Trial}: it cannot report
 * intermediate values or ask {@code shouldPrune()}, so the study's pruner is not consulted. Use
 * {@link Study#optimize} with threads where pruning matters.
 *
 * <p><b>Reproducibility.</b> Which parameters a trial receives depends on which trials had finished
 * when it was asked, as with {@code nJobs > 1}; results are reproducible only with parallelism 1.
 *
 * <p>Thread-safe: {@link #cancel()} may be called from any thread; one {@code optimize} call runs at
 * a time per instance (a second concurrent call throws {@link IllegalStateException}). The caller
 * owns the Spark context: {@code SparkTrials} never stops it.
 */
public final class SparkTrials {

    private static final Logger LOG = LoggerFactory.getLogger(SparkTrials.class);

    /** System attribute set on each trial that ran: {@code executorId@host}. */
    public static final String EXECUTOR_ATTR = "spark.executor";

    private static final String JOB_GROUP = "spark.jobGroup.id";
    private static final String JOB_DESCRIPTION = "spark.job.description";
    private static final String INTERRUPT_ON_CANCEL = "spark.job.interruptOnCancel";
    private static final long POLL_NANOS = 2_000_000L;

    private final JavaSparkContext sc;
    private final Integer parallelism;
    private final Duration trialTimeout;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean cancelRequested;

    private SparkTrials(Builder b) {
        this.sc = b.sc;
        this.parallelism = b.parallelism;
        this.trialTimeout = b.trialTimeout;
    }

    /** A builder over a Spark context the caller created and will stop. */
    public static Builder builder(JavaSparkContext sc) {
        return new Builder(Objects.requireNonNull(sc, "sc"));
    }

    /** A builder over a Spark context the caller created and will stop. */
    public static Builder builder(SparkContext sc) {
        return builder(JavaSparkContext.fromSparkContext(Objects.requireNonNull(sc, "sc")));
    }

    /**
     * The number of trials run at once: the builder's value, else the context's default
     * parallelism (the executors' total cores, or N for {@code local[N]}), read when a run starts.
     */
    public int parallelism() {
        return parallelism != null ? parallelism : Math.max(1, sc.defaultParallelism());
    }

    /** Asks the running {@code optimize} call (if any) to cancel its outstanding trials and return. */
    public void cancel() {
        cancelRequested = true;
    }

    // ------------------------------------------------------------------------------------ entry points

    /**
     * Runs a single-objective study with no shared data (the objective gets {@code null}).
     *
     * @throws IllegalStateException if the study has several objectives, or another run of this instance is active
     * @throws StudySetupException if each of the first {@code options.maxInitialFailures()} trials fails
     * @throws IllegalArgumentException before any trial if the objective (or the shared data) is not serialisable
     */
    public SparkRunResult optimize(Study study, SearchSpace space, SparkObjective<Void> objective,
            OptimizeOptions options) {
        return optimize(study, space, (Broadcast<Void>) null, objective, options);
    }

    /**
     * Runs a single-objective study; {@code data} is broadcast once before the first trial and
     * destroyed when the run ends.
     *
     * @throws IllegalStateException if the study has several objectives, or another run of this instance is active
     * @throws StudySetupException if each of the first {@code options.maxInitialFailures()} trials fails
     * @throws IllegalArgumentException before any trial if the objective (or the shared data) is not serialisable
     */
    public <T> SparkRunResult optimizeWithData(Study study, SearchSpace space, T data,
            SparkObjective<? super T> objective, OptimizeOptions options) {
        Objects.requireNonNull(data, "data");
        requireSingle(study);
        Broadcast<T> b;
        try {
            b = sc.broadcast(data);
        } catch (Exception | LinkageError e) { // Scala code may throw NotSerializableException undeclared
            // serialised again only here, to say why (the broadcast serialises it once when it can)
            requireSerializable(data, "the shared data (" + data.getClass().getName() + ")",
                    "make its classes Serializable: Spark broadcasts it to the executors");
            throw e;
        }
        try {
            return optimize(study, space, b, objective, options);
        } finally {
            destroyQuietly(b);
        }
    }

    /**
     * Runs a single-objective study with data the caller broadcast (and keeps: it is not destroyed);
     * {@code data} may be null for none.
     *
     * @throws IllegalStateException if the study has several objectives, or another run of this instance is active
     * @throws StudySetupException if each of the first {@code options.maxInitialFailures()} trials fails
     * @throws IllegalArgumentException before any trial if the objective (or the shared data) is not serialisable
     */
    public <T> SparkRunResult optimize(Study study, SearchSpace space, Broadcast<T> data,
            SparkObjective<? super T> objective, OptimizeOptions options) {
        Objects.requireNonNull(objective, "objective");
        requireSingle(study);
        SparkMultiObjective<T> multi = (params, d) -> new double[] {objective.evaluate(params, d)};
        return run(study, space, data, multi, options);
    }

    /**
     * Runs a multi-objective (Pareto) study: the objective returns one value per direction.
     * {@code data} is the caller's broadcast (not destroyed), or null for none.
     *
     * @throws IllegalStateException if another run of this instance is active
     * @throws StudySetupException if each of the first {@code options.maxInitialFailures()} trials fails
     * @throws IllegalArgumentException before any trial if the objective (or the shared data) is not serialisable
     */
    public <T> SparkRunResult optimizeMulti(Study study, SearchSpace space, Broadcast<T> data,
            SparkMultiObjective<? super T> objective, OptimizeOptions options) {
        Objects.requireNonNull(objective, "objective");
        SparkMultiObjective<T> multi = objective::evaluate;
        return run(study, space, data, multi, options);
    }

    private static void requireSingle(Study study) {
        Objects.requireNonNull(study, "study");
        if (study.directions().size() != 1) {
            throw new IllegalStateException("study '" + study.name() + "' has " + study.directions().size()
                    + " objectives; use optimizeMulti with a SparkMultiObjective");
        }
    }

    private static void destroyQuietly(Broadcast<?> b) {
        try {
            b.destroy();
        } catch (RuntimeException e) {
            LOG.warn("could not destroy broadcast {}: {}", b.id(), e.toString());
        }
    }

    // ------------------------------------------------------------------------------------ the run

    private <T> SparkRunResult run(Study study, SearchSpace space, Broadcast<T> data,
            SparkMultiObjective<T> objective, OptimizeOptions options) {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(options, "options");
        EvaluateTask<T> task = new EvaluateTask<>(objective, data);
        requireSerializable(task, "the objective", "make the values it captures Serializable, create them inside the"
                + " objective, or pass shared data with optimizeWithData");
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("this SparkTrials is already running a study; one optimize call at a"
                    + " time per instance (build another SparkTrials to run two studies at once)");
        }
        try {
            cancelRequested = false;
            study.clearStopRequest();
            return new Run<>(study, space, task, options, parallelism()).execute();
        } finally {
            running.set(false);
        }
    }

    /**
     * Refuses, before any trial is asked, what Spark could not send to the executors (it serialises closures and
     * broadcasts with Java serialisation); otherwise every trial would fail, or Spark's serialisation debugger
     * would throw an Error that leaves the first trial RUNNING.
     */
    private static void requireSerializable(Object o, String what, String fix) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(o);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(what + " cannot be sent to the Spark executors: " + e.getMessage()
                    + " is not Serializable; " + fix, e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(what + " cannot be serialised for the Spark executors (" + e + "); " + fix,
                    e);
        }
    }

    /** One trial in flight: its Spark job and when it was submitted. */
    private record InFlight(int number, String group, JavaFutureAction<List<TaskOutcome>> future, long submittedNanos) {
    }

    /** The state of one optimize call; confined to the calling thread. */
    private final class Run<T> {
        final Study study;
        final SearchSpace space;
        final EvaluateTask<T> task;
        final OptimizeOptions options;
        final int width;
        final long startNanos = System.nanoTime();
        final long deadline;
        final String runId = "automl4j-" + UUID.randomUUID();
        final Map<Integer, InFlight> inFlight = new LinkedHashMap<>();
        int started;
        int completed;
        int failed;
        int cancelled;
        int finishedInOrder;
        int initialFailures;
        TrialFailure firstFailure;

        Run(Study study, SearchSpace space, EvaluateTask<T> task, OptimizeOptions options, int width) {
            this.study = study;
            this.space = space;
            this.task = task;
            this.options = options;
            this.width = width;
            this.deadline = options.timeout() == null ? Long.MAX_VALUE : startNanos + options.timeout().toNanos();
        }

        SparkRunResult execute() {
            LOG.info("study '{}': running up to {} trials on Spark, {} at a time{}", study.name(),
                    options.nTrials() < 0 ? "unlimited" : options.nTrials(), width,
                    options.timeout() == null ? "" : ", for at most " + options.timeout());
            String reason = "error";
            try {
                reason = loop();
            } finally {
                cancelOutstanding(reason);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            LOG.info("study '{}': Spark run ended ({}) after {}: {} started, {} complete, {} failed, {} cancelled",
                    study.name(), reason, elapsed, started, completed, failed, cancelled);
            return new SparkRunResult(started, completed, failed, cancelled, elapsed, reason);
        }

        private String loop() {
            while (true) {
                String stop = stopReason();
                if (stop != null) {
                    return stop;
                }
                boolean exhausted = false;
                while (inFlight.size() < width && (options.nTrials() < 0 || started < options.nTrials())) {
                    if (study.sampler().isExhausted(study)) {
                        exhausted = true;
                        break;
                    }
                    startTrial();
                }
                if (inFlight.isEmpty()) {
                    return exhausted ? "sampler exhausted" : "trials";
                }
                if (!collect()) {
                    try {
                        Thread.sleep(POLL_NANOS / 1_000_000L, (int) (POLL_NANOS % 1_000_000L));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "interrupted";
                    }
                }
            }
        }

        private String stopReason() {
            if (cancelRequested) {
                return "cancel()";
            }
            if (study.isStopRequested()) {
                return "study.stop()";
            }
            if (Thread.currentThread().isInterrupted()) {
                return "interrupted";
            }
            if (System.nanoTime() >= deadline) {
                return "timeout";
            }
            return null;
        }

        /** Asks a trial, draws its parameters and submits its job; a failure here makes the trial FAIL. */
        private void startTrial() {
            started++;
            Trial trial;
            try {
                trial = study.ask();
            } catch (RuntimeException e) {
                // ask() has already stored the trial as FAIL
                LOG.warn("study '{}': could not start a trial: {}", study.name(), e.toString());
                failed++;
                afterFinished(TrialState.FAIL, TrialFailure.of(e));
                return;
            }
            int number = trial.number();
            try {
                Map<String, Object> params = new LinkedHashMap<>(space.suggest(trial));
                inFlight.put(number, submit(number, params));
            } catch (RuntimeException | LinkageError e) { // a trial never stays RUNNING
                record(study.tellFailure(number, e));
            }
        }

        private InFlight submit(int number, Map<String, Object> params) {
            String group = runId + "-trial-" + number;
            String oldGroup = sc.getLocalProperty(JOB_GROUP);
            String oldDescription = sc.getLocalProperty(JOB_DESCRIPTION);
            String oldInterrupt = sc.getLocalProperty(INTERRUPT_ON_CANCEL);
            try {
                sc.setJobGroup(group, "automl4j study '" + study.name() + "' trial " + number, true);
                JavaFutureAction<List<TaskOutcome>> f = sc.parallelize(List.of(params), 1).map(task).collectAsync();
                return new InFlight(number, group, f, System.nanoTime());
            } finally {
                sc.setLocalProperty(JOB_GROUP, oldGroup);
                sc.setLocalProperty(JOB_DESCRIPTION, oldDescription);
                sc.setLocalProperty(INTERRUPT_ON_CANCEL, oldInterrupt);
            }
        }

        /** Tells every finished job, and times out overdue ones; true if any trial finished. */
        private boolean collect() {
            boolean any = false;
            long now = System.nanoTime();
            List<InFlight> overdue = new ArrayList<>();
            for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext(); ) {
                InFlight f = it.next();
                if (f.future().isDone()) {
                    it.remove();
                    any = true;
                    record(tellResult(f));
                } else if (trialTimeout != null && now - f.submittedNanos() >= trialTimeout.toNanos()) {
                    // stays in flight until told: when a result told before it ends the run (initial failures),
                    // cancelOutstanding still cancels its job and finishes its trial
                    any = true;
                    overdue.add(f);
                }
            }
            for (InFlight f : overdue) {
                inFlight.remove(f.number());
                sc.cancelJobGroup(f.group());
                record(study.tellFailure(f.number(), new TimeoutException("trial " + f.number()
                        + " ran past the per-trial timeout of " + trialTimeout + "; its Spark job was cancelled")));
            }
            return any;
        }

        private FrozenTrial tellResult(InFlight f) {
            try {
                List<TaskOutcome> out = f.future().get();
                if (out.size() != 1) {
                    return study.tellFailure(f.number(), new IllegalStateException(
                            "trial " + f.number() + "'s Spark job returned " + out.size() + " results instead of 1"));
                }
                TaskOutcome o = out.get(0);
                setExecutor(f.number(), o.executor);
                if (o.failed()) {
                    return study.tellFailure(f.number(), o.toException());
                }
                return study.tell(f.number(), o.values);
            } catch (ExecutionException e) {
                return study.tellFailure(f.number(), e.getCause() != null ? e.getCause() : e);
            } catch (CancellationException e) {
                return study.tellFailure(f.number(), new CancellationException("trial " + f.number()
                        + " cancelled: its Spark job was cancelled outside automl4j"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return study.tellFailure(f.number(), new CancellationException("trial " + f.number()
                        + " cancelled: the driver thread was interrupted"));
            }
        }

        private void setExecutor(int number, String executor) {
            try {
                study.storage().setTrialSystemAttr(study.name(), number, EXECUTOR_ATTR, executor);
            } catch (RuntimeException e) {
                LOG.debug("could not record the executor of trial {}: {}", number, e.toString());
            }
        }

        private void record(FrozenTrial done) {
            if (done.state() == TrialState.COMPLETE) {
                completed++;
            } else {
                failed++;
            }
            afterFinished(done.state(), done.failure());
        }

        /** Optimize's rule: if each of the first maxInitialFailures trials fails, the setup is wrong. */
        private void afterFinished(TrialState state, TrialFailure failure) {
            int limit = options.maxInitialFailures();
            if (limit == 0 || ++finishedInOrder > limit || state != TrialState.FAIL) {
                return;
            }
            if (firstFailure == null) {
                firstFailure = failure;
            }
            if (++initialFailures == limit) {
                cancelOutstanding("initial failures");
                TrialFailure f = firstFailure;
                throw new StudySetupException("study '" + study.name() + "': each of the first " + limit
                        + " trials run on Spark failed, so the objective or its setup is probably wrong (are the"
                        + " objective's classes on the executors' class path? see SparkConf.setJars). Fix it and run"
                        + " again (the failed trials are stored). First failure: "
                        + (f == null ? "unknown" : f.type() + ": " + f.message()
                                + (f.stackTrace().isEmpty() ? "" : "\n" + f.stackTrace())));
            }
        }

        /**
         * Cancels every job still running; their trials become FAIL ("cancelled: ..."). A job already done is told
         * its result instead.
         */
        private void cancelOutstanding(String reason) {
            if (inFlight.isEmpty()) {
                return;
            }
            String why = switch (reason) {
                case "timeout" -> "the run's timeout of " + options.timeout() + " was reached";
                case "study.stop()" -> "study.stop() was called";
                case "cancel()" -> "SparkTrials.cancel() was called";
                case "interrupted" -> "the driver thread was interrupted";
                case "initial failures" -> "each of the first trials failed";
                case "error" -> "the run failed with an exception";
                default -> reason;
            };
            for (InFlight f : inFlight.values()) {
                if (f.future().isDone()) {
                    // it finished before the run ended (e.g. in the poll whose earlier result ended it): keep its result
                    try {
                        if (tellResult(f).state() == TrialState.COMPLETE) {
                            completed++;
                        } else {
                            failed++;
                        }
                    } catch (RuntimeException e) {
                        LOG.error("study '{}': could not store finished trial {}", study.name(), f.number(), e);
                    }
                    continue;
                }
                try {
                    sc.cancelJobGroup(f.group());
                } catch (RuntimeException e) {
                    LOG.warn("could not cancel Spark job group {}: {}", f.group(), e.toString());
                }
                try {
                    study.tellFailure(f.number(), new CancellationException("trial " + f.number() + " cancelled: "
                            + why + "; its Spark job was cancelled"));
                    cancelled++;
                } catch (RuntimeException e) {
                    LOG.error("study '{}': could not store cancelled trial {}", study.name(), f.number(), e);
                }
            }
            inFlight.clear();
        }
    }

    /** Builds a {@link SparkTrials}; validates each setter. Not thread-safe. */
    public static final class Builder {
        private final JavaSparkContext sc;
        private Integer parallelism;
        private Duration trialTimeout;

        private Builder(JavaSparkContext sc) {
            this.sc = sc;
        }

        /**
         * Trials run at once (Spark jobs outstanding); default the context's default parallelism.
         * More than the cluster's cores only queues jobs in Spark, and the sampler then learns less.
         *
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder parallelism(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, but got " + n
                        + "; leave it unset for the cluster's default parallelism");
            }
            this.parallelism = n;
            return this;
        }

        /**
         * Longest time a trial may take, from its job's submission; an overdue trial's job is cancelled
         * and the trial is FAIL. Default none.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder trialTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("trialTimeout must be positive, but got " + timeout);
            }
            this.trialTimeout = timeout;
            return this;
        }

        /** The configured {@link SparkTrials}. */
        public SparkTrials build() {
            return new SparkTrials(this);
        }
    }
}
