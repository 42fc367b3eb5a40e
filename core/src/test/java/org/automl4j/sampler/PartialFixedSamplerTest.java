package org.automl4j.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class PartialFixedSamplerTest {

    private static double objective(org.automl4j.trial.Trial t) {
        double x = t.suggestFloat("x", -5, 5);
        int n = t.suggestInt("n", 1, 10);
        String kind = t.suggestCategorical("kind", List.of("a", "b", "c"));
        return x * x + n + kind.length();
    }

    private static Study study(Sampler sampler) {
        return Study.builder().direction(Direction.MINIMIZE).sampler(sampler).build();
    }

    @Test
    void fixedParametersKeepTheirValuesAndTheOthersAreSearched() {
        Study s = study(Samplers.partialFixed(Map.of("n", 3, "kind", "b"), Samplers.tpe(0)));
        s.optimize(PartialFixedSamplerTest::objective, 30);
        Set<Object> xs = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            assertEquals(TrialState.COMPLETE, t.state());
            assertEquals(3, t.params().get("n"));
            assertEquals("b", t.params().get("kind"));
            xs.add(t.params().get("x"));
        }
        assertEquals(30, xs.size(), "x is still searched");
        // TPE still optimises the free parameter: the best x is near 0
        assertTrue(Math.abs((Double) s.bestTrial().orElseThrow().params().get("x")) < 1.0);
    }

    @Test
    void theSameSeedGivesTheSameTrials() {
        List<Map<String, Object>> first = new ArrayList<>();
        List<Map<String, Object>> second = new ArrayList<>();
        for (List<Map<String, Object>> out : List.of(first, second)) {
            Study s = study(Samplers.partialFixed(Map.of("x", 1.5), Samplers.tpe(7)));
            s.optimize(PartialFixedSamplerTest::objective, 15);
            s.trials().forEach(t -> out.add(t.params()));
        }
        assertEquals(first, second);
        assertTrue(first.stream().allMatch(p -> p.get("x").equals(1.5)));
    }

    @Test
    void aFixedValueOutsideTheSuggestedRangeFailsTheTrialWithItsNameAndTheStudyGoesOn() {
        Study s = study(Samplers.partialFixed(Map.of("n", 42), Samplers.random(0)));
        s.optimize(PartialFixedSamplerTest::objective, 3);
        assertEquals(3, s.trials().size());
        for (FrozenTrial t : s.trials()) {
            assertEquals(TrialState.FAIL, t.state());
            String message = t.failure().message();
            assertTrue(message.contains("fixed parameter 'n' = 42"), message);
        }
    }

    @Test
    void fixedParametersAreLeftOutOfTheJointSearchSpace() {
        Map<String, Distribution> offered = new LinkedHashMap<>();
        offered.put("x", FloatDistribution.of(-5, 5));
        offered.put("n", IntDistribution.of(1, 10));
        List<Map<String, Distribution>> asked = new ArrayList<>();
        Sampler joint = new Sampler() {
            @Override
            public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
                return offered;
            }

            @Override
            public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial,
                    Map<String, Distribution> space) {
                asked.add(space);
                Map<String, Double> out = new LinkedHashMap<>();
                space.keySet().forEach(k -> out.put(k, 2.0));
                return out;
            }

            @Override
            public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution d) {
                throw new AssertionError("not asked for " + name);
            }
        };
        Study s = study(Samplers.partialFixed(Map.of("n", 4), joint));
        s.optimize(t -> t.suggestFloat("x", -5, 5) + t.suggestInt("n", 1, 10), 2);
        assertEquals(List.of(Map.of("x", FloatDistribution.of(-5, 5)), Map.of("x", FloatDistribution.of(-5, 5))), asked);
        for (FrozenTrial t : s.trials()) {
            assertEquals(Map.of("x", 2.0, "n", 4), t.params());
        }
    }

    @Test
    void nullNamesOrValuesAndNestingAreRefused() {
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("x", null);
        assertThrows(IllegalArgumentException.class, () -> Samplers.partialFixed(withNull, Samplers.random(0)));
        Sampler once = Samplers.partialFixed(Map.of("x", 1.0), Samplers.random(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samplers.partialFixed(Map.of("n", 2), once));
        assertTrue(e.getMessage().contains("one Samplers.partialFixed call"));
        assertFalse(once.describe().isEmpty());
    }
}
