package org.automl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.storage.DuplicateStudyException;
import org.automl4j.storage.FinishedTrials;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StorageException;
import org.automl4j.storage.StudyRecord;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialFinishedException;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Storage} must satisfy. Extend it and implement {@link #newStorage}:
 * <pre>{@code
 * class SqliteStorageTest extends StorageContractTest {
 *     protected Storage newStorage(Clock clock) { return JdbcStorage.sqlite(tempFile(), clock); }
 * }
 * }</pre>
 */
public abstract class StorageContractTest {

    /** A new, empty storage for one test whose timestamps and heartbeats follow {@code clock}. */
    protected abstract Storage newStorage(java.time.Clock clock);

    /** The clock of {@link #storage}; tests advance it instead of sleeping. */
    protected final ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));

    protected Storage storage;

    private static final FrozenTrial RUNNING = FrozenTrial.builder().state(TrialState.RUNNING).build();

    @BeforeEach
    void openStorage() {
        storage = newStorage(clock);
    }

    @Test
    public void createdStudyCanBeFoundWithItsDirections() {
        storage.createStudy("s", List.of(Direction.MAXIMIZE, Direction.MINIMIZE));
        StudyRecord r = storage.findStudy("s").orElseThrow();
        assertEquals("s", r.name());
        assertEquals(List.of(Direction.MAXIMIZE, Direction.MINIMIZE), r.directions());
        assertTrue(storage.findStudy("other").isEmpty());
    }

    @Test
    public void aStudyCanBeCreatedWithItsOriginalCreationTime() {
        java.time.Instant then = java.time.Instant.parse("2024-05-06T07:08:09.123Z");
        assertEquals(then, storage.createStudy("old", List.of(Direction.MINIMIZE), then).created());
        assertEquals(then, storage.findStudy("old").orElseThrow().created());
        assertThrows(DuplicateStudyException.class, () -> storage.createStudy("old", List.of(Direction.MINIMIZE), then));
    }

    @Test
    public void duplicateStudyNameIsRejected() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        assertThrows(DuplicateStudyException.class, () -> storage.createStudy("s", List.of(Direction.MINIMIZE)));
    }

    @Test
    public void studiesAreListedInCreationOrderAndCanBeDeleted() {
        storage.createStudy("a", List.of(Direction.MINIMIZE));
        storage.createStudy("b", List.of(Direction.MINIMIZE));
        assertEquals(List.of("a", "b"), storage.studies().stream().map(StudyRecord::name).toList());
        storage.deleteStudy("a");
        assertEquals(List.of("b"), storage.studies().stream().map(StudyRecord::name).toList());
        assertThrows(StorageException.class, () -> storage.trialCount("a"));
    }

    @Test
    public void studyUserAttributesAreKept() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        storage.setStudyUserAttr("s", "dataset", "iris");
        assertEquals(Map.of("dataset", "iris"), storage.findStudy("s").orElseThrow().userAttrs());
    }

    @Test
    public void trialNumbersCountFromZeroPerStudy() {
        storage.createStudy("a", List.of(Direction.MINIMIZE));
        storage.createStudy("b", List.of(Direction.MINIMIZE));
        assertEquals(0, storage.createTrial("a", RUNNING).number());
        assertEquals(1, storage.createTrial("a", RUNNING).number());
        assertEquals(0, storage.createTrial("b", RUNNING).number());
        assertEquals(2, storage.trialCount("a"));
    }

    @Test
    public void paramsValuesAndAttributesRoundTrip() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int n = storage.createTrial("s", RUNNING).number();
        storage.setTrialParam("s", n, "x", FloatDistribution.logScale(1e-3, 1), 0.01);
        storage.setTrialParam("s", n, "k", IntDistribution.of(1, 9), 3);
        storage.setTrialParam("s", n, "c", CategoricalDistribution.of("a", "b"), "b");
        storage.setTrialIntermediateValue("s", n, 1, 0.5);
        storage.setTrialIntermediateValue("s", n, 2, 0.25);
        storage.setTrialUserAttr("s", n, "note", "hello");
        storage.setTrialSystemAttr("s", n, "worker", "w1");
        FrozenTrial t = storage.finishTrial("s", n, TrialState.COMPLETE, List.of(0.125), null);
        FrozenTrial read = storage.trial("s", n);
        assertEquals(t, read);
        assertEquals(List.of("x", "k", "c"), new ArrayList<>(read.params().keySet()), "suggestion order kept");
        assertEquals(0.01, (Double) read.params().get("x"), 0);
        assertEquals(3, read.params().get("k"));
        assertEquals("b", read.params().get("c"));
        assertEquals(Map.of(1L, 0.5, 2L, 0.25), read.intermediateValues());
        assertEquals("hello", read.userAttrs().get("note"));
        assertEquals("w1", read.systemAttrs().get("worker"));
        assertEquals(List.of(0.125), read.values());
        assertTrue(read.start() != null && read.complete() != null);
    }

    @Test
    public void returnedSnapshotsNeverChange() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int n = storage.createTrial("s", RUNNING).number();
        FrozenTrial before = storage.trial("s", n);
        storage.setTrialParam("s", n, "x", FloatDistribution.of(0, 1), 0.5);
        storage.setTrialIntermediateValue("s", n, 1, 1.0);
        assertTrue(before.params().isEmpty());
        assertTrue(before.intermediateValues().isEmpty());
        assertEquals(TrialState.RUNNING, before.state());
        assertThrows(UnsupportedOperationException.class, () -> before.params().put("y", 1));
    }

    @Test
    public void finishedTrialCannotBeChanged() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int n = storage.createTrial("s", RUNNING).number();
        storage.finishTrial("s", n, TrialState.COMPLETE, List.of(1.0), null);
        assertThrows(TrialFinishedException.class,
                () -> storage.setTrialParam("s", n, "x", FloatDistribution.of(0, 1), 0.5));
        assertThrows(TrialFinishedException.class, () -> storage.setTrialIntermediateValue("s", n, 1, 1.0));
        assertThrows(TrialFinishedException.class, () -> storage.setTrialUserAttr("s", n, "a", 1));
        assertThrows(TrialFinishedException.class,
                () -> storage.finishTrial("s", n, TrialState.FAIL, List.of(), TrialFailure.of("X", "y")));
        assertEquals(List.of(1.0), storage.trial("s", n).values());
    }

    @Test
    public void waitingTrialCannotBeFinishedBeforeItIsClaimed() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        FrozenTrial w = FrozenTrial.builder().state(TrialState.WAITING).systemAttr("fixed_params", Map.of("x", 1)).build();
        int n = storage.createTrial("s", w).number();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> storage.finishTrial("s", n, TrialState.COMPLETE, List.of(1.0), null));
        assertTrue(e.getMessage().contains("WAITING"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> storage.finishTrial("s", n, TrialState.FAIL, List.of(), TrialFailure.of("X", "y")));
        assertEquals(TrialState.WAITING, storage.trial("s", n).state());
        assertTrue(storage.finishedTrialsSince("s", 0).trials().isEmpty());
        FrozenTrial claimed = storage.claimWaitingTrial("s").orElseThrow();
        assertEquals(n, claimed.number(), "the enqueued trial is still there to be claimed");
        assertEquals(TrialState.COMPLETE, storage.finishTrial("s", n, TrialState.COMPLETE, List.of(1.0), null).state());
    }

    @Test
    public void completeTrialNeedsOneFiniteValuePerDirection() {
        storage.createStudy("s", List.of(Direction.MINIMIZE, Direction.MAXIMIZE));
        int n = storage.createTrial("s", RUNNING).number();
        assertThrows(IllegalArgumentException.class,
                () -> storage.finishTrial("s", n, TrialState.COMPLETE, List.of(1.0), null));
        assertThrows(IllegalArgumentException.class,
                () -> storage.finishTrial("s", n, TrialState.COMPLETE, List.of(1.0, Double.NaN), null));
        assertEquals(TrialState.RUNNING, storage.trial("s", n).state());
        storage.finishTrial("s", n, TrialState.COMPLETE, List.of(1.0, 2.0), null);
        assertEquals(List.of(1.0, 2.0), storage.trial("s", n).values());
    }

    @Test
    public void sameParamWithAnotherDistributionIsRejected() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int n = storage.createTrial("s", RUNNING).number();
        storage.setTrialParam("s", n, "x", FloatDistribution.of(0, 1), 0.5);
        assertThrows(IllegalArgumentException.class,
                () -> storage.setTrialParam("s", n, "x", FloatDistribution.of(0, 2), 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> storage.setTrialParam("s", n, "y", FloatDistribution.of(0, 1), 5.0));
    }

    @Test
    public void failureIsStoredWithItsStackTrace() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int n = storage.createTrial("s", RUNNING).number();
        storage.finishTrial("s", n, TrialState.FAIL, List.of(), TrialFailure.of(new IllegalStateException("boom")));
        FrozenTrial t = storage.trial("s", n);
        assertEquals("java.lang.IllegalStateException", t.failure().type());
        assertEquals("boom", t.failure().message());
        assertTrue(t.failure().stackTrace().contains("StorageContractTest"));
    }

    @Test
    public void trialsAreFilteredByState() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int a = storage.createTrial("s", RUNNING).number();
        int b = storage.createTrial("s", RUNNING).number();
        storage.createTrial("s", RUNNING);
        storage.finishTrial("s", a, TrialState.COMPLETE, List.of(1.0), null);
        storage.finishTrial("s", b, TrialState.PRUNED, List.of(), null);
        assertEquals(List.of(0), numbers(storage.trials("s", EnumSet.of(TrialState.COMPLETE))));
        assertEquals(List.of(0, 1), numbers(storage.trials("s", EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED))));
        assertEquals(List.of(2), numbers(storage.trials("s", EnumSet.of(TrialState.RUNNING))));
        assertEquals(List.of(0, 1, 2), numbers(storage.trials("s")));
    }

    @Test
    public void finishedTrialsFeedIsIncrementalAndInFinishingOrder() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int a = storage.createTrial("s", RUNNING).number();
        int b = storage.createTrial("s", RUNNING).number();
        FinishedTrials none = storage.finishedTrialsSince("s", 0);
        assertTrue(none.trials().isEmpty());
        storage.finishTrial("s", b, TrialState.COMPLETE, List.of(2.0), null);
        FinishedTrials first = storage.finishedTrialsSince("s", none.nextCursor());
        assertEquals(List.of(b), numbers(first.trials()));
        storage.finishTrial("s", a, TrialState.FAIL, List.of(), TrialFailure.of("X", "y"));
        FinishedTrials second = storage.finishedTrialsSince("s", first.nextCursor());
        assertEquals(List.of(a), numbers(second.trials()));
        assertTrue(storage.finishedTrialsSince("s", second.nextCursor()).trials().isEmpty());
        assertEquals(List.of(b, a), numbers(storage.finishedTrialsSince("s", 0).trials()));
    }

    @Test
    public void finishedTrialCanBeImported() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        FrozenTrial t = storage.createTrial("s", FrozenTrial.builder().state(TrialState.COMPLETE)
                .param("x", FloatDistribution.of(0, 1), 0.25).values(3.0).build());
        assertEquals(0, t.number());
        assertEquals(TrialState.COMPLETE, storage.trial("s", 0).state());
        assertEquals(List.of(t.number()), numbers(storage.finishedTrialsSince("s", 0).trials()));
    }

    @Test
    public void waitingTrialIsClaimedOnceInOrder() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        FrozenTrial w = FrozenTrial.builder().state(TrialState.WAITING).systemAttr("fixed_params", Map.of("x", 1)).build();
        storage.createTrial("s", w);
        storage.createTrial("s", w);
        assertEquals(0, storage.claimWaitingTrial("s").orElseThrow().number());
        FrozenTrial second = storage.claimWaitingTrial("s").orElseThrow();
        assertEquals(1, second.number());
        assertEquals(TrialState.RUNNING, second.state());
        assertEquals(Map.of("x", 1), second.systemAttrs().get("fixed_params"));
        assertTrue(storage.claimWaitingTrial("s").isEmpty());
    }

    @Test
    public void concurrentWorkersGetUniqueNumbersAndClaimEachWaitingTrialOnce() throws Exception {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        FrozenTrial w = FrozenTrial.builder().state(TrialState.WAITING).build();
        for (int i = 0; i < 50; i++) {
            storage.createTrial("s", w);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> futures = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            futures.add(pool.submit(() -> {
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    Optional<FrozenTrial> claimed = storage.claimWaitingTrial("s");
                    FrozenTrial t = claimed.orElseGet(() -> storage.createTrial("s", RUNNING));
                    storage.finishTrial("s", t.number(), TrialState.COMPLETE, List.of((double) i), null);
                    mine.add(t.number());
                }
                return mine;
            }));
        }
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        Set<Integer> unique = new HashSet<>(all);
        assertEquals(400, all.size());
        assertEquals(400, unique.size(), "no trial number handed out twice");
        assertEquals(400, storage.trialCount("s"));
        assertEquals(400, storage.trials("s", EnumSet.of(TrialState.COMPLETE)).size());
        assertEquals(400, storage.finishedTrialsSince("s", 0).trials().size());
        List<Integer> sorted = new ArrayList<>(unique);
        Collections.sort(sorted);
        assertEquals(0, sorted.get(0));
        assertEquals(399, sorted.get(399));
    }

    @Test
    public void unknownStudyOrTrialIsAClearError() {
        StorageException e = assertThrows(StorageException.class, () -> storage.trialCount("nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        StorageException e2 = assertThrows(StorageException.class, () -> storage.trial("s", 7));
        assertTrue(e2.getMessage().contains("7"), e2.getMessage());
        assertFalse(storage.findStudy("nope").isPresent());
    }

    @Test
    public void createTrialsAddsThemInOrderOrNoneWhenOneIsInvalid() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        storage.createTrial("s", RUNNING);
        FrozenTrial done = FrozenTrial.builder().state(TrialState.COMPLETE).values(1.0)
                .param("x", FloatDistribution.of(0, 1), 0.5).intermediateValue(1, 2.0).build();
        List<FrozenTrial> made = storage.createTrials("s", List.of(done, RUNNING, done));
        assertEquals(List.of(1, 2, 3), numbers(made));
        assertEquals(List.of(1, 3), numbers(storage.finishedTrialsSince("s", 0).trials()));
        assertEquals(Map.of(1L, 2.0), storage.trial("s", 3).intermediateValues());
        FrozenTrial invalid = FrozenTrial.builder().state(TrialState.COMPLETE).values(1.0, 2.0).build();
        assertThrows(IllegalArgumentException.class, () -> storage.createTrials("s", List.of(done, invalid)));
        assertEquals(4, storage.trialCount("s"), "the batch is written all or none");
    }

    /** Trials of every kind an import carries, times to the millisecond (what every storage keeps). */
    private static List<FrozenTrial> importable() {
        java.time.Instant t0 = java.time.Instant.parse("2025-03-04T05:06:07.089Z");
        FloatDistribution x = FloatDistribution.of(0, 1);
        IntDistribution k = IntDistribution.of(1, 9);
        CategoricalDistribution c = CategoricalDistribution.of("a", "b");
        return List.of(
                FrozenTrial.builder().number(17).state(TrialState.COMPLETE).values(0.5).param("x", x, 0.25)
                        .param("k", k, 3).param("c", c, "b").intermediateValue(0, 0.9).intermediateValue(5, 0.6)
                        .userAttr("tag", "first").userAttr("curve", List.of(1.5, 2.5)).systemAttr("epochs", 3)
                        .start(t0).complete(t0.plusMillis(1234)).build(),
                FrozenTrial.builder().state(TrialState.PRUNED).param("x", x, 0.75).intermediateValue(0, 2.0)
                        .start(t0.plusSeconds(2)).complete(t0.plusSeconds(3)).build(),
                FrozenTrial.builder().state(TrialState.FAIL).param("k", k, 9)
                        .failure(new TrialFailure("IllegalStateException", "boom", "at x.y(Z.java:1)"))
                        .start(t0.plusSeconds(4)).complete(t0.plusSeconds(5)).build(),
                FrozenTrial.builder().state(TrialState.COMPLETE).values(0.125).param("c", c, "a")
                        .start(t0.plusSeconds(6)).complete(t0.plusSeconds(7)).build(),
                FrozenTrial.builder().state(TrialState.WAITING).param("x", x, 0.5).build());
    }

    @Test
    public void importStudyWritesEveryTrialWithItsStateValuesParamsAttributesCurvesAndTimes() {
        java.time.Instant created = java.time.Instant.parse("2024-05-06T07:08:09.123Z");
        List<FrozenTrial> templates = importable();
        StudyRecord r = storage.importStudy(new StudyRecord("imp", List.of(Direction.MINIMIZE),
                Map.of("dataset", "iris", "folds", 5), created), templates);
        assertEquals(storage.findStudy("imp").orElseThrow(), r);
        assertEquals(created, r.created(), "the original creation time is kept");
        assertEquals(Map.of("dataset", "iris", "folds", 5), r.userAttrs());
        assertEquals(List.of(Direction.MINIMIZE), r.directions());
        List<FrozenTrial> expected = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            expected.add(templates.get(i).toBuilder().number(i).build());
        }
        assertEquals(expected, storage.trials("imp"), "numbered 0.. in order, everything else as given");
        assertEquals(expected.get(0), storage.trial("imp", 0));
        assertEquals(templates.size(), storage.trialCount("imp"));
        FinishedTrials feed = storage.finishedTrialsSince("imp", 0);
        assertEquals(List.of(0, 1, 2, 3), numbers(feed.trials()), "finished ones in the feed, in order");
        assertEquals(3, storage.bestTrial("imp").orElseThrow().number());
        // the study goes on where the import ended
        assertEquals(4, storage.claimWaitingTrial("imp").orElseThrow().number());
        int next = storage.createTrial("imp", RUNNING).number();
        assertEquals(templates.size(), next);
        storage.finishTrial("imp", next, TrialState.COMPLETE, List.of(0.0), null);
        assertEquals(List.of(next), numbers(storage.finishedTrialsSince("imp", feed.nextCursor()).trials()));
        assertEquals(next, storage.bestTrial("imp").orElseThrow().number());
    }

    @Test
    public void importStudyRefusesAnExistingNameAndLeavesThatStudyAsItWas() {
        storage.createStudy("s", List.of(Direction.MAXIMIZE));
        storage.setStudyUserAttr("s", "mine", true);
        storage.createTrial("s", RUNNING);
        StudyRecord before = storage.findStudy("s").orElseThrow();
        assertThrows(DuplicateStudyException.class, () -> storage.importStudy(new StudyRecord("s",
                List.of(Direction.MINIMIZE), Map.of("theirs", 1), java.time.Instant.EPOCH), importable()));
        assertEquals(before, storage.findStudy("s").orElseThrow());
        assertEquals(1, storage.trialCount("s"));
        assertEquals(List.of("s"), storage.studies().stream().map(StudyRecord::name).toList());
    }

    @Test
    public void importStudyWithAnUnstorableTrialLeavesNoTraceNamesTheTrialAndCanBeRunAgain() {
        List<FrozenTrial> bad = new ArrayList<>(importable());
        bad.add(2, FrozenTrial.builder().state(TrialState.COMPLETE).values(1.0, 2.0).build());
        StudyRecord study = new StudyRecord("imp", List.of(Direction.MINIMIZE), Map.of("k", "v"),
                java.time.Instant.parse("2024-01-01T00:00:00Z"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> storage.importStudy(study, bad));
        assertTrue(e.getMessage().startsWith("trials[2]: "), e.getMessage());
        assertTrue(storage.findStudy("imp").isEmpty(), "no half-imported study");
        assertTrue(storage.studies().isEmpty());
        storage.importStudy(study, importable());
        assertEquals(importable().size(), storage.trialCount("imp"), "the same import runs again");
        assertEquals(List.of(0, 1, 2, 3), numbers(storage.finishedTrialsSince("imp", 0).trials()));
    }

    @Test
    public void anEmptyStudyCanBeImported() {
        StudyRecord r = storage.importStudy(new StudyRecord("empty", List.of(Direction.MINIMIZE, Direction.MAXIMIZE),
                Map.of(), java.time.Instant.parse("2024-01-01T00:00:00Z")), List.of());
        assertEquals(r, storage.findStudy("empty").orElseThrow());
        assertEquals(0, storage.trialCount("empty"));
        assertEquals(0, storage.createTrial("empty", RUNNING).number());
    }

    @Test
    public void bestTrialIsTheBestFeasibleCompleteOneInTheStudysDirection() {
        storage.createStudy("min", List.of(Direction.MINIMIZE));
        storage.createStudy("max", List.of(Direction.MAXIMIZE));
        assertTrue(storage.bestTrial("min").isEmpty());
        for (String s : List.of("min", "max")) {
            for (double v : new double[] {3, 1, 5, 1}) {
                int n = storage.createTrial(s, RUNNING).number();
                storage.finishTrial(s, n, TrialState.COMPLETE, List.of(v), null);
            }
            int pruned = storage.createTrial(s, RUNNING).number();
            storage.finishTrial(s, pruned, TrialState.PRUNED, List.of(-100.0), null);
            int infeasible = storage.createTrial(s, RUNNING).number();
            storage.setTrialSystemAttr(s, infeasible, FrozenTrial.CONSTRAINTS_ATTR, List.of(1.5));
            storage.finishTrial(s, infeasible, TrialState.COMPLETE, List.of(s.equals("min") ? -50.0 : 50.0), null);
        }
        assertEquals(1, storage.bestTrial("min").orElseThrow().number(), "lowest value, first on ties, pruned and"
                + " infeasible trials ignored");
        assertEquals(1.0, storage.bestTrial("min").orElseThrow().value());
        assertEquals(2, storage.bestTrial("max").orElseThrow().number());
        storage.createStudy("mo", List.of(Direction.MINIMIZE, Direction.MINIMIZE));
        assertThrows(IllegalStateException.class, () -> storage.bestTrial("mo"));
    }

    @Test
    public void trialsWhoseHeartbeatStoppedAreStaleAndOthersAreNot() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int silent = storage.createTrial("s", RUNNING).number();
        int dead = storage.createTrial("s", RUNNING).number();
        int alive = storage.createTrial("s", RUNNING).number();
        int done = storage.createTrial("s", RUNNING).number();
        storage.recordHeartbeat("s", dead);
        storage.recordHeartbeat("s", alive);
        storage.recordHeartbeat("s", done);
        storage.finishTrial("s", done, TrialState.COMPLETE, List.of(1.0), null);
        clock.advance(java.time.Duration.ofSeconds(30));
        assertTrue(storage.staleTrials("s", java.time.Duration.ofSeconds(60)).isEmpty(), "within the grace period");
        storage.recordHeartbeat("s", alive);
        clock.advance(java.time.Duration.ofSeconds(40));
        assertEquals(List.of(dead), numbers(storage.staleTrials("s", java.time.Duration.ofSeconds(60))),
                "70 s since the dead worker's last beat, 40 s since the live one's; a trial that never beat is"
                + " never stale, nor is a finished one");
        storage.finishTrial("s", dead, TrialState.FAIL, List.of(), TrialFailure.of("StaleTrial", "dead"));
        assertThrows(TrialFinishedException.class, () -> storage.finishTrial("s", dead, TrialState.FAIL, List.of(),
                TrialFailure.of("StaleTrial", "dead")), "a second worker cannot fail it again");
        storage.recordHeartbeat("s", dead); // ignored: no longer running
        assertTrue(storage.staleTrials("s", java.time.Duration.ofSeconds(60)).isEmpty());
        assertEquals(TrialState.RUNNING, storage.trial("s", silent).state());
    }

    @Test
    public void intermediateValuesIncludingNaNSurviveAndAreReadWithTheirTrials() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int n = storage.createTrial("s", RUNNING).number();
        storage.setTrialIntermediateValue("s", n, 3, 0.5);
        storage.setTrialIntermediateValue("s", n, 1, Double.NaN);
        storage.setTrialIntermediateValue("s", n, 3, 9.0);
        storage.finishTrial("s", n, TrialState.PRUNED, List.of(0.5), null);
        for (FrozenTrial t : List.of(storage.trial("s", n), storage.trials("s").get(0),
                storage.finishedTrialsSince("s", 0).trials().get(0))) {
            assertEquals(List.of(1L, 3L), List.copyOf(t.intermediateValues().keySet()));
            assertTrue(Double.isNaN(t.intermediateValues().get(1L)));
            assertEquals(0.5, t.intermediateValues().get(3L), "a step reported twice keeps its first value");
        }
    }

    @Test
    public void nonFiniteNumbersInAttributesAreReadBackAsNumbers() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        storage.setStudyUserAttr("s", "nan", Double.NaN);
        int n = storage.createTrial("s", RUNNING).number();
        storage.setTrialUserAttr("s", n, "loss", Double.POSITIVE_INFINITY);
        storage.setTrialUserAttr("s", n, "curve", List.of(1.5, Double.NEGATIVE_INFINITY, Double.NaN));
        storage.setTrialUserAttr("s", n, "text", "NaN");
        storage.setTrialSystemAttr("s", n, "gap", Double.NaN);
        storage.finishTrial("s", n, TrialState.COMPLETE, List.of(0.5), null);
        assertTrue(Double.isNaN((Double) storage.findStudy("s").orElseThrow().userAttrs().get("nan")));
        for (FrozenTrial t : List.of(storage.trial("s", n), storage.trials("s").get(0))) {
            assertEquals(Double.POSITIVE_INFINITY, t.userAttrs().get("loss"));
            assertEquals(List.of(1.5, Double.NEGATIVE_INFINITY, Double.NaN), t.userAttrs().get("curve"));
            assertEquals("NaN", t.userAttrs().get("text"), "a string stays a string");
            assertTrue(Double.isNaN((Double) t.systemAttrs().get("gap")));
        }
    }

    @Test
    public void categoricalNumberChoicesKeepTheirJavaTypes() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int n = storage.createTrial("s", RUNNING).number();
        CategoricalDistribution batch = CategoricalDistribution.of(16L, 32L);
        CategoricalDistribution rate = CategoricalDistribution.of(0.1f, 0.5f);
        CategoricalDistribution mixed = CategoricalDistribution.of((short) 1, (byte) 2, 3, 4.5, "x", true);
        storage.setTrialParam("s", n, "batch", batch, 32L);
        storage.setTrialParam("s", n, "rate", rate, 0.1f);
        storage.setTrialParam("s", n, "mixed", mixed, (short) 1);
        storage.finishTrial("s", n, TrialState.COMPLETE, List.of(1.0), null);
        for (FrozenTrial t : List.of(storage.trial("s", n), storage.trials("s").get(0))) {
            assertEquals(Map.of("batch", batch, "rate", rate, "mixed", mixed), t.distributions());
            assertEquals(Long.class, t.params().get("batch").getClass());
            assertEquals(0.1f, t.params().get("rate"));
            assertEquals((short) 1, t.params().get("mixed"));
            assertEquals(List.of(Short.class, Byte.class, Integer.class, Double.class, String.class, Boolean.class),
                    t.distributions().get("mixed") instanceof CategoricalDistribution c
                            ? c.choices().stream().map(Object::getClass).toList() : List.of());
        }
    }

    @Test
    public void aFloatInAnAttributeIsReadBackWithTheSameValue() {
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int n = storage.createTrial("s", RUNNING).number();
        storage.setTrialSystemAttr("s", n, "fixed_params", Map.of("lr", 0.1f));
        Object lr = ((Map<?, ?>) storage.trial("s", n).systemAttrs().get("fixed_params")).get("lr");
        assertEquals((double) 0.1f, ((Number) lr).doubleValue(), 0.0, "a Float's value, not the decimal it prints as");
        assertTrue(CategoricalDistribution.of(0.1f, 0.01f).contains(lr));
    }

    private static List<Integer> numbers(List<FrozenTrial> trials) {
        return trials.stream().map(FrozenTrial::number).toList();
    }
}
