package org.automl4j.learners;

import org.automl4j.data.Task;

/**
 * What a {@link Learner} can do, so that callers (the tabular AutoML, a portfolio) can choose and
 * prepare data without trying. Immutable.
 *
 * @param classification whether it fits binary and multiclass tasks
 * @param regression     whether it fits regression tasks
 * @param handlesMissing whether {@code NaN} in the feature matrix is accepted (and handled natively);
 *                       when false, {@code fit} throws on {@code NaN} and the caller must impute
 * @param needsScaling   whether features should be standardised first (distance, kernel and linear
 *                       learners); the learner does not scale by itself
 * @param iterative      whether it builds its model in rounds (trees, boosting iterations) whose
 *                       number is the parameter {@link Learner#budgetParameter()}
 * @param probabilistic  whether {@link Model#predictProba} gives graded probabilities rather than
 *                       one-hot votes
 */
public record Capabilities(boolean classification, boolean regression, boolean handlesMissing,
        boolean needsScaling, boolean iterative, boolean probabilistic) {

    /** @throws IllegalArgumentException if the learner supports neither task kind */
    public Capabilities {
        if (!classification && !regression) {
            throw new IllegalArgumentException("a learner must support classification or regression (or both), but"
                    + " both flags are false");
        }
    }

    /** Whether {@code task} is a kind of task these capabilities include. */
    public boolean supports(Task task) {
        return task.isClassification() ? classification : regression;
    }
}
