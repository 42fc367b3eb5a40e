package org.automl4j.metagrad.hypergradient;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.Tensors;

/**
 * Trains a DJL multilayer perceptron classifier (a {@code SequentialBlock} of {@code Linear} layers with ReLU,
 * softmax cross-entropy) with minibatch {@link HypergradientDescent}: a fixed learning rate when its
 * {@code hyperLr} is 0, an adapted one otherwise. The hypergradient benchmark and the
 * {@code metalearn hypergrad} command run on it; it shows the tuner on an ordinary DJL {@code Trainer} loop.
 *
 * <p>Deterministic for a seed (batches from a Java generator; DJL's initialiser seeded through
 * {@link DeepEngine#seed}, a process-wide generator: do not train other DJL networks concurrently in the JVM).
 */
public final class MlpTraining {
    private final DeepEngine engine;

    public MlpTraining(DeepEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Network and loop settings.
     *
     * @param hidden     hidden layer widths
     * @param activation hidden activation
     * @param epochs    passes over the training rows
     * @param batchSize rows per step (the last partial batch of an epoch is dropped)
     * @param seed      seeds the initial weights and the batch order
     */
    public record Settings(List<Integer> hidden, org.automl4j.metagrad.nn.Activation activation, int epochs, int batchSize,
                           long seed) {
        public Settings {
            hidden = List.copyOf(hidden);
            java.util.Objects.requireNonNull(activation, "activation");
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("need epochs >= 1 and batch size >= 1, got " + epochs + " and " + batchSize);
            }
            for (int h : hidden) {
                if (h < 1) {
                    throw new IllegalArgumentException("hidden widths must be >= 1, got " + hidden);
                }
            }
        }

        /** ReLU hidden layers. */
        public Settings(List<Integer> hidden, int epochs, int batchSize, long seed) {
            this(hidden, org.automl4j.metagrad.nn.Activation.RELU, epochs, batchSize, seed);
        }
    }

    /**
     * What a run produced.
     *
     * @param validationAccuracy validation accuracy after each epoch
     * @param trainLoss          mean training loss of each epoch
     * @param learningRates      the learning rate of every step
     * @param finalLearningRate  the learning rate at the end
     * @param testAccuracy       accuracy on the test rows (NaN when none were given)
     * @param diverged           whether training stopped on a non-finite loss (accuracies are then chance level)
     */
    public record Result(double[] validationAccuracy, double[] trainLoss, double[] learningRates, double finalLearningRate,
                         double testAccuracy, boolean diverged) {
        /** Validation accuracy after the last epoch. */
        public double finalValidationAccuracy() {
            return validationAccuracy[validationAccuracy.length - 1];
        }
    }

    /** Called after every epoch, e.g. to report to a trial; may throw to stop training (pruning). */
    @FunctionalInterface
    public interface EpochListener {
        void afterEpoch(int epoch, double validationAccuracy);
    }

    /** The network as a DJL block. */
    public static Block network(List<Integer> hidden, org.automl4j.metagrad.nn.Activation activation, int classes) {
        SequentialBlock b = new SequentialBlock();
        for (int h : hidden) {
            b.add(Linear.builder().setUnits(h).build())
                    .add(activation == org.automl4j.metagrad.nn.Activation.RELU ? Activation.reluBlock() : Activation.tanhBlock());
        }
        return b.add(Linear.builder().setUnits(classes).build());
    }

    /**
     * Trains on {@code train}, measuring accuracy on {@code validation} after every epoch and on {@code test}
     * (may be null) at the end.
     *
     * @param onEpoch called after each epoch (may be null)
     */
    public Result train(LabeledData train, LabeledData validation, LabeledData test, Settings s,
                        HypergradientDescent.Options optimiser, EpochListener onEpoch) {
        if (validation.features() != train.features() || (test != null && test.features() != train.features())) {
            throw new IllegalArgumentException("training, validation and test rows must have the same features");
        }
        int classes = train.classes();
        SplittableRandom rng = new SplittableRandom(s.seed());
        double[] valAcc = new double[s.epochs()];
        double[] trainLoss = new double[s.epochs()];
        List<Double> lrs = new ArrayList<>();
        boolean diverged = false;
        double testAcc = Double.NaN;
        try (Model model = Model.newInstance("mlp", engine.device(), DeepEngine.ENGINE_NAME)) {
            model.setBlock(network(s.hidden(), s.activation(), classes));
            Loss loss = Loss.softmaxCrossEntropyLoss();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss));
                 HypergradientDescent hd = new HypergradientDescent(optimiser)) {
                engine.seed(s.seed());
                trainer.initialize(new Shape(s.batchSize(), train.features()));
                NDManager m = trainer.getManager();
                int n = train.size();
                outer:
                for (int e = 0; e < s.epochs(); e++) {
                    int[] order = permutation(rng, n);
                    double lossSum = 0;
                    int batches = 0;
                    for (int start = 0; start + s.batchSize() <= n; start += s.batchSize()) {
                        int[] idx = java.util.Arrays.copyOfRange(order, start, start + s.batchSize());
                        try (NDManager step = m.newSubManager()) {
                            NDArray x = features(step, train.rows(idx));
                            NDArray y = labels(step, train.rows(idx));
                            float value;
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                                NDArray l = loss.evaluate(new NDList(y), new NDList(pred));
                                value = l.getFloat();
                                // a probe step may land where the loss overflows: its gradient then says "too large"
                                if (!Float.isFinite(value) && !hd.probing()) {
                                    diverged = true;
                                    break outer;
                                }
                                gc.backward(l);
                            }
                            try {
                                lrs.add(hd.step(model.getBlock().getParameters()));
                            } catch (IllegalStateException ex) {
                                diverged = true;
                                break outer;
                            }
                            if (Float.isFinite(value)) {
                                lossSum += value;
                                batches++;
                            }
                        }
                    }
                    trainLoss[e] = lossSum / Math.max(1, batches);
                    valAcc[e] = accuracy(model.getBlock(), m, validation);
                    if (onEpoch != null) {
                        onEpoch.afterEpoch(e, valAcc[e]);
                    }
                }
                if (diverged) {
                    java.util.Arrays.fill(valAcc, 1.0 / classes);
                    testAcc = test == null ? Double.NaN : 1.0 / classes;
                } else if (test != null) {
                    testAcc = accuracy(model.getBlock(), m, test);
                }
                double[] lrArray = lrs.stream().mapToDouble(Double::doubleValue).toArray();
                return new Result(valAcc, trainLoss, lrArray, hd.learningRate(), testAcc, diverged);
            }
        }
    }

    /** Accuracy of {@code block} (argmax of the outputs) on {@code data}. */
    static double accuracy(Block block, NDManager parent, LabeledData data) {
        try (NDManager m = parent.newSubManager()) {
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(features(m, data)), false).singletonOrThrow();
            long[] pred = out.argMax(1).toLongArray();
            int ok = 0;
            for (int i = 0; i < pred.length; i++) {
                ok += pred[i] == data.y()[i] ? 1 : 0;
            }
            return (double) ok / pred.length;
        }
    }

    static NDArray features(NDManager m, LabeledData d) {
        int f = d.features();
        float[] flat = new float[d.size() * f];
        for (int i = 0; i < d.size(); i++) {
            System.arraycopy(d.x()[i], 0, flat, i * f, f);
        }
        return Tensors.create(m, flat, new Shape(d.size(), f));
    }

    static NDArray labels(NDManager m, LabeledData d) {
        float[] y = new float[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.y()[i];
        }
        return Tensors.create(m, y, new Shape(d.size()));
    }

    static int[] permutation(SplittableRandom rng, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
