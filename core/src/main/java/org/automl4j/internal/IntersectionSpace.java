package org.automl4j.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.automl4j.space.Distribution;

/**
 * The intersection search space of a growing set of trials: the parameters every trial added so far
 * has, each with one distribution, in first-seen order. Joint samplers model only these. Not
 * thread-safe: guard it with its owner's lock.
 */
public final class IntersectionSpace {
    private Map<String, Distribution> space;

    /** Narrows the space to the parameters of one more trial ({@code distributions}). */
    public void add(Map<String, Distribution> distributions) {
        if (space == null) {
            space = new LinkedHashMap<>(distributions);
        } else {
            space.entrySet().removeIf(e -> !Objects.equals(distributions.get(e.getKey()), e.getValue()));
        }
    }

    /** The current space (empty before any trial), as an unmodifiable snapshot. */
    public Map<String, Distribution> space() {
        return space == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(space));
    }
}
