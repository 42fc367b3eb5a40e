package org.automl4j.nas.evaluator;

import ai.djl.nn.Block;
import java.util.SplittableRandom;
import org.automl4j.nas.space.ChainArchitecture;

/**
 * A network held as plain weights that {@link Morphisms} can grow without changing its function:
 * {@link DenseNet} (dense ReLU layers), {@link BatchNormNet} (dense layers with batch norm and ReLU) or
 * {@link ConvChain} (ReLU convolutions and a linear head).
 * {@link MorphismSearch} climbs over either.
 */
public sealed interface MorphableNetwork permits DenseNet, BatchNormNet, ConvChain {

    /** A DJL block of this shape (uninitialised). */
    Block toBlock();

    /** Writes these weights into an initialised block from {@link #toBlock()}. */
    void copyInto(Block block);

    /** The same shape with the weights of an initialised (e.g. trained) block from {@link #toBlock()}. */
    MorphableNetwork readBack(Block block);

    /** A short description of the shape. */
    String describe();

    /** The layers before the output layer, as a chain architecture. */
    ChainArchitecture architecture();

    /**
     * One random function-preserving move: deeper (with probability one half, unless at {@code maxDepth}
     * layers) or wider by a factor of 1.5 to 2 with a random split (capped at {@code maxWidth}).
     */
    MorphableNetwork randomMove(SplittableRandom rng, int maxDepth, int maxWidth);
}
