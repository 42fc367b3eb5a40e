package org.automl4j.nas.evaluator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.images.ImageSet;

/**
 * Labelled training examples as flat arrays, what {@link NetworkTrainer} feeds a network: {@code size()}
 * samples of shape {@link #sampleShape()} ({@code {C, H, W}} for images, {@code {F}} for feature vectors)
 * stored row-major in one float array, and a class index per sample. Immutable (arrays are copied in and
 * never handed out).
 */
public final class Samples {
    private final float[] x;
    private final int[] shape;
    private final int[] y;
    private final int classes;
    private final int per;

    private Samples(float[] x, int[] shape, int[] y, int classes) {
        int p = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("sample shape must be positive, got " + Arrays.toString(shape));
            }
            p *= d;
        }
        if ((long) p * y.length != x.length) {
            throw new IllegalArgumentException(y.length + " samples of shape " + Arrays.toString(shape) + " need "
                    + (long) p * y.length + " values, got " + x.length);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classification needs at least 2 classes, got " + classes);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("label " + y[i] + " of sample " + i + " is outside [0, " + classes + ")");
            }
        }
        this.x = x;
        this.shape = shape;
        this.y = y;
        this.classes = classes;
        this.per = p;
    }

    /** The images of {@code images}, shape {@code {C, H, W}}. */
    public static Samples of(ImageSet images) {
        return new Samples(images.pixels(), new int[] {images.channels(), images.height(), images.width()},
                images.labels(), images.classCount());
    }

    /** Feature vectors (rows of equal length, copied) with their class indices. */
    public static Samples ofRows(double[][] rows, int[] labels, int classes) {
        if (rows.length != labels.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
        }
        int f = rows.length == 0 ? 1 : rows[0].length;
        float[] x = new float[rows.length * f];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != f) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + f);
            }
            for (int j = 0; j < f; j++) {
                x[i * f + j] = (float) rows[i][j];
            }
        }
        return new Samples(x, new int[] {f}, labels.clone(), classes);
    }

    /** Number of samples. */
    public int size() {
        return y.length;
    }

    /** The shape of one sample (a copy). */
    public int[] sampleShape() {
        return shape.clone();
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** The class index of sample {@code i}. */
    public int label(int i) {
        return y[i];
    }

    /** Values per sample. */
    int valuesPerSample() {
        return per;
    }

    /** Copies the samples {@code rows} into {@code dst} (row-major) and their labels into {@code labels}. */
    void gather(int[] rows, int from, int count, float[] dst, float[] labels) {
        for (int i = 0; i < count; i++) {
            int r = rows[from + i];
            System.arraycopy(x, r * per, dst, i * per, per);
            labels[i] = y[r];
        }
    }

    /** The samples at {@code rows}, in that order. */
    public Samples subset(int[] rows) {
        float[] nx = new float[rows.length * per];
        int[] ny = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * per, nx, i * per, per);
            ny[i] = y[rows[i]];
        }
        return new Samples(nx, shape, ny, classes);
    }

    /**
     * A seeded stratified subset with about {@code fraction} of each class (at least one sample of each
     * class present), in the original order; this set itself when {@code fraction >= 1}.
     */
    public Samples fraction(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a data fraction must be in (0, 1], got " + fraction);
        }
        if (fraction >= 1) {
            return this;
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < y.length; i++) {
            byClass.get(y[i]).add(i);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> keep = new ArrayList<>();
        for (List<Integer> rows : byClass) {
            if (rows.isEmpty()) {
                continue;
            }
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer t = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, t);
            }
            long m = Math.max(1, Math.round(fraction * rows.size()));
            keep.addAll(rows.subList(0, (int) m));
        }
        return subset(keep.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    @Override
    public String toString() {
        return size() + " samples of shape " + Arrays.toString(shape) + ", " + classes + " classes";
    }
}
