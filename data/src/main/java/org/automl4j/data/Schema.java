package org.automl4j.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The columns a model was trained on: names, types and categorical levels, in order. Taken from the
 * training features with {@link #of(Table)}; {@link #check(Table)} and {@link #conform(Table)} verify a
 * table given for prediction.
 *
 * <p>Rules for a table to predict on: every schema column must be present (extra columns are
 * ignored); a NUMERIC column must be numeric; a CATEGORICAL or BOOLEAN column may arrive as any type
 * and is matched by text (a reader may infer NUMERIC for a batch whose codes all look like numbers,
 * or NUMERIC for a batch where the column is empty), BOOLEAN case-insensitively. <b>Levels not seen in
 * training are allowed and become missing values</b> in {@link #conform(Table)}, so learners treat them
 * as they treat missing values. Reading prediction files with
 * {@code CsvOptions.builder().types(schema.types())} gives the training types directly.
 *
 * @param columns the columns, in order
 */
public record Schema(List<Field> columns) {

    /**
     * One column of a schema.
     *
     * @param name   the column's name
     * @param type   its type
     * @param levels the levels by code for CATEGORICAL and BOOLEAN columns; empty for NUMERIC
     */
    public record Field(String name, ColumnType type, List<String> levels) {
        /** Validates and copies. */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            levels = List.copyOf(levels);
            if (type == ColumnType.NUMERIC && !levels.isEmpty()) {
                throw new IllegalArgumentException("numeric column '" + name + "' cannot have levels " + levels);
            }
        }
    }

    /** Validates and copies. */
    public Schema {
        columns = List.copyOf(columns);
        Map<String, Boolean> seen = new HashMap<>();
        for (Field f : columns) {
            if (seen.put(f.name(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("column '" + f.name() + "' appears twice in the schema");
            }
        }
    }

    /** The schema of {@code table}. */
    public static Schema of(Table table) {
        List<Field> fields = new ArrayList<>(table.columnCount());
        for (Column c : table.columns()) {
            fields.add(new Field(c.name(), c.type(), c instanceof CategoricalColumn cc ? cc.levels() : List.of()));
        }
        return new Schema(fields);
    }

    /** The column names, in order. */
    public List<String> names() {
        List<String> out = new ArrayList<>(columns.size());
        for (Field f : columns) {
            out.add(f.name());
        }
        return out;
    }

    /** Column name to type, in order (for {@code CsvOptions.Builder.types}). */
    public Map<String, ColumnType> types() {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (Field f : columns) {
            out.put(f.name(), f.type());
        }
        return out;
    }

    /**
     * Verifies that {@code table} can be predicted on (see the class description).
     *
     * @throws IllegalArgumentException listing every missing column and every incompatible type
     */
    public void check(Table table) {
        List<String> missing = new ArrayList<>();
        List<String> wrongType = new ArrayList<>();
        for (Field f : columns) {
            Column c = table.find(f.name()).orElse(null);
            if (c == null) {
                missing.add(f.name());
            } else if (f.type() == ColumnType.NUMERIC && c.type() != ColumnType.NUMERIC) {
                wrongType.add("'" + f.name() + "' is " + c.type() + " but was NUMERIC in training");
            }
        }
        if (missing.isEmpty() && wrongType.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("the table does not match the training schema:");
        if (!missing.isEmpty()) {
            sb.append(" missing column").append(missing.size() > 1 ? "s " : " ").append(missing)
                    .append(" (the table has ").append(table.names()).append(");");
        }
        for (String w : wrongType) {
            sb.append(' ').append(w).append(';');
        }
        sb.append(" provide the same columns as in training (extra columns are ignored), and read files with"
                + " CsvOptions.builder().types(schema.types()) so the types match");
        throw new IllegalArgumentException(sb.toString());
    }

    /**
     * {@code table} checked and brought to this schema: the schema's columns in its order (extra columns
     * dropped), categorical and boolean columns re-coded to the training levels, unknown levels
     * becoming missing values.
     *
     * @throws IllegalArgumentException as {@link #check(Table)}
     */
    public Table conform(Table table) {
        check(table);
        List<Column> out = new ArrayList<>(columns.size());
        for (Field f : columns) {
            Column c = table.column(f.name());
            if (f.type() == ColumnType.NUMERIC) {
                out.add(c);
            } else if (c.type() == f.type() && c instanceof CategoricalColumn cc && cc.levels().equals(f.levels())) {
                out.add(c);
            } else {
                out.add(recode(f, c));
            }
        }
        return new Table(out);
    }

    /** How many present values of {@code table}'s categorical columns are levels unseen in training, by column. */
    public Map<String, Integer> unknownLevelCounts(Table table) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Field f : columns) {
            Column c = table.find(f.name()).orElse(null);
            if (c == null || f.type() == ColumnType.NUMERIC) {
                continue;
            }
            Map<String, Integer> index = index(f);
            int unknown = 0;
            for (int i = 0; i < c.size(); i++) {
                if (!c.isMissing(i) && !index.containsKey(key(f, c.text(i)))) {
                    unknown++;
                }
            }
            if (unknown > 0) {
                out.put(f.name(), unknown);
            }
        }
        return out;
    }

    private static Column recode(Field f, Column c) {
        Map<String, Integer> index = index(f);
        int[] codes = new int[c.size()];
        for (int i = 0; i < codes.length; i++) {
            Integer code = c.isMissing(i) ? null : index.get(key(f, c.text(i)));
            codes[i] = code == null ? CategoricalColumn.MISSING : code;
        }
        if (f.type() == ColumnType.BOOLEAN) {
            Boolean[] values = new Boolean[codes.length];
            for (int i = 0; i < codes.length; i++) {
                values[i] = codes[i] == CategoricalColumn.MISSING ? null : f.levels().get(codes[i]).equals("true");
            }
            return CategoricalColumn.ofBooleans(f.name(), values);
        }
        return new CategoricalColumn(f.name(), f.levels(), codes);
    }

    private static Map<String, Integer> index(Field f) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < f.levels().size(); k++) {
            index.put(key(f, f.levels().get(k)), k);
        }
        return index;
    }

    private static String key(Field f, String text) {
        return f.type() == ColumnType.BOOLEAN ? text.toLowerCase(Locale.ROOT) : text;
    }
}
