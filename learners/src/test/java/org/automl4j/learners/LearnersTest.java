package org.automl4j.learners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.automl4j.data.Task;
import org.junit.jupiter.api.Test;

class LearnersTest {

    @Test
    void listsEveryLearnerByNameInAFixedOrder() {
        assertEquals(List.of("logistic", "linear", "svm", "knn", "tree", "random_forest", "extra_trees", "xgboost",
                "lightgbm", "lgbm_rf", "lgbm_extra_trees"), Learners.names());
        for (Learner l : Learners.all()) {
            assertEquals(l, Learners.byName(l.name()));
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Learners.byName("catboost"));
        assertTrue(e.getMessage().contains("catboost") && e.getMessage().contains("lightgbm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Learners.load("catboost", new byte[0]));
    }

    @Test
    void forTaskKeepsOnlyLearnersSupportingIt() {
        List<String> classification = Learners.forTask(Task.MULTICLASS).stream().map(Learner::name).toList();
        List<String> regression = Learners.forTask(Task.REGRESSION).stream().map(Learner::name).toList();
        assertEquals(List.of("logistic", "svm", "knn", "tree", "random_forest", "extra_trees", "xgboost", "lightgbm",
                "lgbm_rf", "lgbm_extra_trees"), classification);
        assertEquals(List.of("linear", "svm", "knn", "tree", "random_forest", "xgboost", "lightgbm",
                "lgbm_rf", "lgbm_extra_trees"), regression);
        assertEquals(classification, Learners.forTask(Task.BINARY).stream().map(Learner::name).toList());
    }

    @Test
    void capabilitiesNeedATaskKind() {
        assertThrows(IllegalArgumentException.class, () -> new Capabilities(false, false, true, true, true, true));
        assertTrue(new Capabilities(true, false, false, false, false, false).supports(Task.BINARY));
    }
}
