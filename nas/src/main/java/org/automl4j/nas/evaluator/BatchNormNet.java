package org.automl4j.nas.evaluator;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.nas.space.ChainArchitecture;
import org.automl4j.nas.space.Layer;

/**
 * A fully connected network with batch normalisation as plain weights, what {@link Morphisms} transforms:
 * every hidden layer is {@code W x + b}, then batch norm, then ReLU; the last layer gives the logits. Batch
 * norm here is its inference form, {@code gamma (z - mean) / sqrt(var + eps) + beta} with the running
 * statistics and {@link #EPSILON} (DJL's default), so "the same function" means the same outputs in
 * inference mode; in training mode DJL normalises with each batch's own statistics and updates the running
 * ones. Immutable (arrays copied in and out).
 *
 * @param linear the dense layers (weights and biases)
 * @param norms  one batch norm per hidden layer, as wide as that layer
 */
public record BatchNormNet(DenseNet linear, List<Norm> norms) implements MorphableNetwork {
    /** Batch norm's epsilon, added to the variance. */
    public static final double EPSILON = 1e-5;
    private static final List<String> LAYER = List.of("weight", "bias", "gamma", "beta", "runningMean", "runningVar");

    /**
     * One batch-norm layer's parameters and running statistics, one value per unit.
     *
     * @param gamma scale
     * @param beta  shift
     * @param mean  running mean
     * @param var   running variance, non-negative
     */
    public record Norm(float[] gamma, float[] beta, float[] mean, float[] var) {
        public Norm {
            int n = gamma.length;
            if (n < 1 || beta.length != n || mean.length != n || var.length != n) {
                throw new IllegalArgumentException("a batch norm needs gamma, beta, mean and var of one equal length >= 1,"
                        + " got " + gamma.length + ", " + beta.length + ", " + mean.length + ", " + var.length);
            }
            for (float v : var) {
                if (!(v >= 0)) {
                    throw new IllegalArgumentException("running variances must be non-negative, got " + v);
                }
            }
            gamma = gamma.clone();
            beta = beta.clone();
            mean = mean.clone();
            var = var.clone();
        }

        /** The freshly initialised batch norm of {@code n} units: gamma 1, beta 0, mean 0, var 1. */
        public static Norm fresh(int n) {
            float[] ones = new float[n];
            java.util.Arrays.fill(ones, 1f);
            return new Norm(ones, new float[n], new float[n], ones);
        }

        /** Units. */
        public int size() {
            return gamma.length;
        }

        @Override
        public float[] gamma() {
            return gamma.clone();
        }

        @Override
        public float[] beta() {
            return beta.clone();
        }

        @Override
        public float[] mean() {
            return mean.clone();
        }

        @Override
        public float[] var() {
            return var.clone();
        }
    }

    public BatchNormNet {
        norms = List.copyOf(norms);
        if (norms.size() != linear.layers() - 1) {
            throw new IllegalArgumentException("a batch-norm network needs one batch norm per hidden layer ("
                    + (linear.layers() - 1) + "), got " + norms.size());
        }
        for (int l = 0; l < norms.size(); l++) {
            if (norms.get(l).size() != linear.width(l)) {
                throw new IllegalArgumentException("hidden layer " + l + " has " + linear.width(l) + " units but its batch"
                        + " norm " + norms.get(l).size());
            }
        }
    }

    /** A He-initialised network (as {@link DenseNet#initial}) with fresh batch norms, seeded. */
    public static BatchNormNet initial(int inputs, int[] hidden, int outputs, long seed) {
        List<Norm> norms = new ArrayList<>();
        for (int h : hidden) {
            norms.add(Norm.fresh(h));
        }
        return new BatchNormNet(DenseNet.initial(inputs, hidden, outputs, seed), norms);
    }

    /** Layers (hidden ones plus the output layer). */
    public int layers() {
        return linear.layers();
    }

    /** Inputs of the first layer. */
    public int inputs() {
        return linear.inputs();
    }

    /** Units of layer {@code l}. */
    public int width(int l) {
        return linear.width(l);
    }

