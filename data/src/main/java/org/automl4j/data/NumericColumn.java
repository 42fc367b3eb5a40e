package org.automl4j.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A column of real numbers; NaN marks a missing value. Infinite values are rejected, here as when read.
 * Immutable: the array is copied in and never exposed.
 */
public final class NumericColumn implements Column {
    private final String name;
    private final double[] values;

    /**
     * A numeric column (the array is copied).
     *
     * @throws IllegalArgumentException if a value is infinite (the row and value are named)
     */
    public NumericColumn(String name, double[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = Objects.requireNonNull(values, "values of column '" + name + "'").clone();
        for (int i = 0; i < this.values.length; i++) {
            if (Double.isInfinite(this.values[i])) {
                throw new IllegalArgumentException("column '" + name + "' row " + i + ": " + this.values[i]
                        + " is infinite, which a numeric column cannot hold; replace it with a finite value, or"
                        + " with NaN for a missing value");
            }
        }
    }

    private NumericColumn(String name, double[] values, boolean owned) {
        this.name = name;
        this.values = values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int i) {
        return Double.isNaN(values[i]);
    }

    /** The value of row {@code i}; NaN when missing. */
    public double get(int i) {
        return values[i];
    }

    /** A copy of all values. */
    public double[] toArray() {
        return values.clone();
    }

    @Override
    public String text(int i) {
        double v = values[i];
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = values[rows[k]];
        }
        return new NumericColumn(name, out, true);
    }

    @Override
    public NumericColumn renamed(String newName) {
        return new NumericColumn(Objects.requireNonNull(newName, "newName"), values, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + ", " + values.length + " rows, " + missingCount() + " missing]";
    }
}
