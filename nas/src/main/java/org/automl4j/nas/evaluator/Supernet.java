package org.automl4j.nas.evaluator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.automl4j.nas.strategy.CellEvaluator;

/**
 * A one-shot weight-sharing supernet (ENAS, Pham et al. 2018, with uniform sampling as in the random
 * weight-sharing baseline of Li and Talwalkar 2019): the {@link CellNetworkSpec} skeleton whose every cell
 * edge holds one block per operation of the {@link CellSpace}, shared by all sub-networks. {@link #train}
 * samples a cell per batch (each edge an operation drawn uniformly) and updates only the weights that
 * sub-network uses; {@link #score} is the validation accuracy of a cell's sub-network with the inherited
 * weights, no retraining, batch norm on the validation batch's own statistics (as weight-sharing runs on
 * NAS-Bench-201 do, since running statistics mix every sub-network). {@link #evaluator} lets any
 * {@code CellStrategy} search with it. Deterministic for the seeds on the CPU. Holds native memory: close it.
 */
public final class Supernet implements AutoCloseable {
    private final DeepEngine engine;
    private final CellSpace space;
    private final NDManager manager;
    private final Block block;
    private final Cell[] active = new Cell[1];
    private final int[] sampleShape;

    /**
     * A supernet for samples of shape {@code sampleShape} with {@code classes} classes, weights initialised
     * with {@code seed}.
     */
    public Supernet(DeepEngine engine, CellSpace space, CellNetworkSpec spec, int[] sampleShape, int classes, long seed) {
        this.engine = engine;
        this.space = space;
        this.sampleShape = sampleShape.clone();
        this.active[0] = Cell.decode(firstCell(space));
        this.block = spec.build(c -> new ChoiceCell(space.ops(), c, ChoiceCell.Mode.SAMPLED, () -> active[0], null),
                classes);
        this.manager = engine.newManager();
        engine.seed(seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(GradientSteps.dims(1, sampleShape)));
    }

    private static String firstCell(CellSpace space) {
        Op op = space.ops().stream().filter(o -> o != Op.NONE).findFirst().orElse(Op.NONE);
        String o = op.id();
        return "|" + o + "~0|+|" + o + "~0|" + o + "~1|+|" + o + "~0|" + o + "~1|" + o + "~2|";
    }

    /** The space the supernet covers. */
    public CellSpace space() {
        return space;
    }

    /**
     * Trains the shared weights for {@code config.epochs()} epochs over {@code train} (its data fraction
     * used), a uniformly sampled cell per batch, with the config's optimiser and learning-rate schedule.
     *
     * @return the mean training loss of each epoch
     */
    public List<Double> train(Samples train, TrainingConfig config, long seed) {
        checkShape(train);
        Samples data = train.fraction(config.dataFraction(), seed);
        int n = data.size();
        int batch = Math.min(config.batchSize(), n);
        int steps = Math.max(1, (n / batch) * config.epochs());
        Optimizer opt = optimizer(config, steps);
        GradientSteps gs = new GradientSteps(engine, block, manager);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = identity(n);
        float[] x = new float[batch * data.valuesPerSample()];
        float[] y = new float[batch];
        List<Double> losses = new ArrayList<>();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            shuffle(order, rng);
            double sum = 0;
            int count = 0;
            for (int from = 0; from + batch <= n; from += batch) {
                data.gather(order, from, batch, x, y);
                active[0] = sample(space, rng);
                sum += gs.step(x, y, GradientSteps.dims(batch, sampleShape), gs.weights(), List.of(), opt);
                count++;
            }
            losses.add(sum / Math.max(1, count));
        }
        return losses;
    }

    /** A cell with each edge an operation of {@code space} drawn uniformly. */
    static Cell sample(CellSpace space, SplittableRandom rng) {
        List<Op> edges = new ArrayList<>(6);
        for (int e = 0; e < 6; e++) {
            edges.add(space.ops().get(rng.nextInt(space.ops().size())));
        }
        return new Cell(edges);
    }

    /**
     * The validation accuracy of {@code cell}'s sub-network with the shared weights.
     *
     * @throws IllegalArgumentException if the cell uses an operation outside the supernet's space
     */
    public double score(Cell cell, Samples validation) {
        if (!space.contains(cell)) {
            throw new IllegalArgumentException("cell " + cell.encode() + " uses operations outside the supernet's space "
                    + space.encode());
        }
        checkShape(validation);
        active[0] = cell;
        return GradientSteps.accuracy(block, manager, validation);
    }

    /** Scores cells by {@link #score} on {@code validation}; the seed is ignored (the weights are already trained). */
    public CellEvaluator evaluator(Samples validation) {
        return (cell, seed) -> score(cell, validation);
    }

    private void checkShape(Samples s) {
        if (!java.util.Arrays.equals(s.sampleShape(), sampleShape)) {
            throw new IllegalArgumentException("the supernet takes samples of shape " + java.util.Arrays.toString(sampleShape)
                    + ", got " + java.util.Arrays.toString(s.sampleShape()));
        }
    }

    static Optimizer optimizer(TrainingConfig config, int steps) {
        Tracker lr = config.cosine()
                ? Tracker.cosine().setBaseValue((float) config.learningRate()).optFinalValue(0f).setMaxUpdates(steps).build()
                : Tracker.fixed((float) config.learningRate());
        return switch (config.optimizer()) {
            case SGD -> Optimizer.sgd().setLearningRateTracker(lr).optMomentum((float) config.momentum())
                    .optWeightDecays((float) config.weightDecay()).build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(lr).optWeightDecays((float) config.weightDecay()).build();
        };
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
