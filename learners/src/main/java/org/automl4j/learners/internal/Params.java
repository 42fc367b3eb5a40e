package org.automl4j.learners.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.automl4j.data.Task;
import org.automl4j.learners.Learner;
import org.automl4j.space.Distribution;
import org.automl4j.space.SearchSpace;

/**
 * Resolves and reads hyperparameters: merges given values over a learner's defaults and checks
 * names and values against its search space. Internal to the learners module; not API.
 */
public final class Params {

    private Params() {
    }

    /**
     * The learner's defaults for {@code task} overridden by {@code given}, in search-space order.
     *
     * @throws IllegalArgumentException on an unknown name or a value outside the search space (the
     *     budget parameter accepts any positive integer)
     */
    public static Map<String, Object> resolve(Learner learner, Task task, Map<String, Object> given) {
        Objects.requireNonNull(given, "params");
        SearchSpace space = learner.searchSpace(task);
        Optional<String> budget = learner.budgetParameter();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            if (budget.isPresent() && budget.get().equals(name)) {
                if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
                        || ((Number) value).longValue() > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(learner.name() + ": '" + name + "' must be a positive int, but"
                            + " got " + describe(value));
                }
                continue;
            }
            Distribution d = space.parameters().get(name);
            if (d == null) {
                throw new IllegalArgumentException(learner.name() + " has no parameter '" + name + "' for " + task
                        + "; known: " + space.parameters().keySet());
            }
            if (!d.contains(value)) {
                throw new IllegalArgumentException(learner.name() + ": " + describe(value) + " is outside '" + name
                        + "' " + d + "; give a value in the search space");
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>(learner.defaults(task));
        merged.putAll(given);
        return Collections.unmodifiableMap(merged);
    }

    /** An int parameter. */
    public static int intValue(Map<String, Object> params, String name) {
        return ((Number) require(params, name)).intValue();
    }

    /** A real parameter. */
    public static double doubleValue(Map<String, Object> params, String name) {
        return ((Number) require(params, name)).doubleValue();
    }

    /** A string (categorical) parameter. */
    public static String stringValue(Map<String, Object> params, String name) {
        return String.valueOf(require(params, name));
    }

    private static Object require(Map<String, Object> params, String name) {
        Object v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("parameter '" + name + "' has no value; the learner's defaults must"
                    + " name it");
        }
        return v;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
