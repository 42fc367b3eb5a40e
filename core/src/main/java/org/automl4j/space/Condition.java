package org.automl4j.space;

import java.util.List;
import java.util.Objects;

/**
 * Makes parameter {@code child} active only when parameter {@code parent} takes one of {@code values}
 * (and is itself active).
 *
 * @param child  the conditional parameter
 * @param parent the parameter it depends on, declared before it
 * @param values the parent's values under which the child is active
 */
public record Condition(String child, String parent, List<Object> values) {

    /** @throws IllegalArgumentException on a self-reference, no values or a null value */
    public Condition {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(parent, "parent");
        if (child.equals(parent)) {
            throw new IllegalArgumentException("parameter '" + child + "' cannot depend on itself");
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("condition on '" + child + "' needs at least one value of '" + parent
                    + "' under which it is active");
        }
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("condition on '" + child + "' lists null among the values of '" + parent
                    + "' " + values + "; a parameter never takes null: list the values it takes");
        }
        values = List.copyOf(values);
    }

    /** {@code child} is active only if {@code parent} equals one of {@code values}. */
    public static Condition in(String child, String parent, Object... values) {
        return new Condition(child, parent, values == null ? null : java.util.Arrays.asList(values));
    }
}
