package org.automl4j.learners;

import java.util.Map;
import org.automl4j.data.Task;

/**
 * A fitted model. Immutable and thread-safe: {@code predict} and {@code predictProba} may be called
 * from several threads at once. Input rows must have the columns, in the same order, of the
 * {@link org.automl4j.data.Dataset} the model was fitted on.
 */
public interface Model {

    /** The {@link Learner#name()} of the learner that made this model. */
    String learner();

    /** The full hyperparameters used (given values merged over the defaults). */
    Map<String, Object> params();

    /** The task it was fitted for. */
    Task task();

    /**
     * Class probabilities: one row per input row, one column per class in the order of the training
     * dataset's {@code classes}; each row sums to 1.
     *
     * @throws UnsupportedOperationException for a regression model
     * @throws IllegalArgumentException      if a row has the wrong number of features
     */
    double[][] predictProba(double[][] x);

    /**
     * Predictions: the regression value, or for classification the class index with the highest
     * probability (the argmax of {@link #predictProba}; the first on ties).
     *
     * @throws IllegalArgumentException if a row has the wrong number of features
     */
    double[] predict(double[][] x);

    /**
     * A self-contained serialised form (learner, task, classes, feature names, parameters and the
     * library's own model format) that {@link Learners#load(String, byte[])} reads back without Java
     * object deserialisation.
     */
    byte[] toBytes();
}
