package org.automl4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks every value of test_vectors.json (written by the Python reference) against the Java port. */
class ReferenceVectorsTest {

    static final double REL_TOL = 1e-12;
    static final double ABS_TOL = 1e-14;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode vectors;

    @BeforeAll
    static void load() throws IOException {
        vectors = readVectors();
    }

    static JsonNode readVectors() throws IOException {
        try (InputStream in = ReferenceVectorsTest.class.getResourceAsStream("test_vectors.json")) {
            assertNotNull(in, "test_vectors.json is missing from the test resources");
            return MAPPER.readTree(in);
        }
    }

    static Map<String, Object> params(JsonNode node) {
        return MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    static double[] doubles(JsonNode array) {
        double[] x = new double[array.size()];
        for (int i = 0; i < x.length; i++) {
            assertTrue(array.get(i).isNumber(), "not a number: " + array.get(i));
            x[i] = array.get(i).doubleValue();
        }
        return x;
    }

    static boolean close(double expected, double actual) {
        return Math.abs(actual - expected) <= REL_TOL * Math.abs(expected) + ABS_TOL;
    }

    /** Collects mismatches so that one run reports all of them. */
    private static final class Checker {
        final List<String> failures = new ArrayList<>();
        int checked;

        void check(String what, double expected, double actual) {
            checked++;
            if (!close(expected, actual)) {
                failures.add(what + ": expected " + expected + " but got " + actual + " (diff "
                        + (actual - expected) + ")");
            }
        }

        void checkEquals(String what, Object expected, Object actual) {
            checked++;
            if (!expected.equals(actual)) {
                failures.add(what + ": expected " + expected + " but got " + actual);
            }
        }

        void done(int expectedChecks) {
            if (!failures.isEmpty()) {
                fail(failures.size() + " of " + checked + " values differ:\n" + String.join("\n", failures));
            }
            assertEquals(expectedChecks, checked, "number of values checked");
        }
    }

    @Test
    void fileHoldsExactlyTheExpectedSections() {
        Set<String> keys = new TreeSet<>();
        vectors.fieldNames().forEachRemaining(keys::add);
        assertEquals(new TreeSet<>(List.of("continuous", "mixed", "conditional", "multifidelity",
                "splitmix64_seed0_first5_u64")), keys);
        Set<String> continuous = new TreeSet<>();
        vectors.get("continuous").fieldNames().forEachRemaining(continuous::add);
        assertEquals(new TreeSet<>(Problems.suiteNames().subList(0, 8)), continuous);
    }

    @Test
    void matchesEveryContinuousReferenceVector() {
        Checker c = new Checker();
        int expected = 0;
        for (Map.Entry<String, JsonNode> e : vectors.get("continuous").properties()) {
            ContinuousFunction f = (ContinuousFunction) Problems.byName(e.getKey());
            int i = 0;
            for (JsonNode v : e.getValue()) {
                double[] x = doubles(v.get("x"));
                c.check(e.getKey() + "[" + i + "]", v.get("f").doubleValue(), f.value(x));
                expected++;
                i++;
            }
        }
        assertEquals(50, expected, "continuous vectors in the file");
        c.done(expected);
    }

    @Test
    void matchesEveryMixedReferenceVector() {
        Checker c = new Checker();
        int i = 0;
        for (JsonNode v : vectors.get("mixed")) {
            c.check("mixed[" + i + "]", v.get("f").doubleValue(), Problems.mixed().value(params(v.get("params"))));
            i++;
        }
        assertEquals(9, i, "mixed vectors in the file");
        c.done(i);
    }

    @Test
    void matchesEveryConditionalReferenceVector() {
        Checker c = new Checker();
        int i = 0;
        for (JsonNode v : vectors.get("conditional")) {
            c.check("conditional[" + i + "]", v.get("f").doubleValue(),
                    Problems.conditional().value(params(v.get("params"))));
            i++;
        }
        assertEquals(6, i, "conditional vectors in the file");
        c.done(i);
    }

    @Test
    void reproducesTheFirstFiveSplitMix64OutputsForSeedZero() {
        Checker c = new Checker();
        SplitMix64 rng = new SplitMix64(0);
        int i = 0;
        for (JsonNode v : vectors.get("splitmix64_seed0_first5_u64")) {
            c.checkEquals("splitmix64[" + i + "]", v.textValue(), Long.toUnsignedString(rng.nextLong()));
            i++;
        }
        assertEquals(5, i);
        c.done(5);
    }

    @Test
    void reproducesEveryMultiFidelityNoiseStateTrueCurveAndObservedCurve() {
        int[] budgets = {1, 3, 9, 27, 81};
        Checker c = new Checker();
        int entries = 0;
        for (JsonNode v : vectors.get("multifidelity")) {
            Map<String, Object> p = params(v.get("params"));
            long seed = v.get("noise_seed").longValue();
            String what = "mf" + p + " seed " + seed;
            c.checkEquals(what + " noise state", v.get("noise_state_hex").textValue(),
                    String.format("%016x", LearningCurveProblem.noiseState(p, seed)));
            double[] trueRef = doubles(v.get("true_b1_b3_b9_b27_b81"));
            double[] obsRef = doubles(v.get("obs_b1_b3_b9_b27_b81"));
            assertEquals(budgets.length, trueRef.length);
            assertEquals(budgets.length, obsRef.length);
            double[] t = LearningCurveProblem.trueCurve(p);
            double[] y = LearningCurveProblem.observedCurve(p, seed);
            for (int k = 0; k < budgets.length; k++) {
                int b = budgets[k];
                c.check(what + " true b=" + b, trueRef[k], t[b - 1]);
                c.check(what + " observed b=" + b, obsRef[k], y[b - 1]);
            }
            c.check(what + " final loss", trueRef[4], LearningCurveProblem.finalLoss(p));
            entries++;
        }
        assertEquals(6, entries, "multi-fidelity entries in the file");
        c.done(entries * 12);
    }
}
