package org.automl4j.storage;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.automl4j.space.Distribution;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialFinishedException;
import org.automl4j.trial.TrialState;

/**
 * A storage in memory: fast, thread-safe, gone when the JVM exits. Each study is guarded by its own
 * lock; finished trials are kept as shared immutable snapshots, so reading a long history copies
 * references only.
 */
public final class InMemoryStorage implements Storage {

    private final Map<String, StudyData> studies = new LinkedHashMap<>();
    private final Clock clock;

    /** A storage using the system clock for timestamps. */
    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    /** A storage using {@code clock} for timestamps (tests use a fixed clock). */
    public InMemoryStorage(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static final class StudyData {
        StudyRecord record;
        final List<Slot> trials = new ArrayList<>();
        final List<FrozenTrial> finishedOrder = new ArrayList<>();
        final ArrayDeque<Integer> waiting = new ArrayDeque<>();
        final TreeSet<Integer> running = new TreeSet<>();
        final Map<Integer, java.time.Instant> heartbeats = new java.util.HashMap<>();
        FrozenTrial best;

        StudyData(StudyRecord record) {
            this.record = record;
        }
    }

    /** A trial slot: a builder while unfinished, with a cached snapshot. */
    private static final class Slot {
        FrozenTrial.Builder builder;
        FrozenTrial snapshot;

        Slot(FrozenTrial snapshot, boolean finished) {
            this.snapshot = snapshot;
            this.builder = finished ? null : snapshot.toBuilder();
        }

        FrozenTrial snapshot() {
            if (snapshot == null) {
                snapshot = builder.build();
            }
            return snapshot;
        }

        void changed() {
            snapshot = null;
        }
    }

    private StudyData data(String study) {
        synchronized (studies) {
            StudyData d = studies.get(study);
            if (d == null) {
                throw new StorageException("no study named '" + study + "' in this storage; create it first"
                        + " (known studies: " + studies.keySet() + ")");
            }
            return d;
        }
    }

    @Override
    public StudyRecord createStudy(String name, List<Direction> directions) {
        return createStudy(name, directions, clock.instant());
    }

    @Override
    public StudyRecord createStudy(String name, List<Direction> directions, java.time.Instant created) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        synchronized (studies) {
            if (studies.containsKey(name)) {
                throw new DuplicateStudyException(name);
            }
            StudyRecord r = new StudyRecord(name, directions, Map.of(), created);
            studies.put(name, new StudyData(r));
            return r;
        }
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        synchronized (studies) {
            StudyData d = studies.get(name);
            if (d == null) {
                return Optional.empty();
            }
            synchronized (d) {
                return Optional.of(d.record);
            }
        }
    }

