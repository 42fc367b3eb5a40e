package org.automl4j.metagrad.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A {@link ConvSpec} network written as functional engine operations over a parameter list, for T tasks at once:
 * every parameter array has a leading task axis, either 1 (one parameter set shared by all tasks, the tasks'
 * examples folded into one batch) or T (one set per task, computed as a grouped convolution with T groups).
 * Gradients come from the engine's autograd (first order: DJL has no differentiable backward pass).
 *
 * <p>Parameters, in order: per block {@code weight [P, out, in, 3, 3]} and {@code bias [P, out]}, then the output
 * layer's {@code weight [P, embedding, classes]} and {@code bias [P, 1, classes]}, where P is 1 or T. Inputs are
 * {@code [T, n, side * side]}, targets one-hot {@code [T, n, classes]}.
 */
public final class ConvNet {
    private static final Shape KERNEL_STRIDE_PAD = new Shape(1, 1);
    private static final Shape POOL = new Shape(2, 2);
    private final ConvSpec spec;

    public ConvNet(ConvSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    public ConvSpec spec() {
        return spec;
    }

    /**
     * Random parameters (He-normal convolutions, zero biases; the output layer normal with standard deviation
     * {@code 1 / sqrt(embedding)}, or zero with {@code zeroHead}), deterministic for a seed.
     */
    public static ConvWeights random(ConvSpec spec, long seed, boolean zeroHead) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] arrays = new float[spec.arrays()][];
        for (int b = 0; b < spec.blocks(); b++) {
            int fanIn = spec.channelsIn(b) * 9;
            float[] w = new float[spec.channels().get(b) * fanIn];
            double sd = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rng.nextGaussian() * sd);
            }
            arrays[2 * b] = w;
            arrays[2 * b + 1] = new float[spec.channels().get(b)];
        }
        float[] head = new float[spec.embeddingSize() * spec.outputs()];
        if (!zeroHead) {
            double sd = 1 / Math.sqrt(spec.embeddingSize());
            for (int i = 0; i < head.length; i++) {
                head[i] = (float) (rng.nextGaussian() * sd);
            }
        }
        arrays[2 * spec.blocks()] = head;
        arrays[2 * spec.blocks() + 1] = new float[spec.outputs()];
        return new ConvWeights(spec, arrays);
    }

    /** Shape of parameter array {@code i} with a leading task axis of {@code p}. */
    public Shape shape(int i, long p) {
        int blocks = spec.blocks();
        if (i < 2 * blocks) {
            int b = i / 2;
            return i % 2 == 0 ? new Shape(p, spec.channels().get(b), spec.channelsIn(b), 3, 3)
                    : new Shape(p, spec.channels().get(b));
        }
        return i == 2 * blocks ? new Shape(p, spec.embeddingSize(), spec.outputs()) : new Shape(p, 1, spec.outputs());
    }

    /** The weights as engine arrays with a leading task axis of 1 (shared). */
    public NDList upload(NDManager m, ConvWeights w) {
        if (!w.spec().equals(spec)) {
            throw new IllegalArgumentException("weights of a " + w.spec().describe() + " network given to a "
                    + spec.describe() + " network");
        }
        NDList out = new NDList(spec.arrays());
        for (int i = 0; i < spec.arrays(); i++) {
            out.add(Tensors.create(m, w.arrays()[i], shape(i, 1)));
        }
        return out;
    }

    /** Task {@code t}'s weights (or the shared ones, t = 0) back as Java arrays. */
    public ConvWeights download(NDList p, int t) {
        float[][] arrays = new float[p.size()][];
        for (int i = 0; i < p.size(); i++) {
            arrays[i] = p.get(i).get(t).toFloatArray();
        }
        return new ConvWeights(spec, arrays);
    }

    /** One copy of the shared parameters per task: leading axis 1 becomes {@code tasks}. */
    public static NDList perTask(NDList shared, int tasks) {
        NDList out = new NDList(shared.size());
        for (NDArray a : shared) {
            if (a.getShape().get(0) != 1) {
                throw new IllegalArgumentException("expected shared parameters (leading axis 1), got " + a.getShape());
            }
            out.add(a.repeat(0, tasks));
        }
        return out;
    }

    /** Inputs {@code [T, n, side * side]} from per-task rows. */
    public NDArray inputs(NDManager m, float[][][] x) {
        return Tensors.stackTasks(m, x, spec.side() * spec.side(), "a " + spec.side() + "x" + spec.side() + " network");
    }

    /** One-hot targets {@code [T, n, classes]} from per-task class indices. */
    public NDArray targets(NDManager m, float[][] y) {
        int t = y.length;
        int n = y[0].length;
        int c = spec.outputs();
        float[] flat = new float[t * n * c];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < n; j++) {
                int label = (int) y[i][j];
                if (label < 0 || label >= c || label != y[i][j]) {
                    throw new IllegalArgumentException("label " + y[i][j] + " is not a class index of a " + c
                            + "-way network");
                }
                flat[(i * n + j) * c + label] = 1f;
            }
        }
        return Tensors.create(m, flat, new Shape(t, n, c));
    }

    /**
     * The last block's flattened output, {@code [T, n, embedding]}, scaled to length {@link ConvSpec#embeddingScale()}
     * when that is positive.
     */
    public NDArray embed(NDList p, NDArray x) {
        long pTasks = p.get(0).getShape().get(0);
        long tasks = x.getShape().get(0);
        long n = x.getShape().get(1);
        int side = spec.side();
        long groups;
        NDArray h;
        if (pTasks == 1) {
            groups = 1;
            h = x.reshape(tasks * n, 1, side, side);
        } else if (pTasks == tasks) {
            groups = tasks;
            h = x.transpose(1, 0, 2).reshape(n, tasks, side, side);
        } else {
            throw new IllegalArgumentException("parameters for " + pTasks + " tasks given inputs of " + tasks + " tasks");
        }
        for (int b = 0; b < spec.blocks(); b++) {
            int out = spec.channels().get(b);
            NDArray w = p.get(2 * b).reshape(groups * out, spec.channelsIn(b), 3, 3);
            NDArray bias = p.get(2 * b + 1).reshape(groups * out);
            h = Conv2d.conv2d(h, w, bias, KERNEL_STRIDE_PAD, KERNEL_STRIDE_PAD, KERNEL_STRIDE_PAD, (int) groups)
                    .singletonOrThrow();
            h = ai.djl.nn.Activation.relu(h);
            h = Pool.maxPool2d(h, POOL, POOL, new Shape(0, 0), true);
        }
        int d = spec.embeddingSize();
        NDArray e = pTasks == 1 ? h.reshape(tasks, n, d) : h.reshape(n, tasks, d).transpose(1, 0, 2);
        if (spec.embeddingScale() > 0) {
            // a cosine embedding: length s (an all-zero ReLU output stays zero instead of dividing by zero); the
            // constants are engine-owned arrays, as autograd keeps them for the backward pass (see Tensors.scalar)
            NDManager m = e.getManager();
            e = e.mul(Tensors.scalar(m, (float) spec.embeddingScale()))
                    .div(e.norm(new int[] {2}, true).maximum(Tensors.scalar(m, 1e-6f)));
        }
        return e;
    }

    /** Output-layer logits {@code [T, n, classes]} of embeddings. */
    public NDArray logits(NDList p, NDArray embedding) {
        int head = 2 * spec.blocks();
        return embedding.matMul(p.get(head)).add(p.get(head + 1));
    }

    /** Logits of inputs. */
    public NDArray forward(NDList p, NDArray x) {
        return logits(p, embed(p, x));
    }

    /**
     * The parameters with each task's output layer replaced by its support set's prototype head (Snell et al.
     * 2017 in linear form, as Triantafillou et al. 2020's Proto-MAML): weight {@code 2 mu_c}, bias
     * {@code -|mu_c|^2}, with {@code mu_c} the mean embedding of class c's support examples; differentiable with
     * respect to the body. The head gets a task axis of T.
     */
    public NDList withPrototypeHead(NDList p, NDArray supportX, NDArray supportY) {
        NDArray[] head = prototypeHead(embed(p, supportX), supportY);
        NDList out = new NDList(p.size());
        for (int i = 0; i < p.size() - 2; i++) {
            out.add(p.get(i));
        }
        out.add(head[0]);
        out.add(head[1]);
        return out;
    }

    /** The prototype head's weight {@code [T, embedding, classes]} and bias {@code [T, 1, classes]} of embeddings. */
    public static NDArray[] prototypeHead(NDArray embedding, NDArray supportY) {
        NDArray counts = supportY.sum(new int[] {1}).expandDims(2).maximum(1f); // [T, C, 1], constant
        NDArray mu = supportY.transpose(0, 2, 1).matMul(embedding).div(counts); // [T, C, d]
        return new NDArray[] {mu.add(mu).transpose(0, 2, 1), mu.square().sum(new int[] {2}).expandDims(1).neg()};
    }

    /** Mean softmax cross-entropy per task, {@code [T]}. */
    public static NDArray lossPerTask(NDArray logits, NDArray target) {
        return logits.logSoftmax(2).mul(target).sum(new int[] {2}).mean(new int[] {1}).neg();
    }

    /** Accuracy per task, {@code [T]}. */
    public static NDArray accuracyPerTask(NDArray logits, NDArray target) {
        return logits.argMax(2).eq(target.argMax(2)).toType(DataType.FLOAT32, false).mean(new int[] {1});
    }
}
