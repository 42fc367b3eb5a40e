package org.automl4j.metagrad.fewshot;

import java.util.Objects;

/**
 * One task of a task family: the support set a learner adapts on and the query set it is judged on.
 *
 * @param support the few training examples (K per class, or K points)
 * @param query   held-out examples of the same task
 */
public record FewShotTask(Examples support, Examples query) {
    public FewShotTask {
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(query, "query");
        if (support.features() != query.features()) {
            throw new IllegalArgumentException("support rows have " + support.features() + " features, query rows "
                    + query.features());
        }
    }
}
