package org.automl4j.nas.evaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hill climbing over network morphisms (NASH, Elsken et al. 2017): start from a small trained
 * {@link DenseNet} (or any {@link MorphableNetwork}); at every step make a few children of the current network by one to {@code maxMoves}
 * random function-preserving {@link Morphisms}, train each briefly from its inherited weights, and go on
 * from the child with the best validation accuracy. Deterministic for a seed on the CPU.
 *
 * @param trainer     trains the networks
 * @param initial     hidden widths of the starting network
 * @param children    children per step, at least 1
 * @param maxMoves    morphisms per child, at least 1 (each child draws 1 to maxMoves)
 * @param training    the schedule of the starting network and of each child
 * @param maxDepth    hidden layers at most
 * @param maxWidth    units per hidden layer at most
 */
public record MorphismSearch(NetworkTrainer trainer, int[] initial, int children, int maxMoves, TrainingConfig training,
        int maxDepth, int maxWidth) {

    public MorphismSearch {
        if (initial.length < 1 || children < 1 || maxMoves < 1 || maxDepth < initial.length || maxWidth < 1) {
            throw new IllegalArgumentException("need at least one initial hidden layer, 1 child, 1 move per child and"
                    + " maxDepth >= the initial depth; got " + initial.length + " layers, " + children + " children, "
                    + maxMoves + " moves, maxDepth " + maxDepth);
        }
        initial = initial.clone();
    }

    /**
     * One step of the climb: the network kept ({@link DenseNet#describe()} and its hidden layers as a chain
     * encoding), its validation accuracy and every child's.
     */
    public record Step(int step, String network, String architecture, double accuracy, List<Double> childAccuracies) {
    }

    /** The climb: the final network, its validation accuracy, and each step (step 0 is the starting network). */
    public record Result(MorphableNetwork best, double accuracy, List<Step> steps) {
    }

    /**
     * Climbs for {@code steps} steps on {@code train}, scoring on {@code validation}.
     *
     * @throws IllegalArgumentException if {@code steps < 0}
     */
    public Result search(Samples train, Samples validation, int steps, long seed) {
        return search(train, validation, steps, seed, () -> false);
    }

    /**
     * Climbs from a dense network as {@link #search(Samples, Samples, int, long)} does, ending early between
     * two steps once {@code stop} says so.
     *
     * @throws IllegalArgumentException if {@code steps < 0}
     */
    public Result search(Samples train, Samples validation, int steps, long seed, java.util.function.BooleanSupplier stop) {
        int inputs = 1;
        for (int d : train.sampleShape()) {
            inputs *= d;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        return search(DenseNet.initial(inputs, initial, train.classes(), rng.nextLong()), train, validation, steps,
                rng.nextLong(), stop);
    }

    /**
     * Climbs from {@code start} (for example a {@link ConvChain} for images; {@link #initial()} is then unused).
     *
     * @throws IllegalArgumentException if {@code steps < 0}
     */
    public Result search(MorphableNetwork start, Samples train, Samples validation, int steps, long seed) {
        return search(start, train, validation, steps, seed, () -> false);
    }

    /**
     * Climbs from {@code start} as {@link #search(MorphableNetwork, Samples, Samples, int, long)} does, but ends
     * early, between two steps, once {@code stop} says so (for example at a time limit); the starting network is
     * always trained, and a step once begun is finished, so every step in the result is complete.
     *
     * @throws IllegalArgumentException if {@code steps < 0}
     */
    public Result search(MorphableNetwork start, Samples train, Samples validation, int steps, long seed,
            java.util.function.BooleanSupplier stop) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be non-negative, got " + steps);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Scored current = train(start, train, validation, rng.nextLong());
        List<Step> history = new ArrayList<>();
        history.add(new Step(0, current.net.describe(), current.net.architecture().encode(), current.accuracy, List.of()));
        for (int s = 1; s <= steps && !stop.getAsBoolean(); s++) {
            Scored best = null;
            List<Double> accs = new ArrayList<>();
            for (int c = 0; c < children; c++) {
                MorphableNetwork child = current.net;
                int moves = 1 + rng.nextInt(maxMoves);
                for (int m = 0; m < moves; m++) {
                    child = child.randomMove(rng, maxDepth, maxWidth);
                }
                Scored scored = train(child, train, validation, rng.nextLong());
                accs.add(scored.accuracy);
                if (best == null || scored.accuracy > best.accuracy) {
                    best = scored;
                }
            }
            current = best;
            history.add(new Step(s, current.net.describe(), current.net.architecture().encode(), current.accuracy, accs));
        }
        return new Result(current.net, current.accuracy, history);
    }

    private record Scored(MorphableNetwork net, double accuracy) {
    }

    private Scored train(MorphableNetwork net, Samples train, Samples validation, long seed) {
        try (TrainedNetwork t = trainer.fit(net::toBlock, net::copyInto, train, validation, training, seed,
                EpochCallback.NONE)) {
            return new Scored(net.readBack(t.model().getBlock()), t.result().finalValidationAccuracy());
        }
    }
}
