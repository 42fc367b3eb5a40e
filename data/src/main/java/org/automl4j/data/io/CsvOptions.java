package org.automl4j.data.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.automl4j.data.ColumnType;

/**
 * How {@link CsvReader} reads a file. Build with {@link #builder()}; {@link #defaults()} reads a
 * comma-, semicolon-, tab- or pipe-separated UTF-8 file with a header line, double quotes, and empty
 * fields as missing values.
 *
 * @param separator      the field separator, or null to detect it from the first line among
 *                       {@code , ; TAB |} (the most frequent outside quotes; comma on a tie or none)
 * @param quote          the quote character (RFC 4180 doubling escapes it inside a quoted field)
 * @param header         whether the first record holds the column names (else columns are named
 *                       {@code column1, column2, ...})
 * @param encoding       the charset of files and streams; a UTF-8 byte order mark is always stripped
 * @param missingMarkers values read as missing, besides the empty field, compared after trimming and
 *                       case-sensitively (for example {@code NA}, {@code ?}, {@code null})
 * @param types          column types forced by name: {@code CATEGORICAL} keeps numbers as levels
 *                       (codes such as zip codes), {@code NUMERIC} and {@code BOOLEAN} make any other
 *                       value an error; unnamed columns have their type inferred
 * @param ignored        columns left out of the table
 * @param maxRows        read at most this many data rows ({@link Long#MAX_VALUE}: all)
 * @param trim           whether spaces around values are removed
 */
public record CsvOptions(Character separator, char quote, boolean header, Charset encoding, Set<String> missingMarkers,
        Map<String, ColumnType> types, Set<String> ignored, long maxRows, boolean trim) {

    /** The separators detection chooses among. */
    public static final String DETECTED_SEPARATORS = ",;\t|";

    /**
     * The markers of a missing value that spreadsheets, R, pandas and ARFF files write (pandas and H2O read
     * {@code NA} as missing too): {@code NA}, {@code N/A}, {@code n/a}, {@code #N/A}, {@code NaN}, {@code nan},
     * {@code null}, {@code NULL} and {@code ?}. Not in {@link #defaults()}; the command line reads with them,
     * so that such a marker neither turns a numeric column into a categorical one nor becomes a level.
     */
    public static final List<String> COMMON_MISSING_MARKERS =
            List.of("NA", "N/A", "n/a", "#N/A", "NaN", "nan", "null", "NULL", "?");

    /** Validates and copies the collections. */
    public CsvOptions {
        Objects.requireNonNull(encoding, "encoding");
        missingMarkers = Set.copyOf(missingMarkers);
        types = Map.copyOf(types);
        ignored = Set.copyOf(ignored);
        if (separator != null && (separator == quote || separator == '\n' || separator == '\r')) {
            throw new IllegalArgumentException("separator " + show(separator) + " cannot be the quote character or a"
                    + " line break; choose another separator");
        }
        if (quote == '\n' || quote == '\r') {
            throw new IllegalArgumentException("the quote character cannot be a line break; use '\"'");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, but got " + maxRows
                    + "; leave it unset to read all rows");
        }
        for (String c : ignored) {
            if (types.containsKey(c)) {
                throw new IllegalArgumentException("column '" + c + "' is both ignored and given the type "
                        + types.get(c) + "; keep only one");
            }
        }
    }

    /** The default options (see the class description). */
    public static CsvOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.separator = separator;
        b.quote = quote;
        b.header = header;
        b.encoding = encoding;
        b.missingMarkers.addAll(missingMarkers);
        b.types.putAll(types);
        b.ignored.addAll(ignored);
        b.maxRows = maxRows;
        b.trim = trim;
        return b;
    }

    static String show(char c) {
        return c == '\t' ? "TAB" : "'" + c + "'";
    }

    /** Builds {@link CsvOptions}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
        private Character separator;
        private char quote = '"';
        private boolean header = true;
        private Charset encoding = StandardCharsets.UTF_8;
        private final Set<String> missingMarkers = new LinkedHashSet<>();
        private final Map<String, ColumnType> types = new LinkedHashMap<>();
        private final Set<String> ignored = new LinkedHashSet<>();
        private long maxRows = Long.MAX_VALUE;
        private boolean trim = true;

        private Builder() {
        }

        /** A fixed separator (no detection). */
        public Builder separator(char separator) {
            this.separator = separator;
            return this;
        }

        /** Detect the separator from the first line (the default). */
        public Builder detectSeparator() {
            this.separator = null;
            return this;
        }

        /** The quote character (default {@code "}). */
        public Builder quote(char quote) {
            this.quote = quote;
            return this;
        }

        /** Whether the first record is a header (default true). */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** The charset (default UTF-8). */
        public Builder encoding(Charset encoding) {
            this.encoding = Objects.requireNonNull(encoding, "encoding");
            return this;
        }

        /** Adds values read as missing (the empty field always is). */
        public Builder missingMarkers(String... markers) {
            for (String m : markers) {
                missingMarkers.add(Objects.requireNonNull(m, "missing marker"));
            }
            return this;
        }

        /** Forces the type of column {@code name}. */
        public Builder type(String name, ColumnType type) {
            types.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /** Forces the types of several columns (for example {@code schema.types()} when reading data to predict). */
        public Builder types(Map<String, ColumnType> byName) {
            byName.forEach(this::type);
            return this;
        }

        /** Forces the named columns to be categorical (their values are kept as text levels). */
        public Builder categorical(String... names) {
            for (String n : names) {
                type(n, ColumnType.CATEGORICAL);
            }
            return this;
        }

        /** Leaves the named columns out. */
        public Builder ignore(String... names) {
            for (String n : names) {
                ignored.add(Objects.requireNonNull(n, "ignored column"));
            }
            return this;
        }

        /** Reads at most {@code maxRows} data rows. */
        public Builder maxRows(long maxRows) {
            if (maxRows < 1) {
                throw new IllegalArgumentException("maxRows must be at least 1, but got " + maxRows);
            }
            this.maxRows = maxRows;
            return this;
        }

        /** Whether to remove spaces around values (default true). */
        public Builder trim(boolean trim) {
            this.trim = trim;
            return this;
        }

        /** The options. */
        public CsvOptions build() {
            return new CsvOptions(separator, quote, header, encoding, missingMarkers, types, ignored, maxRows, trim);
        }
    }
}
