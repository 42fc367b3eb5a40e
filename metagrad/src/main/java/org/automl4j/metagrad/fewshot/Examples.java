package org.automl4j.metagrad.fewshot;

import java.util.Objects;

/**
 * A few labelled examples: feature rows and one target per row (a value for regression, a class index
 * {@code 0..N-1} for classification). The arrays are kept as given; do not change them afterwards.
 *
 * @param x feature rows, all of the same length
 * @param y targets, one per row
 */
public record Examples(float[][] x, float[] y) {

    public Examples {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length == 0) {
            throw new IllegalArgumentException("no examples: give at least one row");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " feature rows but " + y.length + " targets");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, row 0 has " + d);
            }
        }
    }

    /** Number of rows. */
    public int size() {
        return x.length;
    }

    /** Features per row. */
    public int features() {
        return x[0].length;
    }
}
