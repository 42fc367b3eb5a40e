package org.automl4j.meta.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class SpaceShrinkerTest {

    /** learner a (x decides, noise and k do not) or b (always poor); prep shared and irrelevant. */
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add("learner", CategoricalDistribution.of("a", "b"))
            .add("a.x", FloatDistribution.of(0, 1)).condition("a.x", "learner", "a")
            .add("a.noise", FloatDistribution.of(0, 1)).condition("a.noise", "learner", "a")
            .add("a.k", IntDistribution.logScale(1, 100)).condition("a.k", "learner", "a")
            .add("b.y", FloatDistribution.of(0, 1)).condition("b.y", "learner", "b")
            .add("prep", CategoricalDistribution.of("p", "q"))
            .build();

    private static List<SpaceShrinker.Observation> observations() {
        SplittableRandom rng = new SplittableRandom(4);
        List<SpaceShrinker.Observation> obs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            double q;
            if (i % 3 == 0) {
                c.put("learner", "b");
                c.put("b.y", rng.nextDouble());
                q = 0.2 * rng.nextDouble();
            } else {
                double x = rng.nextDouble();
                c.put("learner", "a");
                c.put("a.x", x);
                c.put("a.noise", rng.nextDouble());
                c.put("a.k", 1 + rng.nextInt(100));
                q = 1 - Math.abs(x - 0.7);
            }
            c.put("prep", rng.nextBoolean() ? "p" : "q");
            obs.add(new SpaceShrinker.Observation(c, q));
        }
        return obs;
    }

    @Test
    void theImportantParameterStaysFreeAroundTheGoodValuesWhileNoiseIsFixed() {
        SpaceShrinker.Result r = SpaceShrinker.shrink(SPACE, observations(), List.of(), SpaceShrinker.Options.pipelines());
        SearchSpace s = r.space();
        assertEquals(new CategoricalDistribution(List.of("a")), s.parameters().get("learner"), "b is never near the top");
        assertFalse(s.parameters().containsKey("b.y"), "b's parameters go with it");
        FloatDistribution x = (FloatDistribution) s.parameters().get("a.x");
        assertFalse(x.isSingle(), "x decides the quality, so it stays free: " + r.importance());
        assertTrue(x.low() <= 0.7 && x.high() >= 0.7 && x.high() - x.low() < 0.8, "narrowed around 0.7: " + x);
        assertTrue(r.fixed().containsKey("a.noise") && s.parameters().get("a.noise").isSingle(), r.importance().toString());
        assertTrue(r.fixed().containsKey("prep"), "the shared, irrelevant choice is fixed too: " + r.importance());
        // a.k is noise as well, but a parameter is only fixed when its effect does not beat chance at the 90 %
        // level; here its top values happen to cluster, so it is (conservatively) narrowed instead of fixed
        assertFalse(s.parameters().get("a.k").equals(SPACE.parameters().get("a.k")) && !r.fixed().containsKey("a.k"),
                "a.k is narrowed or fixed");
        assertTrue(r.importance().get("a").get("a.x") > 0.5, r.importance().toString());
        assertEquals(r.space().conditionOf("a.x").orElseThrow().values(), List.of("a"));
    }

    @Test
    void pointsToKeepStayInsideAndProjectionOnlyMovesFixedParameters() {
        Map<String, Object> keepB = Map.of("learner", "b", "b.y", 0.3, "prep", "q");
        Map<String, Object> keepA = Map.of("learner", "a", "a.x", 0.95, "a.noise", 0.1, "a.k", 50, "prep", "p");
        SpaceShrinker.Result r = SpaceShrinker.shrink(SPACE, observations(), List.of(keepA, keepB),
                SpaceShrinker.Options.pipelines());
        assertTrue(r.space().parameters().get("learner").contains("b"), "a point to keep keeps its learner");
        assertTrue(r.space().parameters().get("a.x").contains(0.95), "and its important values");
        Map<String, Object> moved = r.project(keepA).orElseThrow();
        assertEquals(0.95, moved.get("a.x"));
        assertEquals(r.fixed().get("a.noise"), moved.get("a.noise"));
        Map<String, Object> movedB = r.project(keepB).orElseThrow();
        assertEquals("b", movedB.get("learner"));
        assertEquals(r.fixed().getOrDefault("b.y", 0.3), movedB.get("b.y"), "only a fixed parameter moves");
        SpaceShrinker.Result without = SpaceShrinker.shrink(SPACE, observations(), List.of(),
                SpaceShrinker.Options.pipelines());
        assertTrue(without.project(keepB).isEmpty(), "a dropped learner cannot be projected");
    }
}
