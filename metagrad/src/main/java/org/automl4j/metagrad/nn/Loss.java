package org.automl4j.metagrad.nn;

/**
 * The training loss of a network, per task: the mean over examples. Targets are given per example as a
 * float: the value for {@link #MSE} (one output), the class index for {@link #SOFTMAX_CROSS_ENTROPY}.
 */
public enum Loss {
    /** Mean squared error over examples, summed over outputs (one output: the plain MSE). */
    MSE,
    /** Softmax cross-entropy over the outputs (the classes), mean over examples. */
    SOFTMAX_CROSS_ENTROPY;

    /** Whether the targets are class indices. */
    public boolean classification() {
        return this == SOFTMAX_CROSS_ENTROPY;
    }
}
