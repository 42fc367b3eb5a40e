package org.automl4j.nas.evaluator;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.automl4j.nas.space.Cell;

/**
 * How a cell is stacked into a network, NAS-Bench-201's macro skeleton scaled down: a stem (3x3
 * convolution to {@code channels} filters, batch norm), then {@code stages} stages of {@code cellsPerStage}
 * copies of the cell (each with its own weights), a residual reduction block between stages (halves the
 * resolution, doubles the channels), then batch norm, ReLU, global average pooling and a linear head.
 *
 * @param channels      filters of the first stage, at least 1
 * @param cellsPerStage cells per stage, at least 1
 * @param stages        stages, at least 1
 */
public record CellNetworkSpec(int channels, int cellsPerStage, int stages) {

    public CellNetworkSpec {
        if (channels < 1 || cellsPerStage < 1 || stages < 1) {
            throw new IllegalArgumentException("channels, cells per stage and stages must be at least 1, got "
                    + channels + ", " + cellsPerStage + ", " + stages);
        }
    }

    /** The network for {@code cell} with {@code classes} outputs (logits), on NCHW input. */
    public Block build(Cell cell, int classes) {
        return build(c -> CellBlock.of(cell, c), classes);
    }

    /**
     * The skeleton with the cells made by {@code cellOnChannels} (given the channels of their stage, it returns a
     * shape-preserving block): how a weight-sharing supernet or a DARTS network fills the same skeleton.
     */
    public Block build(java.util.function.IntFunction<Block> cellOnChannels, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setFilters(channels).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .optBias(false).build())
                .add(BatchNorm.builder().build());
        int c = channels;
        for (int s = 0; s < stages; s++) {
            if (s > 0) {
                c *= 2;
                net.add(reduction(c));
            }
            for (int i = 0; i < cellsPerStage; i++) {
                net.add(cellOnChannels.apply(c));
            }
        }
        return net.add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * NAS-Bench-201's residual reduction: ReLU-conv3x3(stride 2)-BN, ReLU-conv3x3-BN, plus a shortcut of
     * 2x2 average pooling and a 1x1 convolution; maps {@code (N, C, H, W)} to {@code (N, outChannels, H/2, W/2)}.
     */
    public static Block reduction(int outChannels) {
        Block main = new SequentialBlock()
                .add(CellOps.reluConvBn(outChannels, 3, 2))
                .add(CellOps.reluConvBn(outChannels, 3, 1));
        Block shortcut = new SequentialBlock()
                .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true, false))
                .add(Conv2d.builder().setFilters(outChannels).setKernelShape(new Shape(1, 1)).optBias(false).build());
        return new ParallelBlock(list -> new ai.djl.ndarray.NDList(list.get(0).singletonOrThrow()
                .add(list.get(1).singletonOrThrow())), List.of(main, shortcut));
    }
}
