package org.automl4j.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    static SearchSpace svmOrForest() {
        return SearchSpace.builder()
                .add("algo", CategoricalDistribution.of("svm", "forest"))
                .add("kernel", CategoricalDistribution.of("rbf", "poly"))
                .add("degree", IntDistribution.of(2, 5))
                .add("trees", IntDistribution.logScale(10, 500))
                .condition("kernel", "algo", "svm")
                .condition("degree", "kernel", "poly")
                .condition("trees", "algo", "forest")
                .forbid(Forbidden.of("kernel", "poly", "degree", 5))
                .build();
    }

    @Test
    void aNullValueInAConditionOrForbiddenClauseIsRefusedNamingTheParameter() {
        // Before: a bare NullPointerException from List.of.
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> Condition.in("x", "m", "a", null));
        assertTrue(c.getMessage().contains("'x'") && c.getMessage().contains("null"), c.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> Forbidden.of("a", null, "b", 1));
        assertTrue(f.getMessage().contains("'a'") && f.getMessage().contains("null"), f.getMessage());
        assertEquals(java.util.List.of("a"), new Condition("x", "m", java.util.List.of("a")).values());
    }

    @Test
    void onlyActiveParametersAreSuggested() {
        SearchSpace space = svmOrForest();
        Study study = Study.builder().sampler(Samplers.random(3)).build();
        study.optimize(t -> {
            Map<String, Object> c = space.suggest(t);
            if (c.get("algo").equals("forest")) {
                assertEquals(java.util.Set.of("algo", "trees"), c.keySet());
            } else {
                assertTrue(c.containsKey("kernel"));
                assertFalse(c.containsKey("trees"));
                assertEquals(c.get("kernel").equals("poly"), c.containsKey("degree"));
            }
            return 0;
        }, 60);
        for (FrozenTrial t : study.trials()) {
            if (t.state() == TrialState.FAIL) {
                assertEquals(5, t.params().get("degree"), "only the forbidden combination fails");
                assertTrue(t.failure().message().contains("forbidden"));
            }
        }
    }

    @Test
    void rejectsParentDeclaredAfterChild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder()
                .add("child", FloatDistribution.of(0, 1))
                .add("parent", CategoricalDistribution.of("a", "b"))
                .condition("child", "parent", "a").build());
        assertTrue(e.getMessage().contains("before"), e.getMessage());
    }

    @Test
    void rejectsConditionValueTheParentCannotTake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder()
                .add("parent", CategoricalDistribution.of("a", "b"))
                .add("child", FloatDistribution.of(0, 1))
                .condition("child", "parent", "c").build());
        assertTrue(e.getMessage().contains("value c"), e.getMessage());
    }

    @Test
    void rejectsUnknownNamesAndDuplicates() {
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder()
                .add("x", FloatDistribution.of(0, 1)).condition("x", "nope", 1).build());
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder()
                .add("x", FloatDistribution.of(0, 1)).add("x", FloatDistribution.of(0, 2)));
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder()
                .add("x", FloatDistribution.of(0, 1)).forbid(Forbidden.of("x", 0.5, "y", 1)).build());
    }

    @Test
    void forbiddenMatchesOnlyWhenEveryClauseHolds() {
        SearchSpace space = svmOrForest();
        assertTrue(space.violation(Map.of("algo", "svm", "kernel", "poly", "degree", 5)).isPresent());
        assertTrue(space.violation(Map.of("algo", "svm", "kernel", "poly", "degree", 4)).isEmpty());
        assertTrue(space.violation(Map.of("algo", "forest", "trees", 5)).isEmpty());
    }
}
