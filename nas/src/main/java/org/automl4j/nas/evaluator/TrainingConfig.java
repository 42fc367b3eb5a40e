package org.automl4j.nas.evaluator;

import java.util.Locale;

/**
 * How {@link NetworkTrainer} trains a network: the optimiser, its learning rate (annealed to zero by a
 * cosine schedule over the run when {@code cosine}), momentum (SGD only), weight decay, batch size,
 * epochs, and the fraction of the training data used (a stratified, seeded subset). The two budgets of
 * multi-fidelity search are {@code epochs} and {@code dataFraction}.
 *
 * @param optimizer    SGD (with momentum) or Adam
 * @param learningRate initial learning rate, positive
 * @param momentum     SGD momentum in [0, 1)
 * @param weightDecay  L2 weight decay, non-negative
 * @param batchSize    examples per step, at least 1
 * @param epochs       passes over the (sub-sampled) training data, at least 1
 * @param dataFraction share of the training data in (0, 1]
 * @param cosine       cosine-anneal the learning rate to 0 over the run
 */
public record TrainingConfig(Optimizer optimizer, double learningRate, double momentum, double weightDecay,
        int batchSize, int epochs, double dataFraction, boolean cosine) {

    /** The optimiser. */
    public enum Optimizer { SGD, ADAM;

        /** Parses {@code sgd} or {@code adam} (any case). */
        public static Optimizer parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown optimizer '" + s + "'; use sgd or adam", e);
            }
        }
    }

    public TrainingConfig {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer is required (SGD or ADAM)");
        }
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need learningRate > 0, momentum in [0, 1) and weightDecay >= 0, got "
                    + learningRate + ", " + momentum + ", " + weightDecay);
        }
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("batch size and epochs must be at least 1, got " + batchSize + " and " + epochs);
        }
        if (!(dataFraction > 0 && dataFraction <= 1)) {
            throw new IllegalArgumentException("dataFraction must be in (0, 1], got " + dataFraction);
        }
    }

    /** Adam, learning rate 0.003 annealed by a cosine, no weight decay, batch 64, 10 epochs, all the data. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(Optimizer.ADAM, 3e-3, 0.9, 0, 64, 10, 1.0, true);
    }

    /** This config with {@code epochs} epochs. */
    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(optimizer, learningRate, momentum, weightDecay, batchSize, e, dataFraction, cosine);
    }

    /** This config with a data fraction. */
    public TrainingConfig withDataFraction(double f) {
        return new TrainingConfig(optimizer, learningRate, momentum, weightDecay, batchSize, epochs, f, cosine);
    }

    /** This config with a batch size. */
    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(optimizer, learningRate, momentum, weightDecay, b, epochs, dataFraction, cosine);
    }

    /** This config with an optimiser and learning rate. */
    public TrainingConfig withOptimizer(Optimizer o, double lr) {
        return new TrainingConfig(o, lr, momentum, weightDecay, batchSize, epochs, dataFraction, cosine);
    }
}
