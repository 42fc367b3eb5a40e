package org.automl4j.surrogate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows the trees of one {@link RegressionForest} fit. The rows are sorted once per numeric column
 * and shared by every tree; each tree filters that order to its bootstrap sample and keeps one
 * sorted index segment per column and node, partitioned stably at every split (the classic
 * presorted CART layout), so finding the best numeric split of a node is a linear scan and a tree
 * costs O(columns x rows x depth). Categorical columns use the exact optimal binary partition for
 * squared error: categories sorted by mean target, best prefix (Breiman et al. 1984, section 9.4).
 * One builder per fit; {@link #build} only reads the shared arrays (each tree grows in its own state), so
 * trees of one fit may grow on several threads at once.
 */
final class TreeBuilder {

    private final double[][] cols;
    private final double[] y;
    private final int[] categories;
    private final int n;
    private final int d;
    private final int[][] sorted;
    private final RegressionForest.Options options;
    private final int maxCategories;

    /**
     * @param cols       column-major inputs, {@code cols[j][i]} = row i, column j (validated by the forest)
     * @param y          targets
     * @param categories per column: 0 for numeric, else the number of category codes
     */
    TreeBuilder(double[][] cols, double[] y, int[] categories, RegressionForest.Options options) {
        this.cols = cols;
        this.y = y;
        this.categories = categories;
        this.n = y.length;
        this.d = categories.length;
        this.options = options;
        int mc = 0;
        sorted = new int[d][];
        for (int j = 0; j < d; j++) {
            mc = Math.max(mc, categories[j]);
            if (categories[j] == 0) {
                sorted[j] = sortedIndex(cols[j]);
            }
        }
        maxCategories = mc;
    }

    /** Row indices ordered by {@code values} (ascending; equal values in a fixed but unspecified order). */
    private static int[] sortedIndex(double[] values) {
        int len = values.length;
        double[] copy = values.clone();
        Arrays.sort(copy);
        // rank (any position of an equal value: ranks only need to be monotone in the value) and index in one long
        long[] keys = new long[len];
        for (int i = 0; i < len; i++) {
            keys[i] = ((long) Arrays.binarySearch(copy, values[i]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] out = new int[len];
        for (int i = 0; i < len; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    /** Grows one tree on a bootstrap sample (or all rows) drawn from {@code rng}. */
    RegressionTree build(SplittableRandom rng) {
        double[] w = new double[n];
        if (options.bootstrap()) {
            for (int i = 0; i < n; i++) {
                w[rng.nextInt(n)] += 1;
            }
        } else {
            Arrays.fill(w, 1);
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            m += w[i] > 0 ? 1 : 0;
        }
        int[] rows = new int[m];
        for (int i = 0, k = 0; i < n; i++) {
            if (w[i] > 0) {
                rows[k++] = i;
            }
        }
        int[][] ord = new int[d][];
        for (int j = 0; j < d; j++) {
            if (sorted[j] != null) {
                int[] o = new int[m];
                int k = 0;
                for (int r : sorted[j]) {
                    if (w[r] > 0) {
                        o[k++] = r;
                    }
                }
                ord[j] = o;
            }
        }
        return new Grower(w, rows, ord, rng, m).grow();
    }

    /** The state of growing one tree. */
    private final class Grower {
        private final double[] w;
        private final double[] wy;
        private final int[] rows;
        private final int[][] ord;
        private final SplittableRandom rng;
        private final boolean[] goLeft = new boolean[n];
        private final int[] tmp;
        private final int[] featureOrder = new int[d];
        private final double[] catWeight = new double[maxCategories];
        private final double[] catSum = new double[maxCategories];
        private final int[] catCount = new int[maxCategories];
        private final int[] present = new int[maxCategories];

        // node arrays, capacity 2m - 1 (a binary tree with at most m leaves)
        private final int[] feature;
        private final double[] threshold;
        private final long[][] leftMask;
        private final int[] left;
        private final double[] value;
        private final double[] variance;
        private final double[] weight;
        private int nodes;

        // the best split of the current node
        private int bestFeature;
        private double bestGain;
        private double bestLo;
        private double bestHi;
        private long[] bestMask;

        Grower(double[] w, int[] rows, int[][] ord, SplittableRandom rng, int m) {
            this.w = w;
            this.wy = new double[n];
            for (int i = 0; i < n; i++) {
                wy[i] = w[i] * y[i];
            }
            this.rows = rows;
            this.ord = ord;
            this.rng = rng;
            this.tmp = new int[m];
            int cap = Math.max(1, 2 * m - 1);
            feature = new int[cap];
            threshold = new double[cap];
            leftMask = new long[cap][];
            left = new int[cap];
            value = new double[cap];
            variance = new double[cap];
            weight = new double[cap];
        }

        RegressionTree grow() {
            int m = rows.length;
            // stack of (node, start, end, depth)
            int[] stack = new int[4 * Math.max(4, 2 * m)];
            int sp = 0;
            nodes = 1;
            stack[sp++] = 0;
            stack[sp++] = 0;
            stack[sp++] = m;
            stack[sp++] = 0;
            while (sp > 0) {
                int depth = stack[--sp];
                int end = stack[--sp];
                int start = stack[--sp];
                int node = stack[--sp];
                int mid = splitNode(node, start, end, depth);
                if (mid < 0) {
                    continue;
                }
                int l = nodes;
                nodes += 2;
                left[node] = l;
                if (sp + 8 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                stack[sp++] = l + 1;
                stack[sp++] = mid;
                stack[sp++] = end;
                stack[sp++] = depth + 1;
                stack[sp++] = l;
                stack[sp++] = start;
                stack[sp++] = mid;
                stack[sp++] = depth + 1;
            }
            return new RegressionTree(Arrays.copyOf(feature, nodes), Arrays.copyOf(threshold, nodes),
                    Arrays.copyOf(leftMask, nodes), Arrays.copyOf(left, nodes), Arrays.copyOf(value, nodes),
                    Arrays.copyOf(variance, nodes), Arrays.copyOf(weight, nodes));
        }

        /** Fills node's statistics and splits it; returns the segment boundary, or -1 for a leaf. */
        private int splitNode(int node, int start, int end, int depth) {
            double sw = 0;
            double sy = 0;
            for (int i = start; i < end; i++) {
                int r = rows[i];
                sw += w[r];
                sy += wy[r];
            }
            double mean = sy / sw;
            double ss = 0;
            for (int i = start; i < end; i++) {
                int r = rows[i];
                double e = y[r] - mean;
                ss += w[r] * e * e;
            }
            double var = ss / sw;
            feature[node] = -1;
            value[node] = mean;
            variance[node] = var;
            weight[node] = sw;
            int count = end - start;
            if (depth >= options.maxDepth() || count < options.minSamplesSplit()
                    || count < 2 * options.minSamplesLeaf() || var <= 1e-14 * mean * mean || var < Double.MIN_NORMAL) {
                return -1;
            }
            if (!findSplit(start, end, sw, sy)) {
                return -1;
            }
            int j = bestFeature;
            double t = 0;
            if (bestMask == null) {
                t = thresholdBetween(bestLo, bestHi);
                double[] xc = cols[j];
                for (int i = start; i < end; i++) {
                    int r = rows[i];
                    goLeft[r] = xc[r] <= t;
                }
            } else {
                double[] xc = cols[j];
                for (int i = start; i < end; i++) {
                    int r = rows[i];
                    int c = (int) xc[r];
                    goLeft[r] = (bestMask[c >>> 6] >>> c & 1L) != 0;
                }
            }
            int mid = partition(rows, start, end);
            for (int k = 0; k < d; k++) {
                if (ord[k] != null) {
                    partition(ord[k], start, end);
                }
            }
            feature[node] = bestMask == null ? j : -2 - j;
            threshold[node] = t;
            leftMask[node] = bestMask;
            return mid;
        }

        /** Stable partition of {@code a[start, end)} by {@code goLeft}; returns the first right position. */
        private int partition(int[] a, int start, int end) {
            // branch-free: the side is a coin flip per row, which a branch would mispredict half the time
            int l = start;
            int nr = 0;
            boolean[] side = goLeft;
            int[] right = tmp;
            for (int i = start; i < end; i++) {
                int r = a[i];
                int g = side[r] ? 1 : 0;
                a[l] = r;
                right[nr] = r;
                l += g;
                nr += 1 - g;
            }
            System.arraycopy(right, 0, a, l, nr);
            return l;
        }

        /**
         * A threshold in {@code [lo, hi)}: uniform or the midpoint, except that a gap containing 0 or 1
         * is cut outside the unit interval, so every unit-interval value stays with the inside values
         * (values outside [0, 1] are imputed markers such as inactive parameters).
         */
        private double thresholdBetween(double lo, double hi) {
            double t;
            if (lo < 0 && hi >= 0) {
                t = 0.5 * (lo + Math.min(hi, 0.0));
            } else if (lo <= 1 && hi > 1) {
                t = 0.5 * (1.0 + hi);
            } else if (options.splitPoint() == RegressionForest.SplitPoint.UNIFORM) {
                t = lo + rng.nextDouble() * (hi - lo);
            } else {
                t = lo + 0.5 * (hi - lo);
            }
            return t >= hi || t < lo ? lo : t;
        }

        /** Finds the best split of {@code [start, end)} over a random subset of columns; false if none. */
        private boolean findSplit(int start, int end, double sw, double sy) {
            int nFeatures = Math.max(1, (int) (options.maxFeatures() * d));
            for (int k = 0; k < d; k++) {
                featureOrder[k] = k;
            }
            bestFeature = -1;
            bestGain = Double.NEGATIVE_INFINITY;
            bestMask = null;
            int visited = 0;
            int minLeaf = options.minSamplesLeaf();
            for (int k = 0; k < d && visited < nFeatures; k++) {
                int pick = k + rng.nextInt(d - k);
                int j = featureOrder[pick];
                featureOrder[pick] = featureOrder[k];
                featureOrder[k] = j;
                boolean varies = categories[j] == 0 ? scanNumeric(j, start, end, sw, sy, minLeaf)
                        : scanCategorical(j, start, end, sw, sy, minLeaf);
                if (varies) {
                    visited++;
                }
            }
            return bestFeature >= 0;
        }

        private boolean scanNumeric(int j, int start, int end, double sw, double sy, int minLeaf) {
            int[] o = ord[j];
            double[] xc = cols[j];
            if (xc[o[start]] == xc[o[end - 1]]) {
                return false;
            }
            double wl = 0;
            double sl = 0;
            int count = end - start;
            int r = o[start];
            double xv = xc[r];
            for (int i = start; i < end - 1; i++) {
                wl += w[r];
                sl += wy[r];
                int rn = o[i + 1];
                double xn = xc[rn];
                if (xn != xv) {
                    int cl = i - start + 1;
                    if (count - cl < minLeaf) {
                        break;
                    }
                    if (cl >= minLeaf) {
                        double sr = sy - sl;
                        double gain = sl * sl / wl + sr * sr / (sw - wl);
                        if (gain > bestGain) {
                            bestGain = gain;
                            bestFeature = j;
                            bestLo = xv;
                            bestHi = xn;
                            bestMask = null;
                        }
                    }
                }
                r = rn;
                xv = xn;
            }
            return true;
        }

        private boolean scanCategorical(int j, int start, int end, double sw, double sy, int minLeaf) {
            int k = categories[j];
            double[] xc = cols[j];
            Arrays.fill(catWeight, 0, k, 0);
            Arrays.fill(catSum, 0, k, 0);
            Arrays.fill(catCount, 0, k, 0);
            for (int i = start; i < end; i++) {
                int r = rows[i];
                int c = (int) xc[r];
                catWeight[c] += w[r];
                catSum[c] += wy[r];
                catCount[c]++;
            }
            int p = 0;
            for (int c = 0; c < k; c++) {
                if (catCount[c] > 0) {
                    present[p++] = c;
                }
            }
            if (p < 2) {
                return false;
            }
            // insertion sort of the present categories by mean target (few categories)
            for (int a = 1; a < p; a++) {
                int c = present[a];
                double key = catSum[c] / catWeight[c];
                int b = a - 1;
                while (b >= 0 && catSum[present[b]] / catWeight[present[b]] > key) {
                    present[b + 1] = present[b];
                    b--;
                }
                present[b + 1] = c;
            }
            double wl = 0;
            double sl = 0;
            int cl = 0;
            int count = end - start;
            int bestPrefix = -1;
            double bestWl = 0;
            for (int t = 0; t < p - 1; t++) {
                int c = present[t];
                wl += catWeight[c];
                sl += catSum[c];
                cl += catCount[c];
                if (cl < minLeaf) {
                    continue;
                }
                if (count - cl < minLeaf) {
                    break;
                }
                double sr = sy - sl;
                double gain = sl * sl / wl + sr * sr / (sw - wl);
                if (gain > bestGain) {
                    bestGain = gain;
                    bestPrefix = t;
                    bestWl = wl;
                }
            }
            if (bestPrefix >= 0) {
                long[] mask = new long[(k + 63) >>> 6];
                for (int t = 0; t <= bestPrefix; t++) {
                    int c = present[t];
                    mask[c >>> 6] |= 1L << c;
                }
                if (bestWl >= sw - bestWl) {
                    // categories absent from this node go to the heavier side
                    for (int c = 0; c < k; c++) {
                        if (catCount[c] == 0) {
                            mask[c >>> 6] |= 1L << c;
                        }
                    }
                }
                bestFeature = j;
                bestMask = mask;
            }
            return true;
        }
    }
}
