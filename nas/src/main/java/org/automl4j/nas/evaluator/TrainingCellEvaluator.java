package org.automl4j.nas.evaluator;

import org.automl4j.nas.space.Cell;
import org.automl4j.nas.strategy.TrialCellEvaluator;
import org.automl4j.trial.Trial;

/**
 * Scores a cell by really training it: the network of {@link CellNetworkSpec} on the training samples
 * with the {@link TrainingConfig}, the score being the validation accuracy after the last epoch. With a
 * trial it reports to the trial's budget and stops when the pruner says so:
 * <ul>
 *   <li>no budget, or {@code Budget.epochs(..)}: one run (of the budget's max epochs when there is one),
 *       reporting every epoch;</li>
 *   <li>{@code Budget.dataFraction(..)}: a fresh run per level of {@link Trial#budgetSchedule()}, each on
 *       that fraction of the training data, reporting at the fraction;</li>
 *   <li>{@code Budget.wallTime(..)}: one run reporting the elapsed time after every epoch.</li>
 * </ul>
 */
public final class TrainingCellEvaluator implements TrialCellEvaluator {
    private final NetworkTrainer trainer;
    private final Samples train;
    private final Samples validation;
    private final CellNetworkSpec spec;
    private final TrainingConfig config;
    private final java.util.function.BooleanSupplier stop;

    /** Trains on {@code train}, scores on {@code validation}. */
    public TrainingCellEvaluator(NetworkTrainer trainer, Samples train, Samples validation, CellNetworkSpec spec,
            TrainingConfig config) {
        this.trainer = trainer;
        this.train = train;
        this.validation = validation;
        this.spec = spec;
        this.config = config;
        this.stop = () -> false;
    }

    private TrainingCellEvaluator(TrainingCellEvaluator base, java.util.function.BooleanSupplier stop) {
        this.trainer = base.trainer;
        this.train = base.train;
        this.validation = base.validation;
        this.spec = base.spec;
        this.config = base.config;
        this.stop = stop;
    }

    /**
     * This evaluator, but a training reporting to a trial also ends after the first epoch at which
     * {@code stop} is true (e.g. a search's time limit has passed): the trial is then pruned (when epochs
     * were left), so a single long training cannot overrun the limit by more than one epoch.
     */
    public TrainingCellEvaluator withStop(java.util.function.BooleanSupplier stop) {
        return new TrainingCellEvaluator(this, java.util.Objects.requireNonNull(stop, "stop"));
    }

    /** The training settings. */
    public TrainingConfig config() {
        return config;
    }

    /** The network skeleton. */
    public CellNetworkSpec spec() {
        return spec;
    }

    /** Trains {@code cell} once with the full config and returns what was measured. */
    public TrainingResult train(Cell cell, long seed) {
        return trainer.train(() -> spec.build(cell, train.classes()), train, validation, config, seed, EpochCallback.NONE);
    }

    @Override
    public double evaluate(Cell cell, long seed) {
        return train(cell, seed).finalValidationAccuracy();
    }

    @Override
    public Outcome evaluate(Cell cell, long seed, Trial trial) {
        return BudgetedTraining.run(trainer, () -> spec.build(cell, train.classes()), train, validation, config, seed,
                trial, stop);
    }
}
