package org.automl4j.learners.linear;

import org.automl4j.learners.Learner;

/** Factories for the linear learners. */
public final class LinearLearners {

    private LinearLearners() {
    }

    /** Logistic regression for classification ({@code logistic}): parameters {@code C}, {@code penalty}. */
    public static Learner logistic() {
        return new LogisticLearner();
    }

    /** Elastic-net linear regression ({@code linear}): parameters {@code alpha}, {@code l1_ratio}. */
    public static Learner linear() {
        return new LinearRegressionLearner();
    }
}
