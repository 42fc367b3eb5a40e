package org.automl4j.problems;

import java.util.Map;
import org.automl4j.study.Objective;
import org.automl4j.trial.Trial;

/**
 * A deterministic minimisation problem with a known global minimum, evaluated define-by-run: it
 * suggests its parameters through a {@link Trial} (fixed names, types, ranges and order) and
 * returns the objective value. Implementations are immutable and thread-safe.
 */
public interface BenchmarkProblem {

    /** The problem's name as used in the benchmark definitions, e.g. {@code branin}. */
    String name();

    /** The known global minimum f* of the objective, so that simple regret is {@code best - optimum()}. */
    double optimum();

    /**
     * Suggests this problem's parameters through {@code trial}, in their defined order, and returns
     * them (active parameters only, in suggestion order).
     */
    Map<String, Object> suggest(Trial trial);

    /** The objective value of a parameter assignment as {@link #suggest} returns it. */
    double value(Map<String, ?> params);

    /**
     * Suggests this problem's parameters through {@code trial} and returns the objective value.
     *
     * @throws Exception whatever the trial throws (e.g. a pruned signal for multi-fidelity problems)
     */
    default double evaluate(Trial trial) throws Exception {
        return value(suggest(trial));
    }

    /** This problem as an objective for a study. */
    default Objective objective() {
        return this::evaluate;
    }

    /**
     * The number of distinct parameters the problem can suggest (for a conditional space, counted
     * over all branches).
     */
    int dimension();
}
