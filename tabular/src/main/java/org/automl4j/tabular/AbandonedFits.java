package org.automl4j.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fits of one AutoML run given up for time ({@link GiveUp}) whose threads may still run, per learner. A new fit
 * of such a learner would compete for the same core, and may wait for it anyway (Tribuo's LIBSVM trainer fits one
 * model at a time, under a class lock). Thread-safe.
 */
final class AbandonedFits {

    private final Map<String, List<Thread>> byLearner = new ConcurrentHashMap<>();

    /** Records {@code worker}, a fit of {@code learner} given up for time. */
    void add(String learner, Thread worker) {
        List<Thread> ts = byLearner.computeIfAbsent(learner, k -> new ArrayList<>());
        synchronized (ts) {
            ts.add(worker);
        }
    }

    /** Whether a fit of {@code learner} given up for time is still running. */
    boolean busy(String learner) {
        List<Thread> ts = byLearner.get(learner);
        if (ts == null) {
            return false;
        }
        synchronized (ts) {
            ts.removeIf(t -> !t.isAlive());
            return !ts.isEmpty();
        }
    }

    /**
     * Waits until no fit of {@code learner} given up for time is running. A pipeline waits rather than being skipped:
     * skipping at once let the search draw tens of thousands of skipped pipelines while an earlier fit ran.
     *
     * @throws CancellationException when the calling thread is interrupted while waiting (a pipeline's alarm, or a
     *     caller stopping the fit); its interrupt flag is set again
     */
    void awaitIdle(String learner) {
        List<Thread> ts = byLearner.get(learner);
        if (ts == null) {
            return;
        }
        List<Thread> running;
        synchronized (ts) {
            running = new ArrayList<>(ts);
        }
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("waited for an earlier " + learner + " fit that ran out of time and"
                        + " is still running");
            }
        }
        busy(learner); // forgets the ended ones
    }
}