    /** The hidden layers as a chain architecture ({@code dense<w>-relu-bn} each). */
    @Override
    public ChainArchitecture architecture() {
        List<Layer> ls = new ArrayList<>();
        for (int l = 0; l + 1 < layers(); l++) {
            ls.add(new Layer(Layer.Kind.DENSE, width(l), 0, Layer.Activation.RELU, true, 0, false));
        }
        return new ChainArchitecture(ls);
    }

    /** A short description, e.g. {@code 64 > 32bn > 10}. */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputs());
        for (int l = 0; l < layers(); l++) {
            sb.append(" > ").append(width(l)).append(l + 1 < layers() ? "bn" : "");
        }
        return sb.toString();
    }

    /** A DJL block of this shape: flatten, then per hidden layer linear, batch norm, ReLU; then the linear head. */
    @Override
    public Block toBlock() {
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int l = 0; l < layers(); l++) {
            net.add(Linear.builder().setUnits(width(l)).build());
            if (l + 1 < layers()) {
                net.add(BatchNorm.builder().optEpsilon((float) EPSILON).build());
                net.add(Activation.reluBlock());
            }
        }
        return net;
    }

    @Override
    public void copyInto(Block block) {
        List<Parameter> ps = parameters(block);
        int i = 0;
        for (int l = 0; l < layers(); l++) {
            set(ps.get(i++), flatten(linear.weight(l)));
            set(ps.get(i++), linear.bias(l));
            if (l + 1 < layers()) {
                Norm n = norms.get(l);
                set(ps.get(i++), n.gamma);
                set(ps.get(i++), n.beta);
                set(ps.get(i++), n.mean);
                set(ps.get(i++), n.var);
            }
        }
    }

    @Override
    public BatchNormNet readBack(Block block) {
        return of(block);
    }

    /** The weights and statistics of an initialised block built by {@link #toBlock()} (for example after training). */
    public static BatchNormNet of(Block block) {
        List<Parameter> ps = parameters(block);
        List<float[][]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        List<Norm> norms = new ArrayList<>();
        int i = 0;
        while (i < ps.size()) {
            Parameter wp = ps.get(i++);
            int out = (int) wp.getArray().getShape().get(0);
            int in = (int) wp.getArray().getShape().get(1);
            float[] flat = wp.getArray().toFloatArray();
            float[][] m = new float[out][in];
            for (int o = 0; o < out; o++) {
                System.arraycopy(flat, o * in, m[o], 0, in);
            }
            w.add(m);
            b.add(ps.get(i++).getArray().toFloatArray());
            if (i < ps.size()) {
                norms.add(new Norm(ps.get(i++).getArray().toFloatArray(), ps.get(i++).getArray().toFloatArray(),
                        ps.get(i++).getArray().toFloatArray(), ps.get(i++).getArray().toFloatArray()));
            }
        }
        return new BatchNormNet(new DenseNet(w, b), norms);
    }

    @Override
    public MorphableNetwork randomMove(SplittableRandom rng, int maxDepth, int maxWidth) {
        return Morphisms.random(this, rng, maxDepth, maxWidth);
    }

    /** The block's parameters in order, checked to be linear (weight, bias) and batch-norm ones alternating. */
    private static List<Parameter> parameters(Block block) {
        List<Parameter> ps = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            ps.add(p.getValue());
        }
        boolean ok = ps.size() % 6 == 2;
        for (int i = 0; ok && i < ps.size(); i++) {
            ok = ps.get(i).getName().equals(LAYER.get(i % 6));
        }
        if (!ok) {
            List<String> names = ps.stream().map(Parameter::getName).toList();
            throw new IllegalArgumentException("not a block built by BatchNormNet.toBlock(): parameters " + names);
        }
        return ps;
    }

    private static void set(Parameter p, float[] values) {
        if (p.getArray().size() != values.length) {
            throw new IllegalArgumentException("parameter " + p.getName() + " has " + p.getArray().size()
                    + " values in the block but " + values.length + " in the network; build the block with toBlock()");
        }
        p.getArray().set(values);
    }

    private static float[] flatten(float[][] m) {
        int in = m[0].length;
        float[] f = new float[m.length * in];
        for (int o = 0; o < m.length; o++) {
            System.arraycopy(m[o], 0, f, o * in, in);
        }
        return f;
    }
}
