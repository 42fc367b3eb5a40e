package org.automl4j.study;

import org.automl4j.trial.FrozenTrial;

/**
 * User constraints on a trial's outcome: one value per constraint, feasible when every value is
 * {@code <= 0}. Evaluated after the objective returns (and for pruned trials), stored with the trial
 * (system attribute {@value org.automl4j.trial.FrozenTrial#CONSTRAINTS_ATTR}) before samplers and
 * listeners see it. The best trial of a constrained study is the best feasible one; samplers that
 * support constraints (TPE, GP, NSGA-II) steer away from infeasible regions.
 *
 * <pre>{@code
 * Study.builder().constraints(t -> new double[] {(Double) t.userAttrs().get("latency_ms") - 50}).build();
 * }</pre>
 */
@FunctionalInterface
public interface Constraints {

    /** The constraint values of a finished trial; each {@code <= 0} means satisfied. */
    double[] evaluate(FrozenTrial trial) throws Exception;
}
