package org.automl4j.pruner;

import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/** Prunes when the latest value is NaN or outside {@code [lower, upper]} (after the warm-up steps). Immutable. */
final class ThresholdPruner implements Pruner {
    private final double lower;
    private final double upper;
    private final long nWarmupSteps;

    ThresholdPruner(double lower, double upper, long nWarmupSteps) {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new IllegalArgumentException("threshold bounds must not be NaN, got lower=" + lower + ", upper="
                    + upper + "; use Double.NEGATIVE_INFINITY / POSITIVE_INFINITY for an open side");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower must be <= upper, got lower=" + lower + ", upper=" + upper
                    + "; swap them");
        }
        if (lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("at least one of lower/upper must be finite, got [-inf, +inf]; "
                    + "to prune only NaN values pass e.g. lower=-Double.MAX_VALUE");
        }
        PrunerSupport.requireNonNegative("nWarmupSteps", nWarmupSteps);
        this.lower = lower;
        this.upper = upper;
        this.nWarmupSteps = nWarmupSteps;
    }

    @Override
    public boolean shouldPrune(StudyView study, FrozenTrial trial) {
        if (trial.intermediateValues().isEmpty()) {
            return false;
        }
        var last = trial.intermediateValues().lastEntry();
        if (last.getKey() < nWarmupSteps) {
            return false;
        }
        double v = last.getValue();
        return Double.isNaN(v) || v < lower || v > upper;
    }

    @Override
    public String toString() {
        return "ThresholdPruner[lower=" + lower + ", upper=" + upper + ", nWarmupSteps=" + nWarmupSteps + "]";
    }
}
