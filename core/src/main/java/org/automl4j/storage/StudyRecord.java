package org.automl4j.storage;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.automl4j.study.Direction;

/**
 * What a storage knows of a study: its name, directions, user attributes and creation time.
 *
 * @param name       unique within the storage
 * @param directions one per objective, at least one
 * @param userAttrs  user attributes
 * @param created    when the study was created
 */
public record StudyRecord(String name, List<Direction> directions, Map<String, Object> userAttrs, Instant created) {
    public StudyRecord {
        Objects.requireNonNull(name, "name");
        directions = List.copyOf(directions);
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("study '" + name + "' needs at least one direction");
        }
        userAttrs = userAttrs == null || userAttrs.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
        Objects.requireNonNull(created, "created");
    }
}
