package org.automl4j.nas.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.nas.space.ChainArchitecture;
import org.automl4j.nas.space.Layer;

/**
 * A fully connected ReLU network as plain weights, what {@link Morphisms} transforms: layer {@code l} maps
 * {@code in} values to {@code out = weights.get(l).length} values as {@code W x + b}, every layer but the
 * last followed by ReLU, the last giving the logits. As a DJL block ({@link #toBlock()}) the input is
 * flattened first, so image samples fit too. Arrays are copied in and out; the record is immutable.
 *
 * @param weights per layer a matrix {@code [out][in]}; each layer's {@code in} equals the previous {@code out}
 * @param biases  per layer a vector of length {@code out}
 */
public record DenseNet(List<float[][]> weights, List<float[]> biases) implements MorphableNetwork {

    public DenseNet {
        if (weights.isEmpty() || weights.size() != biases.size()) {
            throw new IllegalArgumentException("a dense network needs at least one layer and one bias vector per layer, got "
                    + weights.size() + " weight matrices and " + biases.size() + " bias vectors");
        }
        List<float[][]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        int in = weights.get(0)[0].length;
        for (int l = 0; l < weights.size(); l++) {
            float[][] m = weights.get(l);
            if (m.length < 1 || biases.get(l).length != m.length) {
                throw new IllegalArgumentException("layer " + l + " has " + m.length + " units but "
                        + biases.get(l).length + " biases");
            }
            float[][] copy = new float[m.length][];
            for (int o = 0; o < m.length; o++) {
                if (m[o].length != in) {
                    throw new IllegalArgumentException("layer " + l + " row " + o + " has " + m[o].length
                            + " inputs, expected " + in);
                }
                copy[o] = m[o].clone();
            }
            w.add(copy);
            b.add(biases.get(l).clone());
            in = m.length;
        }
        weights = List.copyOf(w);
        biases = List.copyOf(b);
    }

    /**
     * A He-initialised network (normal weights with variance 2 / fan-in, zero biases), seeded.
     *
     * @param hidden the hidden widths, in order (may be empty: a linear model)
     */
    public static DenseNet initial(int inputs, int[] hidden, int outputs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<float[][]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        int in = inputs;
        int layers = hidden.length + 1;
        for (int l = 0; l < layers; l++) {
            int out = l < hidden.length ? hidden[l] : outputs;
            float[][] m = new float[out][in];
            double sd = Math.sqrt(2.0 / in);
            for (float[] row : m) {
                for (int i = 0; i < in; i++) {
                    row[i] = (float) (gaussian(rng) * sd);
                }
            }
            w.add(m);
            b.add(new float[out]);
            in = out;
        }
        return new DenseNet(w, b);
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** Number of layers (hidden ones plus the output layer). */
    public int layers() {
        return weights.size();
    }

    /** Inputs of the first layer. */
    public int inputs() {
        return weights.get(0)[0].length;
    }

    /** Units of layer {@code l}. */
    public int width(int l) {
        return weights.get(l).length;
    }

    /** The weight matrix of layer {@code l} (a copy). */
    public float[][] weight(int l) {
        float[][] m = weights.get(l);
        float[][] c = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** The bias vector of layer {@code l} (a copy). */
    public float[] bias(int l) {
        return biases.get(l).clone();
    }

    /** The hidden layers as a chain architecture ({@code dense<w>-relu} each); empty for a linear model. */
    @Override
    public ChainArchitecture architecture() {
        List<Layer> ls = new ArrayList<>();
        for (int l = 0; l + 1 < layers(); l++) {
            ls.add(new Layer(Layer.Kind.DENSE, width(l), 0, Layer.Activation.RELU, false, 0, false));
        }
        return new ChainArchitecture(ls);
    }

    /** A short description, e.g. {@code 64 > 32 > 16 > 10}. */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputs());
        for (float[][] m : weights) {
            sb.append(" > ").append(m.length);
        }
        return sb.toString();
    }

    /** A DJL block of this shape (flatten, then linear layers with ReLU between); set its weights with {@link #copyInto}. */
    @Override
    public Block toBlock() {
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int l = 0; l < layers(); l++) {
            net.add(Linear.builder().setUnits(width(l)).build());
            if (l + 1 < layers()) {
                net.add(Activation.reluBlock());
            }
        }
        return net;
    }

    /**
     * Writes these weights into an initialised block built by {@link #toBlock()} (of the same shape).
     *
     * @throws IllegalArgumentException if the block's parameters do not have this network's shapes
     */
    @Override
    public void copyInto(Block block) {
        List<Parameter> ps = linearParameters(block);
        for (int l = 0; l < layers(); l++) {
            set(ps.get(2 * l), flatten(weights.get(l)), l);
            set(ps.get(2 * l + 1), biases.get(l), l);
        }
    }

    @Override
    public DenseNet readBack(Block block) {
        return of(block);
    }

    @Override
    public MorphableNetwork randomMove(SplittableRandom rng, int maxDepth, int maxWidth) {
        return Morphisms.random(this, rng, maxDepth, maxWidth);
    }

    /** The weights of an initialised block built by {@link #toBlock()} (for example after training). */
    public static DenseNet of(Block block) {
        List<Parameter> ps = linearParameters(block);
        List<float[][]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int l = 0; l < ps.size() / 2; l++) {
            NDArray wa = ps.get(2 * l).getArray();
            int out = (int) wa.getShape().get(0);
            int in = (int) wa.getShape().get(1);
            float[] flat = wa.toFloatArray();
            float[][] m = new float[out][in];
            for (int o = 0; o < out; o++) {
                System.arraycopy(flat, o * in, m[o], 0, in);
            }
            w.add(m);
            b.add(ps.get(2 * l + 1).getArray().toFloatArray());
        }
        return new DenseNet(w, b);
    }

    private static List<Parameter> linearParameters(Block block) {
        List<Parameter> ps = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            ps.add(p.getValue());
        }
        if (ps.size() % 2 != 0 || ps.isEmpty()) {
            throw new IllegalArgumentException("not a block built by DenseNet.toBlock(): " + ps.size() + " parameters");
        }
        return ps;
    }

    private static void set(Parameter p, float[] values, int layer) {
        NDArray a = p.getArray();
        if (a.size() != values.length) {
            throw new IllegalArgumentException("layer " + layer + " parameter " + p.getName() + " has " + a.size()
                    + " values in the block but " + values.length + " in the network; build the block with toBlock()");
        }
        a.set(values);
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
