package org.automl4j.metagrad.hypergradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.automl4j.study.Objective;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;

/**
 * Black-box search for the discrete choices, gradients for the continuous one: an automl4j {@link Objective}
 * whose trial suggests the MLP's depth ({@code depth}, 1 to {@code maxDepth}) and width ({@code width}, from
 * {@code widths}) while hypergradient descent adapts the learning rate inside the trial, starting from
 * {@code optimiser.initialLr()}. Returns the validation accuracy after the last epoch (maximise it), reports it
 * after every epoch (so pruners can stop poor trials), and records the final learning rate as the trial's user
 * attribute {@code final_lr}.
 *
 * <pre>{@code
 * Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.tpe(0)).build();
 * study.optimize(new HypergradientObjective(engine, train, val, HypergradientDescent.Options.adam(1e-3, 0.02),
 *         List.of(32, 64, 128), 3, 20, 32, 0), 20);
 * }</pre>
 */
public final class HypergradientObjective implements Objective {
    private final MlpTraining training;
    private final LabeledData train;
    private final LabeledData validation;
    private final HypergradientDescent.Options optimiser;
    private final List<Integer> widths;
    private final int maxDepth;
    private final int epochs;
    private final int batchSize;
    private final long seed;

    /**
     * @param widths   hidden widths to choose from (categorical)
     * @param maxDepth most hidden layers (at least 1)
     * @param epochs   training epochs per trial
     * @param seed     base seed; trial {@code n} trains with {@code seed + n}
     */
    public HypergradientObjective(org.automl4j.deep.DeepEngine engine, LabeledData train, LabeledData validation,
                                  HypergradientDescent.Options optimiser, List<Integer> widths, int maxDepth, int epochs,
                                  int batchSize, long seed) {
        this.training = new MlpTraining(engine);
        this.train = Objects.requireNonNull(train, "train");
        this.validation = Objects.requireNonNull(validation, "validation");
        this.optimiser = Objects.requireNonNull(optimiser, "optimiser");
        this.widths = List.copyOf(widths);
        if (this.widths.isEmpty() || maxDepth < 1) {
            throw new IllegalArgumentException("give at least one width and maxDepth >= 1, got " + widths + " and " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public double evaluate(Trial trial) {
        int depth = trial.suggestInt("depth", 1, maxDepth);
        int width = trial.suggestCategorical("width", widths);
        List<Integer> hidden = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            hidden.add(width);
        }
        MlpTraining.Settings s = new MlpTraining.Settings(hidden, epochs, batchSize, seed + trial.number());
        MlpTraining.Result r = training.train(train, validation, null, s, optimiser, (epoch, accuracy) -> {
            trial.report(epoch, accuracy);
            if (epoch < epochs - 1 && trial.shouldPrune()) {
                throw new TrialPrunedException();
            }
        });
        trial.setUserAttr("final_lr", r.finalLearningRate());
        trial.setUserAttr("diverged", r.diverged());
        return r.finalValidationAccuracy();
    }
}
