package org.automl4j.data.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.Column;
import org.automl4j.data.ColumnType;
import org.automl4j.data.NumericColumn;

/**
 * Collects one column's text values while a file is read, then builds a typed column. Values are
 * dictionary-coded (so the exact text survives for categorical columns) and, as long as every value
 * parses as a number, also kept as doubles. Type inference, unless a type is forced: all values
 * numbers (missing ones aside) gives NUMERIC; all values {@code true}/{@code false} (any case) gives
 * BOOLEAN; anything else CATEGORICAL with levels in order of first appearance. A column with only
 * missing values is NUMERIC. Not thread-safe.
 */
final class ColumnBuilder {
    private final String source;
    private final String name;
    private final ColumnType forced;
    private final Map<String, Integer> dictionary = new HashMap<>();
    private final List<String> levels = new ArrayList<>();
    private int[] codes = new int[64];
    private double[] numbers = new double[64];
    private int size;
    private boolean allBoolean = true;
    private long nonNumericLine;
    private String nonNumericValue;
    private long nonBooleanLine;
    private String nonBooleanValue;
    private long infiniteLine;
    private String infiniteValue;

    ColumnBuilder(String source, String name, ColumnType forced) {
        this.source = source;
        this.name = name;
        this.forced = forced;
        if (forced == ColumnType.CATEGORICAL || forced == ColumnType.BOOLEAN) {
            numbers = null;
        }
    }

    String name() {
        return name;
    }

    int size() {
        return size;
    }

    void addMissing() {
        grow();
        codes[size] = CategoricalColumn.MISSING;
        if (numbers != null) {
            numbers[size] = Double.NaN;
        }
        size++;
    }

    /** Adds a present value read on physical line {@code line}. */
    void add(String value, long line) {
        grow();
        Integer code = dictionary.get(value);
        if (code == null) {
            code = levels.size();
            dictionary.put(value, code);
            levels.add(value);
            if (allBoolean && !isBoolean(value)) {
                allBoolean = false;
                nonBooleanLine = line;
                nonBooleanValue = value;
            }
        }
        codes[size] = code;
        if (numbers != null) {
            double d = parseNumber(value);
            if (d != d && !isNaNWord(value)) {
                if (nonNumericValue == null) {
                    nonNumericLine = line;
                    nonNumericValue = value;
                }
                numbers = null;
            } else if (numbers != null) {
                if (Double.isInfinite(d) && infiniteValue == null) {
                    infiniteLine = line;
                    infiniteValue = value;
                }
                numbers[size] = d;
            }
        }
        size++;
    }

    private void grow() {
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, size * 2);
            if (numbers != null) {
                numbers = Arrays.copyOf(numbers, size * 2);
            }
        }
    }

    /** The typed column; throws {@link DataFormatException} for values its (forced) type cannot hold. */
    Column build() {
        ColumnType type = forced;
        if (type == null) {
            if (numbers != null) {
                type = ColumnType.NUMERIC;
            } else if (allBoolean) {
                type = ColumnType.BOOLEAN;
            } else {
                type = ColumnType.CATEGORICAL;
            }
        }
        switch (type) {
            case NUMERIC:
                if (numbers == null) {
                    throw new DataFormatException(source, nonNumericLine, name, "'" + nonNumericValue
                            + "' is not a number, but the column was declared NUMERIC; fix the value, add it to the"
                            + " missing-value markers, or declare the column CATEGORICAL");
                }
                if (infiniteValue != null) {
                    throw new DataFormatException(source, infiniteLine, name, "'" + infiniteValue
                            + "' is an infinite number, which a numeric column cannot hold; replace it with a"
                            + " finite value, leave it empty (missing), or declare the column CATEGORICAL");
                }
                return new NumericColumn(name, Arrays.copyOf(numbers, size));
            case BOOLEAN:
                if (!allBoolean) {
                    throw new DataFormatException(source, nonBooleanLine, name, "'" + nonBooleanValue
                            + "' is not true or false, but the column was declared BOOLEAN; fix the value or"
                            + " declare the column CATEGORICAL");
                }
                Boolean[] values = new Boolean[size];
                for (int i = 0; i < size; i++) {
                    values[i] = codes[i] == CategoricalColumn.MISSING ? null
                            : levels.get(codes[i]).equalsIgnoreCase("true");
                }
                return CategoricalColumn.ofBooleans(name, values);
            case CATEGORICAL:
                return new CategoricalColumn(name, levels, Arrays.copyOf(codes, size));
            default:
                throw new AssertionError(type);
        }
    }

    static boolean isBoolean(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }

    private static boolean isNaNWord(String v) {
        return v.equalsIgnoreCase("nan");
    }

    /**
     * {@code value} as a number, or NaN when it is not one (callers tell the word {@code NaN}, read as
     * a missing number, apart). Accepts decimal and scientific notation and the words {@code inf},
     * {@code infinity} (signed, any case); rejects Java's hexadecimal and {@code d}/{@code f} suffixes.
     */
    static double parseNumber(String value) {
        int n = value.length();
        if (n == 0) {
            return Double.NaN;
        }
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return special(value);
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double special(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        boolean negative = v.startsWith("-");
        if (negative || v.startsWith("+")) {
            v = v.substring(1);
        }
        if (v.equals("inf") || v.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }
}
