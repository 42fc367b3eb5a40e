package org.automl4j.data;

import java.util.List;
import java.util.Objects;

/**
 * The numeric form learners train on: a dense row-major feature matrix (NaN marks a missing value
 * for learners that handle them), the targets, and optional sample weights. For classification,
 * {@code y[i]} is the class index into {@code classes}; for regression it is the value. The arrays
 * are shared, not copied: treat them as read-only.
 *
 * @param x            rows x features
 * @param y            one target per row
 * @param weights      one weight per row, or null for equal weights
 * @param task         binary, multiclass or regression
 * @param classes      class labels by index (empty for regression)
 * @param featureNames one name per feature column
 */
public record Dataset(double[][] x, double[] y, double[] weights, Task task, List<String> classes,
        List<String> featureNames) {

    public Dataset {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(task, "task");
        classes = List.copyOf(classes);
        featureNames = List.copyOf(featureNames);
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length);
        }
        if (weights != null && weights.length != y.length) {
            throw new IllegalArgumentException("weights has " + weights.length + " entries but there are " + y.length
                    + " rows");
        }
        if (x.length > 0 && x[0].length != featureNames.size()) {
            throw new IllegalArgumentException("x has " + x[0].length + " features but " + featureNames.size()
                    + " feature names were given");
        }
        if (task.isClassification() && classes.size() < 2) {
            throw new IllegalArgumentException("a " + task + " dataset needs at least two classes, but got " + classes);
        }
    }

    /** Number of rows. */
    public int rows() {
        return y.length;
    }

    /** Number of features. */
    public int features() {
        return featureNames.size();
    }

    /** Number of classes (0 for regression). */
    public int classCount() {
        return classes.size();
    }

    /** The class index of row {@code i}. */
    public int label(int i) {
        return (int) y[i];
    }

    /** The same dataset restricted to {@code rows}. */
    public Dataset select(int[] rows) {
        double[][] sx = new double[rows.length][];
        double[] sy = new double[rows.length];
        double[] sw = weights == null ? null : new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            sx[k] = x[rows[k]];
            sy[k] = y[rows[k]];
            if (sw != null) {
                sw[k] = weights[rows[k]];
            }
        }
        return new Dataset(sx, sy, sw, task, classes, featureNames);
    }
}
