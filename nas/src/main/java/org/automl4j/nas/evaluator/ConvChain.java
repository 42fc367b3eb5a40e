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
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A convolutional chain as plain weights, what {@link Morphisms} transforms: square convolutions with
 * "same" padding, stride 1 and a bias, each followed by ReLU, then the feature map flattened
 * (channel-major, as DJL does) into a linear head giving the logits. Immutable (arrays copied in and out).
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
     * One convolution.
     *
     * @param weights {@code [out][in][kernel][kernel]} flattened row-major
     * @param bias    one per output channel
     */
    public record Conv(int out, int in, int kernel, float[] weights, float[] bias) {
        public Conv {
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
        SplittableRandom rng = new SplittableRandom(seed);
        List<Conv> cs = new ArrayList<>();
        int in = inChannels;
        for (int out : channels) {
            float[] w = new float[out * in * kernel * kernel];
            double sd = Math.sqrt(2.0 / (in * kernel * kernel));
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (DenseNet.gaussian(rng) * sd);
            }
            cs.add(new Conv(out, in, kernel, w, new float[out]));
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
            net.add(Activation.reluBlock());
        }
        return net.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(head.length).build());
    }

    /** Writes these weights into an initialised block built by {@link #toBlock()}. */
    @Override
    public void copyInto(Block block) {
        List<Parameter> ps = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            ps.add(p.getValue());
        }
        if (ps.size() != 2 * convs.size() + 2) {
            throw new IllegalArgumentException("not a block of this chain: " + ps.size() + " parameters, expected "
                    + (2 * convs.size() + 2));
        }
        for (int l = 0; l < convs.size(); l++) {
            set(ps.get(2 * l), convs.get(l).weights);
            set(ps.get(2 * l + 1), convs.get(l).bias);
        }
        float[] h = new float[head.length * head[0].length];
        for (int k = 0; k < head.length; k++) {
            System.arraycopy(head[k], 0, h, k * head[0].length, head[0].length);
        }
        set(ps.get(2 * convs.size()), h);
        set(ps.get(2 * convs.size() + 1), headBias);
    }

    @Override
    public ConvChain readBack(Block block) {
        List<float[]> arrays = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            arrays.add(p.getValue().getArray().toFloatArray());
        }
        if (arrays.size() != 2 * convs.size() + 2) {
            throw new IllegalArgumentException("not a block of this chain: " + arrays.size() + " parameters");
        }
        List<Conv> cs = new ArrayList<>();
        for (int l = 0; l < convs.size(); l++) {
            Conv c = convs.get(l);
            cs.add(new Conv(c.out(), c.in(), c.kernel(), arrays.get(2 * l), arrays.get(2 * l + 1)));
        }
        float[] flat = arrays.get(2 * convs.size());
        int f = head[0].length;
        float[][] h = new float[head.length][f];
        for (int k = 0; k < head.length; k++) {
            System.arraycopy(flat, k * f, h[k], 0, f);
        }
        return new ConvChain(height, width, cs, h, arrays.get(2 * convs.size() + 1));
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inChannels()).append('x').append(height).append('x').append(width);
        for (Conv c : convs) {
            sb.append(" > conv").append(c.out()).append('k').append(c.kernel());
        }
        return sb.append(" > ").append(head.length).toString();
    }

    @Override
    public org.automl4j.nas.space.ChainArchitecture architecture() {
        List<org.automl4j.nas.space.Layer> ls = new ArrayList<>();
        for (Conv c : convs) {
            ls.add(new org.automl4j.nas.space.Layer(org.automl4j.nas.space.Layer.Kind.CONV, c.out(), c.kernel(),
                    org.automl4j.nas.space.Layer.Activation.RELU, false, 0, false));
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
