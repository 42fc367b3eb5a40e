package org.automl4j.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {

    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void aSteppedFloatWhoseHighIsOffTheGridIsRefused() {
        // Before: high = 1e9 + 0.5 with step 1 was accepted (the test allowed 1e-8 of the number of steps, here
        // 10 steps), and then high itself was not a value of the distribution.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloatDistribution.stepped(0, 1e9 + 0.5, 1));
        assertTrue(e.getMessage().contains("use high=1000000000"), e.getMessage());
        FloatDistribution ok = FloatDistribution.stepped(0, 1e9, 1);
        assertTrue(ok.containsInternal(ok.high()));
    }

    @Test
    void aSteppedFloatOfManyGridPointsContainsEveryPointASamplerGives() {
        // Before: with about 1e11 grid points a third of the samples were not 'contained' (the grid test allowed
        // 1e-6 of a step, less than the rounding of low + k * step), so the trial failed as a sampler bug.
        for (FloatDistribution f : java.util.List.of(FloatDistribution.stepped(0, 1e10, 0.1),
                FloatDistribution.stepped(-1e6, 1e6, 1e-6), FloatDistribution.stepped(0.3, 0.3 + 1e11 * 0.7, 0.7))) {
            org.automl4j.internal.ParamTransform t = org.automl4j.internal.ParamTransform.of(f);
            java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
            for (int i = 0; i < 2000; i++) {
                double v = t.denormalize(rng.nextDouble());
                org.junit.jupiter.api.Assertions.assertTrue(f.containsInternal(v), f + " " + v);
            }
        }
        org.junit.jupiter.api.Assertions.assertFalse(FloatDistribution.stepped(0, 1e10, 0.1).containsInternal(2.8e9 + 0.05));
        org.junit.jupiter.api.Assertions.assertFalse(FloatDistribution.stepped(0, 1, 0.1).containsInternal(0.35));
        org.automl4j.study.Study study = org.automl4j.study.Study.builder()
                .sampler(org.automl4j.sampler.Samplers.random(3)).build();
        study.optimize(tr -> tr.suggestFloat("x", 0, 1e10, 0.1), 20);
        study.trials().forEach(tr -> org.junit.jupiter.api.Assertions.assertEquals(
                org.automl4j.trial.TrialState.COMPLETE, tr.state(), String.valueOf(tr.failure())));
    }

    @Test
    void rejectsLowGreaterThanHighAndSaysToSwap() {
        assertMessage(() -> FloatDistribution.of(2, 1), "low=2.0", "high=1.0", "swap");
        assertMessage(() -> IntDistribution.of(5, 1), "low=5", "high=1", "swap");
    }

    @Test
    void rejectsLogScaleWithNonPositiveLow() {
        assertMessage(() -> FloatDistribution.logScale(0, 1), "low > 0", "low=0.0");
        assertMessage(() -> IntDistribution.logScale(0, 10), "low >= 1");
    }

    @Test
    void rejectsLogCombinedWithStep() {
        assertMessage(() -> new FloatDistribution(1, 2, true, 0.5), "cannot be combined");
        assertMessage(() -> new IntDistribution(1, 9, true, 2), "step=1");
    }

    @Test
    void rejectsRangeThatIsNotAMultipleOfStepAndSuggestsAFix() {
        assertMessage(() -> FloatDistribution.stepped(0, 1, 0.3), "multiple of step", "high=0.9");
        assertMessage(() -> IntDistribution.stepped(0, 10, 3), "multiple of step", "high=9");
    }

    @Test
    void rejectsNonFiniteBounds() {
        assertMessage(() -> FloatDistribution.of(0, Double.POSITIVE_INFINITY), "finite");
        assertMessage(() -> FloatDistribution.of(Double.NaN, 1), "finite");
    }

    @Test
    void floatContainsRespectsBoundsAndStep() {
        FloatDistribution d = FloatDistribution.stepped(0, 1, 0.25);
        assertTrue(d.contains(0.75));
        assertFalse(d.contains(0.7));
        assertFalse(d.contains(1.25));
        assertFalse(d.contains("0.5"));
        assertEquals(5, d.gridSize());
    }

    @Test
    void intContainsOnlyIntegersOnTheGrid() {
        IntDistribution d = IntDistribution.stepped(1, 9, 2);
        assertTrue(d.contains(3));
        assertTrue(d.contains(3L));
        assertFalse(d.contains(4));
        assertFalse(d.contains(3.5));
        assertEquals(3, d.toExternal(3.0));
        assertEquals(5, d.gridSize());
    }

    @Test
    void categoricalMapsChoicesToIndicesAndBack() {
        CategoricalDistribution d = CategoricalDistribution.of("a", 2, true, 0.5);
        assertEquals(1.0, d.toInternal(2));
        assertEquals(1.0, d.toInternal(2L), "numbers compare by value");
        assertEquals(true, d.toExternal(2));
        assertEquals(0.5, d.toExternal(3));
        assertMessage(() -> d.toInternal("z"), "not one of the choices");
    }

    @Test
    void categoricalRejectsNullsDuplicatesAndObjects() {
        assertMessage(() -> new CategoricalDistribution(java.util.Arrays.asList("a", null)), "null");
        assertMessage(() -> CategoricalDistribution.of("a", "a"), "twice");
        assertMessage(() -> CategoricalDistribution.of(new Object()), "strings, numbers or booleans");
        assertMessage(() -> new CategoricalDistribution(List.of()), "at least one choice");
    }

    @Test
    void singleValueDomainsAreDetected() {
        assertTrue(FloatDistribution.of(1, 1).isSingle());
        assertTrue(IntDistribution.of(3, 3).isSingle());
        assertTrue(CategoricalDistribution.of("only").isSingle());
        assertFalse(IntDistribution.of(3, 4).isSingle());
    }

    @Test
    void aNullChoiceListOrANullChoiceIsNamedNotABareNullPointer() {
        assertMessage(() -> CategoricalDistribution.of((List<?>) null), "at least one choice", "null");
        assertMessage(() -> CategoricalDistribution.of(java.util.Arrays.asList("a", null)), "choice #1 is null",
                "\"none\"");
        assertMessage(() -> CategoricalDistribution.of("a", null), "choice #1 is null");
    }
}
