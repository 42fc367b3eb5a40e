package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GiveUpTest {

    @Test
    void anInterruptEndsTheWaitAlthoughTheWorkIgnoresInterrupts() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        AtomicReference<Thread> worker = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                GiveUp.call("test-fit", () -> {
                    started.countDown();
                    // like LIBSVM: never looks at the interrupt flag
                    boolean done = false;
                    while (!done) {
                        try {
                            release.await();
                            done = true;
                        } catch (InterruptedException ignored) {
                            // keeps going
                        }
                    }
                    finished.countDown();
                    return 1;
                }, worker::set);
            } catch (Throwable t) {
                thrown.set(t);
            }
            flagAfter.set(Thread.interrupted());
        });
        caller.start();
        started.await();
        caller.interrupt();
        caller.join();
        assertInstanceOf(CancellationException.class, thrown.get());
        assertTrue(thrown.get().getMessage().contains("test-fit"), thrown.get().getMessage());
        assertTrue(flagAfter.get(), "the interrupt flag is set again for the caller to clear");
        assertEquals(1, finished.getCount(), "the abandoned work was still running when the caller went on");
        assertEquals("test-fit", worker.get().getName(), "the caller is told which thread it left running");
        assertTrue(worker.get().isAlive());
        release.countDown();
        finished.await();
        worker.get().join();
        assertFalse(worker.get().isAlive());
    }

    @Test
    void resultsAndFailuresOfTheWorkReachTheCaller() throws Exception {
        assertEquals("ok", GiveUp.call("fit", () -> "ok"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GiveUp.call("fit", () -> {
                    throw new IllegalStateException("bad parameter");
                }));
        assertEquals("bad parameter", e.getMessage());
        assertThrows(OutOfMemoryError.class, () -> GiveUp.call("fit", () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
