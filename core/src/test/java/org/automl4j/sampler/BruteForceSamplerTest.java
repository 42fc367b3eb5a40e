package org.automl4j.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class BruteForceSamplerTest {

    /** kind a: x in {1, 2, 3}; kind b: y in {0, 0.5, 1} and z in {u, v}: 3 + 6 = 9 combinations. */
    private static double conditional(Trial t) {
        String kind = t.suggestCategorical("kind", List.of("a", "b"));
        if (kind.equals("a")) {
            return t.suggestInt("x", 1, 3);
        }
        double y = t.suggestFloat("y", 0, 1, 0.5);
        String z = t.suggestCategorical("z", List.of("u", "v"));
        return y + (z.equals("u") ? 10 : 20);
    }

    private static Study study(long seed) {
        return Study.builder().direction(Direction.MINIMIZE).sampler(Samplers.bruteForce(seed)).build();
    }

    @Test
    void everyCombinationOfAConditionalSpaceIsTriedOnceAndThenTheStudyStops() {
        Study s = study(0);
        s.optimize(BruteForceSamplerTest::conditional, 100);
        List<FrozenTrial> ts = s.trials();
        assertEquals(9, ts.size(), "the study stops once every combination was tried");
        Set<Map<String, Object>> seen = new HashSet<>();
        ts.forEach(t -> seen.add(t.params()));
        assertEquals(9, seen.size(), "no combination twice: " + seen);
        assertTrue(seen.contains(Map.of("kind", "a", "x", 2)));
        assertTrue(seen.contains(Map.of("kind", "b", "y", 0.5, "z", "v")));
        assertTrue(ts.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    }

    @Test
    void theSeedOrdersTheCombinationsReproducibly() {
        List<Map<String, Object>> a = order(3);
        assertEquals(a, order(3));
        assertNotEquals(a, order(4));
        assertEquals(new HashSet<>(a), new HashSet<>(order(4)));
    }

    private static List<Map<String, Object>> order(long seed) {
        Study s = study(seed);
        s.optimize(BruteForceSamplerTest::conditional, 100);
        return s.trials().stream().map(FrozenTrial::params).toList();
    }

    @Test
    void prunedAndFailedCombinationsCountAsTriedEvenWhenTheyStoppedEarly() {
        Study s = study(1);
        s.optimize(t -> {
            String kind = t.suggestCategorical("kind", List.of("a", "b"));
            if (kind.equals("b")) {
                throw new TrialPrunedException(); // before z: the branch's other parameters are never seen
            }
            int x = t.suggestInt("x", 1, 3);
            if (x == 3) {
                throw new IllegalStateException("x = 3 breaks the objective");
            }
            return x;
        }, 100);
        List<FrozenTrial> ts = s.trials();
        assertEquals(4, ts.size(), "a1, a2, a3 (FAIL) and b (PRUNED, its subtree unknown): " + ts);
        assertEquals(1, ts.stream().filter(t -> t.state() == TrialState.PRUNED).count());
        assertEquals(1, ts.stream().filter(t -> t.state() == TrialState.FAIL).count());
    }

    @Test
    void logScaleIntsAreEnumeratedAndContinuousFloatsAreRefusedWithTheFix() {
        Study ints = study(0);
        ints.optimize(t -> t.suggestInt("n", 1, 8, true), 100);
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8),
                new HashSet<>(ints.trials().stream().map(t -> t.params().get("n")).toList()));
        assertEquals(8, ints.trials().size());
        Trial t = study(0).ask();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("lr", 0, 1));
        assertTrue(e.getMessage().contains("'lr' is a continuous float") && e.getMessage().contains("give it a step"),
                e.getMessage());
    }

    @Test
    void anObjectiveWhoseNextParameterIsNotDeterminedByTheEarlierOnesIsExplained() {
        Study s = study(0);
        s.optimize(t -> t.number() == 0 ? t.suggestInt("x", 1, 2) : t.suggestInt("y", 1, 2), 1);
        Trial second = s.ask();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.suggestInt("y", 1, 2));
        assertTrue(e.getMessage().contains("depend only on earlier suggestions"), e.getMessage());
    }
}
