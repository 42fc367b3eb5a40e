package org.automl4j.nas.space;

import java.util.ArrayList;
import java.util.List;
import org.automl4j.trial.Trial;

/**
 * A chain-structured search space, sampled through an HPO {@link Trial} (so TPE, SMAC or random search
 * drive it, and pruners stop weak networks): a depth from 1 to {@code maxDepth}; for image input the
 * first {@code maxConvLayers} layers may be convolutions (a layer is a convolution only if the previous
 * one was); then per layer its width, kernel size (convolutions), activation, batch norm, dropout rate and
 * skip connection. Parameter names are {@code depth} and {@code layer<i>_<what>}; a layer's parameters
 * exist only when the depth reaches it (a conditional space).
 *
 * @param maxDepth      layers at most, at least 1
 * @param maxConvLayers convolution layers at most (0 for tabular data)
 * @param widths        the widths (units or filters) to choose from
 * @param dropouts      the dropout rates to choose from
 */
public record ChainSpace(int maxDepth, int maxConvLayers, List<Integer> widths, List<Double> dropouts) {

    public ChainSpace {
        widths = List.copyOf(widths);
        dropouts = List.copyOf(dropouts);
        if (maxDepth < 1 || maxConvLayers < 0 || maxConvLayers > maxDepth) {
            throw new IllegalArgumentException("need maxDepth >= 1 and 0 <= maxConvLayers <= maxDepth, got " + maxDepth
                    + " and " + maxConvLayers);
        }
        if (widths.isEmpty() || dropouts.isEmpty()) {
            throw new IllegalArgumentException("give at least one width and one dropout rate");
        }
    }

    /** Multi-layer perceptrons for tabular data: 1-4 dense layers of 16-256 units. */
    public static ChainSpace mlp() {
        return new ChainSpace(4, 0, List.of(16, 32, 64, 128, 256), List.of(0.0, 0.1, 0.25, 0.5));
    }

    /** Small image networks: 1-5 layers, up to 3 of them convolutions (8-64 filters, 1x1 to 5x5). */
    public static ChainSpace convnet() {
        return new ChainSpace(5, 3, List.of(8, 16, 32, 64), List.of(0.0, 0.1, 0.25));
    }

    /** Samples one architecture through {@code trial}'s sampler. */
    public ChainArchitecture suggest(Trial trial) {
        int depth = trial.suggestInt("depth", 1, maxDepth);
        List<Layer> layers = new ArrayList<>();
        boolean conv = maxConvLayers > 0;
        for (int i = 0; i < depth; i++) {
            String p = "layer" + i + "_";
            if (conv && i < maxConvLayers) {
                conv = trial.suggestCategorical(p + "kind", List.of("conv", "dense")).equals("conv");
            } else {
                conv = false;
            }
            int width = trial.suggestCategorical(p + "width", widths);
            int kernel = conv ? trial.suggestCategorical(p + "kernel", List.of(1, 3, 5)) : 0;
            Layer.Activation act = Layer.Activation.valueOf(
                    trial.suggestCategorical(p + "activation", List.of("RELU", "TANH", "SIGMOID")));
            boolean bn = trial.suggestCategorical(p + "batchnorm", List.of(false, true));
            double dropout = trial.suggestCategorical(p + "dropout", dropouts);
            boolean skip = trial.suggestCategorical(p + "skip", List.of(false, true));
            layers.add(new Layer(conv ? Layer.Kind.CONV : Layer.Kind.DENSE, width, kernel, act, bn, dropout, skip));
        }
        return new ChainArchitecture(layers);
    }
}
