package org.automl4j.data;

/**
 * One column of a {@link Table}: a name, a type and {@link #size()} values, each possibly missing.
 * Immutable. The closed family: {@link NumericColumn} and {@link CategoricalColumn} (which also holds
 * boolean columns).
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {

    /** The column's name, unique within its table. */
    String name();

    /** What the column holds. */
    ColumnType type();

    /** Number of values (rows). */
    int size();

    /** Whether row {@code i} is missing. */
    boolean isMissing(int i);

    /** Number of missing values. */
    default int missingCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                n++;
            }
        }
        return n;
    }

    /** The value of row {@code i} as text ("" when missing), for messages and CSV output. */
    String text(int i);

    /** The same column restricted to {@code rows} (in that order; repeats allowed). */
    Column select(int[] rows);

    /** The same values under another name. */
    Column renamed(String newName);
}