    @Override
    public List<StudyRecord> studies() {
        List<StudyData> all;
        synchronized (studies) {
            all = new ArrayList<>(studies.values());
        }
        List<StudyRecord> out = new ArrayList<>(all.size());
        for (StudyData d : all) {
            synchronized (d) {
                out.add(d.record);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void deleteStudy(String name) {
        synchronized (studies) {
            if (studies.remove(name) == null) {
                throw new StorageException("cannot delete study '" + name + "': no such study");
            }
        }
    }

    @Override
    public void setStudyUserAttr(String study, String key, Object value) {
        StudyData d = data(study);
        synchronized (d) {
            Map<String, Object> attrs = new LinkedHashMap<>(d.record.userAttrs());
            attrs.put(Objects.requireNonNull(key, "key"), value);
            d.record = new StudyRecord(d.record.name(), d.record.directions(), attrs, d.record.created());
        }
    }

    @Override
    public FrozenTrial createTrial(String study, FrozenTrial template) {
        Objects.requireNonNull(template, "template");
        StudyData d = data(study);
        synchronized (d) {
            int number = d.trials.size();
            FrozenTrial.Builder b = template.toBuilder().number(number);
            TrialState s = template.state();
            if (s == TrialState.RUNNING && template.start() == null) {
                b.start(clock.instant());
            }
            if (s.isFinished()) {
                checkFinishedTemplate(d, template);
                if (template.complete() == null) {
                    b.complete(clock.instant());
                }
            }
            FrozenTrial t = b.build();
            d.trials.add(new Slot(t, s.isFinished()));
            switch (s) {
                case WAITING -> d.waiting.add(number);
                case RUNNING -> d.running.add(number);
                default -> finished(d, t);
            }
            return t;
        }
    }

    /** All or none: every template is checked before any is stored. */
    @Override
    public List<FrozenTrial> createTrials(String study, List<FrozenTrial> templates) {
        StudyData d = data(study);
        synchronized (d) {
            for (FrozenTrial t : templates) {
                if (Objects.requireNonNull(t, "template").state().isFinished()) {
                    checkFinishedTemplate(d, t);
                }
            }
            List<FrozenTrial> out = new ArrayList<>(templates.size());
            for (FrozenTrial t : templates) {
                out.add(createTrial(study, t));
            }
            return List.copyOf(out);
        }
    }

    private static void finished(StudyData d, FrozenTrial t) {
        d.finishedOrder.add(t);
        List<Direction> dirs = d.record.directions();
        if (dirs.size() == 1 && t.state() == TrialState.COMPLETE && t.isFeasible()
                && (d.best == null || dirs.get(0).isBetter(t.value(), d.best.value())
                    || (t.value() == d.best.value() && t.number() < d.best.number()))) {
            d.best = t;
        }
    }

    private static void checkFinishedTemplate(StudyData d, FrozenTrial t) {
        t.checkStorableAsFinished(d.record.name(), d.record.directions().size());
    }

    @Override
    public Optional<FrozenTrial> claimWaitingTrial(String study) {
        StudyData d = data(study);
        synchronized (d) {
            Integer n = d.waiting.poll();
            if (n == null) {
                return Optional.empty();
            }
            Slot slot = d.trials.get(n);
            slot.builder.state(TrialState.RUNNING).start(clock.instant());
            slot.changed();
            d.running.add(n);
            return Optional.of(slot.snapshot());
        }
    }

    private Slot unfinished(StudyData d, int number, String what) {
        if (number < 0 || number >= d.trials.size()) {
            throw new StorageException("study '" + d.record.name() + "' has no trial " + number
                    + " (it has " + d.trials.size() + " trials)");
        }
        Slot slot = d.trials.get(number);
        if (slot.builder == null) {
            throw new TrialFinishedException("cannot " + what + " trial " + number + " of study '"
                    + d.record.name() + "': it is already " + slot.snapshot.state() + " and finished trials never change");
        }
        return slot;
    }

    @Override
    public void setTrialParam(String study, int number, String name, Distribution distribution, Object value) {
        StudyData d = data(study);
        synchronized (d) {
            Slot slot = unfinished(d, number, "set parameter '" + name + "' of");
            FrozenTrial cur = slot.snapshot();
            Distribution old = cur.distributions().get(name);
            if (old != null && !old.equals(distribution)) {
                throw new IllegalArgumentException("trial " + number + " already has parameter '" + name + "' with "
                        + old + "; cannot change it to " + distribution);
            }
            if (!distribution.contains(value)) {
                throw new IllegalArgumentException("parameter '" + name + "' = " + value + " is outside " + distribution);
            }
            slot.builder.param(name, distribution, value);
            slot.changed();
        }
    }

    @Override
    public void setTrialIntermediateValue(String study, int number, long step, double value) {
        StudyData d = data(study);
        synchronized (d) {
            Slot slot = unfinished(d, number, "report step " + step + " of");
            if (!slot.snapshot().intermediateValues().containsKey(step)) {
                slot.builder.intermediateValue(step, value);
                slot.changed();
            }
        }
    }

    @Override
    public void setTrialUserAttr(String study, int number, String key, Object value) {
        update(study, number, "set user attribute '" + key + "' of", b -> b.userAttr(key, value));
    }

    @Override
    public void setTrialSystemAttr(String study, int number, String key, Object value) {
        update(study, number, "set system attribute '" + key + "' of", b -> b.systemAttr(key, value));
    }

    /** Applies {@code change} to an unfinished trial under the study's lock. */
    private void update(String study, int number, String what, java.util.function.Consumer<FrozenTrial.Builder> change) {
        StudyData d = data(study);
        synchronized (d) {
            Slot slot = unfinished(d, number, what);
            change.accept(slot.builder);
            slot.changed();
        }
    }

    @Override
    public FrozenTrial finishTrial(String study, int number, TrialState state, List<Double> values,
            TrialFailure failure) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("finishTrial needs COMPLETE, PRUNED or FAIL, but got " + state);
        }
        StudyData d = data(study);
        synchronized (d) {
            Slot slot = unfinished(d, number, "finish");
            if (d.waiting.contains(number)) {
                throw notStarted(d.record.name(), number, state);
            }
            FrozenTrial t = slot.builder.state(state).values(values == null ? List.of() : values)
                    .failure(failure).complete(clock.instant()).build();
            checkFinishedTemplate(d, t);
            slot.snapshot = t;
            slot.builder = null;
            d.running.remove(number);
            d.heartbeats.remove(number);
            finished(d, t);
            return t;
        }
    }

    /** What finishing a WAITING trial throws: it never ran, so it has no outcome to store. */
    static IllegalStateException notStarted(String study, int number, TrialState state) {
        return new IllegalStateException("cannot finish trial " + number + " of study '" + study + "' as " + state
                + ": it is WAITING (enqueued, not started), so it never ran; finish a trial after ask() or optimize"
                + " has started it, or import a result with addTrial");
    }

    @Override
    public FrozenTrial trial(String study, int number) {
        StudyData d = data(study);
        synchronized (d) {
            if (number < 0 || number >= d.trials.size()) {
                throw new StorageException("study '" + study + "' has no trial " + number
                        + " (it has " + d.trials.size() + " trials)");
            }
            return d.trials.get(number).snapshot();
        }
    }

    @Override
    public List<FrozenTrial> trials(String study, Set<TrialState> states) {
        StudyData d = data(study);
        synchronized (d) {
            if (states.size() == 1 && states.contains(TrialState.RUNNING)) {
                List<FrozenTrial> out = new ArrayList<>(d.running.size());
                for (int n : d.running) {
                    out.add(d.trials.get(n).snapshot());
                }
                return List.copyOf(out);
            }
            List<FrozenTrial> out = new ArrayList<>(d.trials.size());
            for (Slot s : d.trials) {
                FrozenTrial t = s.snapshot();
                if (states.contains(t.state())) {
                    out.add(t);
                }
            }
            return List.copyOf(out);
        }
    }

    @Override
    public FinishedTrials finishedTrialsSince(String study, long cursor) {
        StudyData d = data(study);
        synchronized (d) {
            int from = (int) Math.max(0, Math.min(cursor, d.finishedOrder.size()));
            return new FinishedTrials(d.finishedOrder.subList(from, d.finishedOrder.size()), d.finishedOrder.size());
        }
    }

    @Override
    public Optional<FrozenTrial> bestTrial(String study) {
        StudyData d = data(study);
        synchronized (d) {
            if (d.record.directions().size() != 1) {
                throw new IllegalStateException("study '" + study + "' has " + d.record.directions().size()
                        + " objectives; the best trials of a multi-objective study are its Pareto front");
            }
            return Optional.ofNullable(d.best);
        }
    }

    @Override
    public void recordHeartbeat(String study, int number) {
        StudyData d = data(study);
        synchronized (d) {
            if (d.running.contains(number)) {
                d.heartbeats.put(number, clock.instant());
            }
        }
    }

    @Override
    public List<FrozenTrial> staleTrials(String study, java.time.Duration grace) {
        java.time.Instant heartbeatBefore = clock.instant().minus(grace);
        StudyData d = data(study);
        synchronized (d) {
            List<FrozenTrial> out = new ArrayList<>();
            for (int n : d.running) {
                java.time.Instant beat = d.heartbeats.get(n);
                if (beat != null && beat.isBefore(heartbeatBefore)) {
                    out.add(d.trials.get(n).snapshot());
                }
            }
            return List.copyOf(out);
        }
    }

    @Override
    public int trialCount(String study) {
        StudyData d = data(study);
        synchronized (d) {
            return d.trials.size();
        }
    }

}
