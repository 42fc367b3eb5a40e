package org.automl4j.nas.evaluator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.automl4j.nas.strategy.CellEvaluator;
import org.automl4j.nas.strategy.ReinforcePolicy;

/**
 * A one-shot weight-sharing supernet (ENAS, Pham et al. 2018): the {@link CellNetworkSpec} skeleton whose
 * every cell edge holds one block per operation of the {@link CellSpace}, shared by all sub-networks.
 * {@link #train} samples a cell per batch, uniformly (the random weight-sharing baseline of Li and
 * Talwalkar 2019) or from a REINFORCE controller that learns from children scored with the shared weights
 * ({@link Sampling}), and updates only the weights that sub-network uses; training reports a validation
 * score per epoch to an {@link EpochCallback} or a trial's pruner and takes epoch and data-fraction
 * budgets. {@link #score} is the validation accuracy of a cell's sub-network with the inherited weights,
 * no retraining, batch norm on the validation batch's own statistics (as weight-sharing runs on
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
    private final List<float[]> initial;

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
        List<float[]> init = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            init.add(p.getValue().getArray().toFloatArray());
        }
        this.initial = List.copyOf(init);
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
     * How {@link #train(Samples, Samples, TrainingConfig, long, Sampling, EpochCallback)} picks the
     * sub-network of each training batch, and how many children it scores after each epoch (each on a
     * validation batch of the config's batch size, with the shared weights).
     */
    public sealed interface Sampling permits Sampling.Uniform, Sampling.Reinforce {

        /** Children scored after each epoch; their mean accuracy is the epoch's validation score. */
        int childrenPerEpoch();

        /** Each batch's cell drawn uniformly (random weight sharing, Li and Talwalkar 2019). */
        record Uniform(int childrenPerEpoch) implements Sampling {
            public Uniform {
                if (childrenPerEpoch < 1) {
                    throw new IllegalArgumentException("children per epoch must be at least 1, got " + childrenPerEpoch);
                }
            }
        }

        /**
         * ENAS (Pham et al. 2018): each batch's cell drawn from a REINFORCE controller ({@link ReinforcePolicy});
         * after each epoch the controller samples {@code childrenPerEpoch} children, each scored on a
         * validation batch with the shared weights, and takes one policy step per child with that accuracy
         * as the reward.
         *
         * @param learningRate  the controller's step size, positive
         * @param baselineDecay the reward baseline's decay, in [0, 1)
         */
        record Reinforce(int childrenPerEpoch, double learningRate, double baselineDecay) implements Sampling {
            public Reinforce {
                if (childrenPerEpoch < 1) {
                    throw new IllegalArgumentException("children per epoch must be at least 1, got " + childrenPerEpoch);
                }
                if (!(learningRate > 0) || !(baselineDecay >= 0 && baselineDecay < 1)) {
                    throw new IllegalArgumentException("the controller needs learningRate > 0 and 0 <= baselineDecay < 1,"
                            + " got " + learningRate + " and " + baselineDecay);
                }
            }
        }

        /** Uniform sampling, 20 children scored per epoch. */
        static Sampling uniform() {
            return new Uniform(20);
        }

        /** The ENAS controller: 20 children per epoch, learning rate 0.5, baseline decay 0.9. */
        static Sampling reinforce() {
            return new Reinforce(20, 0.5, 0.9);
        }
    }

    /**
     * What a training run measured.
     *
     * @param losses           the mean training loss of each epoch
     * @param validationScores after each epoch, the mean validation-batch accuracy of the children scored then
     * @param stoppedEarly     whether the callback stopped the run before its last epoch
     * @param policy           the controller's probabilities (edges x operations) at the end; null with uniform sampling
     * @param policyCell       the controller's most likely cell at the end; null with uniform sampling
     */
    public record Run(List<Double> losses, List<Double> validationScores, boolean stoppedEarly, double[][] policy,
            Cell policyCell) {

        public Run {
            losses = List.copyOf(losses);
            validationScores = List.copyOf(validationScores);
        }

        /** The last epoch's validation score (NaN if none). */
        public double finalValidationScore() {
            return validationScores.isEmpty() ? Double.NaN : validationScores.get(validationScores.size() - 1);
        }
    }

    /**
     * Trains the shared weights for {@code config.epochs()} epochs over {@code train} (its data fraction
     * used), a uniformly sampled cell per batch, with the config's optimiser and learning-rate schedule,
     * continuing from the current weights.
     *
     * @return the mean training loss of each epoch
     */
    public List<Double> train(Samples train, TrainingConfig config, long seed) {
        return loop(train, null, config, seed, null, EpochCallback.NONE).losses();
    }

    /**
     * Trains the shared weights from the current weights for {@code config.epochs()} epochs over
     * {@code train} (its data fraction used), each batch on a sub-network picked by {@code sampling}; after
     * each epoch scores children on {@code validation} batches (updating the controller with
     * {@link Sampling.Reinforce}) and tells {@code callback} their mean accuracy, which may stop the run.
     * Deterministic for the seeds on the CPU; with the same seed, the weight steps of {@link Sampling.Uniform}
     * are those of {@link #train(Samples, TrainingConfig, long)}.
     */
    public Run train(Samples train, Samples validation, TrainingConfig config, long seed, Sampling sampling,
            EpochCallback callback) {
        checkShape(validation);
        if (validation.size() < 1) {
            throw new IllegalArgumentException("the supernet needs validation samples to score children, got none");
        }
        return loop(train, validation, config, seed, sampling, callback);
    }

    /**
     * Trains like {@link #train(Samples, Samples, TrainingConfig, long, Sampling, EpochCallback)}, reporting
     * each epoch's validation score to {@code trial} in its budget, as {@link TrainingCellEvaluator} does:
     * no budget or {@code Budget.epochs}: one run (of the budget's max epochs), a report per epoch, stopped
     * when the trial's pruner says so; {@code Budget.dataFraction}: a run per rung on that fraction of the
     * training data. Every run starts from the supernet's initial weights (and a fresh controller), so a
     * trial's result does not depend on earlier training. {@link Run#stoppedEarly()} says whether the pruner stopped it.
     */
    public Run train(Samples train, Samples validation, TrainingConfig config, long seed, Sampling sampling,
            org.automl4j.trial.Trial trial) {
        BudgetedTraining.Result<Run> r = BudgetedTraining.run((c, cb) -> {
            reset();
            return train(train, validation, c, seed, sampling, cb);
        }, config, trial);
        Run last = r.last();
        return new Run(last.losses(), last.validationScores(), r.pruned(), last.policy(), last.policyCell());
    }

    private Run loop(Samples train, Samples validation, TrainingConfig config, long seed, Sampling sampling,
            EpochCallback callback) {
        checkShape(train);
        Samples data = train.fraction(config.dataFraction(), seed);
        int n = data.size();
        int batch = Math.min(config.batchSize(), n);
        int steps = Math.max(1, (n / batch) * config.epochs());
        Optimizer opt = optimizer(config, steps);
        GradientSteps gs = new GradientSteps(engine, block, manager);
        SplittableRandom rng = new SplittableRandom(seed);
        SplittableRandom childRng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        ReinforcePolicy policy = sampling instanceof Sampling.Reinforce r
                ? new ReinforcePolicy(space, r.learningRate(), r.baselineDecay()) : null;
        int[] order = identity(n);
        float[] x = new float[batch * data.valuesPerSample()];
        float[] y = new float[batch];
        List<Double> losses = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        boolean stopped = false;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            shuffle(order, rng);
            double sum = 0;
            int count = 0;
            for (int from = 0; from + batch <= n; from += batch) {
                data.gather(order, from, batch, x, y);
                active[0] = policy != null ? policy.sample(rng) : sample(space, rng);
                sum += gs.step(x, y, GradientSteps.dims(batch, sampleShape), gs.weights(), List.of(), opt);
                count++;
            }
            double mean = sum / Math.max(1, count);
            if (!Double.isFinite(mean)) {
                throw new TrainingDivergedException("supernet training diverged: the mean loss is " + mean + " in epoch "
                        + epoch + " (learning rate " + config.learningRate() + "); lower the learning rate (--lr)");
            }
            losses.add(mean);
            if (sampling == null) {
                continue;
            }
            double total = 0;
            for (int c = 0; c < sampling.childrenPerEpoch(); c++) {
                Cell child = policy != null ? policy.sample(childRng) : sample(space, childRng);
                active[0] = child;
                double reward = GradientSteps.accuracy(block, manager,
                        validation.subset(randomRows(validation.size(), config.batchSize(), childRng)));
                if (policy != null) {
                    policy.update(child, reward);
                }
                total += reward;
            }
            double score = total / sampling.childrenPerEpoch();
            scores.add(score);
            if (!callback.afterEpoch(epoch + 1, score)) {
                stopped = epoch + 1 < config.epochs();
                break;
            }
        }
        return new Run(losses, scores, stopped, policy == null ? null : policy.probabilities(),
                policy == null ? null : policy.mostLikely());
    }

    /** {@code m} distinct rows of {@code n} (all of them if {@code m >= n}), drawn with {@code rng}. */
    private static int[] randomRows(int n, int m, SplittableRandom rng) {
        int[] all = identity(n);
        int k = Math.min(n, m);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    /** Puts back the weights (and batch-norm statistics) the supernet was initialised with. */
    private void reset() {
        int i = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            p.getValue().getArray().set(initial.get(i++));
        }
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
