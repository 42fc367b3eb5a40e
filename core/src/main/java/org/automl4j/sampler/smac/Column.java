package org.automl4j.sampler.smac;

import org.automl4j.internal.ParamTransform;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;

/**
 * One parameter as a column of the surrogate's input: a numeric parameter as its position in
 * [0, 1] ({@link ParamTransform}: log space for log scale; a grid value (int, step) at the position
 * of its value, so every grid value has one canonical position), a categorical as its choice index.
 * An inactive parameter is imputed as {@link #INACTIVE_NUMERIC} or as the extra category {@code k}.
 * Immutable; a column whose latest distribution changes is replaced.
 */
final class Column {

    /** The imputed value of an inactive numeric parameter: outside [0, 1], so the forest can split on activity. */
    static final double INACTIVE_NUMERIC = -1;

    final String name;
    final Distribution distribution;
    /** Number of choices of a categorical, 0 for a numeric parameter. */
    final int k;
    /** The unit-interval transform of a numeric parameter; null for a categorical. */
    final ParamTransform transform;
    /** Whether the numeric parameter is a grid (int, stepped float). */
    final boolean discrete;

    Column(String name, Distribution distribution) {
        this.name = name;
        this.distribution = distribution;
        if (distribution instanceof CategoricalDistribution c) {
            k = c.size();
            transform = null;
            discrete = true;
        } else {
            k = 0;
            transform = ParamTransform.of(distribution);
            discrete = transform.isDiscrete();
        }
    }

    boolean isCategorical() {
        return k > 0;
    }

    /** The forest's category count for this column (choices plus "inactive"), 0 for numeric. */
    int forestCategories() {
        return k > 0 ? k + 1 : 0;
    }

    /** The surrogate's value of an inactive parameter. */
    double inactive() {
        return k > 0 ? k : INACTIVE_NUMERIC;
    }

    /**
     * The column value of a trial's parameter given under {@code d} with external value {@code value},
     * or NaN when it cannot be expressed in this column (another kind, or a choice this column lacks).
     */
    double encode(Distribution d, Object value) {
        if (k > 0) {
            if (d.equals(distribution)) {
                return d.toInternal(value);
            }
            if (!(d instanceof CategoricalDistribution)) {
                return Double.NaN;
            }
            int idx = ((CategoricalDistribution) distribution).choices().indexOf(value);
            return idx < 0 ? Double.NaN : idx;
        }
        if (d instanceof CategoricalDistribution) {
            return Double.NaN;
        }
        return position(d.toInternal(value));
    }

    /** The canonical position in [0, 1] of numeric internal value {@code internal}. */
    private double position(double internal) {
        double u = transform.normalize(internal);
        return Double.isNaN(u) ? 0 : Math.max(0, Math.min(1, u));
    }

    /** A unit-interval value moved to the canonical position of the grid value it stands for; unchanged if continuous. */
    double snap(double u) {
        return discrete ? position(transform.denormalize(u)) : u;
    }

    /**
     * The grid neighbour of position {@code u} one cell up ({@code dir > 0}) or down, or {@code u} itself at the
     * end of the range; numeric grid columns only.
     */
    double adjacent(double u, int dir) {
        double v = transform.denormalize(u);
        double edge = dir > 0 ? transform.cellUpper(v) : transform.cellLower(v);
        double w = transform.denormalize(Math.max(0, Math.min(1, edge + (dir > 0 ? 1e-9 : -1e-9))));
        return position(w);
    }

    /** The internal value of column value {@code u} (a category index, or a unit-interval position). */
    double decode(double u) {
        if (k > 0) {
            return Math.max(0, Math.min(k - 1, (int) u));
        }
        return transform.denormalize(Math.max(0, Math.min(1, u)));
    }
}
