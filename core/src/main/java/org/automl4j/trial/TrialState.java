package org.automl4j.trial;

/** The life cycle of a trial. Finished trials ({@link #isFinished()}) are never modified. */
public enum TrialState {
    /** Enqueued with fixed parameters, not yet claimed by a worker. */
    WAITING,
    /** Being evaluated. */
    RUNNING,
    /** Finished with objective values. */
    COMPLETE,
    /** Stopped early by a pruner (or by the objective throwing {@link TrialPrunedException}). */
    PRUNED,
    /** The objective threw, returned a non-finite value, or its worker died. */
    FAIL;

    /** Whether the trial can no longer change. */
    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
