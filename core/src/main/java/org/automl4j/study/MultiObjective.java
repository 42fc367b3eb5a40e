package org.automl4j.study;

import org.automl4j.trial.Trial;

/**
 * An objective with several values, one per study direction (a Pareto study). Same failure rules
 * as {@link Objective}; returning the wrong number of values makes the trial FAIL.
 */
@FunctionalInterface
public interface MultiObjective {
    double[] evaluate(Trial trial) throws Exception;
}
