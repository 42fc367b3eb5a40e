package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AbandonedFitsTest {

    /** A thread standing for an abandoned fit: it runs until {@code release} is counted down. */
    private static Thread fit(CountDownLatch release) {
        Thread t = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aPipelineWaitsForTheEarlierFitOfItsLearnerInsteadOfBeingSkipped() throws Exception {
        // before: a pipeline of a busy learner was skipped at once, and the search drew 21,059 of them in 28 s
        AbandonedFits fits = new AbandonedFits();
        CountDownLatch release = new CountDownLatch(1);
        Thread svm = fit(release);
        fits.add("svm", svm);
        assertTrue(fits.busy("svm"));
        assertFalse(fits.busy("xgboost"), "other learners are not held up");
        fits.awaitIdle("xgboost");

        CountDownLatch waited = new CountDownLatch(1);
        Thread pipeline = new Thread(() -> {
            fits.awaitIdle("svm");
            waited.countDown();
        });
        pipeline.start();
        release.countDown();
        pipeline.join();
        assertTrue(waited.getCount() == 0 && !svm.isAlive(), "the wait ends when the earlier fit does");
        assertFalse(fits.busy("svm"));
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSetForTheCaller() {
        AbandonedFits fits = new AbandonedFits();
        CountDownLatch release = new CountDownLatch(1);
        fits.add("svm", fit(release));
        Thread.currentThread().interrupt(); // the pipeline's alarm
        try {
            CancellationException e = assertThrows(CancellationException.class, () -> fits.awaitIdle("svm"));
            assertTrue(e.getMessage().contains("earlier svm fit that ran out of time"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
            release.countDown();
        }
    }
}
