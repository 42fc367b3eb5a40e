package org.automl4j.nas.evaluator;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import java.util.Arrays;
import java.util.List;
import org.automl4j.nas.space.ChainArchitecture;
import org.automl4j.nas.space.Layer;

/**
 * Builds a {@link ChainArchitecture} as a DJL block. Each layer is its transform (a convolution with
 * "same" padding and stride 1, or a dense layer), then batch norm if asked, the activation, and dropout
 * if asked; a skip connection adds the layer's input to that result, through a 1x1 convolution (or a
 * linear map) when the widths differ. Convolutions need image input {@code (N, C, H, W)}; the feature
 * map is flattened before the first dense layer; a linear output layer gives the logits.
 */
public final class ChainNetworks {

    private ChainNetworks() {
    }

    /**
     * The network for {@code arch} on inputs of shape {@code inputShape} (without the batch axis:
     * {@code {C, H, W}} for images, {@code {F}} for feature vectors) with {@code outputs} logits.
     *
     * @throws IllegalArgumentException if the chain has convolutions but the input is a vector
     */
    public static Block build(ChainArchitecture arch, int[] inputShape, int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("the output layer needs at least 1 unit, got " + outputs);
        }
        boolean image = inputShape.length == 3;
        if (!image && inputShape.length != 1) {
            throw new IllegalArgumentException("input shape must be {C, H, W} or {features}, got "
                    + Arrays.toString(inputShape));
        }
        SequentialBlock net = new SequentialBlock();
        int width = inputShape[0];
        boolean flat = !image;
        for (Layer l : arch.layers()) {
            if (l.kind() == Layer.Kind.CONV && flat) {
                throw new IllegalArgumentException("layer " + l.encode() + " is a convolution but the input is a"
                        + " feature vector; use dense layers for tabular data");
            }
            if (l.kind() == Layer.Kind.DENSE && !flat) {
                net.add(Blocks.batchFlattenBlock());
                flat = true;
                width = width * inputShape[1] * inputShape[2];
            }
            net.add(layer(l, width));
            width = l.width();
        }
        if (!flat) {
            net.add(Blocks.batchFlattenBlock());
        }
        return net.add(Linear.builder().setUnits(outputs).build());
    }

    /** One layer (with its skip connection) whose input has {@code inWidth} channels or units. */
    static Block layer(Layer l, int inWidth) {
        SequentialBlock main = new SequentialBlock();
        if (l.kind() == Layer.Kind.CONV) {
            main.add(Conv2d.builder().setFilters(l.width()).setKernelShape(new Shape(l.kernel(), l.kernel()))
                    .optPadding(new Shape(l.kernel() / 2, l.kernel() / 2)).optBias(!l.batchNorm()).build());
        } else {
            main.add(Linear.builder().setUnits(l.width()).optBias(!l.batchNorm()).build());
        }
        if (l.batchNorm()) {
            main.add(BatchNorm.builder().build());
        }
        switch (l.activation()) {
            case RELU -> main.add(Activation.reluBlock());
            case TANH -> main.add(Activation.tanhBlock());
            case SIGMOID -> main.add(Activation.sigmoidBlock());
            case NONE -> { }
        }
        if (l.dropout() > 0) {
            main.add(Dropout.builder().optRate((float) l.dropout()).build());
        }
        if (!l.skip()) {
            return main;
        }
        Block shortcut;
        if (inWidth == l.width()) {
            shortcut = new LambdaBlock(list -> list, "identity");
        } else if (l.kind() == Layer.Kind.CONV) {
            shortcut = Conv2d.builder().setFilters(l.width()).setKernelShape(new Shape(1, 1)).optBias(false).build();
        } else {
            shortcut = Linear.builder().setUnits(l.width()).optBias(false).build();
        }
        return new ParallelBlock(parts -> new NDList(parts.get(0).singletonOrThrow().add(parts.get(1).singletonOrThrow())),
                List.of(main, shortcut));
    }
}
