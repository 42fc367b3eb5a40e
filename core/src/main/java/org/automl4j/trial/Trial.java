package org.automl4j.trial;

import java.util.List;
import java.util.Map;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;

/**
 * The live handle an objective receives: it suggests parameter values (define-by-run, so
 * conditional and nested spaces are plain {@code if}s and loops), reports intermediate values and
 * asks whether to stop early. Suggesting a name again returns the value already chosen; suggesting
 * it with a different distribution throws {@link IllegalArgumentException}.
 *
 * <p>Not thread-safe: confine a trial to the thread that evaluates it.
 *
 * <pre>{@code
 * double objective(Trial t) {
 *     String model = t.suggestCategorical("model", List.of("svm", "forest"));
 *     if (model.equals("svm")) {
 *         double c = t.suggestFloat("svm_c", 1e-3, 1e3, true);
 *         ...
 *     }
 * }
 * }</pre>
 */
public interface Trial {

    /** The trial's number, unique within its study, counting from 0. */
    int number();

    /**
     * A value for parameter {@code name} from {@code distribution}, as its external value
     * ({@code Double}, {@code Integer} or the chosen categorical object).
     *
     * @throws IllegalArgumentException if {@code name} was suggested before with another distribution
     */
    Object suggest(String name, Distribution distribution);

    /** A float in {@code [low, high]}. */
    default double suggestFloat(String name, double low, double high) {
        return ((Number) suggest(name, FloatDistribution.of(low, high))).doubleValue();
    }

    /** A float in {@code [low, high]}, on a log scale if {@code log}. */
    default double suggestFloat(String name, double low, double high, boolean log) {
        return ((Number) suggest(name, new FloatDistribution(low, high, log, 0))).doubleValue();
    }

    /** A float from the grid {@code low, low + step, ..., high}. */
    default double suggestFloat(String name, double low, double high, double step) {
        return ((Number) suggest(name, FloatDistribution.stepped(low, high, step))).doubleValue();
    }

    /** An integer in {@code [low, high]}. */
    default int suggestInt(String name, int low, int high) {
        return ((Number) suggest(name, IntDistribution.of(low, high))).intValue();
    }

    /** An integer in {@code [low, high]}, on a log scale if {@code log}. */
    default int suggestInt(String name, int low, int high, boolean log) {
        return ((Number) suggest(name, new IntDistribution(low, high, log, 1))).intValue();
    }

    /** An integer from {@code low, low + step, ..., high}. */
    default int suggestInt(String name, int low, int high, int step) {
        return ((Number) suggest(name, IntDistribution.stepped(low, high, step))).intValue();
    }

    /** One of {@code choices} (strings, numbers or booleans). */
    @SuppressWarnings("unchecked")
    default <T> T suggestCategorical(String name, List<T> choices) {
        return (T) suggest(name, CategoricalDistribution.of(choices));
    }

    /**
     * Records an intermediate objective value at {@code step} (an epoch, an iteration, a budget).
     * Reporting a step twice keeps the first value.
     *
     * @throws IllegalArgumentException if {@code value} is NaN
     */
    void report(long step, double value);

    /** Whether the study's pruner says this trial should stop; if so, throw {@link TrialPrunedException}. */
    boolean shouldPrune();

    /** Attaches a user attribute (a string, number, boolean, or a list or map of those). */
    void setUserAttr(String key, Object value);

    /** The parameters suggested so far, in suggestion order. */
    Map<String, Object> params();

    /** The user attributes set so far. */
    Map<String, Object> userAttrs();
}
