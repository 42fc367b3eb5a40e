package org.automl4j.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.automl4j.trial.Trial;

/**
 * A declarative search space: ordered parameters with their distributions, conditions that make a
 * parameter active only under a parent's values, and forbidden combinations. Immutable; for users
 * who prefer to declare a space, and for the CLI (the {@code storage} module reads and writes it as
 * JSON). {@link #suggest(Trial)} turns it into define-by-run suggestions.
 *
 * @param parameters name to distribution, in declaration order (parents before children)
 * @param conditions at most one condition per child
 * @param forbidden  forbidden combinations
 */
public record SearchSpace(Map<String, Distribution> parameters, List<Condition> conditions, List<Forbidden> forbidden) {

    /**
     * @throws IllegalArgumentException if a condition or forbidden clause names an unknown parameter,
     *     a parent is declared after its child, a child has two conditions, or a value is outside its
     *     parameter's distribution
     */
    public SearchSpace {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        conditions = List.copyOf(conditions);
        forbidden = List.copyOf(forbidden);
        List<String> order = new ArrayList<>(parameters.keySet());
        Map<String, Condition> byChild = new LinkedHashMap<>();
        for (Condition c : conditions) {
            if (!parameters.containsKey(c.child())) {
                throw new IllegalArgumentException("condition on unknown parameter '" + c.child() + "'; declare it first");
            }
            if (!parameters.containsKey(c.parent())) {
                throw new IllegalArgumentException("parameter '" + c.child() + "' depends on unknown parameter '"
                        + c.parent() + "'; declare the parent");
            }
            if (order.indexOf(c.parent()) > order.indexOf(c.child())) {
                throw new IllegalArgumentException("parent '" + c.parent() + "' must be declared before its child '"
                        + c.child() + "'; reorder the parameters");
            }
            if (byChild.put(c.child(), c) != null) {
                throw new IllegalArgumentException("parameter '" + c.child() + "' has two conditions; combine them"
                        + " into one list of parent values");
            }
            Distribution pd = parameters.get(c.parent());
            for (Object v : c.values()) {
                if (!pd.contains(v)) {
                    throw new IllegalArgumentException("condition on '" + c.child() + "': value " + v + " is not in "
                            + "parent '" + c.parent() + "' " + pd + "; use a value the parent can take");
                }
            }
        }
        for (Forbidden f : forbidden) {
            for (Map.Entry<String, List<Object>> e : f.clauses().entrySet()) {
                Distribution d = parameters.get(e.getKey());
                if (d == null) {
                    throw new IllegalArgumentException("forbidden combination names unknown parameter '" + e.getKey()
                            + "'; known: " + parameters.keySet());
                }
                for (Object v : e.getValue()) {
                    if (!d.contains(v)) {
                        throw new IllegalArgumentException("forbidden combination: value " + v + " of '" + e.getKey()
                                + "' is outside " + d);
                    }
                }
            }
        }
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The condition on {@code name}, if any. */
    public Optional<Condition> conditionOf(String name) {
        for (Condition c : conditions) {
            if (c.child().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} is active given the values of the parameters before it. */
    public boolean isActive(String name, Map<String, Object> assigned) {
        Optional<Condition> c = conditionOf(name);
        if (c.isEmpty()) {
            return true;
        }
        Object pv = assigned.get(c.get().parent());
        return pv != null && Forbidden.containsValue(c.get().values(), pv);
    }

    /** The forbidden combination {@code config} matches, if any. */
    public Optional<Forbidden> violation(Map<String, Object> config) {
        for (Forbidden f : forbidden) {
            if (f.matches(config)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Suggests every active parameter through {@code trial}, in declaration order, and returns the
     * configuration (active parameters only).
     *
     * @throws IllegalArgumentException if the sampled configuration is forbidden; the trial then
     *     fails with that message, which samplers learn from
     */
    public Map<String, Object> suggest(Trial trial) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Map.Entry<String, Distribution> e : parameters.entrySet()) {
            if (isActive(e.getKey(), config)) {
                config.put(e.getKey(), trial.suggest(e.getKey(), e.getValue()));
            }
        }
        Optional<Forbidden> bad = violation(config);
        if (bad.isPresent()) {
            throw new IllegalArgumentException("configuration " + config + " is forbidden by " + bad.get().clauses()
                    + "; the trial is recorded as failed");
        }
        return Collections.unmodifiableMap(config);
    }

    /** Builds a {@link SearchSpace}; not thread-safe. */
    public static final class Builder {
        private final Map<String, Distribution> parameters = new LinkedHashMap<>();
        private final List<Condition> conditions = new ArrayList<>();
        private final List<Forbidden> forbidden = new ArrayList<>();

        Builder() {
        }

        /** Adds a parameter. @throws IllegalArgumentException on a duplicate name */
        public Builder add(String name, Distribution d) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(d, "distribution");
            if (parameters.putIfAbsent(name, d) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' is declared twice; give each a unique name");
            }
            return this;
        }

        /** Makes {@code child} active only when {@code parent} is one of {@code values}. */
        public Builder condition(String child, String parent, Object... values) {
            conditions.add(Condition.in(child, parent, values));
            return this;
        }

        /** Adds a condition. */
        public Builder condition(Condition c) {
            conditions.add(Objects.requireNonNull(c, "condition"));
            return this;
        }

        /** Adds a forbidden combination. */
        public Builder forbid(Forbidden f) {
            forbidden.add(Objects.requireNonNull(f, "forbidden"));
            return this;
        }

        public SearchSpace build() {
            return new SearchSpace(parameters, conditions, forbidden);
        }
    }
}
