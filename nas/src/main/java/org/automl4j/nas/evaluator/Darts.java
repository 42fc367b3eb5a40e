package org.automl4j.nas.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.deep.EngineArrays;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;

/**
 * DARTS, first order (Liu et al. 2019): the {@link CellNetworkSpec} skeleton whose every cell edge is the
 * softmax-weighted mix of all operations of the {@link CellSpace}, with architecture parameters alpha
 * ({@code 6 edges x ops}, shared by every cell, initialised to {@code 1e-3} times a seeded normal). Each
 * step updates the weights on a training batch (the config's optimiser and schedule), then alpha on a
 * validation batch (Adam, learning rate {@code alphaLearningRate}, betas 0.5 and 0.999, weight decay
 * 0.001), the first-order approximation (the weights' dependence on alpha is ignored). Discretisation:
 * each edge takes the operation of largest alpha among those other than {@code none} (DARTS' rule, so the
 * cell stays connected); an edge takes {@code none} only when the space has no other operation.
 * Deterministic for a seed on the CPU.
 *
 * @param engine            the engine
 * @param space             the candidate operations
 * @param spec              the network skeleton
 * @param alphaLearningRate Adam's learning rate for alpha, positive
 */
public record Darts(DeepEngine engine, CellSpace space, CellNetworkSpec spec, double alphaLearningRate) {

    public Darts {
        if (!(alphaLearningRate > 0)) {
            throw new IllegalArgumentException("the architecture learning rate must be positive, got " + alphaLearningRate);
        }
    }

    /**
     * What a search found.
     *
     * @param cell               the discretised cell
     * @param weights            softmax(alpha) per edge (rows) and operation of the space (columns) at the end
     * @param initialWeights     the same at the start
     * @param validationAccuracy the mixed network's validation accuracy after each epoch
     * @param millis             wall time of the search
     * @param stoppedEarly       whether a callback (a trial's pruner) stopped the search before its last epoch
     */
    public record Result(Cell cell, double[][] weights, double[][] initialWeights, List<Double> validationAccuracy,
            long millis, boolean stoppedEarly) {

        public Result {
            validationAccuracy = List.copyOf(validationAccuracy);
        }
    }

    /**
     * Searches for {@code config.epochs()} epochs: weights on {@code train}, alpha on {@code validation}.
     *
     * @throws IllegalArgumentException if the samples' shapes or classes differ
     */
    public Result search(Samples train, Samples validation, TrainingConfig config, long seed) {
        return search(train, validation, config, seed, EpochCallback.NONE);
    }

