package org.automl4j.learners;

import java.util.Map;
import java.util.Optional;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.space.SearchSpace;

/**
 * A learning algorithm with its hyperparameter search space: the unit a CASH search picks and
 * tunes, in the manner of auto-sklearn's components. Implementations are immutable and
 * thread-safe; each {@code fit} builds its own trainer, so fits may run concurrently (each native
 * library is limited to at most 2 threads per fit).
 *
 * <pre>{@code
 * Learner lgbm = Learners.byName("lightgbm");
 * Model m = lgbm.fit(train, Map.of("num_leaves", 63), 42L);
 * double[][] p = m.predictProba(test.x());
 * }</pre>
 */
public interface Learner {

    /**
     * Short stable id: {@code logistic}, {@code linear}, {@code svm}, {@code knn}, {@code tree},
     * {@code random_forest}, {@code extra_trees}, {@code xgboost}, {@code lightgbm}, {@code lgbm_rf} or
     * {@code lgbm_extra_trees}.
     */
    String name();

    /** What it can do. */
    Capabilities capabilities();

    /** Whether it can fit {@code task}. */
    default boolean supports(Task task) {
        return capabilities().supports(task);
    }

    /**
     * The hyperparameters worth tuning for {@code task}, with bare names (e.g. {@code num_leaves}).
     *
     * @throws IllegalArgumentException if the task is not supported
     */
    SearchSpace searchSpace(Task task);

    /**
     * Good values to try first; every value lies in {@link #searchSpace(Task)} and every active
     * parameter of the space has a default.
     *
     * @throws IllegalArgumentException if the task is not supported
     */
    Map<String, Object> defaults(Task task);

    /**
     * The parameter that sets the number of rounds (trees or boosting iterations) of an iterative
     * learner; it accepts any positive integer, also above its search range, so a caller can grant
     * a larger budget. Empty for non-iterative learners.
     */
    default Optional<String> budgetParameter() {
        return Optional.empty();
    }

    /**
     * Whether {@link #fit} checks its thread's interrupt flag while it trains and then gives up with a
     * {@link java.util.concurrent.CancellationException}, so a caller with a time limit can stop it on its own
     * thread. The default is false: a caller that must keep a time limit runs such a fit where it can leave it.
     */
    default boolean stopsWhenInterrupted() {
        return false;
    }

    /**
     * Fits a model. Parameters left out take their {@link #defaults(Task)}.
     *
     * @param train  the training data
     * @param params hyperparameters by bare name
     * @param seed   seeds all randomness: the same data, parameters and seed give the same model
     * @throws IllegalArgumentException on an unsupported task, an unknown parameter name, a value
     *     outside the search space, or {@code NaN} in {@code x} for a learner that does not handle
     *     missing values
     */
    Model fit(Dataset train, Map<String, Object> params, long seed);

    /**
     * Fits with a validation set that iterative learners may use for early stopping (the others
     * ignore it). The default ignores {@code validation}.
     *
     * @throws IllegalArgumentException as {@link #fit(Dataset, Map, long)}, or if the validation set
     *     has other features or classes than {@code train}
     */
    default Model fit(Dataset train, Map<String, Object> params, long seed, Dataset validation) {
        return fit(train, params, seed);
    }

    /**
     * Reads a model written by {@link Model#toBytes()} of a model of this learner. Never runs Java
     * object deserialisation; a library model whose type is not one this learner produces is refused.
     *
     * @throws IllegalArgumentException if the bytes are not such a model
     */
    Model load(byte[] bytes);
}
