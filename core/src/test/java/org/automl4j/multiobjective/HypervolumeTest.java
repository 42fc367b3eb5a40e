package org.automl4j.multiobjective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

    @Test
    void twoObjectiveStaircaseByHand() {
        // Boxes to (4, 4): [1,4]x[3,4] = 3, then [2,4]x[2,3] = 2, then [3,4]x[1,2] = 1.
        double[][] pts = {{2, 2}, {1, 3}, {3, 1}};
        assertEquals(6.0, Hypervolume.of(pts, new double[] {4, 4}), 1e-12);
    }

    @Test
    void dominatedDuplicateAndOutsidePointsAddNothing() {
        double[] ref = {4, 4};
        double[][] pts = {{2, 2}, {1, 3}, {3, 1}, {3, 3}, {2, 2}, {5, 0}, {0, 4}, {4, 4}};
        assertEquals(6.0, Hypervolume.of(pts, ref), 1e-12);
        assertEquals(0.0, Hypervolume.of(new double[0][], ref));
        assertEquals(0.0, Hypervolume.of(new double[][] {{4, 1}, {1, 4}}, ref), "on the box boundary");
    }

    @Test
    void oneObjectiveIsTheDistanceToTheReference() {
        assertEquals(2.5, Hypervolume.of(new double[][] {{3}, {1.5}, {5}}, new double[] {4}), 1e-12);
    }

    @Test
    void threeObjectivesByHand() {
        assertEquals(6.0, Hypervolume.of(new double[][] {{0, 0, 0}}, new double[] {1, 2, 3}), 1e-12);
        // Two boxes of volume 4 overlapping in [0,2]x[1,2]x[1,2] = 2.
        assertEquals(6.0, Hypervolume.of(new double[][] {{0, 0, 1}, {0, 1, 0}}, new double[] {2, 2, 2}), 1e-12);
        // Three boxes of volume 2 in [0,2]^3, pairwise overlaps of 1, all three meet in 1:
        // 3 * 2 - 3 * 1 + 1 = 4 (inclusion-exclusion).
        double[][] corners = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
        assertEquals(4.0, Hypervolume.of(corners, new double[] {2, 2, 2}), 1e-12);
    }

    @Test
    void matchesExactGridComputationInTwoToFiveObjectives() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int m = 2; m <= 5; m++) {
            for (int rep = 0; rep < 15; rep++) {
                int n = 1 + rng.nextInt(m >= 4 ? 7 : 12);
                double[][] pts = new double[n][m];
                for (double[] p : pts) {
                    for (int j = 0; j < m; j++) {
                        // Quarter steps give ties; a few values fall outside the box.
                        p[j] = rng.nextInt(22) / 4.0;
                    }
                }
                double[] ref = new double[m];
                Arrays.fill(ref, 5.0);
                double expected = gridHypervolume(pts, ref);
                assertEquals(expected, Hypervolume.of(pts, ref), 1e-9 * Math.max(1, expected),
                        "m=" + m + " points " + Arrays.deepToString(pts));
            }
        }
    }

    @Test
    void threeObjectivesOnALargerRandomFrontMatchTheSlicingOfFourObjectives() {
        // A fourth objective at 0 with reference 1 leaves the volume unchanged, and goes through slicing.
        SplittableRandom rng = new SplittableRandom(5);
        double[][] three = new double[300][3];
        double[][] four = new double[300][4];
        for (int i = 0; i < three.length; i++) {
            double a = rng.nextDouble();
            double b = rng.nextDouble() * (1 - a);
            three[i] = new double[] {a, b, 1 - a - b + 0.1 * rng.nextDouble()};
            four[i] = new double[] {three[i][0], three[i][1], three[i][2], 0};
        }
        double v3 = Hypervolume.of(three, new double[] {1.1, 1.1, 1.2});
        double v4 = Hypervolume.of(four, new double[] {1.1, 1.1, 1.2, 1});
        assertEquals(v3, v4, 1e-12);
        assertTrue(v3 > 1.1 * 1.1 * 1.2 - 0.5 && v3 < 1.1 * 1.1 * 1.2, "plausible volume " + v3);
    }

    /** Exact union volume: every cell of the grid of all coordinates, counted when some point dominates its corner. */
    private static double gridHypervolume(double[][] pts, double[] ref) {
        int m = ref.length;
        double[][] cuts = new double[m][];
        for (int j = 0; j < m; j++) {
            TreeSet<Double> s = new TreeSet<>();
            s.add(ref[j]);
            for (double[] p : pts) {
                if (p[j] < ref[j]) {
                    s.add(p[j]);
                }
            }
            cuts[j] = s.stream().mapToDouble(Double::doubleValue).toArray();
        }
        int[] idx = new int[m];
        double total = 0;
        while (true) {
            boolean valid = true;
            double vol = 1;
            double[] corner = new double[m];
            for (int j = 0; j < m; j++) {
                if (idx[j] + 1 >= cuts[j].length) {
                    valid = false;
                    break;
                }
                corner[j] = cuts[j][idx[j]];
                vol *= cuts[j][idx[j] + 1] - cuts[j][idx[j]];
            }
            if (valid) {
                for (double[] p : pts) {
                    boolean covers = true;
                    for (int j = 0; j < m && covers; j++) {
                        covers = p[j] <= corner[j];
                    }
                    if (covers) {
                        total += vol;
                        break;
                    }
                }
            }
            int j = 0;
            while (j < m && ++idx[j] >= cuts[j].length - 1) {
                idx[j] = 0;
                j++;
            }
            if (j == m) {
                return total;
            }
        }
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Hypervolume.of(new double[][] {{1, 2}}, new double[] {3}));
        assertThrows(IllegalArgumentException.class,
                () -> Hypervolume.of(new double[][] {{1, 2}}, new double[] {3, Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> Hypervolume.of(new double[][] {{1, Double.POSITIVE_INFINITY}}, new double[] {3, 3}));
        assertThrows(IllegalArgumentException.class, () -> Hypervolume.of(new double[0][], new double[0]));
    }
}