    /**
     * Searches like {@link #search(Samples, Samples, TrainingConfig, long)}, telling {@code callback} the
     * mixed network's validation accuracy after each epoch; the search stops (and discretises the alphas
     * it has) when the callback returns false.
     */
    public Result search(Samples train, Samples validation, TrainingConfig config, long seed, EpochCallback callback) {
        if (!java.util.Arrays.equals(train.sampleShape(), validation.sampleShape()) || train.classes() != validation.classes()
                || validation.size() < 2) {
            throw new IllegalArgumentException("training and validation samples must share shape and classes, and DARTS"
                    + " needs at least 2 validation samples; got " + train + " and " + validation);
        }
        long start = System.nanoTime();
        int k = space.ops().size();
        SplittableRandom rng = new SplittableRandom(seed);
        try (NDManager manager = engine.newManager()) {
            float[] init = new float[6 * k];
            for (int i = 0; i < init.length; i++) {
                init[i] = (float) (1e-3 * DenseNet.gaussian(rng));
            }
            NDArray alpha = EngineArrays.tensor(manager, init, new Shape(6, k));
            alpha.setRequiresGradient(true);
            Block block = spec.build(c -> new ChoiceCell(space.ops(), c, ChoiceCell.Mode.MIXED, null, () -> alpha),
                    train.classes());
            engine.seed(seed);
            int[] shape = train.sampleShape();
            block.initialize(manager, DataType.FLOAT32, new Shape(GradientSteps.dims(1, shape)));
            double[][] initial = weights(alpha, k);
            Samples data = train.fraction(config.dataFraction(), seed);
            int n = data.size();
            int batch = Math.min(config.batchSize(), n);
            int vbatch = Math.min(batch, validation.size());
            int steps = Math.max(1, (n / batch) * config.epochs());
            Optimizer wOpt = Supernet.optimizer(config, steps);
            Optimizer aOpt = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) alphaLearningRate))
                    .optBeta1(0.5f).optBeta2(0.999f).optWeightDecays(1e-3f).build();
            GradientSteps gs = new GradientSteps(engine, block, manager);
            List<Pair<String, NDArray>> alphas = List.of(new Pair<>("alpha", alpha));
            int[] order = Supernet.identity(n);
            int[] vorder = Supernet.identity(validation.size());
            int vfrom = validation.size();
            float[] x = new float[batch * data.valuesPerSample()];
            float[] y = new float[batch];
            float[] vx = new float[vbatch * data.valuesPerSample()];
            float[] vy = new float[vbatch];
            List<Double> accuracies = new ArrayList<>();
            boolean stopped = false;
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                Supernet.shuffle(order, rng);
                double weightLoss = 0;
                for (int from = 0; from + batch <= n; from += batch) {
                    data.gather(order, from, batch, x, y);
                    weightLoss = gs.step(x, y, GradientSteps.dims(batch, shape), gs.weights(), alphas, wOpt);
                    if (vfrom + vbatch > validation.size()) {
                        Supernet.shuffle(vorder, rng);
                        vfrom = 0;
                    }
                    validation.gather(vorder, vfrom, vbatch, vx, vy);
                    vfrom += vbatch;
                    gs.step(vx, vy, GradientSteps.dims(vbatch, shape), alphas, gs.weights(), aOpt);
                }
                if (!Double.isFinite(weightLoss)) { // the epoch's last weight step; diverged weights stay NaN
                    throw new TrainingDivergedException("DARTS training diverged: the loss is " + weightLoss + " in epoch "
                            + epoch + " (learning rate " + config.learningRate() + "); lower the learning rate (--lr)");
                }
                double acc = GradientSteps.accuracy(block, manager, validation);
                accuracies.add(acc);
                if (!callback.afterEpoch(epoch + 1, acc)) {
                    stopped = epoch + 1 < config.epochs();
                    break;
                }
            }
            double[][] finalWeights = weights(alpha, k);
            return new Result(discretise(space, finalWeights), finalWeights, initial, accuracies,
                    (System.nanoTime() - start) / 1_000_000, stopped);
        }
    }

    /**
     * Searches as a trial of a study, reporting the mixed network's validation accuracy each epoch in the
     * trial's budget, as {@link TrainingCellEvaluator} does: no budget or {@code Budget.epochs}: one search
     * (of the budget's max epochs), a report per epoch, stopped when the trial's pruner says so;
     * {@code Budget.dataFraction}: a fresh search per rung on that fraction of the training data. The
     * result is the last search's, {@link Result#stoppedEarly()} set when the pruner stopped it; the caller
     * tells the study the outcome.
     */
    public Result search(Samples train, Samples validation, TrainingConfig config, long seed,
            org.automl4j.trial.Trial trial) {
        BudgetedTraining.Result<Result> r = BudgetedTraining.run((c, cb) -> search(train, validation, c, seed, cb), config,
                trial);
        Result last = r.last();
        return new Result(last.cell(), last.weights(), last.initialWeights(), last.validationAccuracy(), last.millis(),
                r.pruned());
    }

    private static double[][] weights(NDArray alpha, int k) {
        float[] w;
        try (NDArray s = alpha.softmax(1)) {
            w = s.toFloatArray();
        }
        double[][] out = new double[6][k];
        for (int e = 0; e < 6; e++) {
            for (int j = 0; j < k; j++) {
                out[e][j] = w[e * k + j];
            }
        }
        return out;
    }

    /**
     * The cell taking, on each edge, the operation of largest weight other than {@code none} ({@code none}
     * only if the space has nothing else); ties go to the earlier operation of the space.
     */
    public static Cell discretise(CellSpace space, double[][] weights) {
        List<Op> edges = new ArrayList<>(6);
        for (int e = 0; e < 6; e++) {
            int best = -1;
            for (int j = 0; j < space.ops().size(); j++) {
                if (space.ops().get(j) == Op.NONE) {
                    continue;
                }
                if (best < 0 || weights[e][j] > weights[e][best]) {
                    best = j;
                }
            }
            edges.add(best < 0 ? Op.NONE : space.ops().get(best));
        }
        return new Cell(edges);
    }
}
