package org.automl4j.nas.evaluator;

/** Told the validation accuracy after every epoch; says whether training should go on. */
@FunctionalInterface
public interface EpochCallback {

    /** Never stops. */
    EpochCallback NONE = (epoch, accuracy) -> true;

    /**
     * Called after epoch {@code epoch} (1-based) with the validation accuracy in [0, 1].
     *
     * @return false to stop training now (pruned)
     */
    boolean afterEpoch(int epoch, double validationAccuracy);
}
