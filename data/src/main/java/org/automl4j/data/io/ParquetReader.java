package org.automl4j.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.automl4j.data.Column;
import org.automl4j.data.ColumnType;
import org.automl4j.data.Table;

/**
 * Reads a Parquet file into a {@link Table} (through parquet-floor: Apache Parquet without Hadoop). Column
 * types come from the file's schema: integers and floats are numeric, booleans boolean, strings
 * (and enums) categorical; nulls are missing values. {@code categorical} forces numeric columns to be
 * categorical (codes, say) and {@code ignore} leaves columns out, as for CSV. Nested and repeated columns
 * are not tabular data and are refused with their name.
 */
public final class ParquetReader {

    private final Set<String> categorical;
    private final Set<String> ignore;

    /** A reader that takes every column with the file's types. */
    public ParquetReader() {
        this(Set.of(), Set.of());
    }

    /** A reader forcing {@code categorical} columns to categorical and leaving {@code ignore} out. */
    public ParquetReader(Set<String> categorical, Set<String> ignore) {
        this.categorical = Set.copyOf(categorical);
        this.ignore = Set.copyOf(ignore);
    }

    /**
     * Reads {@code path}.
     *
     * @throws DataFormatException when the file is missing, not Parquet, or has a column that is not a flat
     *     value (the message names the file and column)
     */
    public Table read(Path path) {
        Objects.requireNonNull(path, "path");
        String source = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new DataFormatException(source, 0, null, "no such file");
        }
        MessageType schema;
        try {
            schema = blue.strategic.parquet.ParquetReader.readMetadata(path.toFile()).getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            // the library names the file by an object's toString (Class$1@1a2b3c): say "the file" instead
            String why = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().replaceAll("[\\w.$]+@[0-9a-f]+ ", "the file ");
            throw new DataFormatException(source, 0, null, "not a readable Parquet file (" + why + "); check that it"
                    + " was written as Parquet, or give a .csv or .arff file", e);
        }
        List<String> names = new ArrayList<>();
        Map<String, ColumnBuilder> builders = new HashMap<>();
        Set<String> unsigned = new java.util.HashSet<>();
        for (Type field : schema.getFields()) {
            String name = field.getName();
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                throw new DataFormatException(source, 0, name, "is a nested or repeated Parquet field; flatten it"
                        + " to one value per row, or leave it out with --ignore " + name);
            }
            if (ignore.contains(name)) {
                continue;
            }
            names.add(name);
            builders.put(name, new ColumnBuilder(source, name, typeOf(field.asPrimitiveType(), name, source)));
            if (field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                    && !i.isSigned()) {
                unsigned.add(name); // stored in a signed INT32/INT64: values above its maximum read as negative
            }
        }
        for (String n : categorical) {
            if (!builders.containsKey(n)) {
                throw new DataFormatException(source, 0, n, "is not a column of the file; its columns are " + names);
            }
        }
        long[] row = {0};
        try (Stream<Map<String, Object>> rows = blue.strategic.parquet.ParquetReader.streamContent(path.toFile(),
                new blue.strategic.parquet.Hydrator<Map<String, Object>, Map<String, Object>, String[]>() {
                    @Override
                    public Map<String, Object> start() {
                        return new HashMap<>();
                    }

                    @Override
                    public Map<String, Object> add(Map<String, Object> target, String[] heading, Object value) {
                        target.put(heading[heading.length - 1], value);
                        return target;
                    }

                    @Override
                    public Map<String, Object> finish(Map<String, Object> target) {
                        return target;
                    }
                })) {
            rows.forEach(values -> {
                row[0]++;
                for (String n : names) {
                    Object v = values.get(n);
                    ColumnBuilder b = builders.get(n);
                    if (v == null) {
                        b.addMissing();
                    } else {
                        b.add(unsigned.contains(n) ? unsignedText(v) : text(v), row[0]);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) {
                throw d;
            }
            throw new DataFormatException(source, row[0], null, "could not read row " + (row[0] + 1) + " ("
                    + e.getMessage() + ")", e);
        }
        List<Column> columns = new ArrayList<>();
        for (String n : names) {
            columns.add(builders.get(n).build());
        }
        return new Table(columns);
    }

    private ColumnType typeOf(PrimitiveType t, String name, String source) {
        if (categorical.contains(name)) {
            return ColumnType.CATEGORICAL;
        }
        LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            throw new DataFormatException(source, 0, name, "is a Parquet DECIMAL, which this reader does not"
                    + " convert yet; write it as DOUBLE, or leave it out with --ignore " + name);
        }
        return switch (t.getPrimitiveTypeName()) {
            case BOOLEAN -> ColumnType.BOOLEAN;
            case INT32, INT64, FLOAT, DOUBLE -> ColumnType.NUMERIC;
            case INT96 -> throw new DataFormatException(source, 0, name, "is an INT96 timestamp; convert it to"
                    + " a number (e.g. epoch seconds) or leave it out with --ignore " + name);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> ColumnType.CATEGORICAL;
        };
    }

    /** An unsigned integer's value: Parquet keeps UINT_32 in an INT32 and UINT_64 in an INT64, bit for bit. */
    private static String unsignedText(Object v) {
        if (v instanceof Integer i) {
            return Integer.toUnsignedString(i);
        }
        if (v instanceof Long l) {
            return Long.toUnsignedString(l);
        }
        return text(v);
    }

    private static String text(Object v) {
        if (v instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof org.apache.parquet.io.api.Binary b) {
            return b.toStringUsingUTF8();
        }
        return v.toString();
    }
}
