package org.automl4j.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * The state an objective saved at a step (an epoch, a data fraction's step, elapsed milliseconds): opaque
 * bytes the objective serialises itself. Immutable: the bytes are copied in and out.
 *
 * @param step  the pruner step the state was saved at, {@code >= 0}
 * @param state the serialised state
 */
public record Checkpoint(long step, byte[] state) {

    /**
     * Validates and copies the state.
     *
     * @throws IllegalArgumentException if {@code step < 0}
     * @throws NullPointerException if {@code state} is null
     */
    public Checkpoint {
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint step must be >= 0, but got " + step
                    + "; save at the step (epoch, budget step) the state was reached at");
        }
        state = Objects.requireNonNull(state, "state (pass an empty array for no state)").clone();
    }

    /** A copy of the saved bytes. */
    @Override
    public byte[] state() {
        return state.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.step == step && Arrays.equals(c.state, state);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(step) * 31 + Arrays.hashCode(state);
    }

    @Override
    public String toString() {
        return "Checkpoint[step=" + step + ", " + state.length + " bytes]";
    }
}
