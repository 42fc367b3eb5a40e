package org.automl4j.meta.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class ConfigEncoderTest {

    @Test
    void choicesBecomeIndicatorsNumbersTheirUnitPositionAndInactiveOnesMinusOne() {
        SearchSpace space = SearchSpace.builder().add("learner", CategoricalDistribution.of("a", "b"))
                .add("a.c", FloatDistribution.logScale(0.01, 100)).condition("a.c", "learner", "a")
                .add("b.w", FloatDistribution.of(0, 10)).condition("b.w", "learner", "b").build();
        ConfigEncoder enc = new ConfigEncoder(space);
        assertEquals(List.of("learner=a", "learner=b", "a.c", "b.w"), enc.columns());
        assertArrayEquals(new double[] {1, 0, 0.5, -1}, enc.encode(Map.of("learner", "a", "a.c", 1.0)), 1e-12);
        assertArrayEquals(new double[] {0, 1, -1, 0.25}, enc.encode(Map.of("learner", "b", "b.w", 2.5)), 1e-12);
        assertArrayEquals(new double[] {0, 0, -1, -1}, enc.encode(Map.of("learner", "z", "b.w", 20.0)), 1e-12,
                "values outside the space count as inactive");
    }
}
