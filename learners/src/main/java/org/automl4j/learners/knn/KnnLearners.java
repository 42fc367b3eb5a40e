package org.automl4j.learners.knn;

import org.automl4j.learners.Learner;

/** Factories for the nearest-neighbour learners. */
public final class KnnLearners {

    private KnnLearners() {
    }

    /** k-nearest neighbours ({@code knn}) for classification and regression: {@code n_neighbors}, {@code metric}. */
    public static Learner knn() {
        return new KnnLearner();
    }
}
