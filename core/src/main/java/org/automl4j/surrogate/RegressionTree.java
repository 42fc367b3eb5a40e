package org.automl4j.surrogate;

import java.util.BitSet;

/**
 * One fitted regression tree of a {@link RegressionForest}, as immutable node arrays. Node 0 is the
 * root; an inner node's right child is always its left child plus one. Every node, inner or leaf,
 * keeps the (bootstrap-weighted) mean, variance and weight of the training targets that reached it,
 * so the tree can be read as a partition of the input space for functional ANOVA or importance.
 *
 * <p>A numeric split sends {@code x[feature] <= threshold} to the left child. A categorical split
 * sends the categories of a set to the left (codes that did not occur at the node during fitting go
 * to the side that received more weight). Instances are immutable and thread-safe.
 */
public final class RegressionTree {

    /** Split column of a numeric split; -1 for a leaf; {@code -2 - column} for a categorical split. */
    private final int[] feature;
    private final double[] threshold;
    private final long[][] leftMask;
    private final int[] left;
    private final double[] value;
    private final double[] variance;
    private final double[] weight;

    RegressionTree(int[] feature, double[] threshold, long[][] leftMask, int[] left, double[] value,
            double[] variance, double[] weight) {
        this.feature = feature;
        this.threshold = threshold;
        this.leftMask = leftMask;
        this.left = left;
        this.value = value;
        this.variance = variance;
        this.weight = weight;
    }

    /** Number of nodes, inner and leaves. */
    public int nodeCount() {
        return feature.length;
    }

    /** Whether {@code node} is a leaf. */
    public boolean isLeaf(int node) {
        return feature[node] == -1;
    }

    /** The column an inner node splits on, or -1 for a leaf. */
    public int feature(int node) {
        int f = feature[node];
        return f >= -1 ? f : -2 - f;
    }

    /** Whether an inner node splits a categorical column. */
    public boolean isCategoricalSplit(int node) {
        return leftMask[node] != null;
    }

    /** The threshold of a numeric split ({@code x <= threshold} goes left); NaN for leaves and categorical splits. */
    public double threshold(int node) {
        return feature[node] >= 0 ? threshold[node] : Double.NaN;
    }

    /** The categories a categorical split sends to the left child (a copy); empty otherwise. */
    public BitSet leftCategories(int node) {
        return leftMask[node] == null ? new BitSet() : BitSet.valueOf(leftMask[node]);
    }

    /** The left child of an inner node. */
    public int leftChild(int node) {
        requireInner(node);
        return left[node];
    }

    /** The right child of an inner node. */
    public int rightChild(int node) {
        requireInner(node);
        return left[node] + 1;
    }

    private void requireInner(int node) {
        if (feature[node] == -1) {
            throw new IllegalArgumentException("node " + node + " is a leaf and has no children; check isLeaf first");
        }
    }

    /** Whether value {@code v} of this inner node's column goes to the left child. */
    public boolean goesLeft(int node, double v) {
        requireInner(node);
        long[] mask = leftMask[node];
        if (mask == null) {
            return v <= threshold[node];
        }
        int code = (int) v;
        return code >= 0 && (code >>> 6) < mask.length && (mask[code >>> 6] >>> code & 1L) != 0;
    }

    /** The weighted mean of the training targets at {@code node}; a leaf's value is the tree's prediction. */
    public double value(int node) {
        return value[node];
    }

    /** The weighted variance of the training targets at {@code node}. */
    public double variance(int node) {
        return variance[node];
    }

    /** The weight (number of bootstrap draws) of the training rows at {@code node}. */
    public double weight(int node) {
        return weight[node];
    }

    /** The leaf that {@code x} falls into. */
    public int leafOf(double[] x) {
        int node = 0;
        int f;
        while ((f = feature[node]) != -1) {
            if (f >= 0) {
                // branch-free step: the direction is data-dependent and poorly predicted
                node = left[node] + (x[f] <= threshold[node] ? 0 : 1);
            } else {
                long[] mask = leftMask[node];
                int code = (int) x[-2 - f];
                boolean goLeft = code >= 0 && (code >>> 6) < mask.length && (mask[code >>> 6] >>> code & 1L) != 0;
                node = left[node] + (goLeft ? 0 : 1);
            }
        }
        return node;
    }

    /** This tree's prediction at {@code x}: the value of its leaf. */
    public double predict(double[] x) {
        return value[leafOf(x)];
    }

    /** Number of leaves. */
    public int leafCount() {
        int n = 0;
        for (int f : feature) {
            n += f == -1 ? 1 : 0;
        }
        return n;
    }
}
