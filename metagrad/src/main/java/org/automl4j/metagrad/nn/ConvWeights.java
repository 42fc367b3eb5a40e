package org.automl4j.metagrad.nn;

import java.util.Objects;

/**
 * The parameters of one {@link ConvSpec} network as Java arrays, in {@link ConvNet}'s order (per block weight
 * {@code [out, in, 3, 3]} and bias, then the output layer's weight {@code [embedding, classes]} and bias), without
 * the task axis.
 */
public record ConvWeights(ConvSpec spec, float[][] arrays) {

    public ConvWeights {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(arrays, "arrays");
        if (arrays.length != spec.arrays()) {
            throw new IllegalArgumentException("a " + spec.describe() + " network has " + spec.arrays()
                    + " parameter arrays, got " + arrays.length);
        }
        ConvNet net = new ConvNet(spec);
        for (int i = 0; i < arrays.length; i++) {
            long expected = net.shape(i, 1).size();
            if (arrays[i].length != expected) {
                throw new IllegalArgumentException("parameter array " + i + " of a " + spec.describe() + " network needs "
                        + expected + " values, got " + arrays[i].length);
            }
        }
    }

    /** The same body with a zero output layer of {@code classes} outputs (a fresh head for fine-tuning). */
    public ConvWeights withFreshHead(int classes) {
        ConvSpec s = spec.withOutputs(classes);
        float[][] a = arrays.clone();
        a[a.length - 2] = new float[s.embeddingSize() * classes];
        a[a.length - 1] = new float[classes];
        return new ConvWeights(s, a);
    }

    /**
     * The same weights read through an embedding scaled to length {@code scale} (0: unnormalised), e.g. a body
     * pretrained without normalisation meta-trained further on cosine prototypes (Meta-Baseline).
     */
    public ConvWeights withEmbeddingScale(double scale) {
        return new ConvWeights(spec.withEmbeddingScale(scale), arrays);
    }

    /** Number of parameters. */
    public long parameterCount() {
        long n = 0;
        for (float[] a : arrays) {
            n += a.length;
        }
        return n;
    }
}
