package org.automl4j.nas.evaluator;

import ai.djl.nn.Block;
import java.util.List;
import java.util.function.Supplier;
import org.automl4j.budget.Budget;
import org.automl4j.budget.DataFraction;
import org.automl4j.budget.WallTime;
import org.automl4j.nas.strategy.TrialCellEvaluator.Outcome;
import org.automl4j.trial.Trial;

/** Training that reports to a trial in the trial's budget and stops when its pruner says so. */
final class BudgetedTraining {

    private BudgetedTraining() {
    }

    /**
     * No budget or {@code Budget.epochs}: one run (of the budget's max epochs), a report per epoch; data
     * fraction: a fresh run per rung of {@link Trial#budgetSchedule()}; wall time: one run reporting the
     * elapsed time after every epoch.
     */
    static Outcome run(NetworkTrainer trainer, Supplier<Block> network, Samples train, Samples validation,
            TrainingConfig config, long seed, Trial trial) {
        Budget budget = trial.budget().orElse(null);
        if (budget instanceof DataFraction) {
            List<Double> levels = trial.budgetSchedule();
            double last = Double.NaN;
            for (double fraction : levels) {
                TrainingResult r = trainer.train(network, train, validation, config.withDataFraction(fraction), seed,
                        EpochCallback.NONE);
                last = r.finalValidationAccuracy();
                trial.reportAt(fraction, last);
                if (trial.shouldPrune()) {
                    return new Outcome(last, fraction < levels.get(levels.size() - 1));
                }
            }
            return new Outcome(last, false);
        }
        TrainingConfig c = budget == null || budget instanceof WallTime ? config
                : config.withEpochs((int) Math.round(budget.maxAmount()));
        boolean[] pruned = {false};
        TrainingResult r = trainer.train(network, train, validation, c, seed, (epoch, acc) -> {
            if (budget == null) {
                trial.report(epoch, acc);
            } else if (budget instanceof WallTime) {
                trial.reportElapsed(acc);
            } else {
                trial.reportAt(epoch, acc);
            }
            pruned[0] = trial.shouldPrune();
            return !pruned[0];
        });
        return new Outcome(r.finalValidationAccuracy(), pruned[0] && r.stoppedEarly());
    }
}
