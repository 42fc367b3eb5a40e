package org.automl4j.nas.evaluator;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.automl4j.deep.DeepEngine;
import org.automl4j.deep.EngineArrays;

/**
 * Trains a classification network on {@link Samples} with softmax cross-entropy: seeds the engine right
 * before the weights are initialised ({@link DeepEngine#seed}), shuffles the (sub-sampled) training data
 * each epoch with a seeded {@link SplittableRandom}, steps the optimiser of the {@link TrainingConfig}
 * batch by batch (a last batch of a single sample is skipped: batch norm cannot train on one), and
 * measures the validation accuracy after every epoch, which goes to an {@link EpochCallback} that may stop
 * the run (how a trial's pruner stops it). A loss that is no longer finite at the end of an epoch throws
 * {@link TrainingDivergedException}. On the CPU, the same seed gives the same weights and accuracies.
 * One network trains at a time per engine (the engine's random generator is process-wide).
 */
public final class NetworkTrainer {
    /** Samples per forward pass when measuring accuracy. */
    static final int EVAL_BATCH = 1024;

    private final DeepEngine engine;

    /** A trainer on {@code engine}'s device. */
    public NetworkTrainer(DeepEngine engine) {
        this.engine = engine;
    }

    /** The engine networks train on. */
    public DeepEngine engine() {
        return engine;
    }

    /**
     * Trains a fresh network from {@code network} and returns it with what was measured; close the result.
     *
     * @param network    builds the (uninitialised) network: logits for {@code train.classes()} classes
     * @param train      the training samples ({@code config.dataFraction()} of them are used)
     * @param validation the samples scored after each epoch
     * @param seed       seeds weights, dropout, the data fraction and the shuffling
     * @param callback   told each epoch's validation accuracy; returning false stops training
     */
    public TrainedNetwork fit(Supplier<Block> network, Samples train, Samples validation, TrainingConfig config, long seed,
            EpochCallback callback) {
        return fit(network, block -> { }, train, validation, config, seed, callback);
    }

    /**
     * Trains like {@link #fit(Supplier, Samples, Samples, TrainingConfig, long, EpochCallback)}, but hands the
     * freshly initialised block to {@code initialWeights} before the first step, which may overwrite its
     * parameters: how a morphed network starts from the weights it inherits.
     */
    public TrainedNetwork fit(Supplier<Block> network, java.util.function.Consumer<Block> initialWeights, Samples train,
            Samples validation, TrainingConfig config, long seed, EpochCallback callback) {
        checkCompatible(train, validation);
        long start = System.nanoTime();
        Samples data = train.fraction(config.dataFraction(), seed);
        int n = data.size();
        int batch = Math.min(config.batchSize(), n);
        int stepsPerEpoch = n / batch + (n % batch >= 2 ? 1 : 0);
        int totalSteps = Math.max(1, stepsPerEpoch * config.epochs());
        engine.seed(seed);
        Model model = Model.newInstance("network", engine.device(), DeepEngine.ENGINE_NAME);
        try {
            model.setBlock(network.get());
            Tracker lr = config.cosine()
                    ? Tracker.cosine().setBaseValue((float) config.learningRate()).optFinalValue(0f)
                            .setMaxUpdates(totalSteps).build()
                    : Tracker.fixed((float) config.learningRate());
            Optimizer optimizer = switch (config.optimizer()) {
                case SGD -> Optimizer.sgd().setLearningRateTracker(lr).optMomentum((float) config.momentum())
                        .optWeightDecays((float) config.weightDecay()).build();
                case ADAM -> Optimizer.adam().optLearningRateTracker(lr).optWeightDecays((float) config.weightDecay())
                        .build();
            };
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer).optDevices(new Device[] {engine.device()});
            List<Double> accuracies = new ArrayList<>();
            boolean stopped = false;
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
            int[] shape = data.sampleShape();
            long[] dims = new long[shape.length + 1];
            dims[0] = batch;
            for (int d = 0; d < shape.length; d++) {
                dims[d + 1] = shape[d];
            }
            float[] xb = new float[batch * data.valuesPerSample()];
            float[] yb = new float[batch];
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(dims));
                initialWeights.accept(model.getBlock());
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    shuffle(order, rng);
                    for (int from = 0; from + 1 < n; from += batch) {
                        int m = Math.min(batch, n - from);
                        if (m < 2) {
                            break;
                        }
                        data.gather(order, from, m, xb, yb);
                        dims[0] = m;
                        try (NDManager scope = model.getNDManager().newSubManager()) {
                            NDArray x = EngineArrays.tensor(scope, m == batch ? xb : java.util.Arrays.copyOf(xb, m * data.valuesPerSample()),
                                    new Shape(dims));
                            NDArray y = EngineArrays.vector(scope, m == batch ? yb : java.util.Arrays.copyOf(yb, m));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                                NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                                gc.backward(loss);
                                if (from + batch + 1 >= n) {
                                    // the epoch's last batch: one read per epoch; diverged weights stay NaN
                                    float value = loss.getFloat();
                                    if (!Float.isFinite(value)) {
                                        throw new TrainingDivergedException("training diverged: the loss is " + value
                                                + " in epoch " + epoch + " (learning rate " + config.learningRate()
                                                + ", " + config.optimizer().name().toLowerCase(java.util.Locale.ROOT)
                                                + "); lower the learning rate (--lr)");
                                    }
                                }
                            }
                            trainer.step();
                        }
                    }
                    double acc = TrainedNetwork.accuracy(model, validation);
                    accuracies.add(acc);
                    if (!callback.afterEpoch(epoch, acc)) {
                        stopped = epoch < config.epochs();
                        break;
                    }
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            TrainingResult result = new TrainingResult(accuracies, stopped, millis, parameterCount(model.getBlock()), n);
            return new TrainedNetwork(model, data.sampleShape(), data.classes(), result);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    /** Trains like {@link #fit} and keeps only the measurements (the network is closed). */
    public TrainingResult train(Supplier<Block> network, Samples train, Samples validation, TrainingConfig config,
            long seed, EpochCallback callback) {
        try (TrainedNetwork net = fit(network, train, validation, config, seed, callback)) {
            return net.result();
        }
    }

    private static void checkCompatible(Samples train, Samples validation) {
        if (!java.util.Arrays.equals(train.sampleShape(), validation.sampleShape())) {
            throw new IllegalArgumentException("training samples have shape " + java.util.Arrays.toString(train.sampleShape())
                    + " but validation samples " + java.util.Arrays.toString(validation.sampleShape()));
        }
        if (train.classes() != validation.classes()) {
            throw new IllegalArgumentException("training data has " + train.classes() + " classes, validation data "
                    + validation.classes());
        }
        if (train.size() < 2 || validation.size() < 1) {
            throw new IllegalArgumentException("need at least 2 training and 1 validation samples, got " + train.size()
                    + " and " + validation.size());
        }
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Trainable values of an initialised block. */
    static long parameterCount(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient() && p.getValue().isInitialized()) {
                total += p.getValue().getArray().size();
            }
        }
        return total;
    }
}
