package org.automl4j.tabular;

import org.automl4j.AutoMLException;

/**
 * An AutoML fit ended with no pipeline evaluated to its end: the time limit ran out first
 * ({@link #failedPipelines()} is 0), or every pipeline tried failed (the message names the first failure).
 * The trials that ran are kept in the fit's study storage.
 */
public final class NoPipelineFinishedException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    private final int failedPipelines;

    NoPipelineFinishedException(String message, int failedPipelines) {
        super(message);
        this.failedPipelines = failedPipelines;
    }

    /** How many pipelines failed; 0 when the time ran out before the first one finished. */
    public int failedPipelines() {
        return failedPipelines;
    }
}
