package org.automl4j.trial;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.automl4j.space.Distribution;

/**
 * An immutable snapshot of a trial: what samplers, pruners, storage and listeners see. Collections
 * are copied on construction and cannot be modified; parameter maps keep suggestion order.
 *
 * @param number             unique within the study, from 0; {@code -1} in a template not yet stored
 * @param state              the life-cycle state
 * @param values             objective values (one per study direction) when COMPLETE; the last
 *                           intermediate value when PRUNED, if any; otherwise empty
 * @param params             parameter name to external value, in suggestion order
 * @param distributions      parameter name to its distribution (same keys as {@code params})
 * @param intermediateValues step to reported value, ascending by step
 * @param userAttrs          attributes set by the user
 * @param systemAttrs        attributes set by automl4j (e.g. fixed parameters of an enqueued trial)
 * @param start              when the trial started running, or null
 * @param complete           when the trial finished, or null
 * @param failure            why a FAIL trial failed, or null
 */
public record FrozenTrial(
        int number,
        TrialState state,
        List<Double> values,
        Map<String, Object> params,
        Map<String, Distribution> distributions,
        NavigableMap<Long, Double> intermediateValues,
        Map<String, Object> userAttrs,
        Map<String, Object> systemAttrs,
        Instant start,
        Instant complete,
        TrialFailure failure) {

    /**
     * Each parameter value is stored as its distribution gives it out: a {@code Double} for a float, an
     * {@code Integer} for an int, the listed choice for a categorical (so {@code 3L} for an int becomes
     * {@code 3}, and {@code 1.0} for the choice {@code 1} becomes {@code 1}).
     *
     * @throws IllegalArgumentException if params and distributions disagree or a value lies outside
     *     its distribution
     */
    public FrozenTrial {
        Objects.requireNonNull(state, "state");
        values = List.copyOf(values == null ? List.of() : values);
        distributions = frozen(distributions);
        if (!(params == null ? Map.of() : params).keySet().equals(distributions.keySet())) {
            throw new IllegalArgumentException("trial " + number + ": params " + (params == null ? Map.of()
                    : params).keySet() + " and distributions " + distributions.keySet() + " must have the same names");
        }
        Map<String, Object> canonical = new LinkedHashMap<>();
        if (params != null) {
            for (Map.Entry<String, Object> e : params.entrySet()) {
                Distribution d = distributions.get(e.getKey());
                if (!d.contains(e.getValue())) {
                    throw new IllegalArgumentException("trial " + number + ": parameter '" + e.getKey() + "' = "
                            + e.getValue() + " is outside its distribution " + d + "; give a value inside it");
                }
                // as a sampled value would be: a Double for a float, an Integer for an int, the choice itself
                canonical.put(e.getKey(), d.toExternal(d.toInternal(e.getValue())));
            }
        }
        params = frozen(canonical);
        intermediateValues = intermediateValues == null || intermediateValues.isEmpty()
                ? Collections.emptyNavigableMap()
                : Collections.unmodifiableNavigableMap(new TreeMap<>(intermediateValues));
        userAttrs = frozen(userAttrs);
        systemAttrs = frozen(systemAttrs);
    }

    private static <V> Map<String, V> frozen(Map<String, V> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** System attribute holding the constraint values (a list of numbers, each {@code <= 0} when satisfied). */
    public static final String CONSTRAINTS_ATTR = "constraints";

    /** The constraint values, or an empty array when the study has no constraints. */
    public double[] constraints() {
        Object c = systemAttrs.get(CONSTRAINTS_ATTR);
        if (!(c instanceof List<?> list)) {
            return new double[0];
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    /** Total violation: the sum of the positive constraint values; 0 when feasible or unconstrained. */
    public double constraintViolation() {
        double v = 0;
        for (double c : constraints()) {
            v += c > 0 ? c : (Double.isNaN(c) ? Double.POSITIVE_INFINITY : 0);
        }
        return v;
    }

    /** Whether every constraint is satisfied (always true without constraints). */
    public boolean isFeasible() {
        return constraintViolation() == 0;
    }

    /**
     * Checks what every storage requires of a finished trial it stores: a COMPLETE trial has one value
     * per objective, a PRUNED trial none or one per objective, a FAIL trial none, and every value is finite.
     *
     * @throws IllegalArgumentException saying what is wrong and what to store instead
     */
    public void checkStorableAsFinished(String study, int objectives) {
        if (state == TrialState.COMPLETE && values.size() != objectives) {
            throw new IllegalArgumentException("a COMPLETE trial of study '" + study + "' needs " + objectives
                    + " value(s), but got " + values);
        }
        if (state == TrialState.PRUNED && !values.isEmpty() && values.size() != objectives) {
            throw new IllegalArgumentException("a PRUNED trial of study '" + study + "' has no value or " + objectives
                    + " (its last reported value), but got " + values);
        }
        if (state == TrialState.FAIL && !values.isEmpty()) {
            throw new IllegalArgumentException("a FAIL trial of study '" + study + "' has no values, but got " + values
                    + "; store it as COMPLETE if they are its result, or without values");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("trial values must be finite, but got " + values
                        + "; store the trial as FAIL instead");
            }
        }
    }

    /** The single objective value of a finished single-objective trial. */
    public double value() {
        if (values.size() != 1) {
            throw new IllegalStateException("trial " + number + " has " + values.size()
                    + " values; value() is for single-objective trials, use values()");
        }
        return values.get(0);
    }

    /** The internal (sampler) representation of parameter {@code name}. */
    public double internalParam(String name) {
        Distribution d = distributions.get(name);
        if (d == null) {
            throw new IllegalArgumentException("trial " + number + " has no parameter '" + name + "'");
        }
        return d.toInternal(params.get(name));
    }

    /** Objective values as an array (empty if none). */
    public double[] valuesArray() {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    /** The last reported intermediate value, or NaN. */
    public double lastIntermediateValue() {
        return intermediateValues.isEmpty() ? Double.NaN : intermediateValues.lastEntry().getValue();
    }

    /** A builder starting from this snapshot. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for a new trial (a template for {@code Study.addTrial} or storage). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FrozenTrial}s; not thread-safe. */
    public static final class Builder {
        private int number = -1;
        private TrialState state = TrialState.COMPLETE;
        private List<Double> values = List.of();
        private final Map<String, Object> params = new LinkedHashMap<>();
        private final Map<String, Distribution> distributions = new LinkedHashMap<>();
        private final NavigableMap<Long, Double> intermediate = new TreeMap<>();
        private final Map<String, Object> userAttrs = new LinkedHashMap<>();
        private final Map<String, Object> systemAttrs = new LinkedHashMap<>();
        private Instant start;
        private Instant complete;
        private TrialFailure failure;

        Builder() {
        }

        Builder(FrozenTrial t) {
            number = t.number;
            state = t.state;
            values = t.values;
            params.putAll(t.params);
            distributions.putAll(t.distributions);
            intermediate.putAll(t.intermediateValues);
            userAttrs.putAll(t.userAttrs);
            systemAttrs.putAll(t.systemAttrs);
            start = t.start;
            complete = t.complete;
            failure = t.failure;
        }

        public Builder number(int n) {
            this.number = n;
            return this;
        }

        public Builder state(TrialState s) {
            this.state = Objects.requireNonNull(s, "state");
            return this;
        }

        public Builder values(double... v) {
            Double[] boxed = new Double[v.length];
            for (int i = 0; i < v.length; i++) {
                boxed[i] = v[i];
            }
            this.values = List.of(boxed);
            return this;
        }

        public Builder values(List<Double> v) {
            this.values = List.copyOf(v);
            return this;
        }

        /** Adds a parameter with its distribution. */
        public Builder param(String name, Distribution d, Object value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(d, "distribution");
            params.put(name, value);
            distributions.put(name, d);
            return this;
        }

        public Builder intermediateValue(long step, double value) {
            intermediate.put(step, value);
            return this;
        }

        public Builder userAttr(String key, Object value) {
            userAttrs.put(key, value);
            return this;
        }

        public Builder systemAttr(String key, Object value) {
            systemAttrs.put(key, value);
            return this;
        }

        public Builder start(Instant t) {
            this.start = t;
            return this;
        }

        public Builder complete(Instant t) {
            this.complete = t;
            return this;
        }

        public Builder failure(TrialFailure f) {
            this.failure = f;
            return this;
        }

        public FrozenTrial build() {
            return new FrozenTrial(number, state, values, params, distributions, intermediate, userAttrs,
                    systemAttrs, start, complete, failure);
        }
    }
}
