package org.automl4j.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Study;
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
    void tooFewTrialsIsAClearError() {
        Study study = Study.builder().sampler(Samplers.random(1)).build();
        study.optimize(t -> t.suggestFloat("x", 0, 1), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterImportance.fanova(study.trials(), 0));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }
}
