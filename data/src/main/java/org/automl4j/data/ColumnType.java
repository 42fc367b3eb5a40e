package org.automl4j.data;

/** The type of a column: what values it holds and how learners see them. */
public enum ColumnType {
    /** Real numbers; missing is NaN. */
    NUMERIC,
    /** One of a fixed set of levels (strings); missing is code -1. */
    CATEGORICAL,
    /** true/false; stored as a categorical column with levels {@code false, true}; missing is code -1. */
    BOOLEAN
}
