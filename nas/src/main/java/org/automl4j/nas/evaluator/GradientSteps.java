package org.automl4j.nas.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.automl4j.deep.DeepEngine;
import org.automl4j.deep.EngineArrays;

/**
 * Hand-rolled training steps for networks whose parameters are updated in groups (a supernet's shared
 * weights, DARTS' weights and architecture parameters): forward a batch, back-propagate softmax
 * cross-entropy, update one group with its own optimiser, and zero every gradient. A parameter that got no
 * gradient in the step (an operation the sampled sub-network did not use) is not updated, as in PyTorch,
 * where its gradient would be {@code None}.
 */
final class GradientSteps {
    private final DeepEngine engine;
    private final Block block;
    private final NDManager manager;
    private final List<Pair<String, NDArray>> weights = new ArrayList<>();
    private final Loss loss = Loss.softmaxCrossEntropyLoss();

    GradientSteps(DeepEngine engine, Block block, NDManager manager) {
        this.engine = engine;
        this.block = block;
        this.manager = manager;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                weights.add(new Pair<>(p.getValue().getId(), p.getValue().getArray()));
            }
        }
    }

    /** The trainable weights of the block (id and array). */
    List<Pair<String, NDArray>> weights() {
        return weights;
    }

    /**
     * One step on a batch: the loss's gradient updates {@code group} with {@code optimizer} (skipping arrays
     * with no gradient), then all gradients ({@code others} too) are zeroed. Returns the batch loss.
     */
    double step(float[] x, float[] y, long[] dims, List<Pair<String, NDArray>> group, List<Pair<String, NDArray>> others,
            Optimizer optimizer) {
        double value;
        try (NDManager scope = manager.newSubManager()) {
            NDArray in = EngineArrays.tensor(scope, x, new Shape(dims));
            NDArray labels = EngineArrays.vector(scope, y);
            try (GradientCollector gc = engine.engine().newGradientCollector()) {
                NDArray logits = block.forward(new ParameterStore(scope, false), new NDList(in), true).singletonOrThrow();
                NDArray l = loss.evaluate(new NDList(labels), new NDList(logits));
                value = l.getFloat();
                gc.backward(l);
            }
            for (Pair<String, NDArray> p : group) {
                NDArray g = p.getValue().getGradient();
                g.attach(scope);
                NDArray norm = g.abs().sum();
                if (norm.getFloat() > 0) {
                    optimizer.update(p.getKey(), p.getValue(), g);
                }
                g.subi(g);
            }
            for (Pair<String, NDArray> p : others) {
                NDArray g = p.getValue().getGradient();
                g.attach(scope);
                g.subi(g);
            }
        }
        return value;
    }

    /** The share of {@code samples} the block classifies correctly, in one forward pass with batch norm on the batch's own statistics. */
    static double accuracy(Block block, NDManager manager, Samples samples) {
        int n = samples.size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        float[] x = new float[n * samples.valuesPerSample()];
        float[] y = new float[n];
        samples.gather(rows, 0, n, x, y);
        int[] shape = samples.sampleShape();
        long[] dims = new long[shape.length + 1];
        dims[0] = n;
        for (int d = 0; d < shape.length; d++) {
            dims[d + 1] = shape[d];
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray in = EngineArrays.tensor(scope, x, new Shape(dims));
            long[] pred = block.forward(new ParameterStore(scope, false), new NDList(in), true).singletonOrThrow()
                    .argMax(1).toLongArray();
            int correct = 0;
            for (int i = 0; i < n; i++) {
                if (pred[i] == (long) y[i]) {
                    correct++;
                }
            }
            return (double) correct / n;
        }
    }

    static long[] dims(int batch, int[] shape) {
        long[] dims = new long[shape.length + 1];
        dims[0] = batch;
        for (int d = 0; d < shape.length; d++) {
            dims[d + 1] = shape[d];
        }
        return dims;
    }
}
