package org.automl4j.metagrad.nn;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a fully connected network: {@code inputs -> hidden[0] -> ... -> outputs}, the activation after
 * every hidden layer and none after the last (outputs are values or logits).
 *
 * @param inputs     input features, at least 1
 * @param hidden     hidden layer widths, each at least 1; empty for a linear model (at most {@link #MAX_PARAMETERS}
 *                   weights and biases in all)
 * @param outputs    outputs (1 for regression, the classes for classification)
 * @param activation hidden-layer activation
 */
public record MlpSpec(int inputs, List<Integer> hidden, int outputs, Activation activation) {

    public MlpSpec {
        Objects.requireNonNull(activation, "activation");
        hidden = List.copyOf(Objects.requireNonNull(hidden, "hidden"));
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("an MLP needs at least one input and one output, but got inputs="
                    + inputs + " and outputs=" + outputs);
        }
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i) < 1) {
                throw new IllegalArgumentException("hidden layer " + i + " has width " + hidden.get(i)
                        + "; widths must be at least 1 (e.g. --hidden 40,40)");
            }
        }
        long n = 0;
        for (int l = 0; l <= hidden.size(); l++) {
            long in = l == 0 ? inputs : hidden.get(l - 1);
            long out = l == hidden.size() ? outputs : hidden.get(l);
            n += in * out + out;
        }
        if (n > MAX_PARAMETERS) {
            throw new IllegalArgumentException("a " + inputs + "-" + hidden + "-" + outputs + " network has " + n
                    + " parameters, more than the " + MAX_PARAMETERS + " one Java array holds; use smaller widths");
        }
    }

    /** The most weights and biases a network may have in all (they are held in Java float arrays). */
    public static final int MAX_PARAMETERS = Integer.MAX_VALUE - 8;

    /** Linear layers (hidden layers + the output layer). */
    public int layers() {
        return hidden.size() + 1;
    }

    /** Inputs of linear layer {@code l} (0-based). */
    public int fanIn(int l) {
        return l == 0 ? inputs : hidden.get(l - 1);
    }

    /** Outputs of linear layer {@code l} (0-based). */
    public int fanOut(int l) {
        return l == hidden.size() ? outputs : hidden.get(l);
    }

    /** Weights and biases in all. */
    public int parameterCount() {
        int n = 0;
        for (int l = 0; l < layers(); l++) {
            n += fanIn(l) * fanOut(l) + fanOut(l);
        }
        return n;
    }

    /** The same network with another output width (a new classification head). */
    public MlpSpec withOutputs(int newOutputs) {
        return new MlpSpec(inputs, hidden, newOutputs, activation);
    }

    /** For example {@code 1-40-40-1 relu}. */
    public String describe() {
        StringBuilder b = new StringBuilder().append(inputs);
        hidden.forEach(h -> b.append('-').append(h));
        return b.append('-').append(outputs).append(' ').append(activation.name().toLowerCase(java.util.Locale.ROOT))
                .toString();
    }
}
