package org.automl4j.data.split;

import java.util.Objects;

/**
 * One train/test partition of row indices, each array sorted ascending and disjoint from the other.
 * The arrays are shared, not copied: treat them as read-only.
 *
 * @param train rows to fit on
 * @param test  rows to score on
 */
public record Split(int[] train, int[] test) {
    /** Checks that both parts are given. */
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
