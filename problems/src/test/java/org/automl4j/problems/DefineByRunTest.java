package org.automl4j.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.trial.TrialPrunedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** evaluate(trial) suggests the defined names, types, ranges and order, and agrees with value(...). */
class DefineByRunTest {

    private static JsonNode vectors;

    @BeforeAll
    static void load() throws IOException {
        vectors = ReferenceVectorsTest.readVectors();
    }

    private static FloatDistribution flt(double lo, double hi) {
        return new FloatDistribution(lo, hi, false, 0);
    }

    private static FloatDistribution logFlt(double lo, double hi) {
        return new FloatDistribution(lo, hi, true, 0);
    }

    private static IntDistribution integer(int lo, int hi) {
        return new IntDistribution(lo, hi, false, 1);
    }

    private static IntDistribution logInt(int lo, int hi) {
        return new IntDistribution(lo, hi, true, 1);
    }

    @Test
    void continuousObjectiveSuggestsX0ToXdMinus1OnTheBoxAndReturnsTheValue() throws Exception {
        for (String name : Problems.suiteNames().subList(0, 8)) {
            ContinuousFunction f = (ContinuousFunction) Problems.byName(name);
            for (JsonNode v : vectors.get("continuous").get(name)) {
                double[] x = ReferenceVectorsTest.doubles(v.get("x"));
                boolean inBox = true;
                Map<String, Object> fixed = new LinkedHashMap<>();
                for (int i = 0; i < x.length; i++) {
                    fixed.put("x" + i, x[i]);
                    inBox &= x[i] >= f.lows()[i] && x[i] <= f.highs()[i];
                }
                if (!inBox) {
                    continue;
                }
                FixedTrial trial = new FixedTrial(fixed);
                assertEquals(f.value(x), f.objective().evaluate(trial), 0.0, name);
                Map<String, Distribution> expected = new LinkedHashMap<>();
                for (int i = 0; i < x.length; i++) {
                    expected.put("x" + i, flt(f.lows()[i], f.highs()[i]));
                }
                assertEquals(List.copyOf(expected.entrySet()), List.copyOf(trial.asked().entrySet()), name);
            }
        }
    }

    @Test
    void continuousBoxesMatchTheDefinitions() {
        assertArrayEquals(new double[] {-5.0, 0.0}, Problems.branin().lows());
        assertArrayEquals(new double[] {10.0, 15.0}, Problems.branin().highs());
        Object[][] cubes = {
            {"hartmann3", 3, 0.0, 1.0}, {"hartmann6", 6, 0.0, 1.0}, {"rosenbrock10", 10, -5.0, 10.0},
            {"ackley10", 10, -32.768, 32.768}, {"rastrigin10", 10, -5.12, 5.12}, {"levy10", 10, -10.0, 10.0},
            {"styblinski_tang10", 10, -5.0, 5.0}};
        for (Object[] c : cubes) {
            ContinuousFunction f = (ContinuousFunction) Problems.byName((String) c[0]);
            int d = (Integer) c[1];
            assertEquals(d, f.dimension(), f.name());
            for (int i = 0; i < d; i++) {
                assertEquals((Double) c[2], f.lows()[i], 0.0, f.name());
                assertEquals((Double) c[3], f.highs()[i], 0.0, f.name());
            }
        }
    }

    @Test
    void mixedObjectiveSuggestsItsFiveParametersInOrderAndMatchesValue() throws Exception {
        Map<String, Distribution> expected = new LinkedHashMap<>();
        expected.put("x1", flt(-5.0, 5.0));
        expected.put("x2", flt(-5.0, 5.0));
        expected.put("lr", logFlt(1e-5, 1.0));
        expected.put("n", integer(1, 64));
        expected.put("c", CategoricalDistribution.of("A", "B", "C", "D"));
        int n = 0;
        for (JsonNode v : vectors.get("mixed")) {
            Map<String, Object> p = ReferenceVectorsTest.params(v.get("params"));
            FixedTrial trial = new FixedTrial(p);
            double got = Problems.mixed().objective().evaluate(trial);
            assertEquals(Problems.mixed().value(p), got, 0.0);
            assertEquals(List.copyOf(expected.entrySet()), List.copyOf(trial.asked().entrySet()));
            assertEquals(p, Problems.mixed().suggest(new FixedTrial(p)));
            n++;
        }
        assertEquals(9, n);
        assertEquals(5, Problems.mixed().dimension());
    }

