package org.automl4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A column of levels (strings), stored as codes into {@link #levels()}; code -1 marks a missing value.
 * Boolean columns are categorical columns of type {@link ColumnType#BOOLEAN} with levels
 * {@code false, true}. Immutable.
 */
public final class CategoricalColumn implements Column {
    /** The code of a missing value. */
    public static final int MISSING = -1;

    private final String name;
    private final ColumnType type;
    private final List<String> levels;
    private final int[] codes;

    /**
     * A categorical column from codes into {@code levels} (copied).
     *
     * @throws IllegalArgumentException if a code is outside {@code -1 .. levels.size()-1} or levels repeat
     */
    public CategoricalColumn(String name, List<String> levels, int[] codes) {
        this(name, ColumnType.CATEGORICAL, levels, codes.clone());
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < MISSING || codes[i] >= levels.size()) {
                throw new IllegalArgumentException("column '" + name + "' row " + i + ": code " + codes[i]
                        + " is not a level index (0.." + (levels.size() - 1) + ") or -1 for missing");
            }
        }
    }

    private CategoricalColumn(String name, ColumnType type, List<String> levels, int[] codes) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        Objects.requireNonNull(levels, "levels of column '" + name + "'");
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i) == null) {
                throw new NullPointerException("column '" + name + "': level #" + i + " is null; levels are the"
                        + " category names, a missing value is code -1");
            }
        }
        this.levels = List.copyOf(levels);
        if (new java.util.HashSet<>(this.levels).size() != this.levels.size()) {
            throw new IllegalArgumentException("column '" + name + "' has repeated levels: " + levels);
        }
        this.codes = codes;
    }

    /** A categorical column from values (null or "" is missing); levels in order of first appearance. */
    public static CategoricalColumn of(String name, List<String> values) {
        Map<String, Integer> index = new HashMap<>();
        List<String> levels = new ArrayList<>();
        int[] codes = new int[values.size()];
        for (int i = 0; i < codes.length; i++) {
            String v = values.get(i);
            if (v == null || v.isEmpty()) {
                codes[i] = MISSING;
            } else {
                codes[i] = index.computeIfAbsent(v, k -> {
                    levels.add(k);
                    return levels.size() - 1;
                });
            }
        }
        return new CategoricalColumn(name, ColumnType.CATEGORICAL, levels, codes);
    }

    /** A boolean column (null is missing). */
    public static CategoricalColumn ofBooleans(String name, Boolean[] values) {
        int[] codes = new int[values.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = values[i] == null ? MISSING : values[i] ? 1 : 0;
        }
        return new CategoricalColumn(name, ColumnType.BOOLEAN, List.of("false", "true"), codes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return type;
    }

    /** The levels, indexed by code. */
    public List<String> levels() {
        return levels;
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int i) {
        return codes[i] == MISSING;
    }

    /** The code of row {@code i}; {@link #MISSING} when missing. */
    public int code(int i) {
        return codes[i];
    }

    /** The level of row {@code i}, or null when missing. */
    public String level(int i) {
        int c = codes[i];
        return c == MISSING ? null : levels.get(c);
    }

    /** How many rows hold each level (indexed by code). */
    public int[] levelCounts() {
        int[] counts = new int[levels.size()];
        for (int c : codes) {
            if (c != MISSING) {
                counts[c]++;
            }
        }
        return counts;
    }

    @Override
    public String text(int i) {
        String l = level(i);
        return l == null ? "" : l;
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = codes[rows[k]];
        }
        return new CategoricalColumn(name, type, levels, out);
    }

    @Override
    public CategoricalColumn renamed(String newName) {
        return new CategoricalColumn(newName, type, levels, codes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalColumn c && c.name.equals(name) && c.type == type && c.levels.equals(levels)
                && Arrays.equals(c.codes, codes);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + levels.hashCode()) * 31 + Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return "CategoricalColumn[" + name + ", " + type + ", " + levels.size() + " levels, " + codes.length
                + " rows, " + missingCount() + " missing]";
    }
}
