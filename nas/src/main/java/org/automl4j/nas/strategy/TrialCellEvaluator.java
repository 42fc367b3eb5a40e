package org.automl4j.nas.strategy;

import org.automl4j.nas.space.Cell;
import org.automl4j.trial.Trial;

/**
 * A {@link CellEvaluator} that works with the multi-fidelity machinery: it reports intermediate scores
 * (per epoch, or per data fraction) to a {@link Trial} and stops when the trial's pruner says so.
 */
public interface TrialCellEvaluator extends CellEvaluator {

    /**
     * Evaluates {@code cell}, reporting to {@code trial} as it goes.
     *
     * @return the final score, or the last reported one with {@code pruned} set if the pruner stopped it
     */
    Outcome evaluate(Cell cell, long seed, Trial trial);

    /**
     * The result of a trial-aware evaluation.
     *
     * @param score  the score (higher is better), at the budget reached
     * @param pruned whether the trial's pruner stopped the evaluation early
     */
    record Outcome(double score, boolean pruned) {
    }
}
