package org.automl4j.sampler.gp;

import java.util.List;
import java.util.Map;
import org.automl4j.internal.ParamTransform;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;

/**
 * The model coordinates of a search space: each numeric parameter in [0, 1] through
 * {@link ParamTransform} (log scale in log space; ints and steps at the centres of equal cells, so the
 * model only ever sees valid grid points), each categorical parameter as its choice index, which the
 * kernel compares for equality only. Immutable.
 */
final class Encoding {

    /** Grids with at most this many points are searched exhaustively during local refinement. */
    static final int EXHAUSTIVE_GRID = 32;

    private final List<String> names;
    private final Distribution[] distributions;
    private final ParamTransform[] transforms;
    private final boolean[] categorical;
    private final boolean[] discrete;
    private final long[] sizes;

    /** The encoding of {@code space}, in its iteration order. */
    Encoding(Map<String, Distribution> space) {
        int d = space.size();
        names = List.copyOf(space.keySet());
        distributions = new Distribution[d];
        transforms = new ParamTransform[d];
        categorical = new boolean[d];
        discrete = new boolean[d];
        sizes = new long[d];
        int j = 0;
        for (Distribution dist : space.values()) {
            distributions[j] = dist;
            if (dist instanceof CategoricalDistribution c) {
                categorical[j] = true;
                discrete[j] = true;
                sizes[j] = c.size();
            } else {
                transforms[j] = ParamTransform.of(dist);
                discrete[j] = transforms[j].isDiscrete();
                if (dist instanceof IntDistribution i) {
                    sizes[j] = i.gridSize();
                } else if (dist instanceof FloatDistribution f && f.hasStep()) {
                    sizes[j] = f.gridSize();
                }
            }
            j++;
        }
    }

    int dims() {
        return names.size();
    }

    List<String> names() {
        return names;
    }

    Distribution distribution(int j) {
        return distributions[j];
    }

    /** Which dimensions are categorical. */
    boolean[] categorical() {
        return categorical.clone();
    }

    boolean isCategorical(int j) {
        return categorical[j];
    }

    /** Whether dimension j takes finitely many values (a categorical, an int or a stepped float). */
    boolean isDiscrete(int j) {
        return discrete[j];
    }

    /** Number of values of a discrete dimension. */
    long size(int j) {
        return sizes[j];
    }

    /** The model coordinate of an internal value. */
    double encode(int j, double internal) {
        return categorical[j] ? internal : transforms[j].normalize(internal);
    }

    /** The internal value of a model coordinate (rounded to the grid, clamped to the range). */
    double decode(int j, double model) {
        if (categorical[j]) {
            return Math.max(0, Math.min(sizes[j] - 1, Math.rint(model)));
        }
        return transforms[j].denormalize(model);
    }

    /** The valid model coordinate nearest to {@code model}. */
    double snap(int j, double model) {
        if (categorical[j]) {
            return decode(j, model);
        }
        double u = Math.max(0, Math.min(1, model));
        return discrete[j] ? transforms[j].normalize(transforms[j].denormalize(u)) : u;
    }

    /** The model coordinate of a point {@code u} of the unit interval (categoricals: equal shares). */
    double fromUnit(int j, double u) {
        if (categorical[j]) {
            return Math.min(sizes[j] - 1, (long) Math.floor(u * sizes[j]));
        }
        return snap(j, u);
    }

    /** Model coordinates of every value of a discrete dimension (call only when the size is small). */
    double[] values(int j) {
        double[] out = new double[(int) sizes[j]];
        for (int k = 0; k < out.length; k++) {
            out[k] = categorical[j] ? k : transforms[j].normalize(gridValue(j, k));
        }
        return out;
    }

    /** Grid point {@code k} (internal value) of a non-categorical discrete dimension. */
    private double gridValue(int j, long k) {
        if (distributions[j] instanceof IntDistribution i) {
            return i.low() + k * (double) i.step();
        }
        return transforms[j].gridValue(k);
    }

    /** The index of the grid point nearest to a model coordinate of a non-categorical discrete dimension. */
    long gridIndex(int j, double model) {
        double internal = transforms[j].denormalize(Math.max(0, Math.min(1, model)));
        if (distributions[j] instanceof IntDistribution i) {
            return Math.round((internal - i.low()) / i.step());
        }
        FloatDistribution f = (FloatDistribution) distributions[j];
        return Math.round((internal - f.low()) / f.step());
    }

    /** The model coordinate of grid point {@code k} of a non-categorical discrete dimension, or NaN outside the grid. */
    double gridPoint(int j, long k) {
        if (k < 0 || k >= sizes[j]) {
            return Double.NaN;
        }
        return transforms[j].normalize(gridValue(j, k));
    }
}
