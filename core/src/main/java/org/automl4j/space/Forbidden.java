package org.automl4j.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A forbidden combination: a configuration is forbidden when every listed parameter is active and
 * takes one of its listed values.
 *
 * @param clauses parameter name to the values that, all together, are forbidden
 */
public record Forbidden(Map<String, List<Object>> clauses) {

    /** @throws IllegalArgumentException on an empty clause list, a clause without values or a null value */
    public Forbidden {
        if (clauses == null || clauses.isEmpty()) {
            throw new IllegalArgumentException("a forbidden combination needs at least one parameter");
        }
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> e : clauses.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("forbidden clause on '" + e.getKey() + "' lists no values");
            }
            if (e.getValue().stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("forbidden clause on '" + e.getKey() + "' lists null " + e.getValue()
                        + "; a parameter never takes null: list the values it takes");
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        clauses = Collections.unmodifiableMap(copy);
    }

    /** Forbids {@code a = va} together with {@code b = vb}. */
    public static Forbidden of(String a, Object va, String b, Object vb) {
        Map<String, List<Object>> m = new LinkedHashMap<>();
        m.put(a, java.util.Collections.singletonList(va));
        m.put(b, java.util.Collections.singletonList(vb));
        return new Forbidden(m);
    }

    /** Whether {@code config} (active parameters only) matches this combination. */
    public boolean matches(Map<String, Object> config) {
        for (Map.Entry<String, List<Object>> e : clauses.entrySet()) {
            Object v = config.get(e.getKey());
            if (v == null || !containsValue(e.getValue(), v)) {
                return false;
            }
        }
        return true;
    }

    static boolean containsValue(List<Object> values, Object v) {
        for (Object x : values) {
            if (x.equals(v) || x instanceof Number a && v instanceof Number b && a.doubleValue() == b.doubleValue()) {
                return true;
            }
        }
        return false;
    }
}
