package org.automl4j.learners.internal;

import org.automl4j.data.Dataset;
import org.automl4j.data.Task;

/**
 * A regression training set whose target has a single value (the training rows of a cross-validation fold of
 * a nearly constant target) made fit for learners that cannot take one: LIBSVM's target standardisation
 * divides by its variance (an error), and LightGBM's forests grow no tree (every prediction 0). The target
 * then gets alternating offsets of a millionth of its size (at least 1e-6; LightGBM keeps labels as floats,
 * whose precision is about 1e-7), so the model predicts that value to within them. Internal to the learners
 * module; not API.
 */
public final class ConstantTarget {

    private ConstantTarget() {
    }

    /** {@code train} itself, or, for a regression target with one value, a copy with the tiny offsets. */
    public static Dataset spread(Dataset train) {
        double[] y = train.y();
        if (train.task() != Task.REGRESSION || y.length < 1) {
            return train;
        }
        for (double v : y) {
            if (v != y[0]) {
                return train;
            }
        }
        double d = Math.max(1e-6, Math.abs(y[0]) * 1e-6);
        double[] spread = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            spread[i] = y[0] + (i % 2 == 0 ? d : -d);
        }
        if (y.length % 2 == 1) {
            spread[y.length - 1] = y[0];
        }
        return new Dataset(train.x(), spread, train.weights(), train.task(), train.classes(), train.featureNames());
    }
}
