package org.automl4j.tabular;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs one piece of a pipeline's fitting on its own daemon thread, so that an interrupt of the calling thread
 * (the per-pipeline alarm of a fit's time budget) ends the wait at once, also for learners whose training never
 * looks at interrupts (LIBSVM, XGBoost, a single tree, the linear learners): the caller gets a
 * {@link CancellationException} and goes on; the worker is interrupted too, and the fit runs to its end on the
 * worker, unused. (Learners that stop when interrupted, {@code Learner.stopsWhenInterrupted}: LightGBM between
 * rounds, the forests between trees and the MLP between epochs, fit on the caller's thread instead.) That costs CPU until it ends, but the fit keeps its time budget.
 */
final class GiveUp {

    private GiveUp() {
    }

    /**
     * {@code work}'s result, computed on a new daemon thread named {@code name}.
     *
     * @throws CancellationException if the calling thread is interrupted first (its interrupt flag is set
     *                               again, for the caller to clear)
     * @throws Exception             what {@code work} threw (errors such as {@link OutOfMemoryError} too)
     */
    static <T> T call(String name, Callable<T> work) throws Exception {
        return call(name, work, t -> { });
    }

    /**
     * As {@link #call(String, Callable)}, and hands the worker thread to {@code abandoned} when the caller gives up
     * on it (so a caller can avoid starting work that would wait for it, such as a fit behind the same lock).
     */
    static <T> T call(String name, Callable<T> work, java.util.function.Consumer<Thread> abandoned) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread worker = new Thread(task, name);
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            abandoned.accept(worker);
            Thread.currentThread().interrupt();
            throw new CancellationException(name + ": given up when its time ran out (the fit goes on unused"
                    + " in the background until it ends)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
