package org.automl4j.nas.strategy;

/**
 * Thrown by a {@link CellEvaluator} to end a search early (a time budget ran out, the user asked to
 * stop): every {@link CellStrategy} catches it and returns the evaluations made so far. The evaluation
 * that throws it does not count.
 */
public final class SearchStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A stop, with the reason for logs. */
    public SearchStoppedException(String reason) {
        super(reason);
    }
}
