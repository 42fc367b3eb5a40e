package org.automl4j.learners.mlp;

import java.util.List;
import org.automl4j.learners.Learner;
import org.automl4j.learners.LearnerProvider;

/** Registers the {@code mlp} learner with {@link org.automl4j.learners.Learners}. */
public final class MlpLearnerProvider implements LearnerProvider {

    @Override
    public List<Learner> learners() {
        return List.of(new MlpLearner());
    }
}
