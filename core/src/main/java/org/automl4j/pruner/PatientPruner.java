package org.automl4j.pruner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.automl4j.budget.Budget;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * Optuna's PatientPruner: while the trial's best value over its last {@code patience + 1} reports improves on
 * its best before them by more than {@code minDelta}, never prunes; once it stagnates, defers to the wrapped
 * pruner (or prunes, when there is none). The budget and budget levels are the wrapped pruner's, so a wrapped
 * successive-halving or Hyperband pruner built from a budget still tells trials its rungs. Thread-safe if the
 * wrapped pruner is.
 */
final class PatientPruner implements Pruner {
    private final Pruner wrapped;
    private final int patience;
    private final double minDelta;

    PatientPruner(Pruner wrapped, int patience, double minDelta) {
        PrunerSupport.requireNonNegative("patience", patience);
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta
                    + "; pass 0.0 to count any improvement");
        }
        this.wrapped = wrapped;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public boolean shouldPrune(StudyView study, FrozenTrial trial) {
        int n = trial.intermediateValues().size();
        if (n <= (long) patience + 1) { // long: patience may be Integer.MAX_VALUE
            return false;
        }
        Direction direction = PrunerSupport.direction(study, "the patient pruner");
        List<Double> values = new ArrayList<>(trial.intermediateValues().values());
        double before = PrunerSupport.bestOf(values.subList(0, n - patience - 1), direction);
        double after = PrunerSupport.bestOf(values.subList(n - patience - 1, n), direction);
        boolean stagnant = direction == Direction.MINIMIZE ? before + minDelta < after : before - minDelta > after;
        if (!stagnant) {
            return false;
        }
        return wrapped == null || wrapped.shouldPrune(study, trial);
    }

    /** The wrapped pruner's budget; empty without a wrapped pruner. */
    @Override
    public Optional<Budget> budget() {
        return wrapped == null ? Optional.empty() : wrapped.budget();
    }

    /** The wrapped pruner's levels (it decides once the trial stagnates); empty without a wrapped pruner. */
    @Override
    public List<Double> budgetLevels(StudyView study, int trialNumber) {
        return wrapped == null ? List.of() : wrapped.budgetLevels(study, trialNumber);
    }

    @Override
    public String toString() {
        return "PatientPruner[wrapped=" + wrapped + ", patience=" + patience + ", minDelta=" + minDelta + "]";
    }
}
