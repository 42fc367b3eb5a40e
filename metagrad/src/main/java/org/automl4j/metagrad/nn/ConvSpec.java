package org.automl4j.metagrad.nn;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a small convolutional classifier for square one-channel images: per block a 3x3 convolution
 * (padding 1), ReLU and 2x2 max pooling (odd sides rounded up), then one linear output layer on the flattened
 * last block (the embedding). With an embedding scale s > 0 the embedding is scaled to length s (a cosine
 * embedding: prototypes then compare directions, as in Chen et al. 2021's Meta-Baseline); with 0 it is the block's
 * ReLU output as it is.
 *
 * @param side           image side in pixels (inputs are {@code side * side} values, row by row)
 * @param channels       output channels of each block, at least one block (at most {@link MlpSpec#MAX_PARAMETERS}
 *                       parameters in all)
 * @param outputs        classes of the output layer
 * @param embeddingScale length every embedding is scaled to, or 0 for the unnormalised embedding
 */
public record ConvSpec(int side, List<Integer> channels, int outputs, double embeddingScale) {

    public ConvSpec {
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        if (side < 2 || channels.isEmpty() || outputs < 1) {
            throw new IllegalArgumentException("a convolutional network needs side >= 2, at least one block and one"
                    + " output, but got side=" + side + ", channels=" + channels + ", outputs=" + outputs);
        }
        if (!(embeddingScale >= 0) || Double.isInfinite(embeddingScale)) {
            throw new IllegalArgumentException("the embedding scale must be a finite number >= 0 (0: unnormalised),"
                    + " got " + embeddingScale);
        }
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i) < 1) {
                throw new IllegalArgumentException("block " + i + " has " + channels.get(i)
                        + " channels; each block needs at least 1 (e.g. --conv-channels 32,32,32)");
            }
        }
        long n = 0;
        int s = side;
        for (int b = 0; b < channels.size(); b++) {
            long in = b == 0 ? 1 : channels.get(b - 1);
            n += in * 9 * channels.get(b) + channels.get(b);
            s = (s + 1) / 2;
        }
        n += ((long) channels.get(channels.size() - 1) * s * s + 1) * outputs;
        if (n > MlpSpec.MAX_PARAMETERS) {
            throw new IllegalArgumentException("a convolutional network with channels " + channels + " on " + side + "x"
                    + side + " images has " + n + " parameters, more than the " + MlpSpec.MAX_PARAMETERS + " one Java"
                    + " array holds; use fewer channels");
        }
    }

    /** A body with the unnormalised embedding. */
    public ConvSpec(int side, List<Integer> channels, int outputs) {
        this(side, channels, outputs, 0);
    }

    /** Convolution blocks. */
    public int blocks() {
        return channels.size();
    }

    /** Input channels of block {@code b}. */
    public int channelsIn(int b) {
        return b == 0 ? 1 : channels.get(b - 1);
    }

    /** Side of the feature maps after the last block's pooling. */
    public int finalSide() {
        int s = side;
        for (int b = 0; b < blocks(); b++) {
            s = (s + 1) / 2;
        }
        return s;
    }

    /** Width of the embedding (the flattened last block), the output layer's input. */
    public int embeddingSize() {
        return channels.get(blocks() - 1) * finalSide() * finalSide();
    }

    /** Number of parameter arrays: weight and bias per block and for the output layer. */
    public int arrays() {
        return 2 * blocks() + 2;
    }

    /** The same body with another output width (a new classification head). */
    public ConvSpec withOutputs(int newOutputs) {
        return new ConvSpec(side, channels, newOutputs, embeddingScale);
    }

    /** The same network with its embedding scaled to length {@code scale} (0: unnormalised). */
    public ConvSpec withEmbeddingScale(double scale) {
        return new ConvSpec(side, channels, outputs, scale);
    }

    /** For example {@code conv 14x14 32-32-32 -> 5}, or {@code conv 8x8 32-32 cosine*3 -> 5} with a scale. */
    public String describe() {
        StringBuilder b = new StringBuilder("conv ").append(side).append('x').append(side).append(' ');
        for (int i = 0; i < channels.size(); i++) {
            b.append(i == 0 ? "" : "-").append(channels.get(i));
        }
        if (embeddingScale > 0) {
            b.append(" cosine*").append(embeddingScale % 1 == 0 ? Long.toString((long) embeddingScale)
                    : Double.toString(embeddingScale));
        }
        return b.append(" -> ").append(outputs).toString();
    }
}
