package org.automl4j.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * Filters, order and page of the trial table, parsed from query parameters:
 * {@code state=COMPLETE,FAIL}, {@code q=text} (in parameter names and values, failure messages, the number),
 * {@code min}/{@code max} (bounds on the first objective), {@code sort=number|value|value1..|duration|state|param:NAME},
 * {@code order=asc|desc}, {@code offset}, {@code limit} (at most {@value #MAX_LIMIT}).
 *
 * @param states states kept (all when empty)
 * @param text   lower-case text to find, or null
 * @param min    lowest first objective value kept, or null
 * @param max    highest first objective value kept, or null
 * @param sort   sort key
 * @param desc   descending order
 * @param offset rows skipped
 * @param limit  rows returned
 */
record TrialQuery(Set<TrialState> states, String text, Double min, Double max, String sort, boolean desc, int offset,
                  int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** Parses query parameters; bad values give an {@link IllegalArgumentException} naming the parameter. */
    static TrialQuery parse(Map<String, String> q) {
        Set<TrialState> states = EnumSet.noneOf(TrialState.class);
        String st = q.get("state");
        if (st != null && !st.isBlank()) {
            for (String s : st.split(",")) {
                try {
                    states.add(TrialState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("state: unknown trial state '" + s.trim() + "'; use any of "
                            + java.util.Arrays.toString(TrialState.values()) + ", comma-separated");
                }
            }
        }
        String text = q.get("q");
        text = text == null || text.isBlank() ? null : text.trim().toLowerCase(Locale.ROOT);
        String sort = q.getOrDefault("sort", "number");
        if (sort == null || sort.isBlank()) {
            sort = "number";
        }
        if (!sort.matches("number|value\\d{0,4}|duration|state") && !(sort.startsWith("param:") && sort.length() > 6)) {
            throw new IllegalArgumentException("sort: unknown key '" + sort
                    + "'; use number, value, value1 (second objective)..., duration, state or param:NAME");
        }
        String order = q.getOrDefault("order", "asc");
        if (order == null || order.isBlank()) {
            order = "asc";
        }
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException("order: must be asc or desc, but was '" + order + "'");
        }
        int offset = integer(q, "offset", 0);
        int limit = integer(q, "limit", DEFAULT_LIMIT);
        if (offset < 0) {
            throw new IllegalArgumentException("offset: must be 0 or more, but was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be between 1 and " + MAX_LIMIT + ", but was " + limit);
        }
        return new TrialQuery(states, text, decimal(q, "min"), decimal(q, "max"), sort, order.equals("desc"), offset, limit);
    }

    /**
     * Checks the sort key against the study: {@code valueK} needs a K-th objective and {@code param:NAME} a
     * parameter some trial has.
     *
     * @throws IllegalArgumentException naming the keys the study does have
     */
    void checkSortKey(int objectives, java.util.Collection<String> params) {
        if (sort.startsWith("value")) {
            int k = sort.length() == 5 ? 0 : Integer.parseInt(sort.substring(5));
            if (k >= objectives) {
                throw new IllegalArgumentException("sort: '" + sort + "' names objective " + k + ", but this study has "
                        + objectives + (objectives == 1 ? " objective (sort=value)" : " objectives (value to value" + (objectives - 1) + ")"));
            }
        } else if (sort.startsWith("param:") && !params.contains(sort.substring(6))) {
            throw new IllegalArgumentException("sort: no parameter named '" + sort.substring(6) + "' in this study; it has "
                    + params);
        }
    }

    private static int integer(Map<String, String> q, String name, int dflt) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a whole number, but was '" + v + "'");
        }
    }

    private static Double decimal(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a number, but was '" + v + "'");
        }
    }

    /** The matching trials in the requested order (the page is cut by the caller). */
    List<FrozenTrial> apply(List<FrozenTrial> trials) {
        List<FrozenTrial> out = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (matches(t)) {
                out.add(t);
            }
        }
        if (!sort.equals("number") || desc) {
            out.sort(comparator());
        }
        return out;
    }

    boolean matches(FrozenTrial t) {
        if (!states.isEmpty() && !states.contains(t.state())) {
            return false;
        }
        if (min != null || max != null) {
            if (t.values().isEmpty()) {
                return false;
            }
            double v = t.values().get(0);
            if (min != null && v < min || max != null && v > max) {
                return false;
            }
        }
        if (text != null) {
            StringBuilder b = new StringBuilder().append('#').append(t.number()).append(' ').append(t.state()).append(' ');
            t.params().forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
            if (t.failure() != null) {
                b.append(t.failure());
            }
            return b.toString().toLowerCase(Locale.ROOT).contains(text);
        }
        return true;
    }

    private Comparator<FrozenTrial> comparator() {
        Comparator<FrozenTrial> c;
        if (sort.equals("state")) {
            c = Comparator.comparing(t -> t.state().name());
        } else if (sort.equals("duration")) {
            c = nullsLast(t -> {
                Long ms = StudyViews.durationMs(t);
                return ms == null ? null : ms.doubleValue();
            });
        } else if (sort.startsWith("value")) {
            int k = sort.length() == 5 ? 0 : Integer.parseInt(sort.substring(5));
            c = nullsLast(t -> t.values().size() > k ? t.values().get(k) : null);
        } else if (sort.startsWith("param:")) {
            String name = sort.substring(6);
            c = paramOrder(name);
        } else {
            c = Comparator.comparingInt(FrozenTrial::number);
        }
        // missing values stay last in both orders
        Comparator<FrozenTrial> ordered = desc ? reverseKeepingMissingLast(c) : c;
        return ordered.thenComparingInt(FrozenTrial::number);
    }

    private Comparator<FrozenTrial> nullsLast(Function<FrozenTrial, Double> key) {
        return (a, b) -> {
            Double x = key.apply(a);
            Double y = key.apply(b);
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : MISSING) : -MISSING;
            }
            return Double.compare(x, y);
        };
    }

    private Comparator<FrozenTrial> paramOrder(String name) {
        return (a, b) -> {
            Object x = a.params().get(name);
            Object y = b.params().get(name);
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : MISSING) : -MISSING;
            }
            boolean numX = x instanceof Number;
            boolean numY = y instanceof Number;
            if (numX && numY) {
                return Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
            }
            if (numX != numY) {
                // numbers before text: comparing a mix (a categorical's choices 2, 10 and "1x") as numbers here
                // and as text there is no order at all (2 < 10 < "1x" < 2), which the sort may refuse
                return numX ? -1 : 1;
            }
            return String.valueOf(x).compareTo(String.valueOf(y));
        };
    }

    /** Magnitude of the comparison result for a missing key; {@link #reverseKeepingMissingLast} leaves it as is. */
    private static final int MISSING = 1 << 20;

    private static Comparator<FrozenTrial> reverseKeepingMissingLast(Comparator<FrozenTrial> c) {
        return (a, b) -> {
            int r = c.compare(a, b);
            return Math.abs(r) == MISSING ? r : -Integer.signum(r);
        };
    }
}
