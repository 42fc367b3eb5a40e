package org.automl4j.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * A single-objective function evaluated on a Spark executor. It receives the trial's parameters
 * (active parameters of the search space, as user values: {@code Double}, {@code Integer} or the
 * categorical choice) and the data shared by all trials ({@code null} when the run has none), and
 * returns the objective value.
 *
 * <p>It is serialised with Java serialisation and shipped to the executors, so it must capture only
 * serialisable state, and large inputs belong in the shared data (sent once per executor as a Spark
 * broadcast), not in the lambda. An exception makes the trial FAIL with the exception's type,
 * message and stack trace; it is never retried by Spark. Implementations must be safe to call from
 * several executor threads at once.
 *
 * @param <T> the type of the shared data
 */
@FunctionalInterface
public interface SparkObjective<T> extends Serializable {

    /**
     * Evaluates one trial.
     *
     * @param params the trial's parameters; unmodifiable
     * @param data   the shared data, or null when the run has none
     * @return the objective value; NaN or infinite values make the trial FAIL
     * @throws Exception any failure of the evaluation; the trial becomes FAIL
     */
    double evaluate(Map<String, Object> params, T data) throws Exception;
}
