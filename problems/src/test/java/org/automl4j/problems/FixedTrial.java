package org.automl4j.problems;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import org.automl4j.space.Distribution;
import org.automl4j.trial.Trial;

/**
 * A test-only trial that answers suggestions from a fixed map, records the distribution asked
 * for each name (in order) and the reported values, and prunes when {@code pruneAt} says so.
 */
final class FixedTrial implements Trial {

    private final Map<String, Object> values;
    private final LongPredicate pruneAt;
    private final Map<String, Distribution> asked = new LinkedHashMap<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<Long, Double> reports = new LinkedHashMap<>();
    private final Map<String, Object> attrs = new LinkedHashMap<>();
    private long lastStep = -1;

    FixedTrial(Map<String, ?> values) {
        this(values, step -> false);
    }

    FixedTrial(Map<String, ?> values, LongPredicate pruneAt) {
        this.values = new LinkedHashMap<>(values);
        this.pruneAt = pruneAt;
    }

    @Override
    public int number() {
        return 0;
    }

    @Override
    public Object suggest(String name, Distribution distribution) {
        Distribution before = asked.get(name);
        if (before != null && !before.equals(distribution)) {
            throw new IllegalArgumentException(name + " suggested with " + before + " and " + distribution);
        }
        if (!values.containsKey(name)) {
            throw new IllegalStateException("no fixed value for parameter '" + name + "'");
        }
        Object v = values.get(name);
        if (!distribution.contains(v)) {
            throw new IllegalStateException(v + " is not in " + distribution + " for '" + name + "'");
        }
        asked.put(name, distribution);
        params.put(name, v);
        return v;
    }

    @Override
    public void report(long step, double value) {
        reports.putIfAbsent(step, value);
        lastStep = step;
    }

    @Override
    public boolean shouldPrune() {
        return pruneAt.test(lastStep);
    }

    @Override
    public void setUserAttr(String key, Object value) {
        attrs.put(key, value);
    }

    @Override
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    @Override
    public Map<String, Object> userAttrs() {
        return Collections.unmodifiableMap(attrs);
    }

    /** The distributions asked for, by name, in suggestion order. */
    Map<String, Distribution> asked() {
        return Collections.unmodifiableMap(asked);
    }

    /** The reported values by step, in report order. */
    Map<Long, Double> reports() {
        return Collections.unmodifiableMap(reports);
    }
}
