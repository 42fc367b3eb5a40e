package org.automl4j.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.automl4j.storage.FinishedTrials;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StorageException;
import org.automl4j.storage.StudyRecord;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * What the dashboard knows of each study, kept up to date from the storage's incremental feed of finished
 * trials ({@link Storage#finishedTrialsSince}), so that a poll while a study runs reads only what finished
 * since the last one plus the few unfinished trials, never the whole history again.
 *
 * <p>Two levels: a {@link Tally} per study (counts by state, last update: constant size, for the studies
 * list) and full {@link StudySnapshot}s for the {@value #MAX_LOADED} most recently viewed studies. A snapshot
 * is replaced only when something changed (its {@link StudySnapshot#version()}), so the views computed on
 * it are computed once per change. Thread-safe.
 */
final class StudyCache {

    static final int MAX_LOADED = 4;
    private static final EnumSet<TrialState> UNFINISHED = EnumSet.of(TrialState.WAITING, TrialState.RUNNING);

    private final Storage storage;
    private final Map<String, Tally> tallies = new HashMap<>();
    private final LinkedHashMap<String, Loaded> loaded = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Loaded> eldest) {
            return size() > MAX_LOADED;
        }
    };

    /** The default least time between two refreshes of a study from the storage. */
    static final java.time.Duration DEFAULT_REFRESH = java.time.Duration.ofMillis(500);

    private final long refreshNanos;

    StudyCache(Storage storage) {
        this(storage, DEFAULT_REFRESH);
    }

    /**
     * @param refresh requests for a study within this time of its last refresh get the same snapshot without
     *                asking the storage (the page asks for several views at once); zero refreshes every time
     */
    StudyCache(Storage storage, java.time.Duration refresh) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.refreshNanos = refresh.toNanos();
    }

    Storage storage() {
        return storage;
    }

    /** Counts and last update of one study, from the finished-trial feed and the unfinished trials. */
    static final class Tally {
        private final Instant created;
        private long cursor;
        private final EnumMap<TrialState, Integer> finished = new EnumMap<>(TrialState.class);
        private Instant lastFinish;

        private Tally(Instant created) {
            this.created = created;
        }

        private void add(List<FrozenTrial> batch) {
            for (FrozenTrial t : batch) {
                finished.merge(t.state(), 1, Integer::sum);
                Instant c = t.complete() != null ? t.complete() : t.start();
                if (c != null && (lastFinish == null || c.isAfter(lastFinish))) {
                    lastFinish = c;
                }
            }
        }
    }

    /**
     * A study's row of the studies list.
     *
     * @param record     the study
     * @param counts     trials by state (every state present, zeros included)
     * @param lastUpdate the latest start or finish of a trial, or the study's creation
     * @param best       the best trial of a single-objective study, if any
     */
    record Summary(StudyRecord record, Map<TrialState, Integer> counts, Instant lastUpdate, Optional<FrozenTrial> best) {
        int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Every study of the storage, in creation order. */
    List<Summary> summaries() {
        List<StudyRecord> studies = storage.studies();
        synchronized (this) {
            // forget studies deleted meanwhile
            tallies.keySet().retainAll(studies.stream().map(StudyRecord::name).toList());
        }
        List<Summary> out = new ArrayList<>();
        for (StudyRecord r : studies) {
            try {
                out.add(summary(r));
            } catch (StorageException e) {
                if (storage.findStudy(r.name()).isPresent()) {
                    throw e;
                }
                // deleted (by another process) since the list was read: it is no longer a study to show
            }
        }
        return out;
    }

    Summary summary(StudyRecord r) {
        List<FrozenTrial> unfinished = storage.trials(r.name(), UNFINISHED);
        Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        Instant last;
        synchronized (this) {
            Tally tally = tallies.get(r.name());
            if (tally == null || !tally.created.equals(r.created())) {
                // new, or deleted and created again under the same name: count from the start
                tally = new Tally(r.created());
                tallies.put(r.name(), tally);
            }
            FinishedTrials batch = storage.finishedTrialsSince(r.name(), tally.cursor);
            tally.add(batch.trials());
            tally.cursor = batch.nextCursor();
            for (TrialState s : TrialState.values()) {
                counts.put(s, tally.finished.getOrDefault(s, 0));
            }
            last = tally.lastFinish;
        }
        for (FrozenTrial t : unfinished) {
            counts.merge(t.state(), 1, Integer::sum);
            if (t.start() != null && (last == null || t.start().isAfter(last))) {
                last = t.start();
            }
        }
        Optional<FrozenTrial> best = r.directions().size() == 1 ? storage.bestTrial(r.name()) : Optional.empty();
        return new Summary(r, counts, last != null ? last : r.created(), best);
    }

    /** The finished trials of one loaded study, by number, and the feed cursor after them. */
    private static final class Loaded {
        long cursor;
        long refreshedAt;
        final TreeMap<Integer, FrozenTrial> finished = new TreeMap<>();
        StudySnapshot snapshot;
    }

    /**
     * The study's current snapshot: the same object as last time when nothing changed.
     *
     * @throws NoSuchStudyException when there is no such study, also when it is deleted while being read
     * @throws StorageException      (from the storage) when the storage cannot be read
     */
    StudySnapshot snapshot(String study) {
        if (refreshNanos > 0) {
            synchronized (this) {
                Loaded l = loaded.get(study);
                if (l != null && l.snapshot != null && System.nanoTime() - l.refreshedAt < refreshNanos) {
                    return l.snapshot;
                }
            }
        }
        StudyRecord record = storage.findStudy(study).orElseThrow(() -> new NoSuchStudyException(study));
        try {
            return load(study, record);
        } catch (StorageException e) {
            if (storage.findStudy(study).isPresent()) {
                throw e;
            }
            // deleted (by another process) between finding it and reading its trials: as if never found
            throw new NoSuchStudyException(study);
        }
    }

    private StudySnapshot load(String study, StudyRecord record) {
        // unfinished first: a trial finishing in between then shows up in both, and the finished copy wins
        List<FrozenTrial> unfinished = storage.trials(study, UNFINISHED);
        synchronized (this) {
            Loaded l = loaded.get(study);
            if (l == null || (l.snapshot != null && !l.snapshot.record().created().equals(record.created()))) {
                l = new Loaded();
                loaded.put(study, l);
            }
            FinishedTrials batch = storage.finishedTrialsSince(study, l.cursor);
            for (FrozenTrial t : batch.trials()) {
                l.finished.put(t.number(), t);
            }
            l.cursor = batch.nextCursor();
            l.refreshedAt = System.nanoTime();
            String version = l.cursor + "-" + signature(unfinished, l.finished) + "-"
                    + Integer.toHexString(record.userAttrs().hashCode());
            if (l.snapshot != null && l.snapshot.version().equals(version)) {
                return l.snapshot;
            }
            TreeMap<Integer, FrozenTrial> all = new TreeMap<>(l.finished);
            for (FrozenTrial t : unfinished) {
                all.putIfAbsent(t.number(), t);
            }
            l.snapshot = new StudySnapshot(record, List.copyOf(all.values()), version);
            return l.snapshot;
        }
    }

    private static String signature(List<FrozenTrial> unfinished, Map<Integer, FrozenTrial> finished) {
        long h = 17;
        for (FrozenTrial t : unfinished) {
            if (finished.containsKey(t.number())) {
                continue;
            }
            h = h * 31 + t.number();
            h = h * 31 + t.state().ordinal();
            h = h * 31 + t.params().size();
            h = h * 31 + t.intermediateValues().size();
            h = h * 31 + t.userAttrs().hashCode();
        }
        return Long.toHexString(h);
    }

    /** Thrown for a study name the storage does not know; the API answers 404. */
    static final class NoSuchStudyException extends RuntimeException {
        NoSuchStudyException(String study) {
            super("no study named '" + study + "' in this storage; GET /api/studies lists them");
        }
    }
}
