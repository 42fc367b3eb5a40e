package org.automl4j.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.junit.jupiter.api.Test;

class ParameterImportanceTest {

    @Test
    void fanovaFindsTheParameterThatExplainsMostOfTheVariance() {
        Study study = Study.builder().sampler(Samplers.random(3)).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", -1, 1);
            double y = t.suggestFloat("y", -1, 1);
            String c = t.suggestCategorical("c", List.of("a", "b"));
            int k = t.suggestInt("k", 1, 10);
            return 10 * x * x + 0.5 * y + (c.equals("a") ? 0.1 : 0) + 0 * k;
        }, 300);
        Map<String, Double> imp = ParameterImportance.fanova(study.trials(), 0);
        assertEquals("x", imp.keySet().iterator().next(), imp.toString());
        assertTrue(imp.get("x") > 0.8, imp.toString());
        assertTrue(imp.get("y") > imp.get("k"), "y matters a little, k not at all: " + imp);
        assertEquals(1.0, imp.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertEquals(imp, ParameterImportance.fanova(study.trials(), 0), "same seed, same answer");
    }

    @Test
    void pedAnovaRanksTheParameterThatDecidesTheTopTrialsAboveNoise() {
        Study study = Study.builder().sampler(Samplers.random(11)).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 1e-3, 1e3, true);
            double noise = t.suggestFloat("noise", 0, 1);
            String c = t.suggestCategorical("c", List.of("a", "b", "c"));
            int k = t.suggestInt("k", 1, 10);
            // the best trials all have log10(x) near 1 and c = "b"; noise and k do not matter
            double lx = Math.log10(x) - 1;
            return lx * lx + (c.equals("b") ? 0 : 0.5) + 0 * noise + 0 * k;
        }, 400);
        Map<String, Double> imp = ParameterImportance.pedAnova(study.trials(), Direction.MINIMIZE, 0.1);
        List<String> order = List.copyOf(imp.keySet());
        assertEquals(List.of("x", "c"), order.subList(0, 2), imp.toString());
        assertTrue(imp.get("x") > 5 * imp.get("noise"), imp.toString());
        assertTrue(imp.get("c") > 5 * imp.get("k"), imp.toString());
        assertEquals(1.0, imp.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        // maximising the negated objective picks the same top trials
        Study negated = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(11)).build();
        for (FrozenTrial t : study.trials()) {
            negated.addTrial(t.toBuilder().number(-1).values(-t.value()).build());
        }
        assertEquals(imp, ParameterImportance.pedAnova(negated.trials(), Direction.MAXIMIZE, 0.1));
    }

    @Test
    void localPedAnovaLooksOnlyInsideTheGoodRegion() {
        // x decides whether a trial is good at all; among good trials only y still matters
        Study study = Study.builder().sampler(Samplers.random(5)).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return (x < 0.5 ? 10 : 0) + 0.1 * Math.abs(y - 0.2);
        }, 600);
        Map<String, Double> global = ParameterImportance.pedAnova(study.trials(), Direction.MINIMIZE, 0.1);
        Map<String, Double> local = ParameterImportance.pedAnova(study.trials(), Direction.MINIMIZE, 0.1, 0.4);
        assertTrue(global.get("x") > 0.1, "globally the top trials all have x >= 0.5: " + global);
        assertEquals("y", local.keySet().iterator().next(), local.toString());
        assertTrue(local.get("x") < 0.05, "inside the good region x no longer matters: " + local);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterImportance.pedAnova(study.trials(), Direction.MINIMIZE, 0.5, 0.4));
        assertTrue(e.getMessage().contains("topQuantile < regionQuantile"), e.getMessage());
    }

    @Test
    void tooFewTrialsIsAClearError() {
        Study study = Study.builder().sampler(Samplers.random(1)).build();
        study.optimize(t -> t.suggestFloat("x", 0, 1), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterImportance.fanova(study.trials(), 0));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void pedAnovaGivesEqualSharesForAConstantObjectiveInsteadOfRankingByTrialNumber() {
        Study study = Study.builder().sampler(Samplers.random(3)).build();
        study.optimize(t -> {
            t.suggestFloat("x", 0, 1);
            t.suggestCategorical("c", List.of("a", "b"));
            return 1.0;
        }, 20);
        Map<String, Double> imp = ParameterImportance.pedAnova(study.trials(), Direction.MINIMIZE, 0.1);
        assertEquals(Map.of("c", 0.5, "x", 0.5), imp);
        assertEquals(Map.of("x", 0.0, "c", 0.0),
                ParameterImportance.pedAnovaDivergences(study.trials(), Direction.MINIMIZE, 0.1, 1.0));
    }

    @Test
    void fanovaGivesTheSameImportancesForHugeAndTinyObjectiveValues() {
        Study study = Study.builder().sampler(Samplers.random(7)).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return 1 + 4 * x + 0.5 * y;
        }, 60);
        Map<String, Double> plain = ParameterImportance.fanova(study.trials(), 0);
        assertTrue(plain.get("x") > 0.9, plain.toString());
        for (double scale : new double[] {1e300, 1e-300}) {
            List<FrozenTrial> scaled = study.trials().stream()
                    .map(t -> t.toBuilder().values(t.value() * scale).build()).toList();
            Map<String, Double> imp = ParameterImportance.fanova(scaled, 0);
            assertEquals(plain.keySet(), imp.keySet(), "scale " + scale + ": " + imp);
            for (String name : plain.keySet()) {
                assertEquals(plain.get(name), imp.get(name), 1e-3, "scale " + scale + ": " + imp + " vs " + plain);
            }
        }
    }

    @Test
    void aMultiObjectiveStudyIsRefusedWithAMessageThatSaysSoAndHowToRateOneObjective() {
        Study study = Study.builder().directions(Direction.MINIMIZE, Direction.MAXIMIZE).sampler(Samplers.random(1)).build();
        study.optimizeMulti(t -> {
            double x = t.suggestFloat("x", 0, 1);
            return new double[] {x, 1 - x};
        }, org.automl4j.study.OptimizeOptions.trials(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterImportance.pedAnova(study.trials(), Direction.MINIMIZE, 0.1));
        assertTrue(e.getMessage().contains("5 completed trials have several objective values"), e.getMessage());
        List<FrozenTrial> first = study.trials().stream().map(t -> t.toBuilder().values(t.values().get(0)).build()).toList();
        assertEquals(Map.of("x", 1.0), ParameterImportance.fanova(first, 0));
    }

    @Test
    void trialsWithANonFiniteValueAreLeftOutAsOptunaDoes() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(4)).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return -10 * Math.abs(x - 0.3) + 0.1 * y;
        }, 80);
        List<FrozenTrial> finite = study.trials();
        List<FrozenTrial> withNonFinite = new java.util.ArrayList<>(finite);
        double[] bad = {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < bad.length; i++) {
            // NaN and infinite values at x far from the optimum, where they would stand out if counted
            withNonFinite.add(finite.get(0).toBuilder().number(100 + i).values(bad[i])
                    .param("x", new org.automl4j.space.FloatDistribution(0, 1, false, 0), 0.95).build());
        }
        assertEquals(ParameterImportance.fanova(finite, 0), ParameterImportance.fanova(withNonFinite, 0));
        assertEquals(ParameterImportance.pedAnova(finite, Direction.MAXIMIZE, 0.1),
                ParameterImportance.pedAnova(withNonFinite, Direction.MAXIMIZE, 0.1));
    }
}
