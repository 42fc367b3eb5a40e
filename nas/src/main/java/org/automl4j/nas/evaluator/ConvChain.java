package org.automl4j.nas.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A convolutional chain as plain weights, what {@link Morphisms} transforms: square convolutions with
 * "same" padding, stride 1 and a bias, each followed by batch norm (when the convolution has one, per
 * channel, in its inference form with the running statistics as in {@link BatchNormNet}) and ReLU, then
 * the feature map flattened (channel-major, as DJL does) into a linear head giving the logits. Immutable
 * (arrays copied in and out).
 *
 * @param height  input height
 * @param width   input width
 * @param convs   the convolutions in order; each one's input channels equal the previous one's outputs
 * @param head    the linear head {@code [classes][channels * height * width]}
 * @param headBias its bias, one per class
 */
public record ConvChain(int height, int width, List<Conv> convs, float[][] head, float[] headBias)
        implements MorphableNetwork {

    /**
     * One convolution, with or without batch norm after it.
     *
     * @param weights {@code [out][in][kernel][kernel]} flattened row-major
     * @param bias    one per output channel
     * @param norm    the batch norm after it, one value per output channel; null for none
     */
    public record Conv(int out, int in, int kernel, float[] weights, float[] bias, BatchNormNet.Norm norm) {

        /** A convolution without batch norm. */
        public Conv(int out, int in, int kernel, float[] weights, float[] bias) {
            this(out, in, kernel, weights, bias, null);
        }

        public Conv {
            if (norm != null && norm.size() != out) {
                throw new IllegalArgumentException("a convolution of " + out + " filters needs a batch norm of " + out
                        + " channels, got " + norm.size());
            }
            if (out < 1 || in < 1 || kernel < 1 || kernel % 2 == 0 || weights.length != out * in * kernel * kernel
                    || bias.length != out) {
                throw new IllegalArgumentException("a convolution needs out, in >= 1, an odd kernel, " + out * in * kernel * kernel
                        + " weights and " + out + " biases; got kernel " + kernel + ", " + weights.length + " weights, "
                        + bias.length + " biases");
            }
            weights = weights.clone();
            bias = bias.clone();
        }

        @Override
        public float[] weights() {
            return weights.clone();
        }

        @Override
        public float[] bias() {
            return bias.clone();
        }

        float w(int o, int i, int r, int c) {
            return weights[((o * in + i) * kernel + r) * kernel + c];
        }
    }

    public ConvChain {
        if (convs.isEmpty()) {
            throw new IllegalArgumentException("a convolutional chain needs at least one convolution");
        }
        for (int l = 1; l < convs.size(); l++) {
            if (convs.get(l).in() != convs.get(l - 1).out()) {
                throw new IllegalArgumentException("convolution " + l + " takes " + convs.get(l).in() + " channels but the"
                        + " previous one gives " + convs.get(l - 1).out());
            }
        }
        int features = convs.get(convs.size() - 1).out() * height * width;
        float[][] h = new float[head.length][];
        for (int k = 0; k < head.length; k++) {
            if (head[k].length != features) {
                throw new IllegalArgumentException("head row " + k + " has " + head[k].length + " inputs, the feature map "
                        + features);
            }
            h[k] = head[k].clone();
        }
        if (headBias.length != head.length) {
            throw new IllegalArgumentException(head.length + " head rows but " + headBias.length + " biases");
        }
        convs = List.copyOf(convs);
        head = h;
        headBias = headBias.clone();
    }

    /** He-initialised convolutions ({@code channels[l]} filters each, kernel {@code kernel}) and head, seeded. */
    public static ConvChain initial(int inChannels, int height, int width, int[] channels, int kernel, int classes, long seed) {
        return initial(inChannels, height, width, channels, kernel, classes, seed, false);
    }

    /**
     * Like {@link #initial(int, int, int, int[], int, int, long)}, with a fresh batch norm (gamma 1, beta 0,
     * mean 0, var 1) after every convolution when {@code batchNorm}.
     */
    public static ConvChain initial(int inChannels, int height, int width, int[] channels, int kernel, int classes, long seed,
            boolean batchNorm) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Conv> cs = new ArrayList<>();
        int in = inChannels;
        for (int out : channels) {
            float[] w = new float[out * in * kernel * kernel];
            double sd = Math.sqrt(2.0 / (in * kernel * kernel));
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (DenseNet.gaussian(rng) * sd);
            }
            cs.add(new Conv(out, in, kernel, w, new float[out], batchNorm ? BatchNormNet.Norm.fresh(out) : null));
            in = out;
        }
        int f = in * height * width;
        float[][] head = new float[classes][f];
        for (float[] row : head) {
            for (int i = 0; i < f; i++) {
                row[i] = (float) (DenseNet.gaussian(rng) * Math.sqrt(1.0 / f));
            }
        }
        return new ConvChain(height, width, cs, head, new float[classes]);
    }

    @Override
    public float[][] head() {
        float[][] h = new float[head.length][];
        for (int k = 0; k < head.length; k++) {
            h[k] = head[k].clone();
        }
        return h;
    }

    @Override
    public float[] headBias() {
        return headBias.clone();
    }

    /** Input channels. */
    public int inChannels() {
        return convs.get(0).in();
    }

    /** A DJL block of this shape; set its weights with {@link #copyInto}. */
    @Override
    public Block toBlock() {
        SequentialBlock net = new SequentialBlock();
        for (Conv c : convs) {
            net.add(Conv2d.builder().setFilters(c.out()).setKernelShape(new Shape(c.kernel(), c.kernel()))
                    .optPadding(new Shape(c.kernel() / 2, c.kernel() / 2)).optBias(true).build());
            if (c.norm() != null) {
                net.add(BatchNorm.builder().optEpsilon((float) BatchNormNet.EPSILON).build());
            }
            net.add(Activation.reluBlock());
        }
        return net.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(head.length).build());
    }

    /** Writes these weights into an initialised block built by {@link #toBlock()}. */
    @Override
    public void copyInto(Block block) {
        List<Parameter> ps = parameters(block);
        int i = 0;
        for (Conv c : convs) {
            set(ps.get(i++), c.weights);
            set(ps.get(i++), c.bias);
            if (c.norm() != null) {
                set(ps.get(i++), c.norm().gamma());
                set(ps.get(i++), c.norm().beta());
                set(ps.get(i++), c.norm().mean());
                set(ps.get(i++), c.norm().var());
            }
        }
        float[] h = new float[head.length * head[0].length];
        for (int k = 0; k < head.length; k++) {
            System.arraycopy(head[k], 0, h, k * head[0].length, head[0].length);
        }
        set(ps.get(i++), h);
        set(ps.get(i), headBias);
    }

    @Override
    public ConvChain readBack(Block block) {
        List<Parameter> ps = parameters(block);
        int i = 0;
        List<Conv> cs = new ArrayList<>();
        for (Conv c : convs) {
            float[] w = ps.get(i++).getArray().toFloatArray();
            float[] b = ps.get(i++).getArray().toFloatArray();
            BatchNormNet.Norm norm = null;
            if (c.norm() != null) {
                norm = new BatchNormNet.Norm(ps.get(i++).getArray().toFloatArray(), ps.get(i++).getArray().toFloatArray(),
                        ps.get(i++).getArray().toFloatArray(), ps.get(i++).getArray().toFloatArray());
            }
            cs.add(new Conv(c.out(), c.in(), c.kernel(), w, b, norm));
        }
        float[] flat = ps.get(i++).getArray().toFloatArray();
        int f = head[0].length;
        float[][] h = new float[head.length][f];
        for (int k = 0; k < head.length; k++) {
            System.arraycopy(flat, k * f, h[k], 0, f);
        }
        return new ConvChain(height, width, cs, h, ps.get(i).getArray().toFloatArray());
    }

    /** The block's parameters, checked to be as many as this chain has (2 per convolution, 4 more with batch norm, 2 for the head). */
    private List<Parameter> parameters(Block block) {
        List<Parameter> ps = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            ps.add(p.getValue());
        }
        int expected = 2;
        for (Conv c : convs) {
            expected += c.norm() == null ? 2 : 6;
        }
        if (ps.size() != expected) {
            throw new IllegalArgumentException("not a block of this chain: " + ps.size() + " parameters, expected " + expected
                    + "; build the block with toBlock()");
        }
        return ps;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inChannels()).append('x').append(height).append('x').append(width);
        for (Conv c : convs) {
            sb.append(" > conv").append(c.out()).append('k').append(c.kernel()).append(c.norm() != null ? "bn" : "");
        }
        return sb.append(" > ").append(head.length).toString();
    }

    @Override
    public org.automl4j.nas.space.ChainArchitecture architecture() {
        List<org.automl4j.nas.space.Layer> ls = new ArrayList<>();
        for (Conv c : convs) {
            ls.add(new org.automl4j.nas.space.Layer(org.automl4j.nas.space.Layer.Kind.CONV, c.out(), c.kernel(),
                    org.automl4j.nas.space.Layer.Activation.RELU, c.norm() != null, 0, false));
        }
        return new org.automl4j.nas.space.ChainArchitecture(ls);
    }

    @Override
    public MorphableNetwork randomMove(SplittableRandom rng, int maxDepth, int maxWidth) {
        List<Integer> widenable = new ArrayList<>();
        for (int l = 0; l < convs.size(); l++) {
            if (convs.get(l).out() < maxWidth) {
                widenable.add(l);
            }
        }
        if (convs.size() < maxDepth && (widenable.isEmpty() || rng.nextBoolean())) {
            return Morphisms.deeper(this, rng.nextInt(convs.size()), 3);
        }
        if (widenable.isEmpty()) {
            return this;
        }
        int l = widenable.get(rng.nextInt(widenable.size()));
        int w = convs.get(l).out();
        int target = Math.min(maxWidth, Math.max(w + 1, (int) Math.round(w * (1.5 + 0.5 * rng.nextDouble()))));
        return Morphisms.wider(this, l, target, rng, true);
    }

    private static void set(Parameter p, float[] values) {
        NDArray a = p.getArray();
        if (a.size() != values.length) {
            throw new IllegalArgumentException("parameter " + p.getName() + " has " + a.size() + " values, the chain "
                    + values.length + "; build the block with toBlock()");
        }
        a.set(values);
    }
}
