package org.automl4j.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

    @Test
    void gridOfTakesASingleValuedFloatAsOnePoint() {
        // Before: refused as 'a continuous float ...; give it a step', though low == high has one value.
        Map<String, Distribution> space = new LinkedHashMap<>();
        space.put("a", FloatDistribution.of(2, 2));
        space.put("b", IntDistribution.of(1, 3));
        Study s = Study.builder().sampler(Samplers.gridOf(space, 1)).build();
        s.optimize(t -> t.suggestFloat("a", 2, 2) + t.suggestInt("b", 1, 3), 10);
        assertEquals(3, s.trials().size());
        s.trials().forEach(t -> assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.failure())));
        s.trials().forEach(t -> assertEquals(2.0, t.params().get("a")));
    }

    @Test
    void visitsEveryPointOnceAndStopsWhenExhausted() {
        Map<String, List<?>> grid = new LinkedHashMap<>();
        grid.put("a", List.of(1, 2, 3));
        grid.put("b", List.of("x", "y"));
        Study s = Study.builder().sampler(Samplers.grid(grid, 5)).build();
        s.optimize(t -> t.suggestInt("a", 1, 3) + (t.suggestCategorical("b", List.of("x", "y")).equals("x") ? 0 : 10), 100);
        assertEquals(6, s.trials().size(), "the study stops when the grid is exhausted");
        Set<Map<String, Object>> seen = new HashSet<>();
        s.trials().forEach(t -> seen.add(t.params()));
        assertEquals(6, seen.size());
    }

    @Test
    void sameSeedGivesTheSameOrderAndAnotherSeedAnother() {
        Map<String, List<?>> grid = Map.of("a", List.of(1, 2, 3, 4, 5, 6, 7, 8));
        List<Object> first = order(Samplers.grid(grid, 3), 8);
        assertEquals(first, order(Samplers.grid(grid, 3), 8));
        org.junit.jupiter.api.Assertions.assertNotEquals(first, order(Samplers.grid(grid, 4), 8));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), order(Samplers.grid(grid), 8), "unshuffled is lexicographic");
    }

    private static List<Object> order(Sampler sampler, int n) {
        Study s = Study.builder().sampler(sampler).build();
        s.optimize(t -> t.suggestInt("a", 1, 8), n);
        return s.trials().stream().map(t -> t.params().get("a")).toList();
    }

    @Test
    void gridFromStepDiscretisedRanges() {
        Map<String, Distribution> space = new LinkedHashMap<>();
        space.put("q", FloatDistribution.stepped(0, 1, 0.5));
        space.put("k", IntDistribution.stepped(0, 4, 2));
        space.put("c", CategoricalDistribution.of(true, false));
        Study s = Study.builder().sampler(Samplers.gridOf(space, 1)).build();
        s.optimize(t -> {
            double q = t.suggestFloat("q", 0, 1, 0.5);
            int k = t.suggestInt("k", 0, 4, 2);
            boolean c = t.suggestCategorical("c", List.of(true, false));
            return q + k + (c ? 1 : 0);
        }, 100);
        assertEquals(18, s.trials(TrialState.COMPLETE).size());
    }

    @Test
    void continuousFloatWithoutStepIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samplers.gridOf(Map.of("x", FloatDistribution.of(0, 1)), 0));
        assertTrue(e.getMessage().contains("give it a step"), e.getMessage());
    }

    @Test
    void aGridTooLargeToCountIsAClearError() {
        Map<String, List<?>> grid = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            grid.put("p" + i, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)); // 10^25 points overflow a long
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Samplers.grid(grid));
        assertTrue(e.getMessage().contains("more than 50,000,000 points"), e.getMessage());
    }

    @Test
    void aNullGridValueIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samplers.grid(Map.of("a", java.util.Arrays.asList(1, null))));
        assertTrue(e.getMessage().contains("'a' has a null value"), e.getMessage());
    }

    @Test
    void aRangeWithTooManyGridValuesIsRefusedBeforeItIsListed() {
        // listing 2^32 ints (or 10^15 floats) ran out of memory before the grid's size was checked
        IllegalArgumentException ints = assertThrows(IllegalArgumentException.class, () -> Samplers.gridOf(
                Map.of("k", IntDistribution.of(Integer.MIN_VALUE, Integer.MAX_VALUE)), 0));
        assertTrue(ints.getMessage().contains("parameter 'k'") && ints.getMessage().contains("4294967296 grid values"),
                ints.getMessage());
        IllegalArgumentException floats = assertThrows(IllegalArgumentException.class, () -> Samplers.gridOf(
                Map.of("x", FloatDistribution.stepped(0, 1e12, 1e-3)), 0));
        assertTrue(floats.getMessage().contains("parameter 'x'"), floats.getMessage());
    }

    @Test
    void parameterOutsideTheGridFailsTheTrial() {
        Study s = Study.builder().sampler(Samplers.grid(Map.of("a", List.of(1, 2)))).build();
        s.optimize(t -> t.suggestInt("a", 1, 2) + t.suggestFloat("extra", 0, 1), OptimizeOptions());
        FrozenTrial t = s.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        assertTrue(t.failure().message().contains("not in the grid"), t.failure().message());
    }

    private static org.automl4j.study.OptimizeOptions OptimizeOptions() {
        return org.automl4j.study.OptimizeOptions.trials(2).withMaxInitialFailures(0);
    }

    @Test
    void aTrialStartedAfterTheLastPointWasTakenRepeatsAPointInFlightInsteadOfFailing() {
        // the race of parallel workers, made deterministic with ask: both points are being evaluated when a third
        // trial starts; before, it failed with "the grid of 2 points is exhausted"
        Study s = Study.builder().sampler(Samplers.grid(Map.of("a", List.of(1, 2)), 0)).build();
        var first = s.ask();
        var second = s.ask();
        int a1 = first.suggestInt("a", 1, 2);
        int a2 = second.suggestInt("a", 1, 2);
        assertEquals(Set.of(1, 2), Set.of(a1, a2));
        var third = s.ask();
        assertEquals(a1, third.suggestInt("a", 1, 2), "repeats the oldest point in flight");
        s.tell(first, a1);
        s.tell(second, a2);
        s.tell(third, a1);
        var late = s.ask();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> late.suggestInt("a", 1, 2));
        assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
    }

    @Test
    void resumedStudySkipsPointsAlreadyEvaluated() {
        Map<String, List<?>> grid = Map.of("a", List.of(1, 2, 3, 4));
        org.automl4j.storage.InMemoryStorage storage = new org.automl4j.storage.InMemoryStorage();
        Study first = Study.builder().name("g").storage(storage).sampler(Samplers.grid(grid, 0)).build();
        first.optimize(t -> t.suggestInt("a", 1, 4), 2);
        Study again = Study.builder().name("g").storage(storage).loadIfExists(true)
                .sampler(Samplers.grid(grid, 0)).build();
        again.optimize(t -> t.suggestInt("a", 1, 4), 10);
        assertEquals(4, again.trials().size());
        Set<Object> values = new HashSet<>();
        again.trials().forEach(t -> values.add(t.params().get("a")));
        assertEquals(Set.of(1, 2, 3, 4), values);
    }

    @Test
    void aGridSharedByASecondStudyIsRefusedInsteadOfLookingExhausted() {
        // before, study b ran no trial at all: the grid's points were taken by study a
        Sampler shared = Samplers.grid(Map.of("a", List.of(1, 2, 3)));
        Study first = Study.builder().name("first").sampler(shared).build();
        first.optimize(t -> t.suggestInt("a", 0, 5), 10);
        assertEquals(3, first.trials().size());
        Study second = Study.builder().name("second").sampler(shared).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> second.optimize(t -> t.suggestInt("a", 0, 5), 10));
        assertTrue(e.getMessage().contains("serves one study"), e.getMessage());
    }
}