    @Test
    void conditionalObjectiveOnlySuggestsTheChosenBranchAndADegreeOnlyForPoly() throws Exception {
        Map<String, Map<String, Distribution>> branches = new LinkedHashMap<>();
        Map<String, Distribution> a = new LinkedHashMap<>();
        a.put("A_C", logFlt(1e-3, 1e3));
        a.put("A_gamma", logFlt(1e-4, 10.0));
        a.put("A_kernel", CategoricalDistribution.of("rbf", "poly"));
        a.put("A_degree", integer(2, 5));
        Map<String, Distribution> b = new LinkedHashMap<>();
        b.put("B_n_estimators", logInt(10, 500));
        b.put("B_max_depth", integer(2, 32));
        b.put("B_max_features", flt(0.1, 1.0));
        Map<String, Distribution> c = new LinkedHashMap<>();
        c.put("C_n_layers", integer(1, 4));
        c.put("C_units", logInt(16, 512));
        c.put("C_lr", logFlt(1e-5, 1e-1));
        c.put("C_dropout", flt(0.0, 0.8));
        branches.put("A", a);
        branches.put("B", b);
        branches.put("C", c);

        int polys = 0;
        int rbfs = 0;
        for (JsonNode v : vectors.get("conditional")) {
            Map<String, Object> p = ReferenceVectorsTest.params(v.get("params"));
            // a value for every parameter of every branch is on offer; only the chosen ones may be taken
            Map<String, Object> offered = new LinkedHashMap<>(Map.of("A_C", 1.0, "A_gamma", 1.0, "A_kernel", "poly",
                    "A_degree", 2, "B_n_estimators", 10, "B_max_depth", 2, "B_max_features", 0.5,
                    "C_n_layers", 1, "C_units", 16, "C_lr", 0.01));
            offered.put("C_dropout", 0.0);
            offered.putAll(p);
            FixedTrial trial = new FixedTrial(offered);
            assertEquals(Problems.conditional().value(p), Problems.conditional().objective().evaluate(trial), 0.0);

            String algo = (String) p.get("algo");
            List<Map.Entry<String, Distribution>> expected = new ArrayList<>();
            expected.add(Map.entry("algo", CategoricalDistribution.of("A", "B", "C")));
            for (Map.Entry<String, Distribution> e : branches.get(algo).entrySet()) {
                if (e.getKey().equals("A_degree") && !"poly".equals(p.get("A_kernel"))) {
                    continue;
                }
                expected.add(e);
            }
            assertEquals(expected, List.copyOf(trial.asked().entrySet()), "conditional " + p);
            assertEquals(p, Problems.conditional().suggest(new FixedTrial(offered)));
            if ("poly".equals(p.get("A_kernel"))) {
                polys++;
                assertEquals(true, trial.asked().containsKey("A_degree"));
            } else if ("rbf".equals(p.get("A_kernel"))) {
                rbfs++;
                assertEquals(false, trial.asked().containsKey("A_degree"));
            }
        }
        assertEquals(1, polys);
        assertEquals(1, rbfs);
    }

    @Test
    void conditionalValueRejectsUnknownChoicesAndMissingParameters() {
        ConditionalProblem c = Problems.conditional();
        assertThrows(IllegalArgumentException.class, () -> c.value(Map.of("algo", "D")));
        assertThrows(IllegalArgumentException.class,
                () -> c.value(Map.of("algo", "A", "A_C", 1.0, "A_gamma", 1.0, "A_kernel", "linear")));
        assertThrows(IllegalArgumentException.class,
                () -> c.value(Map.of("algo", "A", "A_C", 1.0, "A_gamma", 1.0, "A_kernel", "poly")));
        assertThrows(IllegalArgumentException.class, () -> Problems.mixed().value(
                Map.of("x1", 0.0, "x2", 0.0, "lr", 0.1, "n", 3, "c", "E")));
        assertThrows(IllegalArgumentException.class, () -> Problems.mixed().value(Map.of("c", "A")));
    }

    @Test
    void learningCurveObjectiveReportsEveryEpochAndReturnsTheObservedFinalLoss() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lr", 0.3);
        p.put("momentum", 0.5);
        p.put("width", 32);
        p.put("dropout", 0.0);
        LearningCurveProblem mf = new LearningCurveProblem(7);
        FixedTrial trial = new FixedTrial(p);
        double y81 = mf.objective().evaluate(trial);
        double[] y = LearningCurveProblem.observedCurve(p, 7);
        assertEquals(y[80], y81, 0.0);
        assertEquals(81, trial.reports().size());
        for (int b = 1; b <= 81; b++) {
            assertEquals(y[b - 1], trial.reports().get((long) b), 0.0, "epoch " + b);
        }
        Map<String, Distribution> expected = new LinkedHashMap<>();
        expected.put("lr", logFlt(1e-4, 1.0));
        expected.put("momentum", flt(0.0, 0.99));
        expected.put("width", logInt(16, 1024));
        expected.put("dropout", flt(0.0, 0.9));
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(trial.asked().entrySet()));
        assertEquals(p, mf.suggest(new FixedTrial(p)));
        assertEquals(4, mf.dimension());
        assertEquals("mf", mf.name());
    }

    @Test
    void learningCurveObjectiveStopsAtTheEpochThePrunerNames() {
        Map<String, Object> p = Map.of("lr", 0.01, "momentum", 0.9, "width", 256, "dropout", 0.3);
        FixedTrial early = new FixedTrial(p, step -> step == 5);
        assertThrows(TrialPrunedException.class, () -> Problems.learningCurves(0).evaluate(early));
        assertEquals(5, early.reports().size());
        FixedTrial last = new FixedTrial(p, step -> step == 81);
        assertThrows(TrialPrunedException.class, () -> Problems.learningCurves(0).evaluate(last));
        assertEquals(81, last.reports().size());
    }

    @Test
    void sameConfigurationAndSeedGiveTheSameCurveAndOtherSeedsDiffer() {
        Map<String, Object> p = Map.of("lr", 0.01, "momentum", 0.9, "width", 256, "dropout", 0.3);
        assertArrayEquals(LearningCurveProblem.observedCurve(p, 3), LearningCurveProblem.observedCurve(p, 3));
        double[] other = LearningCurveProblem.observedCurve(p, 4);
        assertEquals(false, java.util.Arrays.equals(LearningCurveProblem.observedCurve(p, 3), other));
        // an integer width and the same width as a double hash identically
        Map<String, Object> q = Map.of("lr", 0.01, "momentum", 0.9, "width", 256.0, "dropout", 0.3);
        assertEquals(LearningCurveProblem.noiseState(p, 3), LearningCurveProblem.noiseState(q, 3));
    }
}
