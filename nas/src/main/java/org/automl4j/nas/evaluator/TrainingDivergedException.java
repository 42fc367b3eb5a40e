package org.automl4j.nas.evaluator;

/**
 * Thrown by {@link NetworkTrainer} when the training loss stops being a finite number (the weights have
 * diverged, typically from too high a learning rate): the network's scores would be meaningless (a
 * network of NaN weights predicts one class for everything). The message says at which epoch and with
 * which learning rate, and how to fix it. A search treats it as a failed evaluation of one architecture.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** A divergence described by {@code message}. */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
