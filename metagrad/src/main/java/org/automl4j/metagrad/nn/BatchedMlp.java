package org.automl4j.metagrad.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link MlpSpec} network evaluated for {@code T} tasks at once, each task with its own copy of the
 * parameters (shape {@code [T, fanIn, fanOut]} and {@code [T, 1, fanOut]}; a leading 1 broadcasts one set of
 * parameters to every task). Inputs are {@code [T, n, inputs]}, outputs {@code [T, n, outputs]}.
 *
 * <p>{@link #pass} computes the loss <em>and</em> its gradient with respect to the parameters as ordinary
 * NDArray operations (the backward pass of an MLP written out). The gradient is therefore itself
 * differentiable: when the parameters require gradients inside a {@code GradientCollector}, a first-order
 * backward through an unrolled loop of {@link #step SGD steps} gives exact second-order derivatives (MAML's
 * meta-gradient, hypergradients through training steps). DJL's public API has no {@code create_graph}, so this
 * is how automl4j differentiates through gradients; see the module's README section.
 *
 * <p>All arrays a method returns belong to the manager of its first array argument; callers scope them with
 * sub-managers. Stateless and thread-safe (the arrays are not).
 */
public final class BatchedMlp {
    private final MlpSpec spec;
    private final Loss loss;

    public BatchedMlp(MlpSpec spec, Loss loss) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.loss = Objects.requireNonNull(loss, "loss");
        if (loss == Loss.MSE && spec.outputs() != 1) {
            throw new IllegalArgumentException("MSE networks here have one output, but the spec has " + spec.outputs());
        }
        if (loss.classification() && spec.outputs() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 outputs (classes), but the spec has "
                    + spec.outputs());
        }
    }

    /** The network's shape. */
    public MlpSpec spec() {
        return spec;
    }

    /** The loss the passes compute. */
    public Loss loss() {
        return loss;
    }

    /** One parameter set as arrays of shape {@code [1, in, out]} and {@code [1, 1, out]} in {@code m}. */
    public NDList upload(NDManager m, Weights w) {
        requireSpec(w);
        NDList p = new NDList();
        for (int l = 0; l < spec.layers(); l++) {
            p.add(Tensors.create(m, w.tensor(2 * l), new Shape(1, spec.fanIn(l), spec.fanOut(l))));
            p.add(Tensors.create(m, w.tensor(2 * l + 1), new Shape(1, 1, spec.fanOut(l))));
        }
        return p;
    }

    /** Task {@code task}'s parameters (index 0 when they are shared). */
    public Weights download(NDList params, int task) {
        List<float[]> t = new ArrayList<>();
        for (NDArray a : params) {
            NDArray one = a.getShape().get(0) == 1 ? a.get(0) : a.get(task);
            t.add(one.toFloatArray());
            one.close();
        }
        return new Weights(spec, t);
    }

    private void requireSpec(Weights w) {
        if (!w.spec().equals(spec)) {
            throw new IllegalArgumentException("weights of a " + w.spec().describe() + " network given to a "
                    + spec.describe() + " network");
        }
    }

    /** Inputs of {@code tasks} tasks, {@code n} examples each: {@code x[t][i]} is a feature vector. */
    public NDArray inputs(NDManager m, float[][][] x) {
        return Tensors.stackTasks(m, x, spec.inputs(), "the network");
    }

    /**
     * Targets of {@code tasks} tasks: values ({@code [T, n, 1]}) for MSE, one-hot rows ({@code [T, n, classes]})
     * for cross-entropy, where {@code y[t][i]} is the class index.
     */
    public NDArray targets(NDManager m, float[][] y) {
        int t = y.length;
        int n = y[0].length;
        if (!loss.classification()) {
            float[] flat = new float[t * n];
            for (int i = 0; i < t; i++) {
                System.arraycopy(y[i], 0, flat, i * n, n);
            }
            return Tensors.create(m, flat, new Shape(t, n, 1));
        }
        int c = spec.outputs();
        float[] flat = new float[t * n * c];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < n; j++) {
                int cls = (int) y[i][j];
                if (cls < 0 || cls >= c || cls != y[i][j]) {
                    throw new IllegalArgumentException("class index " + y[i][j] + " is not in 0.." + (c - 1));
                }
                flat[(i * n + j) * c + cls] = 1f;
            }
        }
        return Tensors.create(m, flat, new Shape(t, n, c));
    }

    /** The network's outputs (values or logits), {@code [T, n, outputs]}. */
    public NDArray forward(NDList params, NDArray x) {
        NDArray a = x;
        for (int l = 0; l < spec.layers(); l++) {
            NDArray z = a.matMul(params.get(2 * l)).add(params.get(2 * l + 1));
            a = l == spec.layers() - 1 ? z : activate(z);
        }
        return a;
    }

    private NDArray activate(NDArray z) {
        return spec.activation() == Activation.RELU ? ai.djl.nn.Activation.relu(z) : z.tanh();
    }

    /**
     * The last hidden layer's activations, {@code [T, n, width]}: the embedding a prototype head classifies in (the
     * inputs themselves for a network without hidden layers).
     */
    public NDArray embed(NDList params, NDArray x) {
        NDArray a = x;
        for (int l = 0; l < spec.layers() - 1; l++) {
            a = activate(a.matMul(params.get(2 * l)).add(params.get(2 * l + 1)));
        }
        return a;
    }

    /**
     * {@code params} with the output layer replaced, per task, by the prototype head of Triantafillou et al.'s
     * Proto-MAML (2020): with {@code mu_c} the mean embedding ({@link #embed}) of the support examples of class
     * {@code c}, the weights of output {@code c} are {@code 2 mu_c} and its bias {@code -|mu_c|^2}, so the logits are
     * {@code -|h - mu_c|^2} up to a term shared by all classes: softmax and argmax are those of squared-Euclidean
     * nearest-prototype classification. The head arrays are {@code [T, width, C]} and {@code [T, 1, C]}; the body
     * arrays are returned as they are. Written as differentiable operations, so the head carries gradients back to
     * the body. A class without support examples gets a zero prototype.
     *
     * @param supportY one-hot targets {@code [T, n, C]} ({@link #targets})
     * @throws IllegalStateException for a regression network
     */
    public NDList withPrototypeHead(NDList params, NDArray supportX, NDArray supportY) {
        if (!loss.classification()) {
            throw new IllegalStateException("a prototype head needs a classifier (softmax cross-entropy), not " + loss);
        }
        NDArray h = embed(params, supportX);
        NDArray counts = supportY.sum(new int[] {1}).expandDims(2).maximum(1f); // [T, C, 1], constant
        NDArray mu = supportY.transpose(0, 2, 1).matMul(h).div(counts); // [T, C, width]
        NDArray w = mu.add(mu).transpose(0, 2, 1); // 2 mu, [T, width, C]
        NDArray b = mu.square().sum(new int[] {2}).expandDims(1).neg(); // [T, 1, C]
        NDList out = new NDList(params.size());
        for (int i = 0; i < params.size() - 2; i++) {
            out.add(params.get(i));
        }
        out.add(w);
        out.add(b);
        return out;
    }

    /** Loss per task, {@code [T]}. */
    public NDArray lossPerTask(NDList params, NDArray x, NDArray target) {
        return lossOf(forward(params, x), target);
    }

    private NDArray lossOf(NDArray out, NDArray target) {
        long n = out.getShape().get(1);
        if (loss == Loss.MSE) {
            return out.sub(target).square().sum(new int[] {1, 2}).div(scalar(out, n));
        }
        return out.logSoftmax(2).mul(target).sum(new int[] {1, 2}).div(scalar(out, -n));
    }

    /**
     * Per-task accuracy ({@code [T]}) of classification outputs against one-hot targets.
     */
    public NDArray accuracyPerTask(NDArray outputs, NDArray target) {
        return outputs.argMax(2).eq(target.argMax(2)).toType(DataType.FLOAT32, false).mean(new int[] {1});
    }

    /** Loss and gradients of one forward and backward pass. */
    public record Pass(NDArray loss, NDList gradients, NDArray outputs) {
    }

    /**
     * Loss per task and the gradient of each task's loss with respect to its parameters ({@code [T, in, out]},
     * {@code [T, 1, out]}), written as differentiable operations.
     */
    public Pass pass(NDList params, NDArray x, NDArray target) {
        int layers = spec.layers();
        List<NDArray> acts = new ArrayList<>(layers + 1); // acts[l] = input of layer l
        acts.add(x);
        NDArray out = null;
        for (int l = 0; l < layers; l++) {
            NDArray z = acts.get(l).matMul(params.get(2 * l)).add(params.get(2 * l + 1));
            if (l == layers - 1) {
                out = z;
            } else {
                acts.add(activate(z));
            }
        }
        long n = x.getShape().get(1);
        NDArray lossValue = lossOf(out, target);
        NDArray delta = loss == Loss.MSE ? out.sub(target).mul(scalar(out, 2f / n))
                : out.softmax(2).sub(target).div(scalar(out, n));
        NDArray[] grads = new NDArray[2 * layers];
        for (int l = layers - 1; l >= 0; l--) {
            NDArray in = acts.get(l);
            grads[2 * l] = in.transpose(0, 2, 1).matMul(delta);
            grads[2 * l + 1] = delta.sum(new int[] {1}, true);
            if (l > 0) {
                NDArray back = delta.matMul(params.get(2 * l).transpose(0, 2, 1));
                NDArray derivative = spec.activation() == Activation.RELU
                        ? in.gt(0f).toType(DataType.FLOAT32, false)
                        : in.square().neg().add(scalar(in, 1f));
                delta = back.mul(derivative);
            }
        }
        return new Pass(lossValue, new NDList(grads), out);
    }

    /** {@link Tensors#scalar} in {@code like}'s manager (why every constant of a differentiated operation is one). */
    private static NDArray scalar(NDArray like, float v) {
        return Tensors.scalar(like.getManager(), v);
    }

    /** {@code params - lr * grads}, element-wise per array (broadcasting shared parameters to every task). */
    public NDList step(NDList params, NDList grads, float lr) {
        NDList next = new NDList(params.size());
        for (int i = 0; i < params.size(); i++) {
            next.add(params.get(i).sub(grads.get(i).mul(scalar(grads.get(i), lr))));
        }
        return next;
    }
}
