package org.automl4j.metagrad.hypergradient;

import java.util.Objects;

/**
 * Classification data for the MLP trainers: feature rows (already scaled) and class indices
 * {@code 0..classes-1}.
 *
 * @param x       feature rows, all of the same length
 * @param y       class index per row
 * @param classes number of classes (network outputs)
 */
public record LabeledData(float[][] x, int[] y, int classes) {
    public LabeledData {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need at least one row and one label per row, got " + x.length + " rows and "
                    + y.length + " labels");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classification needs at least 2 classes, got " + classes);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("row " + i + " has class index " + y[i] + ", not in 0.." + (classes - 1));
            }
            if (x[i].length != x[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, row 0 has " + x[0].length);
            }
        }
    }

    /** Rows. */
    public int size() {
        return x.length;
    }

    /** Features per row. */
    public int features() {
        return x[0].length;
    }

    /** The rows {@code idx}, in that order. */
    public LabeledData rows(int[] idx) {
        float[][] xs = new float[idx.length][];
        int[] ys = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            xs[i] = x[idx[i]];
            ys[i] = y[idx[i]];
        }
        return new LabeledData(xs, ys, classes);
    }
}
