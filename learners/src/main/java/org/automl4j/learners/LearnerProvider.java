package org.automl4j.learners;

import java.util.List;

/**
 * Adds learners from another module (found with {@link java.util.ServiceLoader}, listed in
 * {@code META-INF/services/org.automl4j.learners.LearnerProvider}); {@link Learners} registers them after
 * the built-in ones, so a learner with heavy dependencies (the neural network on the deep-learning engine)
 * is there only when its module is on the class path.
 */
public interface LearnerProvider {

    /** The learners this module adds; their names must not clash with other learners'. */
    List<Learner> learners();
}
