package org.automl4j.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.multiobjective.Hypervolume;
import org.automl4j.multiobjective.ParetoFronts;
import org.automl4j.space.FloatDistribution;
import org.automl4j.study.Direction;
import org.junit.jupiter.api.Test;

class ZdtProblemTest {

    private static double[] point(double x0, double rest, int n) {
        double[] x = new double[n];
        Arrays.fill(x, rest);
        x[0] = x0;
        return x;
    }

    @Test
    void valuesFollowTheDefinitionsByHand() {
        // All of x1..x29 at 1: g = 1 + 9 = 10.
        assertArrayEquals(new double[] {0.4, 10 * (1 - Math.sqrt(0.04))},
                ZdtProblem.zdt1().values(point(0.4, 1, 30)), 1e-12);
        assertArrayEquals(new double[] {0.4, 10 * (1 - 0.0016)}, ZdtProblem.zdt2().values(point(0.4, 1, 30)), 1e-12);
        double r = 0.04;
        assertArrayEquals(new double[] {0.4, 10 * (1 - Math.sqrt(r) - r * Math.sin(4 * Math.PI))},
                ZdtProblem.zdt3().values(point(0.4, 1, 30)), 1e-12);
        // On the Pareto set (x1..x29 = 0), g = 1.
        assertArrayEquals(new double[] {0.25, 0.5}, ZdtProblem.zdt1().values(point(0.25, 0, 30)), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.75}, ZdtProblem.zdt2().values(point(0.5, 0, 30)), 1e-12);
        assertArrayEquals(new double[] {0.0, 1.0}, ZdtProblem.zdt3().values(point(0.0, 0, 30)), 1e-12);
        // A smaller instance: g = 1 + 9 / 4 * (0.5 * 4) = 5.5.
        assertArrayEquals(new double[] {0, 5.5}, ZdtProblem.zdt1(5).values(point(0, 0.5, 5)), 1e-12);
    }

    @Test
    void parametersAreSuggestedInOrderAndMapsEvaluateTheSame() {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            params.put("x" + i, i / 30.0);
        }
        FixedTrial t = new FixedTrial(params);
        double[] v = ZdtProblem.zdt3().evaluate(t);
        assertEquals(30, t.asked().size());
        assertEquals(List.of("x0", "x1", "x2"), t.asked().keySet().stream().limit(3).toList());
        assertEquals(FloatDistribution.of(0, 1), t.asked().get("x29"));
        assertArrayEquals(v, ZdtProblem.zdt3().values(params), 0);
        assertEquals(params, ZdtProblem.zdt3().suggest(new FixedTrial(params)));
        assertEquals(List.of(Direction.MINIMIZE, Direction.MINIMIZE), ZdtProblem.zdt1().directions());
        assertEquals("zdt2", ZdtProblem.zdt2().name());
        assertEquals("zdt1_5", ZdtProblem.zdt1(5).name());
        assertSame(ZdtProblem.zdt1(), ZdtProblem.zdt1(30));
        assertEquals(30, ZdtProblem.zdt3().dimension());
    }

    @Test
    void badInputsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZdtProblem.zdt1().values(new double[3]));
        assertTrue(e.getMessage().contains("30"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ZdtProblem.zdt1().values(point(1.5, 0, 30)));
        assertThrows(IllegalArgumentException.class, () -> ZdtProblem.zdt1().values(Map.of("x0", 0.5)));
        assertThrows(IllegalArgumentException.class, () -> ZdtProblem.zdt2(1));
        assertThrows(IllegalArgumentException.class, () -> ZdtProblem.zdt3().trueFront(9));
    }

    @Test
    void trueFrontsLieOnTheAnalyticCurvesAndAreNonDominated() {
        double[][] f1 = ZdtProblem.zdt1().trueFront(101);
        double[][] f2 = ZdtProblem.zdt2().trueFront(101);
        for (int i = 0; i < 101; i++) {
            assertEquals(i / 100.0, f1[i][0], 1e-12);
            assertEquals(1 - Math.sqrt(f1[i][0]), f1[i][1], 1e-12);
            assertEquals(1 - f2[i][0] * f2[i][0], f2[i][1], 1e-12);
        }
        for (ZdtProblem p : List.of(ZdtProblem.zdt1(), ZdtProblem.zdt2(), ZdtProblem.zdt3())) {
            double[][] front = p.trueFront(500);
            assertEquals(500, front.length);
            assertEquals(500, ParetoFronts.nonDominated(front).length, p.name() + " front is mutually non-dominated");
            for (double[] q : front) {
                double[] x = point(q[0], 0, 30);
                assertArrayEquals(q, p.values(x), 1e-12, "the point with x1..x29 = 0 attains it");
            }
        }
    }

    @Test
    void zdt3PiecesEndAtLocalMinimaAndStartWhereTheCurveFallsBelowThem() {
        double[][] front = ZdtProblem.zdt3().trueFront(1000);
        // Collect the pieces: gaps in f1 larger than 0.05.
        java.util.List<double[]> ends = new java.util.ArrayList<>();
        java.util.List<double[]> starts = new java.util.ArrayList<>();
        starts.add(front[0]);
        for (int i = 1; i < front.length; i++) {
            if (front[i][0] - front[i - 1][0] > 0.05) {
                ends.add(front[i - 1]);
                starts.add(front[i]);
            }
        }
        ends.add(front[front.length - 1]);
        assertEquals(5, starts.size(), "five disconnected pieces");
        double[] literatureEnds = {0.0830015349, 0.2577623634, 0.4538821041, 0.6525117038, 0.8518328654};
        double[] literatureStarts = {0.0, 0.1822287280, 0.4093136748, 0.6183967944, 0.8233317983};
        for (int k = 0; k < 5; k++) {
            assertEquals(literatureEnds[k], ends.get(k)[0], 1e-9);
            assertEquals(literatureStarts[k], starts.get(k)[0], 1e-3, "a piece starts just after its left end");
            double f = ends.get(k)[0];
            double slope = -1 / (2 * Math.sqrt(f)) - Math.sin(10 * Math.PI * f) - 10 * Math.PI * f * Math.cos(10 * Math.PI * f);
            assertEquals(0, slope, 1e-9, "piece " + k + " ends at a local minimum");
            if (k > 0) {
                double a = literatureStarts[k];
                double levelAtStart = 1 - Math.sqrt(a) - a * Math.sin(10 * Math.PI * a);
                assertEquals(ends.get(k - 1)[1], levelAtStart, 1e-9, "piece " + k + " starts level with the last end");
                assertTrue(starts.get(k)[1] < ends.get(k - 1)[1], "and then falls below it");
            }
        }
    }

    @Test
    void maxHypervolumeIsTheClosedFormAndBoundsDenseFronts() {
        assertArrayEquals(new double[] {1.1, 1.1}, ZdtProblem.zdt1().referencePoint());
        assertEquals(0.1 + 2.0 / 3 + 0.11, ZdtProblem.zdt1().maxHypervolume(), 1e-12);
        assertEquals(0.1 + 1.0 / 3 + 0.11, ZdtProblem.zdt2().maxHypervolume(), 1e-12);
        assertEquals(1.3317629086570201, ZdtProblem.zdt3().maxHypervolume(), 1e-9);
        for (ZdtProblem p : List.of(ZdtProblem.zdt1(), ZdtProblem.zdt2(), ZdtProblem.zdt3())) {
            double dense = Hypervolume.of(p.trueFront(20_000), p.referencePoint());
            assertTrue(dense < p.maxHypervolume(), p.name() + ": a finite front stays below the maximum");
            assertEquals(p.maxHypervolume(), dense, 1e-4, p.name());
        }
    }
}
