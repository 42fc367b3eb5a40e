package org.automl4j.surrogate;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A random forest of regression trees (Breiman 2001) as used by SMAC (Hutter et al. 2011) for
 * Bayesian optimisation: each tree is grown on a bootstrap sample, at each node over a random
 * fraction of the columns, with the squared-error criterion, down to {@code minSamplesLeaf}. The
 * prediction at a point is the mean of the trees' leaf values, and its variance is either the
 * variance of the trees' predictions ({@link VarianceMode#BETWEEN_TREES}, SMAC's default) or the law
 * of total variance over the trees' leaves ({@link VarianceMode#TOTAL}).
 *
 * <h2>Inputs</h2>
 * Rows are configurations: numeric columns normalised to [0, 1], categorical columns as integer
 * codes {@code 0 .. k-1} declared by {@code categories[j] = k} ({@code 0} declares a numeric column).
 * Categorical splits are exact: the categories at a node are ordered by mean target and the best
 * prefix goes left, which is the optimal two-way partition for squared error. Numeric values outside
 * [0, 1] may mark special states (an inactive parameter imputed as -1): a split between such a value
 * and unit-interval values is always placed outside the unit interval, so any value in [0, 1] falls on
 * the side of the observed in-range values. Elsewhere the threshold lies uniformly at random between
 * the two neighbouring training values ({@link SplitPoint#UNIFORM}, so trees disagree in the gaps
 * between observations and the variance grows there) or at their midpoint.
 *
 * <h2>Cost</h2>
 * Rows are sorted once per numeric column and shared by all trees; every tree keeps presorted
 * segments that are partitioned stably at each split, so a tree costs O(columns x rows x depth).
 *
 * <p>Fitting is deterministic for {@link Options#seed()}. Instances are immutable and thread-safe.
 */
public final class RegressionForest {

    /** How {@link #predict} computes the variance. */
    public enum VarianceMode {
        /** The variance of the trees' predictions (pyrfr's and SMAC's default). */
        BETWEEN_TREES,
        /** Law of total variance: mean over trees of (leaf variance + leaf mean^2), minus the mean^2. */
        TOTAL
    }

    /** Where a numeric threshold lies between two neighbouring training values. */
    public enum SplitPoint {
        /** Uniformly at random in the gap: averaged over trees, the prediction changes gradually across gaps. */
        UNIFORM,
        /** At the midpoint, as in CART. */
        MIDPOINT
    }

    /**
     * Forest settings. Immutable; change them with {@link #builder()} or {@link #toBuilder()}.
     *
     * @param nTrees          number of trees
     * @param bootstrap       whether each tree sees a bootstrap sample (else every row once)
     * @param maxFeatures     fraction of the columns tried at each node ({@code max(1, (int) (f * d))}); columns
     *                        constant at the node do not count, as in scikit-learn
     * @param minSamplesSplit a node with fewer distinct rows is a leaf
     * @param minSamplesLeaf  each child of a split keeps at least this many distinct rows
     * @param maxDepth        nodes at this depth are leaves (the root has depth 0)
     * @param variance        how the predictive variance is computed
     * @param splitPoint      where numeric thresholds lie in the gap between neighbouring values
     * @param seed            the seed of the bootstrap samples, column subsets and thresholds
     */
    public record Options(int nTrees, boolean bootstrap, double maxFeatures, int minSamplesSplit, int minSamplesLeaf,
            int maxDepth, VarianceMode variance, SplitPoint splitPoint, long seed) {

        /** @throws IllegalArgumentException on a setting out of its range (the message names it) */
        public Options {
            check(nTrees >= 1, "nTrees must be >= 1", nTrees);
            check(maxFeatures > 0 && maxFeatures <= 1, "maxFeatures must be in (0, 1]", maxFeatures);
            check(minSamplesSplit >= 2, "minSamplesSplit must be >= 2", minSamplesSplit);
            check(minSamplesLeaf >= 1, "minSamplesLeaf must be >= 1", minSamplesLeaf);
            check(maxDepth >= 0, "maxDepth must be >= 0", maxDepth);
            Objects.requireNonNull(variance, "variance");
            Objects.requireNonNull(splitPoint, "splitPoint");
        }

        private static void check(boolean ok, String rule, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(rule + ", but got " + value);
            }
        }

        /**
         * SMAC3's hyperparameter-optimisation settings: 10 trees, bootstrap, all columns, min split 2, min leaf 1,
         * unlimited depth (capped at 1000), variance between trees; uniform thresholds; seed 0.
         */
        public static Options defaults() {
            return new Options(10, true, 1.0, 2, 1, 1000, VarianceMode.BETWEEN_TREES, SplitPoint.UNIFORM, 0);
        }

        /** These settings with another seed. */
        public Options withSeed(long v) {
            return new Options(nTrees, bootstrap, maxFeatures, minSamplesSplit, minSamplesLeaf, maxDepth, variance,
                    splitPoint, v);
        }

        /** A builder starting from {@link #defaults()}. */
        public static Builder builder() {
            return defaults().toBuilder();
        }

        /** A builder starting from these settings. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Builds {@link Options}; every setter validates at once. Not thread-safe. */
        public static final class Builder {
            private int nTrees;
            private boolean bootstrap;
            private double maxFeatures;
            private int minSamplesSplit;
            private int minSamplesLeaf;
            private int maxDepth;
            private VarianceMode variance;
            private SplitPoint splitPoint;
            private long seed;

            private Builder(Options o) {
                nTrees = o.nTrees;
                bootstrap = o.bootstrap;
                maxFeatures = o.maxFeatures;
                minSamplesSplit = o.minSamplesSplit;
                minSamplesLeaf = o.minSamplesLeaf;
                maxDepth = o.maxDepth;
                variance = o.variance;
                splitPoint = o.splitPoint;
                seed = o.seed;
            }

            private Builder checked() {
                build();
                return this;
            }

            public Builder nTrees(int v) {
                nTrees = v;
                return checked();
            }

            public Builder bootstrap(boolean v) {
                bootstrap = v;
                return this;
            }

            public Builder maxFeatures(double v) {
                maxFeatures = v;
                return checked();
            }

            public Builder minSamplesSplit(int v) {
                minSamplesSplit = v;
                return checked();
            }

            public Builder minSamplesLeaf(int v) {
                minSamplesLeaf = v;
                return checked();
            }

            public Builder maxDepth(int v) {
                maxDepth = v;
                return checked();
            }

            public Builder variance(VarianceMode v) {
                variance = v;
                return checked();
            }

            public Builder splitPoint(SplitPoint v) {
                splitPoint = v;
                return checked();
            }

            public Builder seed(long v) {
                seed = v;
                return this;
            }

            /** @throws IllegalArgumentException on a setting out of its range */
            public Options build() {
                return new Options(nTrees, bootstrap, maxFeatures, minSamplesSplit, minSamplesLeaf, maxDepth, variance,
                        splitPoint, seed);
            }
        }
    }

    /**
     * A prediction at one point.
     *
     * @param mean     the mean of the trees' predictions
     * @param variance the predictive variance ({@link VarianceMode}), {@code >= 0}
     */
    public record Prediction(double mean, double variance) {
    }

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private final Options options;
    private final int[] categories;
    private final RegressionTree[] trees;

    private RegressionForest(Options options, int[] categories, RegressionTree[] trees) {
        this.options = options;
        this.categories = categories;
        this.trees = trees;
    }

    /**
     * Fits a forest.
     *
     * @param x          rows of inputs, all of length {@code categories.length}; not modified
     * @param y          one finite target per row
     * @param categories per column: {@code 0} for a numeric column, {@code k >= 1} for a categorical column whose
     *                   values are the codes {@code 0 .. k-1}
     * @param options    the settings
     * @throws IllegalArgumentException on no rows, ragged rows, a non-finite value or an invalid category code
     */
    public static RegressionForest fit(double[][] x, double[] y, int[] categories, Options options) {
        return fit(x, y, categories, options, (long) x.length * categories.length >= PARALLEL_CELLS);
    }

    /**
     * Inputs (rows x columns) from which {@link #fit} grows its trees in parallel (on the common fork-join
     * pool): below it a tree takes microseconds and forking would cost more than it saves.
     */
    static final long PARALLEL_CELLS = 20_000;

    /**
     * {@link #fit}, growing the trees in parallel or one after another. Each tree draws from its own seeded
     * generator and lands in its own slot, so the forest is the same either way.
     */
    static RegressionForest fit(double[][] x, double[] y, int[] categories, Options options, boolean parallel) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(options, "options");
        if (x.length == 0) {
            throw new IllegalArgumentException("a forest needs at least one row, but x is empty");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length
                    + " values; give one target per row");
        }
        int d = categories.length;
        for (int j = 0; j < d; j++) {
            if (categories[j] < 0) {
                throw new IllegalArgumentException("categories[" + j + "] = " + categories[j]
                        + "; use 0 for a numeric column or the number of categories");
            }
        }
        double[][] cols = new double[d][x.length];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException("row " + i + " has " + (row == null ? "no" : row.length)
                        + " values but there are " + d + " columns (categories.length)");
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + "; targets must be finite");
            }
            for (int j = 0; j < d; j++) {
                double v = row[j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("x[" + i + "][" + j + "] = " + v + "; inputs must be finite"
                            + " (impute missing values, e.g. -1 for an inactive numeric parameter)");
                }
                if (categories[j] > 0 && (v != Math.rint(v) || v < 0 || v >= categories[j])) {
                    throw new IllegalArgumentException("x[" + i + "][" + j + "] = " + v + " is not a category code of"
                            + " column " + j + ", which has " + categories[j] + " categories (codes 0.."
                            + (categories[j] - 1) + ")");
                }
                cols[j][i] = v;
            }
        }
        TreeBuilder builder = new TreeBuilder(cols, y, categories.clone(), options);
        RegressionTree[] trees = new RegressionTree[options.nTrees()];
        java.util.stream.IntStream indices = java.util.stream.IntStream.range(0, trees.length);
        (parallel ? indices.parallel() : indices).forEach(
                t -> trees[t] = builder.build(new SplittableRandom(mix(options.seed() + (t + 1) * GAMMA))));
        return new RegressionForest(options, categories.clone(), trees);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The settings this forest was fitted with. */
    public Options options() {
        return options;
    }

    /** Number of columns. */
    public int nColumns() {
        return categories.length;
    }

    /** The number of categories of column {@code j}, or 0 for a numeric column. */
    public int categories(int j) {
        return categories[j];
    }

    /** Number of trees. */
    public int nTrees() {
        return trees.length;
    }

    /** Tree {@code i}, {@code 0 <= i < nTrees()}. */
    public RegressionTree tree(int i) {
        return trees[i];
    }

    /**
     * The predictive mean and variance at {@code x} (a row as in {@link #fit}).
     *
     * @throws IllegalArgumentException if {@code x} does not have one value per column
     */
    public Prediction predict(double[] x) {
        requireWidth(x);
        double[] mv = new double[2];
        predictInto(x, mv);
        return new Prediction(mv[0], mv[1]);
    }

    /**
     * Predicts many points at once: {@code mean[i]} and {@code variance[i]} for {@code xs[i]}.
     *
     * @throws IllegalArgumentException on arrays of different lengths or a row of the wrong width
     */
    public void predict(double[][] xs, double[] mean, double[] variance) {
        if (mean.length < xs.length || variance.length < xs.length) {
            throw new IllegalArgumentException("mean and variance need " + xs.length + " slots, but have "
                    + mean.length + " and " + variance.length);
        }
        double[] mv = new double[2];
        for (int i = 0; i < xs.length; i++) {
            requireWidth(xs[i]);
            predictInto(xs[i], mv);
            mean[i] = mv[0];
            variance[i] = mv[1];
        }
    }

    /** Mean into {@code out[0]}, variance into {@code out[1]}; no checks (hot path for samplers in this module). */
    void predictInto(double[] x, double[] out) {
        // sums shifted by the first tree's value, so the variance does not cancel when values are large
        boolean total = options.variance() == VarianceMode.TOTAL;
        double shift = 0;
        double sum = 0;
        double sumSq = 0;
        double leafVar = 0;
        for (int t = 0; t < trees.length; t++) {
            RegressionTree tree = trees[t];
            int leaf = tree.leafOf(x);
            double v = tree.value(leaf);
            if (t == 0) {
                shift = v;
            }
            double e = v - shift;
            sum += e;
            sumSq += e * e;
            if (total) {
                leafVar += tree.variance(leaf);
            }
        }
        int n = trees.length;
        double meanShifted = sum / n;
        out[0] = shift + meanShifted;
        out[1] = Math.max(0, sumSq / n - meanShifted * meanShifted) + leafVar / n;
    }

    /** Each tree's prediction at {@code x}, in tree order. */
    public double[] treePredictions(double[] x) {
        requireWidth(x);
        double[] out = new double[trees.length];
        for (int t = 0; t < trees.length; t++) {
            out[t] = trees[t].predict(x);
        }
        return out;
    }

    private void requireWidth(double[] x) {
        if (x == null || x.length != categories.length) {
            throw new IllegalArgumentException("a point needs " + categories.length + " values (one per column), but got "
                    + (x == null ? "null" : String.valueOf(x.length)));
        }
    }

    @Override
    public String toString() {
        int nodes = 0;
        for (RegressionTree t : trees) {
            nodes += t.nodeCount();
        }
        return "RegressionForest(trees=" + trees.length + ", columns=" + categories.length + ", nodes=" + nodes
                + ", categorical=" + Arrays.stream(categories).filter(k -> k > 0).count() + ")";
    }
}
