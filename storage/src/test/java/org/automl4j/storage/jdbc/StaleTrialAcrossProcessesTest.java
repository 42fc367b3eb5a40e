package org.automl4j.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Heartbeat;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.study.StudyListener;
import org.automl4j.study.StudyView;
import org.automl4j.testkit.ManualClock;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers in separate processes, simulated by separate {@link JdbcStorage}s on one SQLite file sharing a
 * manual clock: heartbeats are compared without sleeping, and each worker's own heartbeat thread (once an
 * hour) never beats during a test.
 */
class StaleTrialAcrossProcessesTest {

    private static final Heartbeat HEARTBEAT = new Heartbeat(Duration.ofHours(1), Duration.ofHours(2), 2);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<JdbcStorage> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(JdbcStorage::close);
    }

    /** A worker: its own storage on the shared file, its own Study object. */
    private Study worker(long seed) {
        JdbcStorage s = JdbcStorage.sqlite(dir.resolve("studies.db"), clock);
        opened.add(s);
        return Study.builder().name("s").storage(s).loadIfExists(true).sampler(Samplers.random(seed))
                .heartbeat(HEARTBEAT).build();
    }

    private static List<FrozenTrial> waiting(Study s) {
        return s.trials(EnumSet.of(TrialState.WAITING));
    }

    @Test
    void staleEnqueuedTrialIsFailedOnceAndItsRetryRunsTheWholeEnqueuedConfiguration() {
        Study dying = worker(1);
        Study alive = worker(2);
        Study third = worker(3);
        dying.enqueueTrial(Map.of("x", 0.25, "n", 7), Map.of("origin", "warm start"));
        Trial t = dying.ask();
        assertEquals(0.25, t.suggestFloat("x", 0, 1), 0.0);
        clock.advance(Duration.ofMinutes(90));
        assertTrue(alive.failStaleTrials().isEmpty(), "within the grace period the trial is alive");
        clock.advance(Duration.ofHours(1)); // the dying worker never beat again
        List<FrozenTrial> failed = alive.failStaleTrials();
        assertEquals(List.of(t.number()), failed.stream().map(FrozenTrial::number).toList());
        assertEquals("StaleTrial", failed.get(0).failure().type());
        assertTrue(third.failStaleTrials().isEmpty(), "another process finds it failed already");
        assertEquals(1, waiting(third).size(), "exactly one retry");

        // the dying worker comes back and tells: dropped, the trial stays FAIL, nothing new is stored
        FrozenTrial late = dying.tell(t, 1.0);
        assertEquals(TrialState.FAIL, late.state());
        assertEquals(2, third.trials().size());

        alive.optimize(r -> r.suggestFloat("x", 0, 1) + r.suggestInt("n", 0, 100), OptimizeOptions.trials(1));
        FrozenTrial retry = third.storage().trial("s", t.number() + 1);
        assertEquals(TrialState.COMPLETE, retry.state());
        assertEquals(Map.of("x", 0.25, "n", 7), retry.params(), "the enqueued configuration, n included");
        assertEquals(t.number(), retry.systemAttrs().get(Heartbeat.RETRY_OF));
        assertEquals(1, retry.systemAttrs().get(Heartbeat.RETRY_COUNT));
        assertEquals("warm start", retry.userAttrs().get("origin"));
    }

    @Test
    void retriesOfARetryCountUpToTheLimitAndThenStop() {
        Study first = worker(1);
        Study other = worker(2);
        Trial t0 = first.ask();
        t0.suggestFloat("x", 0, 1);
        int expected = t0.number();
        for (int round = 1; round <= HEARTBEAT.maxRetries() + 1; round++) {
            clock.advance(Duration.ofHours(3));
            List<FrozenTrial> failed = other.failStaleTrials();
            assertEquals(List.of(expected), failed.stream().map(FrozenTrial::number).toList(), "round " + round);
            List<FrozenTrial> w = waiting(other);
            if (round > HEARTBEAT.maxRetries()) {
                assertEquals(List.of(), w, "no retry after " + HEARTBEAT.maxRetries());
                break;
            }
            assertEquals(1, w.size());
            assertEquals(expected, w.get(0).systemAttrs().get(Heartbeat.RETRY_OF));
            assertEquals(round, w.get(0).systemAttrs().get(Heartbeat.RETRY_COUNT));
            // a fresh worker claims the retry and dies too
            Trial again = worker(10 + round).ask();
            assertEquals(w.get(0).number(), again.number());
            assertEquals(t0.params().get("x"), again.suggestFloat("x", 0, 1), "the retry runs the stale trial's x");
            expected = again.number();
        }
        assertEquals(HEARTBEAT.maxRetries() + 1, other.trials(TrialState.FAIL).size());
    }

    @Test
    void workersFailingTheSameStaleTrialAtOnceFailItOnceAndEnqueueOneRetry() throws Exception {
        Study dying = worker(1);
        int n = dying.ask().number();
        clock.advance(Duration.ofHours(3));
        List<Study> others = List.of(worker(2), worker(3), worker(4), worker(5));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(others.size());
        try {
            List<Future<List<FrozenTrial>>> results = new ArrayList<>();
            for (Study s : others) {
                Callable<List<FrozenTrial>> call = () -> {
                    go.await();
                    return s.failStaleTrials();
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            int failedTotal = 0;
            for (Future<List<FrozenTrial>> f : results) {
                failedTotal += f.get().size();
            }
            assertEquals(1, failedTotal, "exactly one worker failed trial " + n);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, waiting(dying).size(), "exactly one retry");
        assertEquals(TrialState.FAIL, dying.storage().trial("s", n).state());
    }

    @Test
    void aStaleTrialWhoseObjectiveReturnsLateIsCountedOnceByTheWorkerThatFailedIt() {
        Study slow = worker(1);
        Study reaper = worker(2);
        AtomicInteger slowSaw = new AtomicInteger();
        AtomicInteger reaperSaw = new AtomicInteger();
        slow.addListener(counting(slowSaw));
        reaper.addListener(counting(reaperSaw));
        slow.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            clock.advance(Duration.ofHours(3)); // no heartbeat meanwhile: another worker fails it
            assertEquals(1, reaper.failStaleTrials().size());
            return x;
        }, OptimizeOptions.trials(1));
        assertEquals(0, slowSaw.get(), "the late result was dropped, not reported as finished");
        assertEquals(1, reaperSaw.get());
        List<FrozenTrial> all = reaper.trials();
        assertEquals(List.of(TrialState.FAIL, TrialState.WAITING), all.stream().map(FrozenTrial::state).toList());
        assertTrue(reaper.bestTrial().isEmpty(), "the late value did not become a COMPLETE trial");
    }

    private static StudyListener counting(AtomicInteger count) {
        return new StudyListener() {
            @Override
            public void onTrialFinished(StudyView study, FrozenTrial trial) {
                count.incrementAndGet();
            }
        };
    }
}
