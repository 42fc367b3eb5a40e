package org.automl4j.trial;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Study;
import org.junit.jupiter.api.Test;

/** Misuses of the suggest API: each error names the parameter, says what is wrong and how to fix it. */
class SuggestMisuseTest {

    private static void assertNamed(String expectedPart, Consumer<Trial> misuse) {
        Trial t = Study.builder().sampler(Samplers.random(1)).build().ask();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> misuse.accept(t));
        String m = e.getMessage();
        assertTrue(m.startsWith("parameter 'p': "), m);
        assertTrue(m.contains(expectedPart), m);
        assertTrue(m.contains("; "), "no fix in: " + m);
    }

    @Test
    void invalidBoundsStepsAndChoicesAreReportedWithTheParameterName() {
        // Before: the distributions' messages (e.g. "step must be > 0, but got step=NaN") did not say which
        // parameter was wrong, and some gave no fix.
        assertNamed("finite", t -> t.suggestFloat("p", Double.NaN, 1));
        assertNamed("finite", t -> t.suggestFloat("p", 0, Double.POSITIVE_INFINITY, true));
        assertNamed("step=NaN", t -> t.suggestFloat("p", 0, 1, Double.NaN));
        assertNamed("step=0.0", t -> t.suggestFloat("p", 0, 1, 0.0));
        assertNamed("step=-0.1", t -> t.suggestFloat("p", 0, 1, -0.1));
        assertNamed("use high=0.9", t -> t.suggestFloat("p", 0, 1, 0.3));
        assertNamed("low > 0", t -> t.suggestFloat("p", 0, 1, true));
        assertNamed("swap", t -> t.suggestFloat("p", 2, 1));
        assertNamed("step=0", t -> t.suggestInt("p", 0, 10, 0));
        assertNamed("use high=9", t -> t.suggestInt("p", 0, 10, 3));
        assertNamed("low >= 1", t -> t.suggestInt("p", 0, 10, true));
        assertNamed("swap", t -> t.suggestInt("p", 10, 1));
        assertNamed("at least one choice", t -> t.suggestCategorical("p", List.of()));
        assertNamed("null", t -> t.suggestCategorical("p", Arrays.asList("a", null)));
        assertNamed("twice", t -> t.suggestCategorical("p", List.of(1, 1.0)));
        assertNamed("finite", t -> t.suggestCategorical("p", List.of(1.0, Double.NaN)));
    }

    @Test
    void anEnqueuedValueOffTheGridOrOutOfRangeFailsNamingTheNearestValidValue() {
        // Before: only 'enqueue a value inside the distribution'.
        Object[][] cases = {{0.36, "nearest one: 0.4"}, {-3.0, "nearest one: 0.0"}, {7.5, "nearest one: 1.0"}};
        for (Object[] c : cases) {
            Study study = Study.builder().sampler(Samplers.random(1)).build();
            study.enqueueTrial(Map.of("x", c[0]));
            study.optimize(t -> t.suggestFloat("x", 0, 1, 0.1), 1);
            FrozenTrial t = study.trials().get(0);
            assertTrue(t.state() == TrialState.FAIL, t.toString());
            String m = t.failure().toString();
            assertTrue(m.contains("'x'") && m.contains((String) c[1]), m);
        }
        Study study = Study.builder().sampler(Samplers.random(1)).build();
        study.enqueueTrial(Map.of("n", 1000));
        study.optimize(t -> t.suggestInt("n", 1, 100, true), 1);
        String m = study.trials().get(0).failure().toString();
        assertTrue(m.contains("'n'") && m.contains("nearest one: 100"), m);
    }

    @Test
    void aNameSuggestedTwiceInOneTrialReturnsTheSameValueOrRefusesAnotherDistribution() {
        Trial t = Study.builder().sampler(Samplers.random(3)).build().ask();
        double x = t.suggestFloat("p", 0, 1);
        assertTrue(x == t.suggestFloat("p", 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("p", 0, 2));
        assertTrue(e.getMessage().contains("'p'") && e.getMessage().contains("within a trial"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.suggestInt("p", 0, 1));
        assertTrue(Map.of("p", x).equals(t.params()));
    }
}
