package org.automl4j.space;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parameter that takes one of a fixed list of choices: strings, numbers or booleans (no nulls,
 * no duplicates). The internal value of a choice is its index in the list.
 *
 * @param choices the choices, in order
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

    /**
     * @throws IllegalArgumentException on an empty list, a null, a duplicate or a choice that is not
     *     a string, number or boolean
     */
    public CategoricalDistribution {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("a categorical parameter needs at least one choice, but got "
                    + choices + "; list the choices");
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            Object c = choices.get(i);
            if (c == null) {
                throw new IllegalArgumentException("choice #" + i + " is null; categorical choices must be strings,"
                        + " numbers or booleans: use a string such as \"none\" instead");
            }
            if (!(c instanceof String || c instanceof Number || c instanceof Boolean)) {
                throw new IllegalArgumentException("choice #" + i + " is " + FloatDistribution.describe(c)
                        + "; categorical choices must be strings, numbers or booleans: map objects to names");
            }
            if (c instanceof Double d && !Double.isFinite(d) || c instanceof Float f && !Float.isFinite(f)) {
                throw new IllegalArgumentException("choice #" + i + " is " + c + "; numeric choices must be finite");
            }
            if (!seen.add(normalise(c))) {
                throw new IllegalArgumentException("choice " + c + " appears twice in " + choices
                        + "; list each choice once");
            }
        }
        choices = List.copyOf(choices);
    }

    /** The given choices. */
    public static CategoricalDistribution of(Object... choices) {
        return new CategoricalDistribution(choices == null ? null : java.util.Arrays.asList(choices));
    }

    /** The given choices. */
    public static CategoricalDistribution of(List<?> choices) {
        // copied without List.copyOf, which would throw a bare NullPointerException on a null choice
        return new CategoricalDistribution(choices == null ? null : new java.util.ArrayList<>(choices));
    }

    /** Number of choices. */
    public int size() {
        return choices.size();
    }

    /** The index of {@code value} among the choices, or -1. Numbers compare by value. */
    public int indexOf(Object value) {
        if (value == null) {
            return -1;
        }
        Object key = normalise(value);
        for (int i = 0; i < choices.size(); i++) {
            if (normalise(choices.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static Object normalise(Object v) {
        if (v instanceof Number n && !(v instanceof Double)) {
            return n.doubleValue();
        }
        return v;
    }

    @Override
    public boolean contains(Object value) {
        return indexOf(value) >= 0;
    }

    @Override
    public boolean containsInternal(double v) {
        return v >= 0 && v < choices.size() && v == Math.rint(v);
    }

    @Override
    public double toInternal(Object value) {
        int i = indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException(FloatDistribution.describe(value) + " is not one of the choices "
                    + choices + "; give one of them");
        }
        return i;
    }

    @Override
    public Object toExternal(double internal) {
        if (!containsInternal(internal)) {
            throw new IllegalArgumentException("internal value " + internal + " is not a choice index of " + this);
        }
        return choices.get((int) internal);
    }

    @Override
    public boolean isSingle() {
        return choices.size() == 1;
    }

    @Override
    public String kind() {
        return "categorical";
    }
}
