package org.automl4j.learners.mlp;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import org.automl4j.data.Task;
import org.automl4j.deep.DeepEngine;
import org.automl4j.learners.internal.ModelEnvelope;

/**
 * A fitted {@link MlpLearner} network. Predictions run one at a time (the network's arrays are shared);
 * the engine's memory is freed when the model becomes unreachable. Saved as the envelope of every
 * learner with, as payload, the architecture, the target's scaling and DJL's own parameter format
 * (no Java deserialisation).
 */
final class MlpModel implements org.automl4j.learners.Model {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final int MAGIC = 0x4D4C5031; // "MLP1"
    private static final int FORMAT = 1;

    private final ModelEnvelope meta;
    private final MlpLearner.Architecture arch;
    private final Model model;
    private final double yMean;
    private final double yStd;

    MlpModel(ModelEnvelope meta, MlpLearner.Architecture arch, Model model, double yMean, double yStd) {
        this.meta = meta;
        this.arch = arch;
        this.model = model;
        this.yMean = yMean;
        this.yStd = yStd;
        Model m = model;
        CLEANER.register(this, m::close);
    }

    static MlpModel load(byte[] bytes) {
        ModelEnvelope env = ModelEnvelope.read(bytes, MlpLearner.NAME);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(env.payload()))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("corrupt mlp model: the payload is not an automl4j network");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("mlp model format " + format + " is not supported (this version"
                        + " reads " + FORMAT + "); refit the model");
            }
            MlpLearner.Architecture arch = new MlpLearner.Architecture(in.readInt(), in.readInt(), in.readInt(),
                    in.readInt(), in.readFloat());
            double mean = in.readDouble();
            double std = in.readDouble();
            int expected = env.task().isClassification() ? env.classes().size() : 1;
            if (arch.inputs() != env.featureNames().size() || arch.outputs() != expected) {
                throw new IllegalArgumentException("corrupt mlp model: the network has " + arch.inputs() + " inputs and "
                        + arch.outputs() + " outputs, the envelope " + env.featureNames().size() + " and " + expected);
            }
            DeepEngine engine = DeepEngine.start();
            Model model = Model.newInstance(MlpLearner.NAME, engine.device(), DeepEngine.ENGINE_NAME);
            try {
                SequentialBlock block = arch.block();
                model.setBlock(block);
                arch.initialize(block, model.getNDManager());
                block.loadParameters(model.getNDManager(), in);
            } catch (ai.djl.MalformedModelException | IOException | RuntimeException e) {
                model.close();
                throw new IllegalArgumentException("corrupt mlp model: its parameters do not load (" + e.getMessage()
                        + ")", e);
            }
            return new MlpModel(env, arch, model, mean, std);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt mlp model: " + e.getMessage(), e);
        }
    }

    /** The network (for transfer). */
    ai.djl.nn.Block model() {
        return model.getBlock();
    }

    /** The network's shape. */
    MlpLearner.Architecture architecture() {
        return arch;
    }

    /**
     * Copies into {@code target} every hidden layer's weights whose name and shape match this network's
     * (the input layer too when the feature counts agree); the output layer is never copied, so a new task's
     * classes start from a fresh head.
     *
     * @return the number of parameter arrays copied
     */
    synchronized int copyMatchingWeightsTo(ai.djl.nn.Block target) {
        java.util.Map<String, NDArray> mine = new java.util.LinkedHashMap<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.getBlock().getParameters()) {
            mine.put(p.getKey(), p.getValue().getArray());
        }
        List<ai.djl.util.Pair<String, ai.djl.nn.Parameter>> theirs = target.getParameters().stream().toList();
        String head = theirs.get(theirs.size() - 1).getKey().replaceAll("_(weight|bias)$", "");
        int copied = 0;
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : theirs) {
            if (p.getKey().startsWith(head)) {
                continue;
            }
            NDArray from = mine.get(p.getKey());
            NDArray to = p.getValue().getArray();
            if (from != null && from.getShape().equals(to.getShape())) {
                from.copyTo(to);
                copied++;
            }
        }
        return copied;
    }

    @Override
    public String learner() {
        return MlpLearner.NAME;
    }

    @Override
    public Map<String, Object> params() {
        return meta.params();
    }

    @Override
    public Task task() {
        return meta.task();
    }

    /** The network's raw outputs (logits, or the standardised regression value). */
    private synchronized float[][] forward(double[][] x) {
        for (double[] row : x) {
            if (row.length != arch.inputs()) {
                throw new IllegalArgumentException("mlp model expects " + arch.inputs() + " features per row, got "
                        + row.length);
            }
        }
        if (x.length == 0) {
            return new float[0][];
        }
        try (NDManager sub = model.getNDManager().newSubManager()) {
            NDArray in = org.automl4j.deep.EngineArrays.matrix(sub, MlpLearner.toFloat(x));
            NDArray out = model.getBlock().forward(new ParameterStore(sub, false), new NDList(in), false)
                    .singletonOrThrow();
            if (meta.task().isClassification()) {
                out = out.softmax(1);
            }
            float[] flat = out.toFloatArray();
            int k = arch.outputs();
            float[][] rows = new float[x.length][k];
            for (int i = 0; i < x.length; i++) {
                System.arraycopy(flat, i * k, rows[i], 0, k);
            }
            return rows;
        }
    }

    @Override
    public double[][] predictProba(double[][] x) {
        if (!meta.task().isClassification()) {
            throw new UnsupportedOperationException("mlp model for regression has no class probabilities; use predict");
        }
        float[][] p = forward(x);
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = new double[p[i].length];
            double sum = 0;
            for (int c = 0; c < p[i].length; c++) {
                sum += p[i][c];
            }
            for (int c = 0; c < p[i].length; c++) {
                out[i][c] = p[i][c] / sum;
            }
        }
        return out;
    }

    @Override
    public double[] predict(double[][] x) {
        double[] out = new double[x.length];
        if (meta.task().isClassification()) {
            double[][] p = predictProba(x);
            for (int i = 0; i < out.length; i++) {
                int best = 0;
                for (int c = 1; c < p[i].length; c++) {
                    if (p[i][c] > p[i][best]) {
                        best = c;
                    }
                }
                out[i] = best;
            }
            return out;
        }
        float[][] v = forward(x);
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i][0] * yStd + yMean;
        }
        return out;
    }

    @Override
    public synchronized byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(arch.inputs());
            out.writeInt(arch.outputs());
            out.writeInt(arch.hidden());
            out.writeInt(arch.layers());
            out.writeFloat(arch.dropout());
            out.writeDouble(yMean);
            out.writeDouble(yStd);
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelEnvelope(meta.learner(), meta.task(), meta.classes(), meta.featureNames(), meta.params(),
                bytes.toByteArray()).toBytes();
    }

    @Override
    public String toString() {
        return "MlpModel[" + meta.task() + ", " + arch + "]";
    }
}
