package org.automl4j.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable columnar table: named, typed {@link Column}s of equal length. Selecting rows or
 * columns returns a new table; the original never changes.
 */
public final class Table {
    private final List<Column> columns;
    private final Map<String, Integer> index;
    private final int rows;

    /**
     * A table of {@code columns}.
     *
     * @throws IllegalArgumentException if names repeat or lengths differ
     * @throws NullPointerException naming the position of a null column
     */
    public Table(List<? extends Column> columns) {
        Objects.requireNonNull(columns, "columns");
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i) == null) {
                throw new NullPointerException("column #" + i + " of " + columns.size() + " is null; pass only"
                        + " columns (NumericColumn, CategoricalColumn)");
            }
        }
        this.columns = List.copyOf(columns);
        this.index = new LinkedHashMap<>();
        int n = -1;
        for (int i = 0; i < this.columns.size(); i++) {
            Column c = this.columns.get(i);
            if (index.put(c.name(), i) != null) {
                throw new IllegalArgumentException("column name '" + c.name() + "' appears twice; names must be unique");
            }
            if (n >= 0 && c.size() != n) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size() + " rows but '"
                        + this.columns.get(0).name() + "' has " + n + "; all columns need the same length");
            }
            n = c.size();
        }
        this.rows = Math.max(n, 0);
    }

    /** Number of rows. */
    public int rowCount() {
        return rows;
    }

    /** Number of columns. */
    public int columnCount() {
        return columns.size();
    }

    /** The columns, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** The column names, in order. */
    public List<String> names() {
        return List.copyOf(index.keySet());
    }

    /** Column {@code i}. */
    public Column column(int i) {
        return columns.get(i);
    }

    /** The column named {@code name}, if any. */
    public Optional<Column> find(String name) {
        Integer i = index.get(name);
        return i == null ? Optional.empty() : Optional.of(columns.get(i));
    }

    /**
     * The column named {@code name}.
     *
     * @throws IllegalArgumentException naming the known columns if there is none
     */
    public Column column(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no column named '" + name
                + "'; the columns are " + names()));
    }

    /**
     * The rows {@code rows} (in that order; repeats allowed), all columns.
     *
     * @throws IllegalArgumentException if a row index is outside {@code 0 .. rowCount()-1}
     */
    public Table selectRows(int[] rows) {
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= this.rows) {
                throw new IllegalArgumentException("row index " + rows[k] + " (entry " + k + " of the selection) is"
                        + " outside the table's rows 0.." + (this.rows - 1) + "; select existing rows only");
            }
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.select(rows));
        }
        return new Table(out);
    }

    /** The named columns, in the given order. */
    public Table selectColumns(List<String> names) {
        List<Column> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(column(n));
        }
        return new Table(out);
    }

    /** All columns but the named ones. */
    public Table dropColumns(Set<String> names) {
        Set<String> drop = new HashSet<>(names);
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            if (!drop.contains(c.name())) {
                out.add(c);
            }
        }
        return new Table(out);
    }

    /** This table with {@code column} added at the end (or replacing the column of the same name). */
    public Table with(Column column) {
        List<Column> out = new ArrayList<>(columns);
        Integer i = index.get(column.name());
        if (i != null) {
            out.set(i, column);
        } else {
            out.add(column);
        }
        return new Table(out);
    }

    @Override
    public String toString() {
        return "Table[" + rows + " rows x " + columns.size() + " columns " + names() + "]";
    }
}
