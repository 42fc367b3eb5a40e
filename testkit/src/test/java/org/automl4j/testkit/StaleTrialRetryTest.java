package org.automl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.FloatDistribution;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.study.Direction;
import org.automl4j.study.Heartbeat;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** A dead worker's trial is failed by a live one and retried a limited number of times; no sleeping. */
class StaleTrialRetryTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** A RUNNING trial left by a worker that beat once and died. */
    private static int deadWorkersTrial(InMemoryStorage storage, int retryCount) {
        FrozenTrial.Builder b = FrozenTrial.builder().state(TrialState.RUNNING)
                .param("x", FloatDistribution.of(0, 1), 0.25);
        if (retryCount > 0) {
            b.systemAttr(Heartbeat.RETRY_COUNT, retryCount);
        }
        int n = storage.createTrial("s", b.build()).number();
        storage.recordHeartbeat("s", n);
        return n;
    }

    @Test
    void staleTrialIsFailedOnceAndItsParametersRunAgain() {
        InMemoryStorage storage = new InMemoryStorage(clock);
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        int dead = deadWorkersTrial(storage, 0);
        Study study = Study.builder().name("s").storage(storage).loadIfExists(true).sampler(Samplers.random(1))
                .heartbeat(new Heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(10), 2)).build();
        assertTrue(study.failStaleTrials().isEmpty(), "within the grace period nothing is stale");
        clock.advance(Duration.ofSeconds(11));
        List<FrozenTrial> failed = study.failStaleTrials();
        assertEquals(List.of(dead), failed.stream().map(FrozenTrial::number).toList());
        assertEquals("StaleTrial", storage.trial("s", dead).failure().type());
        assertTrue(study.failStaleTrials().isEmpty(), "a second call finds nothing: it was failed once");
        study.optimize(t -> t.suggestFloat("x", 0, 1), OptimizeOptions.trials(1));
        FrozenTrial retry = storage.trial("s", dead + 1);
        assertEquals(TrialState.COMPLETE, retry.state());
        assertEquals(0.25, retry.value(), 0.0, "the retry ran the stale trial's parameters");
        assertEquals(dead, retry.systemAttrs().get(Heartbeat.RETRY_OF));
        assertEquals(1, retry.systemAttrs().get(Heartbeat.RETRY_COUNT));
    }

    @Test
    void aTrialThatUsedUpItsRetriesIsNotEnqueuedAgain() {
        InMemoryStorage storage = new InMemoryStorage(clock);
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        deadWorkersTrial(storage, 2);
        Study study = Study.builder().name("s").storage(storage).loadIfExists(true)
                .heartbeat(new Heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(10), 2)).build();
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, study.failStaleTrials().size());
        assertEquals(0, storage.trials("s", java.util.EnumSet.of(TrialState.WAITING)).size());
    }

    @Test
    void withoutHeartbeatsAStudyRefusesToGuessWhichTrialsAreDead() {
        InMemoryStorage storage = new InMemoryStorage(clock);
        Study study = Study.builder().name("s").storage(storage).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, study::failStaleTrials);
        assertTrue(e.getMessage().contains("heartbeat"), e.getMessage());
    }

    @Test
    void retryOfAStaleEnqueuedTrialKeepsTheEnqueuedParametersItsWorkerNeverSuggested() {
        InMemoryStorage storage = new InMemoryStorage(clock);
        Heartbeat hb = new Heartbeat(Duration.ofHours(1), Duration.ofHours(2), 1);
        Study dying = Study.builder().name("s").storage(storage).sampler(Samplers.random(1)).heartbeat(hb).build();
        Study alive = Study.builder().name("s").storage(storage).loadIfExists(true).sampler(Samplers.random(2))
                .heartbeat(hb).build();
        dying.enqueueTrial(java.util.Map.of("x", 0.25, "n", 7));
        Trial t = dying.ask();
        assertEquals(0.25, t.suggestFloat("x", 0, 1), 0.0);
        // the worker dies here, before it suggests n
        clock.advance(Duration.ofHours(3));
        assertEquals(1, alive.failStaleTrials().size());
        alive.optimize(r -> r.suggestFloat("x", 0, 1) + r.suggestInt("n", 0, 100), OptimizeOptions.trials(1));
        FrozenTrial retry = storage.trial("s", t.number() + 1);
        assertEquals(t.number(), retry.systemAttrs().get(Heartbeat.RETRY_OF));
        assertEquals(java.util.Map.of("x", 0.25, "n", 7), retry.params(),
                "the retry evaluates the enqueued configuration, not a new sample of n");
    }

    @Test
    void failStaleTrialsNeverFailsATrialThisStudyObjectIsRunning() {
        InMemoryStorage storage = new InMemoryStorage(clock);
        Heartbeat hb = new Heartbeat(Duration.ofHours(1), Duration.ofHours(2), 0);
        Study mine = Study.builder().name("s").storage(storage).sampler(Samplers.random(1)).heartbeat(hb).build();
        Trial t = mine.ask();
        clock.advance(Duration.ofHours(3)); // its heartbeat thread has not beaten yet (once an hour)
        assertTrue(mine.failStaleTrials().isEmpty(), "this object asked the trial and has not told it: it is alive");
        assertEquals(TrialState.RUNNING, storage.trial("s", t.number()).state());
        assertEquals(TrialState.COMPLETE, mine.tell(t, 1.0).state());
    }
}
