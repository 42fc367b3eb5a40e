package org.automl4j.multiobjective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto dominance on loss vectors (every objective minimised): dominance tests, non-dominated
 * sorting into fronts (Deb et al. 2002), its constrained variant and the crowding distance.
 *
 * <p>Sorting uses the efficient non-dominated sort of Zhang et al. (2015) on points in lexicographic
 * order, so it needs no dominance lists: {@code O(n log n)} for one or two objectives (binary search
 * over the fronts) and at most {@code O(m n^2)} for {@code m >= 3} objectives, with {@code O(n)}
 * memory. The ranks are the same as Deb's fast non-dominated sort.
 *
 * <p>Inputs are {@code double[n][m]} arrays of finite losses, one row per point; they are not
 * modified. Stateless and thread-safe.
 */
public final class ParetoFronts {

    private ParetoFronts() {
    }

    /**
     * Whether {@code a} Pareto-dominates {@code b}: no worse in every objective and strictly better in
     * at least one (losses, so smaller is better).
     *
     * @throws IllegalArgumentException if the vectors have different lengths
     */
    public static boolean dominates(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("cannot compare loss vectors of " + a.length + " and " + b.length
                    + " objectives; give both the same number of objectives");
        }
        boolean strictly = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            if (a[i] < b[i]) {
                strictly = true;
            }
        }
        return strictly;
    }

    /**
     * The non-domination rank of every point: 0 for the points no other point dominates (the Pareto
     * front), 1 for those only rank-0 points dominate, and so on. Equal points share a rank.
     *
     * @param losses {@code n} rows of {@code m >= 1} finite losses
     * @return the rank of each row, in input order
     * @throws IllegalArgumentException on ragged rows, an empty row or a non-finite loss
     */
    public static int[] ranks(double[][] losses) {
        int m = checkLosses(losses);
        int n = losses.length;
        int[] rank = new int[n];
        if (n == 0) {
            return rank;
        }
        Integer[] order = lexicographicOrder(losses);
        // fronts.get(k) holds the members of front k in processing (lexicographic) order.
        List<int[]> fronts = new ArrayList<>();
        int[] frontSizes = new int[Math.max(4, n)];
        for (Integer boxed : order) {
            int p = boxed;
            int k;
            if (m <= 2) {
                // Dominance by a front is decided by its last member (smallest second loss); monotone in k.
                int lo = 0;
                int hi = fronts.size();
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    int last = fronts.get(mid)[frontSizes[mid] - 1];
                    if (dominates(losses[last], losses[p])) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                k = lo;
            } else {
                k = 0;
                while (k < fronts.size() && dominatedByFront(losses, fronts.get(k), frontSizes[k], p)) {
                    k++;
                }
            }
            if (k == fronts.size()) {
                fronts.add(new int[4]);
            }
            int[] f = fronts.get(k);
            if (frontSizes[k] == f.length) {
                f = Arrays.copyOf(f, f.length * 2);
                fronts.set(k, f);
            }
            f[frontSizes[k]++] = p;
            rank[p] = k;
        }
        return rank;
    }

    private static boolean dominatedByFront(double[][] losses, int[] front, int size, int p) {
        // Later members are closer in lexicographic order, so they are likelier dominators: scan backwards.
        for (int i = size - 1; i >= 0; i--) {
            if (dominates(losses[front[i]], losses[p])) {
                return true;
            }
        }
        return false;
    }

    private static Integer[] lexicographicOrder(double[][] losses) {
        Integer[] order = new Integer[losses.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            double[] x = losses[a];
            double[] y = losses[b];
            for (int j = 0; j < x.length; j++) {
                // Numeric order as dominance sees it: Double.compare would put -0.0 before 0.0, so a point
                // could be placed before one that dominates it (a maximised 0 is a loss of -0.0).
                if (x[j] < y[j]) {
                    return -1;
                }
                if (x[j] > y[j]) {
                    return 1;
                }
            }
            return Integer.compare(a, b);
        });
        return order;
    }

    /**
     * Ranks under Deb's constrained domination (Deb 2002): a feasible point (violation 0) dominates
     * every infeasible one, two infeasible points compare by total violation (smaller dominates), and
     * two feasible points by Pareto dominance. So the feasible points come first, ranked by
     * {@link #ranks(double[][])}, followed by one front per distinct violation, least violating first.
     *
     * @param losses     {@code n} rows of {@code m >= 1} finite losses
     * @param violations total constraint violation of each point, {@code >= 0} (0 = feasible); may be
     *                   {@code +Infinity}
     * @return the rank of each row, in input order
     * @throws IllegalArgumentException on bad losses, a length mismatch or a negative or NaN violation
     */
    public static int[] constrainedRanks(double[][] losses, double[] violations) {
        checkLosses(losses);
        if (violations.length != losses.length) {
            throw new IllegalArgumentException("got " + violations.length + " violations for " + losses.length
                    + " points; give one total violation per point");
        }
        List<Integer> feasible = new ArrayList<>();
        List<Integer> infeasible = new ArrayList<>();
        for (int i = 0; i < violations.length; i++) {
            double v = violations[i];
            if (!(v >= 0)) {
                throw new IllegalArgumentException("violations[" + i + "] = " + v + "; a total violation must be"
                        + " >= 0 (0 means feasible): sum the positive constraint values");
            }
            (v == 0 ? feasible : infeasible).add(i);
        }
        int[] rank = new int[losses.length];
        int next = 0;
        if (!feasible.isEmpty()) {
            double[][] sub = new double[feasible.size()][];
            for (int i = 0; i < sub.length; i++) {
                sub[i] = losses[feasible.get(i)];
            }
            int[] r = ranks(sub);
            for (int i = 0; i < r.length; i++) {
                rank[feasible.get(i)] = r[i];
                next = Math.max(next, r[i] + 1);
            }
        }
        infeasible.sort(Comparator.comparingDouble(i -> violations[i]));
        for (int i = 0; i < infeasible.size(); i++) {
            int p = infeasible.get(i);
            if (i > 0 && violations[p] > violations[infeasible.get(i - 1)]) {
                next++;
            }
            rank[p] = next;
        }
        return rank;
    }

    /**
     * The points grouped into fronts: element {@code k} lists the indices with rank {@code k}, in
     * ascending index order.
     *
     * @param ranks ranks as {@link #ranks} returns them (non-negative, every rank up to the largest used)
     */
    public static List<int[]> fronts(int[] ranks) {
        int max = -1;
        for (int r : ranks) {
            if (r < 0) {
                throw new IllegalArgumentException("ranks must be >= 0, but got " + r);
            }
            max = Math.max(max, r);
        }
        int[] sizes = new int[max + 1];
        for (int r : ranks) {
            sizes[r]++;
        }
        List<int[]> out = new ArrayList<>(max + 1);
        for (int k = 0; k <= max; k++) {
            out.add(new int[sizes[k]]);
        }
        int[] fill = new int[max + 1];
        for (int i = 0; i < ranks.length; i++) {
            out.get(ranks[i])[fill[ranks[i]]++] = i;
        }
        return out;
    }

    /**
     * The indices of the non-dominated points (rank 0), ascending.
     *
     * @throws IllegalArgumentException on ragged rows, an empty row or a non-finite loss
     */
    public static int[] nonDominated(double[][] losses) {
        int[] r = ranks(losses);
        return losses.length == 0 ? new int[0] : fronts(r).get(0);
    }

    /**
     * The crowding distance (Deb 2002) of each of {@code members}, taken as one front: for every
     * objective the members are sorted by it, the two extremes get infinity and every other member the
     * gap between its two neighbours divided by the objective's range; the distances are summed over
     * the objectives. An objective on which all members are equal adds nothing. Larger means less
     * crowded.
     *
     * @param losses  all points ({@code n} rows of finite losses)
     * @param members indices into {@code losses} of the front's points
     * @return one distance per member, aligned with {@code members}
     */
    public static double[] crowdingDistances(double[][] losses, int[] members) {
        int m = checkLosses(losses);
        int k = members.length;
        double[] d = new double[k];
        if (k == 0) {
            return d;
        }
        for (int member : members) {
            if (member < 0 || member >= losses.length) {
                throw new IllegalArgumentException("member index " + member + " is outside the " + losses.length
                        + " points");
            }
        }
        Integer[] order = new Integer[k];
        for (int j = 0; j < m; j++) {
            final int obj = j;
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(losses[members[a]][obj], losses[members[b]][obj]);
                return c != 0 ? c : Integer.compare(members[a], members[b]);
            });
            double lo = losses[members[order[0]]][obj];
            double hi = losses[members[order[k - 1]]][obj];
            if (hi == lo) {
                continue;
            }
            d[order[0]] = Double.POSITIVE_INFINITY;
            d[order[k - 1]] = Double.POSITIVE_INFINITY;
            for (int i = 1; i < k - 1; i++) {
                double gap = losses[members[order[i + 1]]][obj] - losses[members[order[i - 1]]][obj];
                d[order[i]] += gap / (hi - lo);
            }
        }
        return d;
    }

    /** The crowding distance of every point of {@code losses}, taken as one front; see {@link #crowdingDistances(double[][], int[])}. */
    public static double[] crowdingDistances(double[][] losses) {
        int[] all = new int[losses.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return crowdingDistances(losses, all);
    }

    /** Checks the rows and returns the number of objectives (0 when there are no rows). */
    static int checkLosses(double[][] losses) {
        if (losses == null) {
            throw new IllegalArgumentException("losses must not be null; pass double[n][m]");
        }
        if (losses.length == 0) {
            return 0;
        }
        int m = -1;
        for (int i = 0; i < losses.length; i++) {
            double[] row = losses[i];
            if (row == null || row.length == 0) {
                throw new IllegalArgumentException("losses[" + i + "] is " + (row == null ? "null" : "empty")
                        + "; every point needs at least one objective");
            }
            if (m < 0) {
                m = row.length;
            } else if (row.length != m) {
                throw new IllegalArgumentException("losses[" + i + "] has " + row.length + " objectives but losses[0]"
                        + " has " + m + "; every point needs the same number");
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("losses[" + i + "][" + j + "] = " + row[j]
                            + "; losses must be finite (drop failed points first)");
                }
            }
        }
        return m;
    }
}
