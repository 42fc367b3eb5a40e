package org.automl4j.multiobjective;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact hypervolume indicator: the Lebesgue measure of the region that a set of loss vectors
 * dominates and that is bounded by a reference point (every objective minimised). Points that are
 * not strictly better than the reference point in every objective add nothing; dominated and
 * duplicate points are allowed and add nothing either.
 *
 * <ul>
 *   <li>1 objective: {@code r - min}.</li>
 *   <li>2 objectives: sort by the first loss and sweep, {@code O(n log n)}.</li>
 *   <li>3 objectives: sweep along the third loss while keeping the two-dimensional staircase of the
 *       points seen so far in a sorted map, updating its area by each new point's exclusive
 *       contribution, {@code O(n log n)} (Beume et al. 2009).</li>
 *   <li>4 or more: hypervolume by slicing objectives (HSO, While et al. 2006) down to the
 *       three-objective sweep: {@code O(n^(m-2) log n)}, meant for a handful of objectives and fronts
 *       of hundreds of points.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; the inputs are not modified.
 */
public final class Hypervolume {

    private Hypervolume() {
    }

    /**
     * The hypervolume that {@code points} dominate up to {@code reference}.
     *
     * @param points    {@code n} rows of {@code m} finite losses (any {@code n >= 0})
     * @param reference {@code m} finite losses bounding the region
     * @throws IllegalArgumentException if a row's length differs from the reference point's, or a
     *     value is not finite
     */
    public static double of(double[][] points, double[] reference) {
        if (reference == null || reference.length == 0) {
            throw new IllegalArgumentException("the reference point needs at least one objective");
        }
        for (int j = 0; j < reference.length; j++) {
            if (!Double.isFinite(reference[j])) {
                throw new IllegalArgumentException("reference[" + j + "] = " + reference[j]
                        + "; the reference point must be finite");
            }
        }
        int m = ParetoFronts.checkLosses(points);
        if (points.length > 0 && m != reference.length) {
            throw new IllegalArgumentException("the points have " + m + " objectives but the reference point has "
                    + reference.length + "; give the reference point one loss per objective");
        }
        // Keep the points strictly inside the reference box.
        double[][] inside = new double[points.length][];
        int n = 0;
        for (double[] p : points) {
            boolean in = true;
            for (int j = 0; j < reference.length && in; j++) {
                in = p[j] < reference[j];
            }
            if (in) {
                inside[n++] = p;
            }
        }
        return compute(Arrays.copyOf(inside, n), reference, reference.length);
    }

    /** Hypervolume of the first {@code d} objectives of {@code pts}, all strictly inside the box. */
    private static double compute(double[][] pts, double[] ref, int d) {
        if (pts.length == 0) {
            return 0;
        }
        if (d == 1) {
            double min = Double.POSITIVE_INFINITY;
            for (double[] p : pts) {
                min = Math.min(min, p[0]);
            }
            return ref[0] - min;
        }
        if (d == 2) {
            return sweep2d(pts, ref);
        }
        if (d == 3) {
            return sweep3d(pts, ref);
        }
        // Slice along objective d-1: between consecutive values, the cross-section is the
        // (d-1)-dimensional hypervolume of the points with a smaller or equal value.
        double[][] sorted = pts.clone();
        final int last = d - 1;
        Arrays.sort(sorted, (a, b) -> Double.compare(a[last], b[last]));
        double volume = 0;
        for (int i = 0; i < sorted.length; i++) {
            double next = i + 1 < sorted.length ? sorted[i + 1][last] : ref[last];
            double depth = next - sorted[i][last];
            if (depth > 0) {
                volume += compute(Arrays.copyOf(sorted, i + 1), ref, d - 1) * depth;
            }
        }
        return volume;
    }

    private static double sweep2d(double[][] pts, double[] ref) {
        double[][] sorted = pts.clone();
        Arrays.sort(sorted, (a, b) -> {
            int c = Double.compare(a[0], b[0]);
            return c != 0 ? c : Double.compare(a[1], b[1]);
        });
        double area = 0;
        double top = ref[1];
        for (double[] p : sorted) {
            if (p[1] < top) {
                area += (ref[0] - p[0]) * (top - p[1]);
                top = p[1];
            }
        }
        return area;
    }

    private static double sweep3d(double[][] pts, double[] ref) {
        double[][] sorted = pts.clone();
        Arrays.sort(sorted, (a, b) -> Double.compare(a[2], b[2]));
        // The staircase of the points seen so far in objectives 0 and 1: x ascending, y strictly descending.
        TreeMap<Double, Double> stairs = new TreeMap<>();
        double area = 0;
        double volume = 0;
        for (int i = 0; i < sorted.length; i++) {
            area += insert(stairs, sorted[i][0], sorted[i][1], ref);
            double next = i + 1 < sorted.length ? sorted[i + 1][2] : ref[2];
            volume += area * (next - sorted[i][2]);
        }
        return volume;
    }

    /** Adds (x, y) to the staircase and returns the area it adds (0 if it is dominated). */
    private static double insert(TreeMap<Double, Double> stairs, double x, double y, double[] ref) {
        Map.Entry<Double, Double> left = stairs.floorEntry(x);
        if (left != null && left.getValue() <= y) {
            return 0; // dominated by (or equal to) a point with x' <= x and y' <= y
        }
        Map.Entry<Double, Double> before = stairs.lowerEntry(x);
        double top = before == null ? ref[1] : before.getValue();
        double gain = 0;
        // Points at x' >= x, in x order; for heights in [max(y', y), top) the new region ends at x'.
        Map.Entry<Double, Double> e = stairs.ceilingEntry(x);
        while (e != null && top > y) {
            double lo = Math.max(e.getValue(), y);
            if (lo < top) {
                gain += (e.getKey() - x) * (top - lo);
                top = lo;
            }
            Map.Entry<Double, Double> nextEntry = stairs.higherEntry(e.getKey());
            if (e.getValue() >= y) {
                stairs.remove(e.getKey()); // now dominated by (x, y)
            }
            e = nextEntry;
        }
        if (top > y) {
            gain += (ref[0] - x) * (top - y);
        }
        stairs.put(x, y);
        return gain;
    }
}
