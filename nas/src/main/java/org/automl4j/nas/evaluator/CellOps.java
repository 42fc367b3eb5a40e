package org.automl4j.nas.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import org.automl4j.nas.space.Op;

/**
 * The candidate operations of a cell edge as DJL blocks, NAS-Bench-201's definitions: every operation
 * maps {@code (N, C, H, W)} to the same shape. {@code none} is a block of zeros, {@code skip_connect} the
 * identity, {@code nor_conv_1x1} and {@code nor_conv_3x3} are ReLU, convolution (no bias, "same" padding)
 * and batch normalisation, and {@code avg_pool_3x3} is 3x3 average pooling with stride 1 and padding 1
 * that does not count the padding. Each call builds a fresh block with its own weights, so a mixed
 * operation (DARTS) or a weight-sharing supernet can hold one block per candidate.
 */
public final class CellOps {

    private CellOps() {
    }

    /** A new block computing {@code op} on {@code channels} channels. */
    public static Block of(Op op, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("an operation needs at least 1 channel, got " + channels);
        }
        return switch (op) {
            case NONE -> zero();
            case SKIP -> identity();
            case CONV_1X1 -> reluConvBn(channels, 1, 1);
            case CONV_3X3 -> reluConvBn(channels, 3, 1);
            case AVG_POOL_3X3 -> avgPool3x3();
        };
    }

    /** Zeros of the input's shape (no parameters). */
    public static Block zero() {
        return LambdaBlock.singleton(NDArray::zerosLike, "none");
    }

    /** The identity (no parameters). */
    public static Block identity() {
        return new LambdaBlock(list -> list, "skip_connect");
    }

    /**
     * ReLU, a {@code kernel x kernel} convolution to {@code channels} filters with stride {@code stride}
     * and padding {@code kernel / 2}, no bias, then batch normalisation.
     */
    public static Block reluConvBn(int channels, int kernel, int stride) {
        return new SequentialBlock()
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setFilters(channels).setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride)).optPadding(new Shape(kernel / 2, kernel / 2))
                        .optBias(false).build())
                .add(BatchNorm.builder().build());
    }

    /** 3x3 average pooling, stride 1, padding 1, padding not counted (no parameters). */
    public static Block avgPool3x3() {
        return Pool.avgPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false, false);
    }

    /** Sums a list of equally shaped arrays (a node of a cell adds its incoming edges). */
    static NDArray sum(NDList parts) {
        NDArray s = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            s = s.add(parts.get(i));
        }
        return s;
    }
}
