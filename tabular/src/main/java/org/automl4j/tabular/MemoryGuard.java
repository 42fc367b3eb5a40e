package org.automl4j.tabular;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Keeps one pipeline's memory from ending a whole fit. Before a learner sees its data the guard compares an
 * estimate of what the fit will hold on the heap (the encoded matrix times a per-learner factor: Tribuo's
 * learners copy every row into example objects, the boosting libraries copy into native buffers) with the
 * heap that is still free; a pipeline that would not fit fails at once with {@link PipelineMemoryException}.
 * A fit that runs out anyway ({@link OutOfMemoryError}) is turned into the same exception, so its trial fails
 * alone: the arrays it allocated are unreachable once the exception leaves the fit, and the next pipeline has
 * the heap again.
 */
final class MemoryGuard {

    /** Heap bytes a learner holds per byte of the dense double matrix it is given (rough upper estimates). */
    static final Map<String, Double> FACTOR = Map.ofEntries(
            Map.entry("logistic", 4.0), Map.entry("linear", 4.0), Map.entry("svm", 6.0), Map.entry("knn", 4.0),
            Map.entry("tree", 6.0), Map.entry("random_forest", 6.0), Map.entry("extra_trees", 6.0),
            Map.entry("xgboost", 1.5), Map.entry("lightgbm", 1.0), Map.entry("lgbm_rf", 1.0),
            Map.entry("lgbm_extra_trees", 1.0));
    static final double DEFAULT_FACTOR = 6.0;

    private final long heapLimit;
    private final LongSupplier inUse;

    /** A guard for this JVM's maximum heap and its current use. */
    MemoryGuard() {
        this(Runtime.getRuntime().maxMemory(), () -> Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
    }

    /**
     * A guard for a heap of {@code heapLimit} bytes of which {@code inUse} reports the bytes in use (tests
     * give fixed numbers so the guard's decisions do not depend on the garbage collector).
     */
    MemoryGuard(long heapLimit, LongSupplier inUse) {
        if (heapLimit <= 0) {
            throw new IllegalArgumentException("heapLimit must be positive, but got " + heapLimit);
        }
        this.heapLimit = heapLimit;
        this.inUse = inUse;
    }

    /** The heap still free: the limit less what is in use now. */
    long free() {
        return heapLimit - inUse.getAsLong();
    }

    /** The estimated heap a {@code learner} fit on a {@code rows} x {@code columns} matrix holds. */
    static long estimate(String learner, int rows, int columns) {
        double matrix = 8.0 * rows * Math.max(1, columns);
        return (long) (matrix * FACTOR.getOrDefault(learner, DEFAULT_FACTOR));
    }

    /**
     * Refuses a fit whose estimate exceeds the free heap.
     *
     * @throws PipelineMemoryException with the estimate, what is free and what to do
     */
    void check(String learner, int rows, int columns) {
        long need = estimate(learner, rows, columns);
        long free = free();
        if (need > free) {
            throw new PipelineMemoryException(String.format(Locale.ROOT,
                    "not enough heap for %s on %,d x %,d: about %,d MB needed, %,d MB free of %,d MB; give the JVM"
                            + " more heap (-Xmx, or JAVA_OPTS for ./automl4j) or leave this learner out (--learners)",
                    learner, rows, columns, need >> 20, Math.max(0, free) >> 20, heapLimit >> 20));
        }
    }

    /**
     * Runs {@code work}; an {@link OutOfMemoryError} inside it becomes a {@link PipelineMemoryException} naming
     * {@code what}.
     */
    <T> T run(String what, Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (OutOfMemoryError e) {
            throw new PipelineMemoryException(what + " ran out of memory (" + e.getMessage() + ") and was stopped;"
                    + " the other pipelines go on. Give the JVM more heap (-Xmx, or JAVA_OPTS for ./automl4j) or"
                    + " leave this learner out (--learners)");
        }
    }

    /** A pipeline that would exhaust, or did exhaust, the heap. */
    static final class PipelineMemoryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PipelineMemoryException(String message) {
            super(message);
        }
    }
}
