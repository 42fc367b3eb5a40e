package org.automl4j.metagrad.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The parameters of an {@link MlpSpec} network as plain arrays, independent of any engine: per linear layer
 * {@code l} the weight matrix, row-major {@code [fanIn][fanOut]} (so {@code out = in · W + b}), then the bias
 * {@code [fanOut]}; the list is {@code W0, b0, W1, b1, ...}. Immutable: arrays are copied in and out.
 */
public final class Weights {
    private final MlpSpec spec;
    private final float[][] tensors;

    /**
     * @throws IllegalArgumentException when the number or sizes of the arrays do not fit the spec
     */
    public Weights(MlpSpec spec, List<float[]> tensors) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (tensors.size() != 2 * spec.layers()) {
            throw new IllegalArgumentException("a " + spec.describe() + " network has " + 2 * spec.layers()
                    + " parameter arrays (weight and bias per layer), but " + tensors.size() + " were given");
        }
        this.tensors = new float[tensors.size()][];
        for (int l = 0; l < spec.layers(); l++) {
            check(tensors.get(2 * l), spec.fanIn(l) * spec.fanOut(l), "weight", l);
            check(tensors.get(2 * l + 1), spec.fanOut(l), "bias", l);
            this.tensors[2 * l] = tensors.get(2 * l).clone();
            this.tensors[2 * l + 1] = tensors.get(2 * l + 1).clone();
        }
    }

    private static void check(float[] a, int expected, String what, int layer) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " of layer " + layer + " has " + a.length + " values, expected "
                    + expected);
        }
        for (float v : a) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " of layer " + layer + " holds a non-finite value (" + v
                        + "); training diverged: lower the learning rate");
            }
        }
    }

    /**
     * A fresh network initialised as PyTorch's {@code nn.Linear} does: weights and biases uniform in
     * {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]}, drawn from {@code seed} (same seed, same weights).
     */
    public static Weights random(MlpSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<float[]> t = new ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            double bound = 1.0 / Math.sqrt(spec.fanIn(l));
            t.add(uniform(rng, spec.fanIn(l) * spec.fanOut(l), bound));
            t.add(uniform(rng, spec.fanOut(l), bound));
        }
        return new Weights(spec, t);
    }

    private static float[] uniform(SplittableRandom rng, int n, double bound) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return a;
    }

    /** The network's shape. */
    public MlpSpec spec() {
        return spec;
    }

    /** Number of arrays ({@code 2 * layers}). */
    public int size() {
        return tensors.length;
    }

    /** A copy of array {@code i} ({@code 2l}: weight of layer l, {@code 2l+1}: its bias). */
    public float[] tensor(int i) {
        return tensors[i].clone();
    }

    /** Copies of all arrays, in order. */
    public List<float[]> tensors() {
        List<float[]> out = new ArrayList<>();
        for (float[] t : tensors) {
            out.add(t.clone());
        }
        return out;
    }

    /**
     * These weights with the last layer replaced by {@code head} (a new output width, e.g. for another
     * number of classes).
     */
    public Weights withHead(Weights head) {
        MlpSpec s = spec.withOutputs(head.spec.outputs());
        if (!head.spec.equals(s)) {
            throw new IllegalArgumentException("the head comes from a " + head.spec.describe() + " network, expected "
                    + s.describe());
        }
        List<float[]> t = tensors();
        int last = 2 * (spec.layers() - 1);
        t.set(last, head.tensors[last]);
        t.set(last + 1, head.tensors[last + 1]);
        return new Weights(s, t);
    }

    /** Euclidean distance between two parameter vectors of the same network. */
    public double distance(Weights other) {
        if (!spec.equals(other.spec)) {
            throw new IllegalArgumentException("different networks: " + spec.describe() + " vs " + other.spec.describe());
        }
        double s = 0;
        for (int i = 0; i < tensors.length; i++) {
            for (int j = 0; j < tensors[i].length; j++) {
                double d = tensors[i][j] - other.tensors[i][j];
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weights w && spec.equals(w.spec) && java.util.Arrays.deepEquals(tensors, w.tensors);
    }

    @Override
    public int hashCode() {
        return 31 * spec.hashCode() + java.util.Arrays.deepHashCode(tensors);
    }

    @Override
    public String toString() {
        return "Weights[" + spec.describe() + ", " + spec.parameterCount() + " parameters]";
    }
}
