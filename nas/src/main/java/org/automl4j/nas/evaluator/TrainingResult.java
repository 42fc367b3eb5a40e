package org.automl4j.nas.evaluator;

import java.util.List;

/**
 * What one training run measured.
 *
 * @param validationAccuracy validation accuracy after each epoch run, in order
 * @param stoppedEarly       whether the {@link EpochCallback} stopped it before the last epoch
 * @param trainMillis        wall time of training and validation, in milliseconds
 * @param parameters         number of trainable values in the network
 * @param trainSamples       training samples used (after the data fraction)
 */
public record TrainingResult(List<Double> validationAccuracy, boolean stoppedEarly, long trainMillis, long parameters,
        int trainSamples) {

    public TrainingResult {
        validationAccuracy = List.copyOf(validationAccuracy);
    }

    /** Epochs run. */
    public int epochs() {
        return validationAccuracy.size();
    }

    /** The validation accuracy after the last epoch run (NaN if none ran). */
    public double finalValidationAccuracy() {
        return validationAccuracy.isEmpty() ? Double.NaN : validationAccuracy.get(validationAccuracy.size() - 1);
    }
}
