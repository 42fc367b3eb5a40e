package org.automl4j.nas.evaluator;

import ai.djl.nn.Block;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.automl4j.budget.Budget;
import org.automl4j.budget.DataFraction;
import org.automl4j.budget.WallTime;
import org.automl4j.nas.strategy.TrialCellEvaluator.Outcome;
import org.automl4j.trial.Trial;

/**
 * Training that reports to a trial in the trial's budget and stops when its pruner says so, for anything
 * that trains epoch by epoch and tells an {@link EpochCallback} a validation score after each: a network
 * ({@link NetworkTrainer}), a supernet, a DARTS search.
 */
final class BudgetedTraining {

    private BudgetedTraining() {
    }

    /** One training run with the given config, reporting each epoch to the callback. */
    @FunctionalInterface
    interface Run<R> {
        R run(TrainingConfig config, EpochCallback callback);
    }

    /**
     * What a budgeted training ended with.
     *
     * @param last   what the last run returned
     * @param score  the last validation score reported
     * @param pruned whether the pruner stopped it before the end of its budget
     */
    record Result<R>(R last, double score, boolean pruned) {
    }

    /**
     * No budget or {@code Budget.epochs}: one run (of the budget's max epochs), a report per epoch; data
     * fraction: a fresh run per rung of {@link Trial#budgetSchedule()}; wall time: one run reporting the
     * elapsed time after every epoch.
     */
    static Outcome run(NetworkTrainer trainer, Supplier<Block> network, Samples train, Samples validation,
            TrainingConfig config, long seed, Trial trial) {
        return run(trainer, network, train, validation, config, seed, trial, () -> false);
    }

    /**
     * {@link #run(NetworkTrainer, Supplier, Samples, Samples, TrainingConfig, long, Trial)} that also ends
     * after the first epoch at which {@code stop} says so (a search's time limit), as pruned when epochs
     * were left.
     */
    static Outcome run(NetworkTrainer trainer, Supplier<Block> network, Samples train, Samples validation,
            TrainingConfig config, long seed, Trial trial, BooleanSupplier stop) {
        Result<TrainingResult> r = run((c, cb) -> trainer.train(network, train, validation, c, seed, cb), config, trial,
                stop);
        return new Outcome(r.score(), r.pruned());
    }

    /** {@link #run(NetworkTrainer, Supplier, Samples, Samples, TrainingConfig, long, Trial)} for any run. */
    static <R> Result<R> run(Run<R> run, TrainingConfig config, Trial trial) {
        return run(run, config, trial, () -> false);
    }

    private static <R> Result<R> run(Run<R> run, TrainingConfig config, Trial trial, BooleanSupplier stop) {
        Budget budget = trial.budget().orElse(null);
        double[] last = {Double.NaN};
        if (budget instanceof DataFraction) {
            List<Double> levels = trial.budgetSchedule();
            R r = null;
            for (double fraction : levels) {
                boolean[] stopped = {false};
                r = run.run(config.withDataFraction(fraction), (epoch, acc) -> {
                    last[0] = acc;
                    stopped[0] = stop.getAsBoolean();
                    return !stopped[0];
                });
                if (stopped[0]) {
                    trial.reportAt(fraction, last[0]);
                    return new Result<>(r, last[0], true);
                }
                trial.reportAt(fraction, last[0]);
                if (trial.shouldPrune()) {
                    return new Result<>(r, last[0], fraction < levels.get(levels.size() - 1));
                }
            }
            return new Result<>(r, last[0], false);
        }
        TrainingConfig c = budget == null || budget instanceof WallTime ? config
                : config.withEpochs((int) Math.round(budget.maxAmount()));
        boolean[] pruned = {false};
        R r = run.run(c, (epoch, acc) -> {
            last[0] = acc;
            if (budget == null) {
                trial.report(epoch, acc);
            } else if (budget instanceof WallTime) {
                trial.reportElapsed(acc);
            } else {
                trial.reportAt(epoch, acc);
            }
            boolean end = trial.shouldPrune() || stop.getAsBoolean();
            pruned[0] = end && epoch < c.epochs();
            return !end;
        });
        return new Result<>(r, last[0], pruned[0]);
    }
}
