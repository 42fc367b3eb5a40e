package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.automl4j.sampler.Samplers;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** What a JVM shutdown (Ctrl-C) during {@code optimize} leaves in the storage; the hook's work is called directly. */
class StudyInterruptTest {

    @Test
    void aShutdownFailsTheTrialItInterruptsKeepsFinishedOnesAndStopsTheRun() throws Exception {
        Study study = Study.builder().name("interrupted").sampler(Samplers.random(0)).build();
        CountDownLatch third = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                study.optimize(t -> {
                    double x = t.suggestFloat("x", 0, 1);
                    if (calls.incrementAndGet() == 3) {
                        third.countDown();
                        release.await();
                    }
                    return x;
                }, 10);
            } catch (Throwable e) {
                crash.set(e);
            }
        });
        worker.start();
        third.await();

        List<FrozenTrial> failed = study.failInterruptedTrials();

        assertEquals(1, failed.size());
        FrozenTrial t = failed.get(0);
        assertEquals(2, t.number());
        assertEquals(TrialState.FAIL, t.state());
        assertEquals(Study.INTERRUPTED, t.failure().type());
        assertTrue(t.failure().message().contains("the process was stopped"), t.failure().message());

        release.countDown(); // the objective returns after all: its late value is dropped, not an error
        worker.join(60_000);
        assertFalse(worker.isAlive(), "optimize ended");
        assertNull(crash.get(), () -> "optimize threw " + crash.get());
        List<FrozenTrial> all = study.trials();
        assertEquals(3, all.size(), "no trial starts after the shutdown");
        assertEquals(TrialState.COMPLETE, all.get(0).state());
        assertEquals(TrialState.COMPLETE, all.get(1).state());
        assertEquals(TrialState.FAIL, all.get(2).state());
        assertTrue(study.failInterruptedTrials().isEmpty(), "nothing is left running");
    }

    @Test
    void withNothingRunningAShutdownChangesNoTrial() {
        Study study = Study.builder().name("finished").sampler(Samplers.random(0)).build();
        study.optimize(t -> t.suggestFloat("x", 0, 1), 4);

        assertTrue(study.failInterruptedTrials().isEmpty());
        assertTrue(study.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    }
}
