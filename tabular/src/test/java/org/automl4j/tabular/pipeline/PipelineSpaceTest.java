package org.automl4j.tabular.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.junit.jupiter.api.Test;

class PipelineSpaceTest {

    private static final PipelineSpace NO_MISSING = new PipelineSpace(List.of(Learners.byName("knn"),
            Learners.byName("tree")), Task.BINARY, false, false);

    @Test
    void aPipelineFromAnotherSpaceIsProjectedOntoThisOne() {
        // from a space with missing values and categoricals, read back from JSON (a Long, a Double for an int)
        Map<String, Object> other = Map.of("learner", "knn", "knn.n_neighbors", 7L, "impute", "mean", "encoding", "target",
                "scaling", "robust", "selection", "none", "class_weight", "balanced");
        Map<String, Object> p = NO_MISSING.project(other, false).orElseThrow();
        assertEquals(7, p.get("knn.n_neighbors"));
        assertTrue(p.get("knn.n_neighbors") instanceof Integer);
        assertFalse(p.containsKey("impute") || p.containsKey("encoding"), "this data has neither: " + p);
        assertEquals("robust", p.get("scaling"));
        assertEquals("l2", p.get("knn.metric"), "a parameter the point lacks takes the default pipeline's value");
        assertEquals(p, NO_MISSING.checkPoint(p));
        Map<String, Object> outOfRange = NO_MISSING.project(Map.of("learner", "knn", "knn.n_neighbors", 500), true)
                .orElseThrow();
        assertEquals(5, outOfRange.get("knn.n_neighbors"), "outside the range: the default");
        assertEquals("balanced", outOfRange.get("class_weight"));
        assertTrue(NO_MISSING.project(Map.of("learner", "svm"), false).isEmpty(), "a learner this space lacks");
    }

    @Test
    void randomPointsAreActivePointsOfTheSpaceAndRepeatForASeed() {
        List<Map<String, Object>> a = NO_MISSING.randomPoints(20, 4);
        assertEquals(a, NO_MISSING.randomPoints(20, 4));
        for (Map<String, Object> p : a) {
            assertEquals(p, NO_MISSING.checkPoint(p));
            String learner = (String) p.get("learner");
            assertTrue(p.keySet().stream().filter(k -> k.contains(".")).allMatch(k -> k.startsWith(learner + ".")), p.toString());
        }
        assertEquals(2, a.stream().map(p -> p.get("learner")).distinct().count());
    }

    @Test
    void aPipelineWithModelBasedSelectionDescribesTheFractionItKeeps() {
        // before: 'select=model' alone, so two such pipelines keeping 20 % and 90 % of the features read the same
        PipelineSpace space = new PipelineSpace(List.of(Learners.byName("tree")), Task.BINARY, false, false);
        Map<String, Object> point = new java.util.HashMap<>(space.defaultPoint(Learners.byName("tree")));
        point.put("selection", "model");
        point.put("select_fraction", 0.2);
        assertTrue(space.decode(point).describe().contains("select=model(0.20)"), space.decode(point).describe());
        point.put("selection", "mutual_info");
        assertTrue(space.decode(point).describe().contains("select=mutual_information(0.20)"),
                space.decode(point).describe());
    }
}
