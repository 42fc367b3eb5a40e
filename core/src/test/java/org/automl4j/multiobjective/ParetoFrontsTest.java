package org.automl4j.multiobjective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParetoFrontsTest {

    @Test
    void dominanceNeedsNoWorseEverywhereAndBetterSomewhere() {
        assertTrue(ParetoFronts.dominates(new double[] {1, 2}, new double[] {1, 3}));
        assertTrue(ParetoFronts.dominates(new double[] {0, 0}, new double[] {1, 1}));
        assertFalse(ParetoFronts.dominates(new double[] {1, 2}, new double[] {1, 2}), "equal points");
        assertFalse(ParetoFronts.dominates(new double[] {1, 3}, new double[] {2, 2}), "incomparable");
        assertFalse(ParetoFronts.dominates(new double[] {2, 2}, new double[] {1, 3}), "incomparable");
        assertThrows(IllegalArgumentException.class,
                () -> ParetoFronts.dominates(new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void ranksTwoObjectivesByHand() {
        double[][] pts = {
            {1, 5}, // A: front 0
            {2, 3}, // B: front 0
            {4, 1}, // C: front 0
            {3, 4}, // D: dominated by B only -> front 1
            {5, 5}, // E: dominated by D (and A, B, C) -> front 2
            {2, 3}, // F: duplicate of B, shares its front
            {4, 2}, // G: dominated by C -> front 1
        };
        assertArrayEquals(new int[] {0, 0, 0, 1, 2, 0, 1}, ParetoFronts.ranks(pts));
        assertArrayEquals(new int[] {0, 1, 2, 5}, ParetoFronts.nonDominated(pts));
        List<int[]> fronts = ParetoFronts.fronts(ParetoFronts.ranks(pts));
        assertEquals(3, fronts.size());
        assertArrayEquals(new int[] {3, 6}, fronts.get(1));
        assertArrayEquals(new int[] {4}, fronts.get(2));
    }

    @Test
    void ranksThreeObjectivesByHand() {
        double[][] pts = {
            {1, 1, 1}, // front 0, dominates everything else below
            {0, 2, 2}, // front 0: better in the first objective
            {2, 2, 2}, // dominated by both -> front 1
            {2, 2, 0}, // front 0: best in the third
            {3, 3, 3}, // dominated by (2, 2, 2) -> front 2
        };
        assertArrayEquals(new int[] {0, 0, 1, 0, 2}, ParetoFronts.ranks(pts));
    }

    @Test
    void negativeZeroAndZeroAreTheSameLossWhenRanking() {
        // A maximised value of 0 is the loss -0.0; (0.0, 1) still dominates (-0.0, 2), in two and three objectives.
        assertArrayEquals(new int[] {0, 1}, ParetoFronts.ranks(new double[][] {{0.0, 1}, {-0.0, 2}}));
        assertArrayEquals(new int[] {1, 0}, ParetoFronts.ranks(new double[][] {{-0.0, 2}, {0.0, 1}}));
        assertArrayEquals(new int[] {0, 1}, ParetoFronts.ranks(new double[][] {{0.0, 1, 1}, {-0.0, 2, 1}}));
        assertArrayEquals(new int[] {0}, ParetoFronts.nonDominated(new double[][] {{0.0, 1}, {-0.0, 2}}));
    }

    @Test
    void oneObjectiveRanksAreDistinctValueLevels() {
        assertArrayEquals(new int[] {1, 0, 2, 1, 0}, ParetoFronts.ranks(new double[][] {{3}, {1}, {7}, {3}, {1}}));
    }

    @Test
    void ranksEqualDebsPeelingOnRandomPoints() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int m = 1; m <= 4; m++) {
            for (int rep = 0; rep < 20; rep++) {
                int n = 1 + rng.nextInt(60);
                double[][] pts = new double[n][m];
                for (double[] p : pts) {
                    for (int j = 0; j < m; j++) {
                        p[j] = rng.nextInt(6); // coarse values: many ties and duplicates
                    }
                }
                assertArrayEquals(peelingRanks(pts), ParetoFronts.ranks(pts), "m=" + m + " n=" + n);
            }
        }
    }

    /** The definition: repeatedly remove the points no remaining point dominates. */
    private static int[] peelingRanks(double[][] pts) {
        int n = pts.length;
        int[] rank = new int[n];
        boolean[] done = new boolean[n];
        int left = n;
        for (int r = 0; left > 0; r++) {
            List<Integer> front = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (done[i]) {
                    continue;
                }
                boolean dominated = false;
                for (int j = 0; j < n && !dominated; j++) {
                    dominated = !done[j] && ParetoFronts.dominates(pts[j], pts[i]);
                }
                if (!dominated) {
                    front.add(i);
                }
            }
            for (int i : front) {
                rank[i] = r;
                done[i] = true;
                left--;
            }
        }
        return rank;
    }

    @Test
    void constrainedRanksPutFeasibleFirstThenInfeasibleByViolation() {
        double[][] pts = {
            {0, 0}, // infeasible, violation 2: best losses, but infeasible
            {1, 3}, // feasible, front 0
            {3, 1}, // feasible, front 0
            {3, 3}, // feasible, front 1
            {0, 1}, // infeasible, violation 0.5
            {5, 5}, // infeasible, violation 0.5: same violation, same front
        };
        double[] violations = {2, 0, 0, 0, 0.5, 0.5};
        assertArrayEquals(new int[] {3, 0, 0, 1, 2, 2}, ParetoFronts.constrainedRanks(pts, violations));
        assertArrayEquals(new int[] {1, 0, 0}, ParetoFronts.constrainedRanks(
                new double[][] {{0, 0}, {1, 1}, {2, 2}}, new double[] {3, 1, 1}), "all infeasible: by violation only");
        assertThrows(IllegalArgumentException.class,
                () -> ParetoFronts.constrainedRanks(pts, new double[] {0, 0, 0, 0, 0, -1}));
        assertThrows(IllegalArgumentException.class, () -> ParetoFronts.constrainedRanks(pts, new double[] {0}));
    }

    @Test
    void crowdingDistanceByHand() {
        // Sorted by the first loss: (0,10) (1,6) (4,2) (10,0); both ranges are 10.
        double[][] front = {{1, 6}, {10, 0}, {0, 10}, {4, 2}};
        double[] d = ParetoFronts.crowdingDistances(front);
        assertEquals((4 - 0) / 10.0 + (10 - 2) / 10.0, d[0], 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, d[1]);
        assertEquals(Double.POSITIVE_INFINITY, d[2]);
        assertEquals((10 - 1) / 10.0 + (6 - 0) / 10.0, d[3], 1e-12);
    }

    @Test
    void crowdingDistanceOfASubsetAndOfFlatObjectives() {
        double[][] pts = {{9, 9}, {0, 2}, {1, 1}, {2, 0}};
        double[] d = ParetoFronts.crowdingDistances(pts, new int[] {3, 2, 1});
        assertEquals(Double.POSITIVE_INFINITY, d[0]);
        assertEquals(2.0, d[1], 1e-12, "(2-0)/2 + (2-0)/2 for the middle point");
        assertEquals(Double.POSITIVE_INFINITY, d[2]);
        // An objective where every member is equal adds nothing; the other still marks the extremes.
        double[] flat = ParetoFronts.crowdingDistances(new double[][] {{1, 5}, {1, 7}, {1, 6}});
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1.0}, flat, 1e-12);
        assertArrayEquals(new double[] {0, 0}, ParetoFronts.crowdingDistances(new double[][] {{1, 1}, {1, 1}}));
        assertEquals(0, ParetoFronts.crowdingDistances(new double[0][]).length);
    }

    @Test
    void badInputsAreRejectedWithTheOffendingIndex() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> ParetoFronts.ranks(new double[][] {{1, 2}, {Double.NaN, 1}}));
        assertTrue(nan.getMessage().contains("losses[1][0]"), nan.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> ParetoFronts.ranks(new double[][] {{1, 2}, {1}}));
        assertTrue(ragged.getMessage().contains("losses[1]"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParetoFronts.ranks(new double[][] {{}}));
        assertThrows(IllegalArgumentException.class,
                () -> ParetoFronts.crowdingDistances(new double[][] {{1}}, new int[] {1}));
        assertEquals(0, ParetoFronts.ranks(new double[0][]).length);
        assertEquals(0, ParetoFronts.nonDominated(new double[0][]).length);
    }
}
