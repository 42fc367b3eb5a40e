package org.automl4j.nas.evaluator;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.automl4j.deep.DeepEngine;
import org.automl4j.deep.EngineArrays;

/**
 * A trained network (a DJL model) and what its training measured: predicts, scores, and saves its
 * parameters. Holds native memory: close it.
 */
public final class TrainedNetwork implements AutoCloseable {
    private final Model model;
    private final int[] sampleShape;
    private final int classes;
    private final TrainingResult result;

    TrainedNetwork(Model model, int[] sampleShape, int classes, TrainingResult result) {
        this.model = model;
        this.sampleShape = sampleShape.clone();
        this.classes = classes;
        this.result = result;
    }

    /**
     * Loads parameters saved by {@link #save} into a fresh network from {@code network} (which must build
     * the same architecture).
     *
     * @throws UncheckedIOException if the files cannot be read or do not fit the architecture
     */
    public static TrainedNetwork load(DeepEngine engine, Supplier<Block> network, int[] sampleShape, int classes, Path dir,
            String name) {
        Model model = Model.newInstance(name, engine.device(), DeepEngine.ENGINE_NAME);
        try {
            model.setBlock(network.get());
            long[] dims = new long[sampleShape.length + 1];
            dims[0] = 1;
            for (int i = 0; i < sampleShape.length; i++) {
                dims[i + 1] = sampleShape[i];
            }
            model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(dims));
            model.load(dir, name);
            return new TrainedNetwork(model, sampleShape, classes, null);
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new UncheckedIOException(new IOException("cannot load network '" + name + "' from " + dir + ": "
                    + e.getMessage() + "; was it saved from the same architecture?", e));
        }
    }

    /** What training measured (null for a loaded network). */
    public TrainingResult result() {
        return result;
    }

    /** The DJL model (its block holds the trained parameters). */
    public Model model() {
        return model;
    }

    /** The predicted class of each sample. */
    public int[] predict(Samples samples) {
        check(samples);
        return predict(model, samples);
    }

    /** The share of {@code samples} predicted correctly. */
    public double accuracy(Samples samples) {
        check(samples);
        return accuracy(model, samples);
    }

    /**
     * Saves the parameters as {@code dir/<name>-0000.params} (DJL's format), creating {@code dir}.
     *
     * @throws UncheckedIOException if writing fails
     */
    public void save(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            model.save(dir, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the network to " + dir + ": " + e.getMessage(), e);
        }
    }

    private void check(Samples s) {
        if (!java.util.Arrays.equals(s.sampleShape(), sampleShape)) {
            throw new IllegalArgumentException("the network takes samples of shape " + java.util.Arrays.toString(sampleShape)
                    + ", got " + java.util.Arrays.toString(s.sampleShape()));
        }
    }

    static int[] predict(Model model, Samples samples) {
        int n = samples.size();
        int[] out = new int[n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        int[] shape = samples.sampleShape();
        int per = samples.valuesPerSample();
        Block block = model.getBlock();
        for (int from = 0; from < n; from += NetworkTrainer.EVAL_BATCH) {
            int m = Math.min(NetworkTrainer.EVAL_BATCH, n - from);
            float[] x = new float[m * per];
            float[] y = new float[m];
            samples.gather(rows, from, m, x, y);
            long[] dims = new long[shape.length + 1];
            dims[0] = m;
            for (int d = 0; d < shape.length; d++) {
                dims[d + 1] = shape[d];
            }
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDArray in = EngineArrays.tensor(scope, x, new Shape(dims));
                NDArray logits = block.forward(new ParameterStore(scope, false), new NDList(in), false)
                        .singletonOrThrow();
                long[] pred = logits.argMax(1).toLongArray();
                for (int i = 0; i < m; i++) {
                    out[from + i] = (int) pred[i];
                }
            }
        }
        return out;
    }

    static double accuracy(Model model, Samples samples) {
        int[] pred = predict(model, samples);
        int correct = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i] == samples.label(i)) {
                correct++;
            }
        }
        return (double) correct / pred.length;
    }

    @Override
    public void close() {
        model.close();
    }
}
