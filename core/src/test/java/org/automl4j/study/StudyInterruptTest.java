package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.automl4j.sampler.Samplers;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/**
 * What a JVM shutdown (Ctrl-C) during {@code optimize} leaves in the storage (the hook's work is called directly),
 * and what an interrupt of the thread running it does.
 */
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

    private static Study study() {
        return Study.builder().name("interrupt").sampler(Samplers.random(3)).build();
    }

    @Test
    void interruptingTheThreadThatRunsOptimizeEndsTheRunAfterTheTrialUnderWay() throws Exception {
        Study s = study();
        CountDownLatch inSecondTrial = new CountDownLatch(1);
        AtomicBoolean flagAfterwards = new AtomicBoolean();
        Thread runner = new Thread(() -> {
            s.optimize(t -> {
                double x = t.suggestFloat("x", -1, 1);
                if (t.number() == 1) {
                    inSecondTrial.countDown();
                    Thread.sleep(Long.MAX_VALUE); // ends only by the interrupt
                }
                return x * x;
            }, 100);
            flagAfterwards.set(Thread.currentThread().isInterrupted());
        }, "optimize-runner");
        runner.start();
        inSecondTrial.await();
        runner.interrupt();
        runner.join();

        List<FrozenTrial> trials = s.trials();
        assertEquals(2, trials.size(), "no trial starts after the interrupt");
        assertEquals(TrialState.COMPLETE, trials.get(0).state());
        assertEquals(TrialState.FAIL, trials.get(1).state());
        assertEquals("java.lang.InterruptedException", trials.get(1).failure().type());
        assertTrue(flagAfterwards.get(), "optimize returns with the interrupt flag still set");
    }

    @Test
    void anObjectiveThatLeavesItsThreadInterruptedEndsASequentialRunWithThatTrialStored() {
        Study s = study();
        s.optimize(t -> {
            double x = t.suggestFloat("x", -1, 1);
            if (t.number() == 2) {
                Thread.currentThread().interrupt();
            }
            return x * x;
        }, 50);
        assertTrue(Thread.interrupted(), "the flag is left for the caller (and cleared here)");
        assertEquals(3, s.trials().size());
        assertTrue(s.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    }

    @Test
    void anObjectiveThatClearsItsOwnInterruptDoesNotEndTheRun() {
        Study s = study();
        s.optimize(t -> {
            double x = t.suggestFloat("x", -1, 1);
            Thread.currentThread().interrupt(); // e.g. its own time limit ...
            Thread.interrupted();               // ... cancelled, and the flag cleared, before it returns
            return x * x;
        }, 7);
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(7, s.trials().size());
    }

    @Test
    void aStudyInterruptedOnceRunsAgainOnceTheFlagIsCleared() {
        Study s = study();
        Thread.currentThread().interrupt();
        s.optimize(t -> t.suggestFloat("x", -1, 1), 5);
        assertTrue(Thread.interrupted());
        assertEquals(0, s.trials().size(), "an interrupted thread starts no trial");
        s.optimize(t -> t.suggestFloat("x", -1, 1), 5);
        assertEquals(5, s.trials().size());
    }
}
