package org.automl4j.study;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.automl4j.budget.Budget;
import org.automl4j.checkpoint.CheckpointStore;
import org.automl4j.multiobjective.ParetoFronts;
import org.automl4j.pruner.Pruner;
import org.automl4j.pruner.Pruners;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.DefaultSamplerProvider;
import org.automl4j.space.Distribution;
import org.automl4j.storage.FinishedTrials;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StudyRecord;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One optimisation task: a named set of trials in a {@link Storage}, a {@link Sampler} that proposes
 * parameters and a {@link Pruner} that stops trials early. Run it with {@link #optimize} or drive it
 * yourself with {@link #ask()} and {@link #tell(int, double...)}.
 *
 * <pre>{@code
 * Study study = Study.builder().name("branin").sampler(Samplers.tpe(42)).build();
 * study.optimize(t -> branin(t.suggestFloat("x", -5, 10), t.suggestFloat("y", 0, 15)), 100);
 * System.out.println(study.bestValue() + " at " + study.bestParams());
 * }</pre>
 *
 * <p>Failure is data: an objective that throws, or returns NaN or an infinite value, gives a FAIL
 * trial with its message and stack trace stored, and the study goes on. Every finished trial is
 * stored before the sampler and the listeners see it. If the JVM shuts down during {@link #optimize}
 * (Ctrl-C, SIGTERM), a shutdown hook marks the trials it was running FAIL (type {@code Interrupted}),
 * so no trial is left RUNNING with nobody to finish it; finished trials are untouched.
 *
 * <p>Interrupting a thread that runs {@link #optimize} (for instance {@code Future.cancel(true)}) ends the
 * run: the trial under way finishes as its objective lets it (an objective that throws
 * {@link InterruptedException} gives a FAIL trial), no new trial starts, and {@code optimize} returns with the
 * thread's interrupt flag still set. An objective that interrupts itself and clears the flag before it returns
 * does not end the run.
 *
 * <p>Thread-safe. With {@code nJobs > 1} trials run on several threads: every trial gets a unique
 * number and is stored exactly once, but which parameters a trial receives depends on which other
 * trials had finished when it started, so results are reproducible only with {@code nJobs == 1}.
 */
public final class Study implements StudyView {

    private static final Logger LOG = LoggerFactory.getLogger(Study.class);

    private final String name;
    private final List<Direction> directions;
    private final Storage storage;
    private final Sampler sampler;
    private final Pruner pruner;
    private final Constraints constraints;
    private final TrialResources resources;
    private final List<StudyListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;

    /** Failure type of a trial whose process was stopped while it ran. */
    static final String INTERRUPTED = "Interrupted";

    /** Trials that this object's {@code optimize} started and has not finished: what a shutdown marks FAIL. */
    private final Set<Integer> runningHere = ConcurrentHashMap.newKeySet();

    /** Null when the study sends no heartbeats. */
    private final HeartbeatMonitor heartbeats;
    private final Identity identity;

    private Study(String name, List<Direction> directions, Storage storage, Sampler sampler, Pruner pruner,
            Constraints constraints, List<StudyListener> listeners, TrialResources resources, Heartbeat heartbeat) {
        this.heartbeats = heartbeat == null ? null : new HeartbeatMonitor(name, storage, heartbeat);
        this.constraints = constraints;
        this.resources = resources;
        this.name = name;
        this.directions = List.copyOf(directions);
        this.storage = storage;
        this.sampler = sampler;
        this.pruner = pruner;
        this.listeners.addAll(listeners);
        this.identity = new Identity(storage, name, storage.findStudy(name).map(StudyRecord::created).orElse(null));
    }

    /**
     * A study's identity: the storage instance that holds it (compared by identity: storages do not override
     * {@code equals}), its name and its creation time, so a deleted and re-created study is another one.
     */
    private record Identity(Storage storage, String name, java.time.Instant created) {
        @Override
        public String toString() {
            return "study '" + name + "' created " + created + " in " + storage.getClass().getSimpleName() + "@"
                    + Integer.toHexString(System.identityHashCode(storage));
        }
    }

    /** A builder for a new (or loaded) study. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object identity() {
        return identity;
    }

    @Override
    public List<Direction> directions() {
        return directions;
    }

    /** The sampler. */
    public Sampler sampler() {
        return sampler;
    }

    /** The pruner. */
    public Pruner pruner() {
        return pruner;
    }

    /** The storage holding this study. */
    public Storage storage() {
        return storage;
    }

    /** The budget trials report in (the builder's, else the pruner's), if any. */
    public Optional<Budget> budget() {
        return Optional.ofNullable(resources.budget());
    }

    /** Where trials save checkpoints, if anywhere. */
    public Optional<CheckpointStore> checkpoints() {
        return Optional.ofNullable(resources.checkpoints());
    }

    TrialResources resources() {
        return resources;
    }

    /** Adds a listener; it sees trials that finish from now on. */
    public void addListener(StudyListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Asks a running {@link #optimize} to start no new trials; trials already running finish. The request holds
     * until the run ends; a request made while no run is under way is forgotten when the next {@code optimize}
     * starts, so to stop a run from another thread, call this once the run has begun (from a
     * {@link StudyListener}, the objective, or after seeing a trial start).
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Whether {@link #stop()} was called since the current run began ({@link #optimize} and
     * {@link #clearStopRequest()} clear the request). For code that runs trials outside
     * {@code optimize}, such as {@code automl4j-spark}'s {@code SparkTrials}, to honour {@code stop()}.
     */
    public boolean isStopRequested() {
        return stopRequested;
    }

    /**
     * Forgets an earlier {@link #stop()}, as {@link #optimize} does when it starts; code that runs trials
     * outside {@code optimize} calls it when its own run starts.
     */
    public void clearStopRequest() {
        stopRequested = false;
    }

    // ------------------------------------------------------------------------------------ optimize

    /** Runs {@code nTrials} trials of a single-objective {@code objective} sequentially. */
    public void optimize(Objective objective, int nTrials) {
        optimize(objective, OptimizeOptions.trials(nTrials));
    }

    /**
     * Runs a single-objective {@code objective} as {@code options} say.
     *
     * @throws StudySetupException if each of the first {@code options.maxInitialFailures()} trials fails
     * @throws IllegalStateException if the study has more than one objective
     */
    public void optimize(Objective objective, OptimizeOptions options) {
        Objects.requireNonNull(objective, "objective");
        if (directions.size() != 1) {
            throw new IllegalStateException("study '" + name + "' has " + directions.size()
                    + " objectives; pass a MultiObjective that returns " + directions.size() + " values");
        }
        optimizeMulti(t -> new double[] {objective.evaluate(t)}, options);
    }

    /**
     * Runs a multi-objective {@code objective} (one value per direction) as {@code options} say.
     *
     * @throws StudySetupException if each of the first {@code options.maxInitialFailures()} trials fails
     */
    public void optimizeMulti(MultiObjective objective, OptimizeOptions options) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(options, "options");
        stopRequested = false;
        Run run = new Run(objective, options);
        Thread hook = new Thread(this::failInterruptedTrials, "automl4j-" + name + "-shutdown");
        boolean hooked = addShutdownHook(hook);
        try {
            work(run, options);
        } finally {
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook runs (or ran) anyway
                }
            }
        }
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false; // already shutting down
        }
    }

    /**
     * What a shutdown of the JVM (Ctrl-C, SIGTERM, {@code System.exit}) during {@link #optimize} does: asks
     * the run to start no new trial and marks FAIL (type {@value #INTERRUPTED}) every trial it had started
     * and not finished, so the storage holds no RUNNING trial that nobody runs. Finished trials are not
     * touched; a result that arrives later for a failed trial is dropped.
     *
     * @return the trials this call failed
     */
    List<FrozenTrial> failInterruptedTrials() {
        stopRequested = true;
        List<FrozenTrial> failed = new ArrayList<>();
        for (Integer n : List.copyOf(runningHere)) {
            TrialFailure why = TrialFailure.of(INTERRUPTED, "the process was stopped (Ctrl-C, SIGTERM or exit) while"
                    + " trial " + n + " ran, so its result is unknown; the study's finished trials are kept");
            try {
                FrozenTrial done = tryFinish(n, TrialState.FAIL, List.of(), why, true);
                if (done != null) {
                    failed.add(done);
                }
            } catch (RuntimeException e) {
                LOG.warn("study '{}': could not mark interrupted trial {} FAIL: {}", name, n, e.toString());
            }
        }
        return failed;
    }

    private void work(Run run, OptimizeOptions options) {
        if (options.nJobs() == 1) {
            run.work();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(options.nJobs(), r -> {
                Thread th = new Thread(r, "automl4j-" + name + "-worker");
                th.setDaemon(true);
                return th;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < options.nJobs(); i++) {
                    futures.add(pool.submit(() -> {
                        try {
                            run.work();
                        } catch (RuntimeException | Error e) {
                            run.abort = true; // the other workers stop now, not after the futures before this one
                            throw e;
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        run.abort = true;
                        Throwable cause = e.getCause();
                        if (cause instanceof RuntimeException re) {
                            throw re;
                        }
                        if (cause instanceof Error err) {
                            throw err;
                        }
                        throw new IllegalStateException(cause);
                    } catch (InterruptedException e) {
                        run.abort = true;
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The state of one optimize call, shared by its workers. */
    private final class Run {
        final MultiObjective objective;
        final OptimizeOptions options;
        final long deadline;
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicInteger initialFailures = new AtomicInteger();
        volatile TrialFailure firstFailure;
        volatile boolean abort;

        Run(MultiObjective objective, OptimizeOptions options) {
            this.objective = objective;
            this.options = options;
            this.deadline = options.timeout() == null ? Long.MAX_VALUE
                    : System.nanoTime() + options.timeout().toNanos();
        }

        void work() {
            while (!abort && !stopRequested) {
                if (Thread.currentThread().isInterrupted()) {
                    // the thread that runs optimize (or a worker of it) was asked to stop; the flag stays set
                    LOG.info("study '{}': interrupted; starting no new trial", name);
                    abort = true;
                    return;
                }
                if (sampler.isExhausted(Study.this)) {
                    LOG.info("study '{}': sampler {} has nothing left to propose; stopping", name, sampler.describe());
                    return;
                }
                if (System.nanoTime() >= deadline) {
                    return;
                }
                if (options.nTrials() >= 0 && started.getAndIncrement() >= options.nTrials()) {
                    return;
                }
                FrozenTrial done = runTrial(objective);
                if (done != null) { // null: finished elsewhere first, so not a failure of this run's objective
                    checkInitialFailures(done);
                }
            }
        }

        private void checkInitialFailures(FrozenTrial done) {
            int limit = options.maxInitialFailures();
            if (limit == 0) {
                return;
            }
            int order = finished.incrementAndGet();
            if (order > limit) {
                return;
            }
            if (done.state() == TrialState.FAIL) {
                if (firstFailure == null) {
                    synchronized (this) {
                        if (firstFailure == null) {
                            firstFailure = done.failure();
                        }
                    }
                }
                if (initialFailures.incrementAndGet() == limit) {
                    abort = true;
                    TrialFailure f = firstFailure;
                    throw new StudySetupException("study '" + name + "': each of the first " + limit
                            + " trials failed, so the objective or its setup is probably wrong. Fix it and run"
                            + " again (the failed trials are stored). First failure: " + f.type() + ": "
                            + f.message() + (f.stackTrace().isEmpty() ? "" : "\n" + f.stackTrace()));
                }
            }
        }
    }

    /**
     * Runs one trial of {@code objective}; returns it finished, or null when it was finished elsewhere first (told
     * by another handle, failed as stale or as interrupted), so its outcome is not this objective's.
     */
    private FrozenTrial runTrial(MultiObjective objective) {
        FrozenTrial created = startTrialRecord();
        runningHere.add(created.number());
        try {
            return runStarted(objective, created);
        } finally {
            runningHere.remove(created.number());
        }
    }

    private FrozenTrial runStarted(MultiObjective objective, FrozenTrial created) {
        TrialState state;
        List<Double> values = List.of();
        TrialFailure failure = null;
        Error fatal = null;
        LiveTrial live = null;
        try {
            live = prepare(created);
            double[] v = objective.evaluate(live);
            failure = checkValues(v);
            if (failure == null) {
                state = TrialState.COMPLETE;
                values = box(v);
            } else {
                state = TrialState.FAIL;
            }
        } catch (TrialPrunedException e) {
            state = TrialState.PRUNED;
            values = prunedValues(live);
        } catch (Exception e) {
            state = TrialState.FAIL;
            failure = TrialFailure.of(e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } catch (Error e) {
            state = TrialState.FAIL;
            failure = TrialFailure.of(e);
            fatal = e;
        }
        FrozenTrial done;
        try {
            done = tryFinish(created.number(), state, values, failure, false);
        } catch (org.automl4j.trial.TrialFinishedException e) {
            // another handle or process told this trial first: its record stands, and this run goes on
            LOG.warn("study '{}': trial {} was finished elsewhere (a tell from another Study handle or process) before"
                    + " this run's objective ended with {}; the stored record is kept and this result is dropped", name,
                    created.number(), state);
            done = null;
        }
        if (fatal != null) {
            throw fatal;
        }
        return done;
    }

    private List<Double> prunedValues(LiveTrial live) {
        if (live == null || directions.size() != 1) {
            return List.of();
        }
        double last = live.snapshot().lastIntermediateValue();
        return Double.isFinite(last) ? List.of(last) : List.of();
    }

    private TrialFailure checkValues(double[] v) {
        if (v == null || v.length != directions.size()) {
            return TrialFailure.of("WrongNumberOfValues", "the objective returned "
                    + (v == null ? "null" : v.length + " value(s)") + " but study '" + name + "' has "
                    + directions.size() + " objective(s); return one value per direction");
        }
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return TrialFailure.of("NonFiniteValue", "the objective returned " + java.util.Arrays.toString(v)
                        + "; return finite numbers, or throw TrialPrunedException to stop a trial");
            }
        }
        return null;
    }

    private static List<Double> box(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    /**
     * Claims a waiting (enqueued) trial or creates a new running one. With heartbeats, first fails the
     * stale trials of dead workers (and enqueues their retries), then starts beating for the new trial.
     */
    private FrozenTrial startTrialRecord() {
        if (heartbeats != null) {
            failStale(heartbeats.staleTrials());
        }
        FrozenTrial t = storage.claimWaitingTrial(name).orElseGet(() -> storage.createTrial(name,
                FrozenTrial.builder().state(TrialState.RUNNING).build()));
        if (heartbeats != null) {
            heartbeats.started(t.number());
        }
        return t;
    }

    /**
     * Marks FAIL the RUNNING trials of this study whose worker stopped sending heartbeats (see
     * {@link Builder#heartbeat}), enqueueing their parameters again where retries are left. Workers do
     * this themselves before starting a trial; call it to clean up without starting one. Trials this
     * object is running (asked and not told, or in its {@code optimize}) are alive and never failed here.
     *
     * @return the trials this call failed (another worker may have failed some first)
     * @throws IllegalStateException if the study was built without heartbeats
     */
    public List<FrozenTrial> failStaleTrials() {
        if (heartbeats == null) {
            throw new IllegalStateException("study '" + name + "' has no heartbeat configured, so it cannot tell a"
                    + " dead worker's trial from a slow one; build it with Study.builder().heartbeat(...)");
        }
        return failStale(heartbeats.staleTrialsNow());
    }

    private List<FrozenTrial> failStale(List<FrozenTrial> stale) {
        List<FrozenTrial> failed = new ArrayList<>();
        for (FrozenTrial t : stale) {
            TrialFailure why = TrialFailure.of("StaleTrial", "the worker running trial " + t.number()
                    + " stopped sending heartbeats for more than " + heartbeats.config().grace()
                    + "; it probably died (killed, out of memory or machine lost)");
            FrozenTrial done = tryFinish(t.number(), TrialState.FAIL, List.of(), why, true);
            if (done == null) {
                continue; // another worker got there first
            }
            failed.add(done);
            FrozenTrial retry = heartbeats.retryOf(t);
            if (retry != null) {
                FrozenTrial again = storage.createTrial(name, retry);
                LOG.warn("study '{}': trial {} was stale and is FAIL; its parameters are enqueued again as trial {}",
                        name, t.number(), again.number());
            } else {
                LOG.warn("study '{}': trial {} was stale and is FAIL (no retry left)", name, t.number());
            }
        }
        return List.copyOf(failed);
    }

    /** Runs the sampler's per-trial hooks and joint sampling. */
    private LiveTrial prepare(FrozenTrial created) {
        LiveTrial live = new LiveTrial(this, created);
        sampler.beforeTrial(this, created);
        Map<String, Distribution> space = sampler.inferRelativeSearchSpace(this, created);
        if (!space.isEmpty()) {
            live.setRelative(space, sampler.sampleRelative(this, created, space));
        }
        live.startClock();
        return live;
    }

    private FrozenTrial finish(int number, TrialState state, List<Double> values, TrialFailure failure) {
        FrozenTrial done = tryFinish(number, state, values, failure, false);
        return done != null ? done : storage.trial(name, number);
    }

    /**
     * Finishes a trial. Returns null if it was already finished and either {@code lostIsNormal} or another
     * worker failed it as stale (this worker was too slow to beat); otherwise a finished trial throws.
     */
    private FrozenTrial tryFinish(int number, TrialState state, List<Double> values, TrialFailure failure,
            boolean lostIsNormal) {
        if (constraints != null && (state == TrialState.COMPLETE || state == TrialState.PRUNED)) {
            FrozenTrial running = storage.trial(name, number).toBuilder().state(state).values(values).build();
            try {
                double[] c = constraints.evaluate(running);
                List<Double> boxed = box(c);
                for (double x : c) {
                    if (Double.isNaN(x)) {
                        throw new IllegalArgumentException("constraint values must not be NaN, but got " + boxed);
                    }
                }
                storage.setTrialSystemAttr(name, number, FrozenTrial.CONSTRAINTS_ATTR, List.copyOf(boxed));
            } catch (Exception e) {
                state = TrialState.FAIL;
                values = List.of();
                failure = TrialFailure.of(new IllegalStateException("the constraints function failed: " + e, e));
            }
        }
        if (heartbeats != null) {
            heartbeats.stopped(number);
        }
        FrozenTrial done;
        try {
            done = storage.finishTrial(name, number, state, values, failure);
        } catch (org.automl4j.trial.TrialFinishedException e) {
            FrozenTrial stored = storage.trial(name, number);
            boolean stale = stored.failure() != null && "StaleTrial".equals(stored.failure().type());
            if (lostIsNormal) {
                return null;
            }
            if (stored.failure() != null && INTERRUPTED.equals(stored.failure().type())) {
                LOG.debug("study '{}': trial {} finished as {} after it was failed as interrupted; dropped", name,
                        number, state);
                return null;
            }
            if (!stale) {
                throw e;
            }
            LOG.warn("study '{}': trial {} was already finished when this worker finished it as {} (another worker"
                    + " failed it as stale? raise the heartbeat grace if this worker was alive); this result is dropped",
                    name, number, state);
            return null;
        }
        if (state == TrialState.FAIL) {
            LOG.warn("study '{}': trial {} failed with params {}: {}", name, number, done.params(), failure);
        } else {
            LOG.debug("study '{}': trial {} {} with values {} and params {}", name, number, state, values,
                    done.params());
        }
        try {
            sampler.afterTrial(this, done);
        } catch (RuntimeException e) {
            LOG.error("study '{}': sampler {} failed in afterTrial for trial {}", name, sampler.describe(), number, e);
        }
        for (StudyListener l : listeners) {
            try {
                l.onTrialFinished(this, done);
            } catch (RuntimeException e) {
                LOG.error("study '{}': listener {} failed for trial {}; the study goes on", name, l, number, e);
            }
        }
        return done;
    }

    // ------------------------------------------------------------------------------------ ask / tell

    /** Starts a trial (an enqueued one first) for the caller to evaluate; finish it with {@code tell}. */
    public Trial ask() {
        return ask(Map.of());
    }

    /**
     * Starts a trial and suggests the parameters of {@code fixedDistributions} in it right away, so
     * the caller can read them from {@link Trial#params()}. They are suggested in the map's order when
     * it has one (a {@link java.util.LinkedHashMap} or {@link java.util.SortedMap}), else by name, so
     * {@code Map.of(...)} gives the same trials in every run.
     */
    public Trial ask(Map<String, Distribution> fixedDistributions) {
        Objects.requireNonNull(fixedDistributions, "fixedDistributions");
        // Map.of's iteration order changes between JVM runs; samplers that assign dimensions in order
        // of suggestion (Sobol) would then give other trials for the same seed
        Map<String, Distribution> ordered = fixedDistributions instanceof java.util.LinkedHashMap
                || fixedDistributions instanceof java.util.SortedMap
                ? fixedDistributions : new java.util.TreeMap<>(fixedDistributions);
        FrozenTrial created = startTrialRecord();
        LiveTrial live;
        try {
            live = prepare(created);
            for (Map.Entry<String, Distribution> e : ordered.entrySet()) {
                live.suggest(e.getKey(), e.getValue());
            }
        } catch (RuntimeException e) {
            finish(created.number(), TrialState.FAIL, List.of(), TrialFailure.of(e));
            throw e;
        }
        return live;
    }

    /**
     * Finishes trial {@code trial} with its objective values.
     *
     * @throws IllegalArgumentException if {@code trial} was asked from a study of another name (its number would
     *     name a trial of this one); a Study object loaded from the same stored study may tell it
     */
    public FrozenTrial tell(Trial trial, double... values) {
        Objects.requireNonNull(trial, "trial");
        if (trial instanceof LiveTrial live && !live.studyName().equals(name)) {
            throw new IllegalArgumentException("trial " + trial.number() + " was asked from another study, '"
                    + live.studyName() + "', not from study '" + name + "'; tell it to the study that asked it");
        }
        return tell(trial.number(), values);
    }

    /**
     * Finishes trial {@code number} with its objective values; NaN or infinite values, or the wrong
     * number of them, make it FAIL (and the failure says why).
     */
    public FrozenTrial tell(int number, double... values) {
        TrialFailure failure = checkValues(values);
        if (failure != null) {
            return finish(number, TrialState.FAIL, List.of(), failure);
        }
        return finish(number, TrialState.COMPLETE, box(values), null);
    }

    /** Finishes trial {@code number} as PRUNED or FAIL (without values). */
    public FrozenTrial tell(int number, TrialState state) {
        if (state == TrialState.PRUNED) {
            FrozenTrial t = storage.trial(name, number);
            double last = t.lastIntermediateValue();
            return finish(number, state, directions.size() == 1 && Double.isFinite(last) ? List.of(last) : List.of(),
                    null);
        }
        if (state == TrialState.FAIL) {
            return finish(number, state, List.of(), TrialFailure.of("Failed", "marked FAIL by tell"));
        }
        throw new IllegalArgumentException("tell(number, state) takes PRUNED or FAIL, but got " + state
                + "; use tell(number, values...) to complete a trial");
    }

    /** Finishes trial {@code number} as FAIL because of {@code error}. */
    public FrozenTrial tellFailure(int number, Throwable error) {
        Objects.requireNonNull(error, () -> "error: give the exception that failed trial " + number
                + ", or tell(" + number + ", TrialState.FAIL) when there is none");
        return finish(number, TrialState.FAIL, List.of(), TrialFailure.of(error));
    }

    // ------------------------------------------------------------------------------------ warm start

    /**
     * Enqueues a trial with fixed parameters; the next trial started evaluates it. Parameters the
     * objective suggests but {@code params} lacks are sampled as usual.
     */
    public FrozenTrial enqueueTrial(Map<String, Object> params) {
        return enqueueTrial(params, Map.of());
    }

    /**
     * Enqueues a trial with fixed parameters and user attributes. Each value must be a number, string or
     * boolean; whether it fits its parameter's distribution is checked when the trial suggests it (a value
     * outside fails that trial with a message). Parameters the objective never suggests are ignored.
     *
     * @throws IllegalArgumentException if a parameter has no name or a value of another type (null, an object)
     */
    public FrozenTrial enqueueTrial(Map<String, Object> params, Map<String, Object> userAttrs) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(userAttrs, "userAttrs (give Map.of() for none)");
        LiveTrial.checkEnqueued(name, params);
        FrozenTrial.Builder b = FrozenTrial.builder().state(TrialState.WAITING)
                .systemAttr(LiveTrial.FIXED_PARAMS, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params)));
        userAttrs.forEach(b::userAttr);
        return storage.createTrial(name, b.build());
    }

    /**
     * Enqueues a trial with fixed parameters and user attributes unless the study already has a trial, in any
     * state, enqueued with or run with exactly these parameters (Optuna's {@code skip_if_exists}): a script
     * that enqueues its starting points each time it resumes a study evaluates them once. Reads every trial;
     * two processes enqueueing the same parameters at the same moment may both enqueue them.
     *
     * @return the new WAITING trial, or the first trial that has these parameters
     * @throws IllegalArgumentException as {@link #enqueueTrial(Map, Map)}
     */
    public FrozenTrial enqueueTrialIfAbsent(Map<String, Object> params, Map<String, Object> userAttrs) {
        Objects.requireNonNull(params, "params");
        LiveTrial.checkEnqueued(name, params);
        for (FrozenTrial t : trials()) {
            if (LiveTrial.hasParams(t, params)) {
                return t;
            }
        }
        return enqueueTrial(params, userAttrs);
    }

    /**
     * Enqueues a trial that continues finished trial {@code trialNumber}: same parameters, system attribute
     * {@code "resume_from"} = {@code trialNumber}, so its {@link Trial#checkpoint()} is that trial's latest
     * checkpoint and the objective can resume training (e.g. to a larger budget) instead of starting over.
     * The new trial starts with no intermediate values; the pruner judges what it reports.
     *
     * @throws IllegalStateException if the trial is not finished (COMPLETE, PRUNED or FAIL)
     */
    public FrozenTrial enqueueContinuation(int trialNumber) {
        FrozenTrial previous = storage.trial(name, trialNumber);
        if (!previous.state().isFinished()) {
            throw new IllegalStateException("study '" + name + "': trial " + trialNumber + " is " + previous.state()
                    + "; only a finished (COMPLETE, PRUNED or FAIL) trial can be continued, wait for it to finish");
        }
        return storage.createTrial(name, FrozenTrial.builder().state(TrialState.WAITING)
                .systemAttr(LiveTrial.FIXED_PARAMS, LiveTrial.configurationOf(previous))
                .systemAttr(TrialResources.RESUME_FROM, trialNumber).build());
    }

    /**
     * Imports a finished trial (e.g. a result from elsewhere); samplers learn from it like any other.
     *
     * @throws IllegalArgumentException if it is not finished, or a COMPLETE trial has the wrong number of values
     */
    public FrozenTrial addTrial(FrozenTrial trial) {
        if (!trial.state().isFinished()) {
            throw new IllegalArgumentException("addTrial takes a finished trial (COMPLETE, PRUNED or FAIL), but got "
                    + trial.state() + "; use enqueueTrial to schedule parameters for evaluation");
        }
        return storage.createTrial(name, trial);
    }

    // ------------------------------------------------------------------------------------ results

    @Override
    public List<FrozenTrial> trials() {
        return storage.trials(name);
    }

    @Override
    public List<FrozenTrial> trials(Set<TrialState> states) {
        return storage.trials(name, states);
    }

    /** The trials in the given states. */
    public List<FrozenTrial> trials(TrialState first, TrialState... rest) {
        return storage.trials(name, EnumSet.of(first, rest));
    }

    @Override
    public FinishedTrials finishedTrialsSince(long cursor) {
        return storage.finishedTrialsSince(name, cursor);
    }

    @Override
    public Optional<FrozenTrial> bestTrial() {
        direction();
        return storage.bestTrial(name);
    }

    private FrozenTrial requireBest() {
        return bestTrial().orElseThrow(() -> {
            int complete = trials(TrialState.COMPLETE).size();
            if (complete > 0) {
                return new IllegalStateException("study '" + name + "' has no feasible COMPLETE trial: all " + complete
                        + " violate the constraints (a trial is feasible when every constraint value is <= 0);"
                        + " relax the constraints or run more trials");
            }
            return new IllegalStateException("study '" + name + "' has no feasible COMPLETE trial yet; run optimize first"
                    + (trials(TrialState.FAIL).isEmpty() ? "" : " (its trials so far failed: look at their failure)"));
        });
    }

    /** The best objective value of a single-objective study. */
    public double bestValue() {
        return requireBest().value();
    }

    /** The parameters of the best trial of a single-objective study. */
    public Map<String, Object> bestParams() {
        return requireBest().params();
    }

    /**
     * The Pareto front: feasible COMPLETE trials that no other feasible COMPLETE trial dominates (for one
     * objective, the best trials).
     */
    public List<FrozenTrial> bestTrials() {
        List<FrozenTrial> complete = trials(TrialState.COMPLETE).stream().filter(FrozenTrial::isFeasible).toList();
        double[][] losses = new double[complete.size()][directions.size()];
        for (int i = 0; i < losses.length; i++) {
            for (int k = 0; k < directions.size(); k++) {
                losses[i][k] = directions.get(k).toLoss(complete.get(i).values().get(k));
            }
        }
        List<FrozenTrial> front = new ArrayList<>();
        for (int i : ParetoFronts.nonDominated(losses)) {
            front.add(complete.get(i));
        }
        front.sort(java.util.Comparator.comparingInt(FrozenTrial::number));
        return List.copyOf(front);
    }

    /** Sets a user attribute of the study. */
    public void setUserAttr(String key, Object value) {
        storage.setStudyUserAttr(name, key, value);
    }

    /** The study's user attributes. */
    public Map<String, Object> userAttrs() {
        return storage.findStudy(name).map(StudyRecord::userAttrs).orElse(Map.of());
    }

    @Override
    public String toString() {
        return "Study[" + name + ", " + directions + ", " + sampler.describe() + "]";
    }

    /** Builds a {@link Study}; not thread-safe. */
    public static final class Builder {
        private String name;
        private List<Direction> directions;
        private Storage storage;
        private Sampler sampler;
        private Pruner pruner;
        private Constraints constraints;
        private boolean loadIfExists;
        private Heartbeat heartbeat;
        private Budget budget;
        private CheckpointStore checkpoints;
        private InstantSource clock = InstantSource.system();
        private final List<StudyListener> listeners = new ArrayList<>();

        Builder() {
        }

        /** The study's name; default a random {@code study-<uuid>}. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("study name must not be blank, but got '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /** One objective in this direction (default MINIMIZE). */
        public Builder direction(Direction d) {
            return directions(List.of(Objects.requireNonNull(d, "direction")));
        }

        /** Several objectives (a Pareto study). */
        public Builder directions(Direction... ds) {
            return directions(java.util.Arrays.asList(ds));
        }

        /** Several objectives (a Pareto study). */
        public Builder directions(List<Direction> ds) {
            if (ds.isEmpty()) {
                throw new IllegalArgumentException("a study needs at least one direction");
            }
            for (int i = 0; i < ds.size(); i++) {
                if (ds.get(i) == null) {
                    throw new NullPointerException("direction #" + i + " of " + ds.size() + " is null; give"
                            + " Direction.MINIMIZE or Direction.MAXIMIZE for each objective");
                }
            }
            this.directions = List.copyOf(ds);
            return this;
        }

        /** Where trials are kept; default a new {@link InMemoryStorage}. */
        public Builder storage(Storage s) {
            this.storage = Objects.requireNonNull(s, "storage");
            return this;
        }

        /**
         * The sampler; default {@link org.automl4j.sampler.DefaultSamplerProvider#defaultSampler} with seed 0:
         * the automatic sampler when the {@code automl4j-samplers} module is on the class path, else TPE (NSGA-II
         * for a study with several directions). A single-objective sampler ({@link Sampler#singleObjectiveOnly})
         * for a study with several directions is refused by {@link #build}.
         */
        public Builder sampler(Sampler s) {
            this.sampler = Objects.requireNonNull(s, "sampler");
            return this;
        }

        /** The pruner; default none. */
        public Builder pruner(Pruner p) {
            this.pruner = Objects.requireNonNull(p, "pruner");
            return this;
        }

        /** Constraints on each trial's outcome; the best trial is then the best feasible one. */
        public Builder constraints(Constraints c) {
            this.constraints = Objects.requireNonNull(c, "constraints");
            return this;
        }

        /**
         * The budget trials report in ({@link Trial#reportAt}, {@link Trial#budgetSchedule()}); default the
         * pruner's, if it was built from one, else none. Must equal the pruner's when both are given.
         */
        public Builder budget(Budget b) {
            this.budget = Objects.requireNonNull(b, "budget");
            return this;
        }

        /**
         * Where {@link Trial#saveCheckpoint} saves and {@link Trial#checkpoint()} reads; default none (saving
         * does nothing and no trial has a checkpoint).
         */
        public Builder checkpoints(CheckpointStore store) {
            this.checkpoints = Objects.requireNonNull(store, "checkpoint store");
            return this;
        }

        /** The clock of {@link Trial#elapsed()} and wall-time budgets; default the system clock. */
        public Builder clock(InstantSource c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Load the study if one with this name exists in the storage, instead of failing. */
        public Builder loadIfExists(boolean load) {
            this.loadIfExists = load;
            return this;
        }

        /**
         * Sends heartbeats for running trials so that, when several workers share a durable storage, the
         * trials of a worker that died are marked FAIL (and optionally retried) by the others; default
         * off. See {@link Heartbeat}.
         */
        public Builder heartbeat(Heartbeat h) {
            this.heartbeat = Objects.requireNonNull(h, "heartbeat");
            return this;
        }

        /** Adds a listener. */
        public Builder listener(StudyListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * Creates the study in the storage (or loads it).
         *
         * @throws org.automl4j.storage.DuplicateStudyException if it exists and loadIfExists is false
         * @throws IllegalArgumentException if a loaded study has other directions than the ones given, or the
         *     budget differs from the pruner's
         */
        public Study build() {
            Pruner p = pruner != null ? pruner : Pruners.none();
            Budget b = budget;
            Optional<Budget> pruners = p.budget();
            if (b != null && pruners.isPresent() && !pruners.get().equals(b)) {
                throw new IllegalArgumentException("the study's budget " + b + " differs from its pruner's " + pruners.get()
                        + "; drop Builder.budget (the pruner's is used) or build the pruner from the same budget");
            }
            TrialResources resources = new TrialResources(b != null ? b : pruners.orElse(null), checkpoints, clock);
            Storage st = storage != null ? storage : new InMemoryStorage();
            String n = name != null ? name : "study-" + UUID.randomUUID();
            Optional<StudyRecord> existing = loadIfExists ? st.findStudy(n) : Optional.empty();
            List<Direction> dirs;
            Sampler s;
            if (existing.isPresent()) {
                dirs = existing.get().directions();
                if (directions != null && !directions.equals(dirs)) {
                    throw new IllegalArgumentException("study '" + n + "' exists with directions " + dirs
                            + " but " + directions + " were given; use the stored directions or another name");
                }
                s = samplerFor(n, dirs);
            } else {
                dirs = directions != null ? directions : List.of(Direction.MINIMIZE);
                s = samplerFor(n, dirs); // before the study is created
                try {
                    st.createStudy(n, dirs);
                } catch (org.automl4j.storage.DuplicateStudyException e) {
                    if (!loadIfExists) {
                        throw e;
                    }
                    // another worker created it between our look and our create: load theirs
                    List<Direction> theirs = st.findStudy(n).orElseThrow(() -> e).directions();
                    if (directions != null && !directions.equals(theirs)) {
                        throw new IllegalArgumentException("study '" + n + "' exists with directions " + theirs
                                + " but " + directions + " were given; use the stored directions or another name");
                    }
                    dirs = theirs;
                    s = samplerFor(n, dirs);
                }
            }
            return new Study(n, dirs, st, s, p, constraints, listeners, resources, heartbeat);
        }

        /**
         * The sampler given, or the default one; a Pareto study whose default is single-objective gets NSGA-II
         * (as Optuna's does), and a single-objective sampler given for one is refused before any trial runs.
         */
        private Sampler samplerFor(String n, List<Direction> dirs) {
            boolean pareto = dirs.size() > 1;
            if (sampler == null) {
                Sampler d = DefaultSamplerProvider.defaultSampler(0);
                return pareto && d.singleObjectiveOnly() ? org.automl4j.sampler.Samplers.nsga2(0) : d;
            }
            if (pareto && sampler.singleObjectiveOnly()) {
                throw new IllegalArgumentException("sampler " + sampler.getClass().getSimpleName() + " optimises one objective, but"
                        + " study '" + n + "' has " + dirs.size() + " directions " + dirs + "; use Samplers.nsga2,"
                        + " Samplers.random or Samplers.sobol (or ModelSamplers.auto) for a Pareto study");
            }
            return sampler;
        }
    }

}
