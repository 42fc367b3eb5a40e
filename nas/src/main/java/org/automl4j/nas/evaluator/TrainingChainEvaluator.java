package org.automl4j.nas.evaluator;

import org.automl4j.nas.space.ChainArchitecture;
import org.automl4j.nas.strategy.TrialCellEvaluator.Outcome;
import org.automl4j.trial.Trial;

/**
 * Scores a {@link ChainArchitecture} by training it ({@link ChainNetworks}) on the training samples; the
 * score is the validation accuracy after the last epoch. With a trial it reports in the trial's budget
 * (epochs, data fraction or wall time, as {@link TrainingCellEvaluator} does) and stops when pruned.
 */
public final class TrainingChainEvaluator {
    private final NetworkTrainer trainer;
    private final Samples train;
    private final Samples validation;
    private final TrainingConfig config;
    private final java.util.function.BooleanSupplier stop;

    /** Trains on {@code train}, scores on {@code validation}. */
    public TrainingChainEvaluator(NetworkTrainer trainer, Samples train, Samples validation, TrainingConfig config) {
        this.trainer = trainer;
        this.train = train;
        this.validation = validation;
        this.config = config;
        this.stop = () -> false;
    }

    private TrainingChainEvaluator(TrainingChainEvaluator base, java.util.function.BooleanSupplier stop) {
        this.trainer = base.trainer;
        this.train = base.train;
        this.validation = base.validation;
        this.config = base.config;
        this.stop = stop;
    }

    /**
     * This evaluator, but a training reporting to a trial also ends after the first epoch at which
     * {@code stop} is true (e.g. a search's time limit has passed): the trial is then pruned (when epochs
     * were left), so a single long training cannot overrun the limit by more than one epoch.
     */
    public TrainingChainEvaluator withStop(java.util.function.BooleanSupplier stop) {
        return new TrainingChainEvaluator(this, java.util.Objects.requireNonNull(stop, "stop"));
    }

    /** The validation accuracy of {@code arch} trained with {@code seed}. */
    public double evaluate(ChainArchitecture arch, long seed) {
        return trainer.train(() -> ChainNetworks.build(arch, train.sampleShape(), train.classes()), train, validation,
                config, seed, EpochCallback.NONE).finalValidationAccuracy();
    }

    /** Trains {@code arch}, reporting to {@code trial}; see the class comment. */
    public Outcome evaluate(ChainArchitecture arch, long seed, Trial trial) {
        return BudgetedTraining.run(trainer, () -> ChainNetworks.build(arch, train.sampleShape(), train.classes()), train,
                validation, config, seed, trial, stop);
    }
}
