package org.automl4j.nas.space;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain-structured network: layers applied in order (convolutions first, then dense layers), then the
 * task's output layer. A value: equal layers, equal architecture; encodes to a one-line string.
 *
 * @param layers the hidden layers, at least one
 */
public record ChainArchitecture(List<Layer> layers) {

    public ChainArchitecture {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one layer");
        }
        boolean dense = false;
        for (Layer l : layers) {
            if (l.kind() == Layer.Kind.DENSE) {
                dense = true;
            } else if (dense) {
                throw new IllegalArgumentException("a convolution cannot follow a dense layer: " + layers);
            }
        }
    }

    /** The layers' forms joined by {@code " > "}. */
    public String encode() {
        return String.join(" > ", layers.stream().map(Layer::encode).toList());
    }

    /** Parses {@link #encode()}'s form. */
    public static ChainArchitecture decode(String s) {
        List<Layer> out = new ArrayList<>();
        for (String part : s.split(">")) {
            out.add(Layer.decode(part));
        }
        return new ChainArchitecture(out);
    }

    /** One line per layer. */
    public String toText() {
        StringBuilder sb = new StringBuilder("input\n");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(String.format("%2d  %s%n", i + 1, layers.get(i).encode()));
        }
        return sb.append("output\n").toString();
    }

    /** A Graphviz DOT digraph; skip connections are dashed edges around their layer. */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph chain {\n  rankdir=TB;\n  in [label=\"input\"];\n");
        for (int i = 0; i < layers.size(); i++) {
            sb.append("  l").append(i).append(" [shape=box,label=\"").append(layers.get(i).encode()).append("\"];\n");
        }
        sb.append("  out [label=\"output\"];\n");
        String prev = "in";
        for (int i = 0; i < layers.size(); i++) {
            sb.append("  ").append(prev).append(" -> l").append(i).append(";\n");
            if (layers.get(i).skip()) {
                sb.append("  ").append(prev).append(" -> ").append(i + 1 < layers.size() ? "l" + (i + 1) : "out")
                        .append(" [style=dashed];\n");
            }
            prev = "l" + i;
        }
        return sb.append("  ").append(prev).append(" -> out;\n}\n").toString();
    }
}
