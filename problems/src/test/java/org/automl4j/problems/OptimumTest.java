package org.automl4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stated optima are attained at the known minimisers and never undercut. */
class OptimumTest {

    static List<ContinuousFunction> continuousSuite() {
        return Problems.suiteNames().subList(0, 8).stream()
                .map(n -> (ContinuousFunction) Problems.byName(n)).toList();
    }

    @Test
    void everyContinuousFunctionAttainsItsOptimumAtEachKnownMinimiser() {
        for (ContinuousFunction f : continuousSuite()) {
            double[][] minimizers = f.minimizers();
            assertTrue(minimizers.length >= 1, f.name());
            for (double[] m : minimizers) {
                assertEquals(f.optimum(), f.value(m), 1e-6, f.name() + " at a known minimiser");
            }
        }
        assertEquals(3, Problems.branin().minimizers().length);
    }

    @Test
    void minimisersFromTheDefinitionsAreReproducedExactly() {
        assertEquals(0.39788735772973816, Problems.branin().value(new double[] {-Math.PI, 12.275}), 1e-15);
        assertEquals(5.0 / (4.0 * Math.PI), Problems.branin().optimum(), 1e-15);
        assertEquals(-3.862779787332663,
                Problems.hartmann3().value(new double[] {0.11458887, 0.5556489, 0.85254698}), 1e-9);
        assertEquals(-3.3223680114155147, Problems.hartmann6().value(
                new double[] {0.20168951, 0.1500107, 0.47687397, 0.27533243, 0.31165161, 0.65730053}), 1e-9);
        assertEquals(-391.6616570377141, Problems.styblinskiTang10().optimum(), 1e-12);
        assertEquals(4.440892098500626e-16, Problems.ackley10().value(new double[10]), 1e-18);
    }

    @Test
    void noRandomPointInTheBoxUndercutsTheOptimum() {
        Random rng = new Random(42);
        for (ContinuousFunction f : continuousSuite()) {
            double[] lo = f.lows();
            double[] hi = f.highs();
            for (int k = 0; k < 20_000; k++) {
                double[] x = new double[f.dimension()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = lo[i] + (hi[i] - lo[i]) * rng.nextDouble();
                }
                double v = f.value(x);
                assertTrue(v >= f.optimum() - 1e-9, f.name() + " undercut at " + java.util.Arrays.toString(x));
            }
        }
    }

    @Test
    void mixedSpaceIsZeroAtItsOptimumAndHasThePerCategoryMinima() {
        MixedProblem m = Problems.mixed();
        assertEquals(0.0, m.optimum());
        assertEquals(0.0, m.value(Map.of("x1", -1.0, "x2", -2.0, "lr", 1e-3, "n", 20, "c", "B")), 0.0);
        Map<String, double[]> best = Map.of("A", new double[] {2.0, 1.0, 1.0}, "B", new double[] {-1.0, -2.0, 0.0},
                "C", new double[] {3.0, -3.0, 0.5}, "D", new double[] {0.0, 0.0, 2.0});
        for (Map.Entry<String, double[]> e : best.entrySet()) {
            double[] s = e.getValue();
            assertEquals(s[2], m.value(Map.of("x1", s[0], "x2", s[1], "lr", 1e-3, "n", 20, "c", e.getKey())),
                    1e-15, e.getKey());
        }
    }

    @Test
    void conditionalSpaceHasThePerAlgorithmMinimaAndGlobalOptimumOnC() {
        ConditionalProblem c = Problems.conditional();
        assertEquals(0.02, c.optimum());
        assertEquals(0.10, c.value(Map.of("algo", "A", "A_C", 10.0, "A_gamma", 0.01, "A_kernel", "rbf")), 1e-15);
        assertEquals(0.05, c.value(Map.of("algo", "B", "B_n_estimators", 200, "B_max_depth", 12,
                "B_max_features", 0.4)), 1e-15);
        assertEquals(0.02, c.value(Map.of("algo", "C", "C_n_layers", 3, "C_units", 128,
                "C_lr", Math.pow(10, -3.5), "C_dropout", 0.25)), 1e-15);
    }

    @Test
    void learningCurveFinalLossIsMinimalAtTheStatedConfiguration() {
        Map<String, Object> best = Map.of("lr", 0.01, "momentum", 0.9, "width", 256, "dropout", 0.3);
        assertEquals(0.05, LearningCurveProblem.finalLoss(best), 1e-15);
        assertEquals(0.05, new LearningCurveProblem(3).optimum());
        double[] curve = LearningCurveProblem.trueCurve(best);
        assertEquals(LearningCurveProblem.MAX_BUDGET, curve.length);
        assertEquals(0.05, curve[80], 1e-15);
        for (int b = 1; b < curve.length; b++) {
            assertTrue(curve[b] < curve[b - 1], "noise-free curve decreases");
        }
        Random rng = new Random(1);
        for (int k = 0; k < 10_000; k++) {
            Map<String, Object> p = new HashMap<>();
            p.put("lr", Math.pow(10, -4 + 4 * rng.nextDouble()));
            p.put("momentum", 0.99 * rng.nextDouble());
            p.put("width", 16 + rng.nextInt(1009));
            p.put("dropout", 0.9 * rng.nextDouble());
            assertTrue(LearningCurveProblem.finalLoss(p) >= 0.05);
        }
    }
}
