package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.automl4j.sampler.Samplers;
import org.junit.jupiter.api.Test;

/** What an {@link Error} thrown by the objective in one of several parallel workers does to the others. */
class StudyParallelErrorTest {

    @Test
    void anErrorInTheSecondWorkerStopsTheOtherWorkersToo() {
        Study study = Study.builder().name("parallel-error").sampler(Samplers.random(0)).build();
        // Both workers meet at their first trial. The pool's threads are made in submit order, so the
        // thread with the larger id runs the second worker: the one optimize used to look at last.
        CyclicBarrier meet = new CyclicBarrier(2);
        AtomicLong maxId = new AtomicLong(-1);
        ThreadLocal<Boolean> first = ThreadLocal.withInitial(() -> true);
        Objective objective = t -> {
            double x = t.suggestFloat("x", 0, 1);
            if (first.get()) {
                first.set(false);
                maxId.accumulateAndGet(Thread.currentThread().getId(), Math::max);
                meet.await(30, TimeUnit.SECONDS);
                if (Thread.currentThread().getId() == maxId.get()) {
                    throw new AssertionError("simulated fatal error");
                }
            } else {
                // later trials take a millisecond, so the bound below holds unless the failing thread is kept off
                // the CPU for a whole second (on a loaded machine, microsecond trials ran 493 before it resumed)
                Thread.sleep(1);
            }
            return x;
        };

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(AssertionError.class,
                () -> study.optimize(objective, OptimizeOptions.trials(100_000).withJobs(2))));

        int n = study.trials().size();
        // before the fix the other worker ran on to the 100,000 trials asked for
        assertTrue(n < 1_000, "the other worker stops after its trial in flight, but " + n + " trials ran");
    }
}
