package org.automl4j.learners.mlp;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.deep.DeepEngine;
import org.automl4j.deep.EngineArrays;
import org.automl4j.learners.Capabilities;
import org.automl4j.learners.Learner;
import org.automl4j.learners.internal.Params;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;

/**
 * A multilayer perceptron for tabular data on the deep-learning engine: {@code layers} fully connected
 * ReLU layers of {@code hidden_units} with dropout, trained with Adam (decoupled weight decay is not in
 * DJL 0.36, so {@code weight_decay} is L2 through the optimiser) on mini-batches shuffled by the seed;
 * softmax cross-entropy with per-row weights for classification, squared error on the standardised target
 * for regression. With a validation set it stops after {@value #PATIENCE} epochs without a lower
 * validation loss and keeps the best epoch's weights; {@code epochs} is then the number of epochs kept
 * (its budget parameter). Inputs must be imputed and scaled (capabilities say so).
 */
final class MlpLearner implements Learner {

    static final String NAME = "mlp";
    static final int PATIENCE = 10;
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, true, true, true);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public boolean stopsWhenInterrupted() {
        return true;
    }

    @Override
    public Optional<String> budgetParameter() {
        return Optional.of("epochs");
    }

    @Override
    public SearchSpace searchSpace(Task task) {
        return SearchSpace.builder()
                .add("hidden_units", IntDistribution.logScale(16, 256))
                .add("layers", IntDistribution.of(1, 3))
                .add("dropout", FloatDistribution.of(0.0, 0.5))
                .add("learning_rate", FloatDistribution.logScale(1e-4, 3e-2))
                .add("weight_decay", FloatDistribution.logScale(1e-7, 1e-2))
                .add("batch_size", CategoricalDistribution.of(32, 64, 128, 256))
                .add("epochs", IntDistribution.logScale(10, 300))
                .build();
    }

    @Override
    public Map<String, Object> defaults(Task task) {
        return Map.of("hidden_units", 128, "layers", 2, "dropout", 0.1, "learning_rate", 1e-3, "weight_decay", 1e-6,
                "batch_size", 128, "epochs", 100);
    }

    @Override
    public org.automl4j.learners.Model fit(Dataset train, Map<String, Object> params, long seed) {
        return fit(train, params, seed, null);
    }

    @Override
    public org.automl4j.learners.Model fit(Dataset train, Map<String, Object> params, long seed, Dataset validation) {
        return fit(train, params, seed, validation, null);
    }

    /**
     * Fits, starting from {@code source}'s weights where they fit (see {@link MlpTransfer}); a null source
     * starts from a random initialisation.
     */
    MlpModel fit(Dataset train, Map<String, Object> params, long seed, Dataset validation, MlpModel source) {
        Map<String, Object> p = Params.resolve(this, train.task(), params);
        if (train.rows() == 0) {
            throw new IllegalArgumentException(NAME + ": the training set is empty");
        }
        checkFinite(train, "training");
        if (validation != null) {
            if (validation.features() != train.features()) {
                throw new IllegalArgumentException(NAME + ": the validation set has " + validation.features()
                        + " features, the training set " + train.features());
            }
            checkFinite(validation, "validation");
        }
        Architecture arch = new Architecture(train.features(),
                train.task().isClassification() ? train.classes().size() : 1, Params.intValue(p, "hidden_units"),
                Params.intValue(p, "layers"), (float) Params.doubleValue(p, "dropout"));
        double yMean = 0;
        double yStd = 1;
        if (!train.task().isClassification()) {
            double[] y = train.y();
            for (double v : y) {
                yMean += v;
            }
            yMean /= y.length;
            double ss = 0;
            for (double v : y) {
                ss += (v - yMean) * (v - yMean);
            }
            yStd = y.length > 1 && ss > 0 ? Math.sqrt(ss / (y.length - 1)) : 1;
        }
        DeepEngine engine = DeepEngine.start();
        int maxEpochs = Params.intValue(p, "epochs");
        int batch = Math.min(Params.intValue(p, "batch_size"), train.rows());
        Model model = Model.newInstance(NAME, engine.device(), DeepEngine.ENGINE_NAME);
        boolean done = false;
        try {
            synchronized (DeepEngine.class) { // one seed per process in the engine: seed and initialise together
                engine.seed(seed);
                model.setBlock(arch.block());
            }
            Loss loss = new WeightedLoss(train.task().isClassification());
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed((float) Params.doubleValue(p, "learning_rate")))
                            .optWeightDecays((float) Params.doubleValue(p, "weight_decay")).build());
            int kept;
            try (Trainer trainer = model.newTrainer(config)) {
                synchronized (DeepEngine.class) {
                    engine.seed(seed);
                    trainer.initialize(new Shape(batch, arch.inputs()));
                }
                if (source != null) {
                    source.copyMatchingWeightsTo(model.getBlock());
                }
                NDManager m = trainer.getManager();
                NDArray x = EngineArrays.matrix(m, toFloat(train.x()));
                NDArray y = EngineArrays.vector(m, targets(train, yMean, yStd));
                NDArray w = EngineArrays.vector(m, weights(train));
                NDArray vx = validation == null || validation.rows() == 0 ? null : EngineArrays.matrix(m, toFloat(validation.x()));
                NDArray vy = vx == null ? null : EngineArrays.vector(m, targets(validation, yMean, yStd));
                NDArray vw = vx == null ? null : m.ones(new Shape(validation.rows()));
                kept = train(trainer, x, y, w, vx, vy, vw, batch, maxEpochs, seed);
            }
            Map<String, Object> used = new java.util.LinkedHashMap<>(p);
            used.put("epochs", kept);
            MlpModel out = new MlpModel(new org.automl4j.learners.internal.ModelEnvelope(NAME, train.task(),
                    train.classes(), train.featureNames(), used, new byte[0]), arch, model, yMean, yStd);
            done = true;
            return out;
        } finally {
            if (!done) {
                model.close();
            }
        }
    }

    /** Trains; returns the epochs kept (the best validation epoch, or all without validation). */
    private static int train(Trainer trainer, NDArray x, NDArray y, NDArray w, NDArray vx, NDArray vy, NDArray vw,
            int batch, int maxEpochs, long seed) {
        int n = (int) x.getShape().get(0);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        List<NDArray> bestWeights = null;
        NDManager keep = trainer.getManager();
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException(NAME + ": training interrupted");
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(n, start + batch);
                if (end - start < 2 && n >= 2) {
                    continue; // a single-row batch adds noise and nothing else
                }
                long[] idx = new long[end - start];
                for (int i = start; i < end; i++) {
                    idx[i - start] = order[i];
                }
                try (NDManager sub = keep.newSubManager()) {
                    NDArray rows = EngineArrays.vector(sub, idx);
                    NDArray xb = x.get(new NDIndex("{}", rows));
                    NDArray yb = y.get(new NDIndex("{}", rows));
                    NDArray wb = w.get(new NDIndex("{}", rows));
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray out = trainer.forward(new NDList(xb)).singletonOrThrow();
                        NDArray l = trainer.getLoss().evaluate(new NDList(yb, wb), new NDList(out));
                        gc.backward(l);
                    }
                    trainer.step();
                }
            }
            if (vx == null) {
                continue;
            }
            double v;
            try (NDManager sub = keep.newSubManager()) {
                NDArray out = trainer.evaluate(new NDList(vx)).singletonOrThrow();
                NDArray l = trainer.getLoss().evaluate(new NDList(vy, vw), new NDList(out));
                v = l.getFloat();
                out.attach(sub);
                l.attach(sub);
            }
            if (v < best - 1e-7) {
                best = v;
                bestEpoch = epoch;
                bestWeights = snapshot(trainer, bestWeights);
            } else if (epoch - bestEpoch >= PATIENCE) {
                break;
            }
        }
        if (vx == null) {
            return maxEpochs;
        }
        restore(trainer, bestWeights);
        return Math.max(1, bestEpoch);
    }

    private static List<NDArray> snapshot(Trainer trainer, List<NDArray> previous) {
        if (previous != null) {
            previous.forEach(NDArray::close);
        }
        List<NDArray> out = new ArrayList<>();
        for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
            NDArray copy = p.getValue().getArray().duplicate();
            copy.attach(trainer.getManager());
            out.add(copy);
        }
        return out;
    }

    private static void restore(Trainer trainer, List<NDArray> weights) {
        if (weights == null) {
            return;
        }
        int i = 0;
        for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
            weights.get(i++).copyTo(p.getValue().getArray());
        }
        weights.forEach(NDArray::close);
    }

    private static void checkFinite(Dataset d, String which) {
        double[][] x = d.x();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(NAME + ": " + which + " row " + i + ", feature " + j + " ('"
                            + d.featureNames().get(j) + "') is " + x[i][j] + "; impute missing values first");
                }
            }
        }
    }

    static float[][] toFloat(double[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (float) x[i][j];
            }
        }
        return out;
    }

    private static float[] targets(Dataset d, double mean, double std) {
        float[] out = new float[d.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.task().isClassification() ? (float) d.y()[i] : (float) ((d.y()[i] - mean) / std);
        }
        return out;
    }

    private static float[] weights(Dataset d) {
        float[] out = new float[d.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.weights() == null ? 1f : (float) d.weights()[i];
        }
        return out;
    }

    @Override
    public org.automl4j.learners.Model load(byte[] bytes) {
        return MlpModel.load(bytes);
    }

    /**
     * The network's shape.
     *
     * @param inputs  features
     * @param outputs classes, or 1 for regression
     * @param hidden  units per hidden layer
     * @param layers  hidden layers
     * @param dropout dropout rate after each hidden layer
     */
    record Architecture(int inputs, int outputs, int hidden, int layers, float dropout) {

        SequentialBlock block() {
            SequentialBlock net = new SequentialBlock();
            for (int l = 0; l < layers; l++) {
                net.add(Linear.builder().setUnits(hidden).build());
                net.add(Activation::relu);
                if (dropout > 0) {
                    net.add(Dropout.builder().optRate(dropout).build());
                }
            }
            net.add(Linear.builder().setUnits(outputs).build());
            return net;
        }

        void initialize(SequentialBlock block, NDManager manager) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
        }
    }

    /**
     * Mean over rows of the per-row loss times the row's weight, divided by the weights' mean: softmax
     * cross-entropy on class indices, or squared error. Labels are {@code (targets, weights)}.
     */
    static final class WeightedLoss extends Loss {
        private final boolean classification;

        WeightedLoss(boolean classification) {
            super(classification ? "weighted_cross_entropy" : "weighted_l2");
            this.classification = classification;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray out = predictions.singletonOrThrow();
            NDArray y = labels.get(0);
            NDArray w = labels.get(1);
            NDArray perRow;
            if (classification) {
                NDArray logp = out.logSoftmax(1);
                NDArray onehot = y.toType(DataType.INT64, false).oneHot((int) out.getShape().get(1));
                perRow = logp.mul(onehot).sum(new int[] {1}).neg();
            } else {
                NDArray d = out.reshape(-1).sub(y);
                perRow = d.mul(d);
            }
            return perRow.mul(w).sum().div(w.sum());
        }
    }
}
