package org.automl4j.pruner;

import java.util.List;
import java.util.Optional;
import org.automl4j.budget.Budget;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * Decides whether a running trial should stop early. A pure function of the study's history and the
 * trial's reported values: no I/O, no randomness. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Pruner {

    /** Whether {@code trial} (RUNNING, with its intermediate values so far) should be pruned. */
    boolean shouldPrune(StudyView study, FrozenTrial trial);

    /**
     * The budget this pruner's steps measure, when it was built from one (e.g.
     * {@link Pruners#successiveHalving(Budget, int)}); the study then reports in that budget's unit.
     */
    default Optional<Budget> budget() {
        return Optional.empty();
    }

    /**
     * The budget amounts at which this pruner will judge trial {@code trialNumber} of {@code study}, ascending
     * and ending at the largest budget, in {@link #budget()}'s unit (or in steps if it has none), so an
     * objective can train exactly to them. Empty when the pruner may judge at any step or does not know the
     * largest budget; the objective then reports at the budget's default schedule or every step.
     */
    default List<Double> budgetLevels(StudyView study, int trialNumber) {
        return List.of();
    }
}
