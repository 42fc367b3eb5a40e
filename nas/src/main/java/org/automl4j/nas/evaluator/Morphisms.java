package org.automl4j.nas.evaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Function-preserving network morphisms on {@link DenseNet}s, {@link BatchNormNet}s and {@link ConvChain}s (with or
 * without batch norm; with it, preserved in inference mode, where batch norm uses its running statistics)
 * (Net2Net, Chen et al. 2016; Wei et al. 2016):
 * the result computes the same function as its input (up to float rounding) while having more capacity,
 * so training can go on from the inherited weights.
 * <ul>
 *   <li>{@link #deeper}: inserts an identity layer ({@code W = I, b = 0}) followed by ReLU after a hidden
 *   layer (for a convolution chain: a convolution whose kernel is 1 at the centre from each channel to
 *   itself); its input is a ReLU output, non-negative, so the ReLU keeps it unchanged.</li>
 *   <li>{@link #wider}: grows a hidden layer by replicating units (each new unit copies the incoming
 *   weights and bias of a randomly chosen existing unit); the outgoing weights of a unit replicated
 *   {@code k} times are split among its copies, by {@code 1/k} each (Net2Net) or, with {@code randomSplit},
 *   by random shares summing to one, which breaks the copies' symmetry so they can learn apart.</li>
 * </ul>
 */
public final class Morphisms {

    private Morphisms() {
    }

    /** The moves, for random application. */
    public enum Move { DEEPER, WIDER }

    /**
     * Inserts an identity layer with ReLU after hidden layer {@code after}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= after < layers - 1} (the insertion point must follow a ReLU)
     */
    public static DenseNet deeper(DenseNet net, int after) {
        if (after < 0 || after >= net.layers() - 1) {
            throw new IllegalArgumentException("a deeper move inserts after a hidden layer (0 to " + (net.layers() - 2)
                    + "), got " + after + (net.layers() == 1 ? "; a linear model has no hidden layer to follow" : ""));
        }
        int h = net.width(after);
        float[][] id = new float[h][h];
        for (int i = 0; i < h; i++) {
            id[i][i] = 1f;
        }
        List<float[][]> w = new ArrayList<>(net.weights());
        List<float[]> b = new ArrayList<>(net.biases());
        w.add(after + 1, id);
        b.add(after + 1, new float[h]);
        return new DenseNet(w, b);
    }

    /**
     * Widens hidden layer {@code layer} to {@code width} units.
     *
     * @param rng         picks the units to replicate (and the shares with {@code randomSplit})
     * @param randomSplit split outgoing weights by random shares instead of equally
     * @throws IllegalArgumentException unless {@code layer} is hidden and {@code width} exceeds its width
     */
    public static DenseNet wider(DenseNet net, int layer, int width, SplittableRandom rng, boolean randomSplit) {
        int h = checkWider(net.layers(), layer, net::width, width);
        int[] source = new int[width];
        double[] share = shares(h, width, source, rng, randomSplit);
        return widen(net, layer, source, share);
    }

    /** Checks a wider move of hidden layer {@code layer} (of {@code layers}) to {@code width}; returns its width. */
    private static int checkWider(int layers, int layer, java.util.function.IntUnaryOperator widthOf, int width) {
        if (layer < 0 || layer >= layers - 1) {
            throw new IllegalArgumentException("a wider move grows a hidden layer (0 to " + (layers - 2) + "), got "
                    + layer);
        }
        int h = widthOf.applyAsInt(layer);
        if (width <= h) {
            throw new IllegalArgumentException("a wider move needs more than the layer's " + h + " units, got " + width);
        }
        return h;
    }

    /** Layer {@code layer} with unit j a copy of unit source[j], the next layer's columns scaled by the shares. */
    private static DenseNet widen(DenseNet net, int layer, int[] source, double[] share) {
        int width = source.length;
        float[][] win = net.weight(layer);
        float[] bin = net.bias(layer);
        float[][] nw = new float[width][];
        float[] nb = new float[width];
        for (int j = 0; j < width; j++) {
            nw[j] = win[source[j]].clone();
            nb[j] = bin[source[j]];
        }
        float[][] wout = net.weight(layer + 1);
        float[][] nout = new float[wout.length][width];
        for (int o = 0; o < wout.length; o++) {
            for (int j = 0; j < width; j++) {
                nout[o][j] = (float) (wout[o][source[j]] * share[j]);
            }
        }
        List<float[][]> w = new ArrayList<>(net.weights());
        List<float[]> b = new ArrayList<>(net.biases());
        w.set(layer, nw);
        b.set(layer, nb);
        w.set(layer + 1, nout);
        return new DenseNet(w, b);
    }

    /**
     * One random move: deeper after a random hidden layer, or wider on a random hidden layer by a factor of
     * 1.5 to 2 (random split), each with probability one half; a network already at {@code maxDepth} hidden
     * layers only widens, a layer at {@code maxWidth} is not widened.
     *
     * @throws IllegalArgumentException if the network has no hidden layer
     */
    public static DenseNet random(DenseNet net, SplittableRandom rng, int maxDepth, int maxWidth) {
        int hidden = net.layers() - 1;
        if (hidden < 1) {
            throw new IllegalArgumentException("morphisms need at least one hidden layer; start from e.g. one of 16 units");
        }
        List<Integer> widenable = new ArrayList<>();
        for (int l = 0; l < hidden; l++) {
            if (net.width(l) < maxWidth) {
                widenable.add(l);
            }
        }
        boolean deeper = hidden < maxDepth && (widenable.isEmpty() || rng.nextBoolean());
        if (deeper) {
            return deeper(net, rng.nextInt(hidden));
        }
        if (widenable.isEmpty()) {
            return net;
        }
        int l = widenable.get(rng.nextInt(widenable.size()));
        int w = net.width(l);
        int target = Math.min(maxWidth, Math.max(w + 1, (int) Math.round(w * (1.5 + 0.5 * rng.nextDouble()))));
        return wider(net, l, target, rng, true);
    }

    /**
     * Inserts after convolution {@code after} a {@code kernel x kernel} convolution with an identity kernel
     * (1 at the centre from each channel to itself, 0 elsewhere, zero bias) followed by ReLU; its input is
     * a ReLU output and the padding is zero, so the output is unchanged. When convolution {@code after} has
     * batch norm, so does the new one: an identity batch norm as in {@link #deeper(BatchNormNet, int)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= after < convs} and the kernel is odd
     */
    public static ConvChain deeper(ConvChain net, int after, int kernel) {
        if (after < 0 || after >= net.convs().size() || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("a deeper move inserts after a convolution (0 to " + (net.convs().size() - 1)
                    + ") with an odd kernel, got position " + after + " and kernel " + kernel);
        }
        int c = net.convs().get(after).out();
        float[] w = new float[c * c * kernel * kernel];
        int centre = kernel / 2;
        for (int i = 0; i < c; i++) {
            w[((i * c + i) * kernel + centre) * kernel + centre] = 1f;
        }
        BatchNormNet.Norm prev = net.convs().get(after).norm();
        List<ConvChain.Conv> convs = new ArrayList<>(net.convs());
        convs.add(after + 1, new ConvChain.Conv(c, c, kernel, w, new float[c], prev == null ? null : identityNorm(prev)));
        return new ConvChain(net.height(), net.width(), convs, net.head(), net.headBias());
    }

    /**
     * Widens convolution {@code layer} to {@code channels} filters by replicating filters (with their batch-norm
     * parameters and statistics, if any); the next
     * convolution's input channels (or, after the last convolution, the head's columns of that channel's
     * feature map) are split among the copies, as in {@link #wider(DenseNet, int, int, SplittableRandom, boolean)}.
     *
     * @throws IllegalArgumentException unless {@code layer} exists and {@code channels} exceeds its filters
     */
    public static ConvChain wider(ConvChain net, int layer, int channels, SplittableRandom rng, boolean randomSplit) {
        if (layer < 0 || layer >= net.convs().size()) {
            throw new IllegalArgumentException("a wider move grows a convolution (0 to " + (net.convs().size() - 1) + "), got "
                    + layer);
        }
        ConvChain.Conv conv = net.convs().get(layer);
        int h = conv.out();
        if (channels <= h) {
            throw new IllegalArgumentException("a wider move needs more than the layer's " + h + " filters, got " + channels);
        }
        int[] source = new int[channels];
        double[] share = shares(h, channels, source, rng, randomSplit);
        int k2 = conv.in() * conv.kernel() * conv.kernel();
        float[] w = new float[channels * k2];
        float[] b = new float[channels];
        float[] ow = conv.weights();
        float[] ob = conv.bias();
        for (int j = 0; j < channels; j++) {
            System.arraycopy(ow, source[j] * k2, w, j * k2, k2);
            b[j] = ob[source[j]];
        }
        List<ConvChain.Conv> convs = new ArrayList<>(net.convs());
        convs.set(layer, new ConvChain.Conv(channels, conv.in(), conv.kernel(), w, b,
                conv.norm() == null ? null : replicate(conv.norm(), source)));
        float[][] head = net.head();
        if (layer + 1 < net.convs().size()) {
            ConvChain.Conv next = net.convs().get(layer + 1);
            int kk = next.kernel() * next.kernel();
            float[] nw = new float[next.out() * channels * kk];
            for (int o = 0; o < next.out(); o++) {
                for (int j = 0; j < channels; j++) {
                    for (int t = 0; t < kk; t++) {
                        nw[(o * channels + j) * kk + t] = (float) (next.w(o, source[j], t / next.kernel(), t % next.kernel())
                                * share[j]);
                    }
                }
            }
            convs.set(layer + 1, new ConvChain.Conv(next.out(), channels, next.kernel(), nw, next.bias(), next.norm()));
        } else {
            int hw = net.height() * net.width();
            float[][] nh = new float[head.length][channels * hw];
            for (int k = 0; k < head.length; k++) {
                for (int j = 0; j < channels; j++) {
                    for (int p = 0; p < hw; p++) {
                        nh[k][j * hw + p] = (float) (head[k][source[j] * hw + p] * share[j]);
                    }
                }
            }
            head = nh;
        }
        return new ConvChain(net.height(), net.width(), convs, head, net.headBias());
    }

    /**
     * Inserts after hidden layer {@code after} of a batch-norm network an identity layer ({@code W = I, b = 0})
     * with an identity batch norm, then ReLU. The batch norm's running statistics are those expected of its
     * input, the previous layer's output {@code ReLU(y)} with {@code y} taken as normal with the previous batch
     * norm's {@code beta} as mean and {@code |gamma|} as standard deviation (the rectified normal's mean and
     * variance); its {@code gamma = sqrt(var + eps)} and {@code beta = mean} undo the normalisation, so in
     * inference mode the output is unchanged whatever the statistics, and in training mode, where the batch's
     * statistics replace the running ones, it is close to the identity while the input is distributed as expected.
     *
     * @throws IllegalArgumentException unless {@code 0 <= after < layers - 1}
     */
    public static BatchNormNet deeper(BatchNormNet net, int after) {
        DenseNet linear = deeper(net.linear(), after);
        List<BatchNormNet.Norm> norms = new ArrayList<>(net.norms());
        norms.add(after + 1, identityNorm(net.norms().get(after)));
        return new BatchNormNet(linear, norms);
    }

    /**
     * The identity batch norm after a layer whose batch norm is {@code prev}: running statistics of the
     * rectified normal with {@code prev}'s beta as mean and |gamma| as standard deviation, gamma = sqrt(var + eps),
     * beta = mean.
     */
    private static BatchNormNet.Norm identityNorm(BatchNormNet.Norm prev) {
        float[] g = prev.gamma();
        float[] be = prev.beta();
        int h = g.length;
        float[] gamma = new float[h];
        float[] beta = new float[h];
        float[] mean = new float[h];
        float[] var = new float[h];
        for (int i = 0; i < h; i++) {
            double[] mv = rectifiedNormal(be[i], Math.abs(g[i]));
            mean[i] = (float) mv[0];
            var[i] = (float) mv[1];
            gamma[i] = (float) Math.sqrt(var[i] + BatchNormNet.EPSILON);
            beta[i] = mean[i];
        }
        return new BatchNormNet.Norm(gamma, beta, mean, var);
    }

    /** Mean and variance of {@code max(0, y)} for {@code y ~ N(mu, sd^2)}. */
    static double[] rectifiedNormal(double mu, double sd) {
        if (sd < 1e-12) {
            double m = Math.max(0, mu);
            return new double[] {m, 0};
        }
        double a = mu / sd;
        double pdf = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
        double cdf = normalCdf(a);
        double mean = mu * cdf + sd * pdf;
        double second = (mu * mu + sd * sd) * cdf + mu * sd * pdf;
        return new double[] {mean, Math.max(0, second - mean * mean)};
    }

    /** The standard normal CDF (Abramowitz and Stegun 7.1.26 for erf, error below 1.5e-7). */
    private static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /**
     * Widens hidden layer {@code layer} of a batch-norm network to {@code width} units: each copy replicates
     * its unit's incoming weights, bias and batch-norm parameters and running statistics (so it computes the
     * same normalised value, in training mode too), and the outgoing weights are split among the copies as in
     * {@link #wider(DenseNet, int, int, SplittableRandom, boolean)}.
     *
     * @throws IllegalArgumentException unless {@code layer} is hidden and {@code width} exceeds its width
     */
    public static BatchNormNet wider(BatchNormNet net, int layer, int width, SplittableRandom rng, boolean randomSplit) {
        int h = checkWider(net.layers(), layer, net::width, width);
        int[] source = new int[width];
        double[] share = shares(h, width, source, rng, randomSplit);
        List<BatchNormNet.Norm> norms = new ArrayList<>(net.norms());
        norms.set(layer, replicate(net.norms().get(layer), source));
        return new BatchNormNet(widen(net.linear(), layer, source, share), norms);
    }

    /** The batch norm of a widened layer: channel j copies channel source[j]. */
    private static BatchNormNet.Norm replicate(BatchNormNet.Norm n, int[] source) {
        float[][] from = {n.gamma(), n.beta(), n.mean(), n.var()};
        float[][] to = new float[4][source.length];
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < source.length; j++) {
                to[k][j] = from[k][source[j]];
            }
        }
        return new BatchNormNet.Norm(to[0], to[1], to[2], to[3]);
    }

    /**
     * One random move on a batch-norm network, with the rules of {@link #random(DenseNet, SplittableRandom, int, int)}.
     *
     * @throws IllegalArgumentException if the network has no hidden layer
     */
    public static BatchNormNet random(BatchNormNet net, SplittableRandom rng, int maxDepth, int maxWidth) {
        int hidden = net.layers() - 1;
        if (hidden < 1) {
            throw new IllegalArgumentException("morphisms need at least one hidden layer; start from e.g. one of 16 units");
        }
        List<Integer> widenable = new ArrayList<>();
        for (int l = 0; l < hidden; l++) {
            if (net.width(l) < maxWidth) {
                widenable.add(l);
            }
        }
        if (hidden < maxDepth && (widenable.isEmpty() || rng.nextBoolean())) {
            return deeper(net, rng.nextInt(hidden));
        }
        if (widenable.isEmpty()) {
            return net;
        }
        int l = widenable.get(rng.nextInt(widenable.size()));
        int w = net.width(l);
        int target = Math.min(maxWidth, Math.max(w + 1, (int) Math.round(w * (1.5 + 0.5 * rng.nextDouble()))));
        return wider(net, l, target, rng, true);
    }

    /** Fills {@code source} (unit j copies unit source[j]) and returns each copy's share of the outgoing weights. */
    private static double[] shares(int h, int width, int[] source, SplittableRandom rng, boolean randomSplit) {
        int[] copies = new int[h];
        for (int j = 0; j < width; j++) {
            source[j] = j < h ? j : rng.nextInt(h);
            copies[source[j]]++;
        }
        double[] share = new double[width];
        if (randomSplit) {
            double[] total = new double[h];
            for (int j = 0; j < width; j++) {
                share[j] = copies[source[j]] == 1 ? 1 : 0.5 + rng.nextDouble();
                total[source[j]] += share[j];
            }
            for (int j = 0; j < width; j++) {
                share[j] /= total[source[j]];
            }
        } else {
            for (int j = 0; j < width; j++) {
                share[j] = 1.0 / copies[source[j]];
            }
        }
        return share;
    }
}
