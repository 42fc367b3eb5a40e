package org.automl4j.study;

import org.automl4j.trial.Trial;

/**
 * User code evaluated once per trial: suggests parameters through the trial and returns the
 * objective value. Throwing {@link org.automl4j.trial.TrialPrunedException} means pruned; any
 * other exception, or a NaN or infinite result, makes the trial FAIL and the study goes on.
 */
@FunctionalInterface
public interface Objective {
    double evaluate(Trial trial) throws Exception;
}
