package org.automl4j.learners.svm;

import org.automl4j.learners.Learner;

/** Factories for the support vector machine learners. */
public final class SvmLearners {

    private SvmLearners() {
    }

    /**
     * RBF-kernel SVM ({@code svm}) for classification and regression: parameters {@code C},
     * {@code gamma}, and {@code epsilon} for regression. Loading this class silences LIBSVM's
     * process-wide stdout printing.
     */
    public static Learner svm() {
        return new SvmLearner();
    }
}
