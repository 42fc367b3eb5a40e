package org.automl4j.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * A multi-objective function evaluated on a Spark executor: like {@link SparkObjective}, but it
 * returns one value per direction of the study (a Pareto study).
 *
 * @param <T> the type of the shared data
 */
@FunctionalInterface
public interface SparkMultiObjective<T> extends Serializable {

    /**
     * Evaluates one trial.
     *
     * @param params the trial's parameters; unmodifiable
     * @param data   the shared data, or null when the run has none
     * @return one finite value per direction of the study
     * @throws Exception any failure of the evaluation; the trial becomes FAIL
     */
    double[] evaluate(Map<String, Object> params, T data) throws Exception;
}
