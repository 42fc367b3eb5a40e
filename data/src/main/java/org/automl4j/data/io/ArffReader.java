package org.automl4j.data.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
import org.automl4j.data.Table;

/**
 * Reads Weka's ARFF format (dense rows) into a {@link Table}: {@code @relation}, {@code @attribute}
 * with {@code numeric}, {@code real} and {@code integer} (NUMERIC columns), nominal
 * {@code {a, b, 'c d'}} (CATEGORICAL columns whose levels keep the declared order, even for levels
 * that never occur), {@code string} and {@code date} (CATEGORICAL, levels in order of first
 * appearance), {@code @data} rows with {@code ?} for missing values, {@code %} comment lines, and
 * values quoted with {@code '} or {@code "} (backslash escapes inside). Sparse rows
 * ({@code {0 x, 3 y}}), relational attributes and instance weights are rejected with a
 * {@link DataFormatException}. Text is UTF-8 (a byte order mark is stripped). Thread-safe.
 */
public final class ArffReader {

    /** A reader. */
    public ArffReader() {
    }

    /** Reads the ARFF file at {@code path}. */
    public static Table readArff(Path path) {
        return new ArffReader().read(path);
    }

    /** Reads the file at {@code path}; errors name the path. */
    public Table read(Path path) {
        String source = path.toString();
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(source, 0, null, "no such file; check the path", e);
        } catch (IOException e) {
            throw new DataFormatException(source, 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a UTF-8 stream; {@code sourceName} names it in errors. The stream is not closed. */
    public Table read(InputStream in, String sourceName) {
        return read(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                sourceName);
    }

    /** Reads ARFF text (handy in tests). */
    public Table readString(String arff, String sourceName) {
        return read(new StringReader(arff), sourceName);
    }

    /** Reads characters; {@code sourceName} names them in errors. The reader is not closed. */
    public Table read(Reader reader, String sourceName) {
        String source = sourceName == null ? "<input>" : sourceName;
        try {
            return new Parse(source).run(new BufferedReader(reader));
        } catch (CharacterCodingException e) {
            throw new DataFormatException(source, 0, null, "is not valid UTF-8 text; save it as UTF-8", e);
        } catch (IOException e) {
            throw new DataFormatException(source, 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** One attribute being filled. */
    private static final class Attribute {
        final String name;
        final ColumnType type;
        final List<String> levels;
        final Map<String, Integer> index = new HashMap<>();
        final ColumnBuilder strings;
        double[] numbers = new double[64];
        int[] codes = new int[64];
        int size;

        Attribute(String source, String name, ColumnType type, List<String> levels) {
            this.name = name;
            this.type = type;
            this.levels = levels;
            for (int i = 0; levels != null && i < levels.size(); i++) {
                index.put(levels.get(i), i);
            }
            this.strings = type == ColumnType.CATEGORICAL && levels == null
                    ? new ColumnBuilder(source, name, ColumnType.CATEGORICAL) : null;
        }

        void grow() {
            if (size == codes.length) {
                numbers = Arrays.copyOf(numbers, size * 2);
                codes = Arrays.copyOf(codes, size * 2);
            }
        }

        Column build() {
            if (strings != null) {
                return strings.build();
            }
            if (levels != null) {
                return new CategoricalColumn(name, levels, Arrays.copyOf(codes, size));
            }
            return new NumericColumn(name, Arrays.copyOf(numbers, size));
        }
    }

    /** The state of one read. */
    private static final class Parse {
        private final String source;
        private final List<Attribute> attributes = new ArrayList<>();
        private final Map<String, Integer> names = new HashMap<>();
        private long line;

        Parse(String source) {
            this.source = source;
        }

        Table run(BufferedReader in) throws IOException {
            boolean data = false;
            boolean relation = false;
            int rows = 0;
            long dataLine = 0;
            String raw;
            while ((raw = in.readLine()) != null) {
                line++;
                if (line == 1 && raw.startsWith("\uFEFF")) {
                    raw = raw.substring(1);
                }
                String s = raw.strip();
                if (s.isEmpty() || s.startsWith("%")) {
                    continue;
                }
                if (!data) {
                    String lower = s.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("@relation")) {
                        relation = true;
                    } else if (lower.startsWith("@attribute")) {
                        attribute(s.substring("@attribute".length()).strip());
                    } else if (lower.startsWith("@data")) {
                        if (attributes.isEmpty()) {
                            throw error(null, "@data comes before any @attribute; declare the attributes first");
                        }
                        data = true;
                        dataLine = line;
                    } else {
                        throw error(null, "expected @relation, @attribute or @data but found '" + abbreviate(s)
                                + "'; is this an ARFF file? (comment lines start with %)");
                    }
                } else {
                    if (s.startsWith("{")) {
                        throw error(null, "sparse ARFF rows ({index value, ...}) are not supported; convert the"
                                + " file to dense ARFF or CSV (for example with Weka's SparseToNonSparse filter)");
                    }
                    row(s);
                    rows++;
                }
            }
            if (!relation && attributes.isEmpty()) {
                throw new DataFormatException(source, 0, null, "the file is empty or not ARFF; expected @relation,"
                        + " @attribute lines and @data");
            }
            if (!data) {
                throw new DataFormatException(source, 0, null, "there is no @data line; add @data followed by the"
                        + " rows after the @attribute lines");
            }
            if (rows == 0) {
                throw new DataFormatException(source, dataLine, null, "@data is followed by no rows; add data rows");
            }
            List<Column> columns = new ArrayList<>(attributes.size());
            for (Attribute a : attributes) {
                columns.add(a.build());
            }
            return new Table(columns);
        }

        private void attribute(String rest) {
            if (rest.isEmpty()) {
                throw error(null, "@attribute needs a name and a type, as in '@attribute age numeric'");
            }
            String name;
            String type;
            char q = rest.charAt(0);
            if (q == '\'' || q == '"') {
                int end = closingQuote(rest, 0);
                if (end < 0) {
                    throw error(null, "the attribute name's quote " + q + " is not closed");
                }
                name = unescape(rest.substring(1, end));
                type = rest.substring(end + 1).strip();
            } else {
                int sp = 0;
                while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp)) && rest.charAt(sp) != '{') {
                    sp++;
                }
                name = rest.substring(0, sp);
                type = rest.substring(sp).strip();
            }
            if (name.isEmpty()) {
                throw error(null, "an attribute has an empty name; give it a name");
            }
            if (names.containsKey(name)) {
                throw error(name, "the attribute is declared twice (attributes " + (names.get(name) + 1) + " and "
                        + (attributes.size() + 1) + "); attribute names must be unique: rename one");
            }
            if (type.isEmpty()) {
                throw error(name, "the attribute has no type; add numeric, integer, real, string or {level, ...}");
            }
            Attribute a;
            if (type.startsWith("{")) {
                if (!type.endsWith("}")) {
                    throw error(name, "the nominal levels must end with '}'");
                }
                List<String> levels = new ArrayList<>();
                for (String[] v : split(type.substring(1, type.length() - 1), name)) {
                    if (v[0].isEmpty() && levels.isEmpty() && type.substring(1, type.length() - 1).isBlank()) {
                        break;
                    }
                    if (levels.contains(v[0])) {
                        throw error(name, "the nominal level '" + v[0] + "' is declared twice; remove one");
                    }
                    levels.add(v[0]);
                }
                if (levels.isEmpty()) {
                    throw error(name, "the nominal attribute declares no levels; list them as {a, b, c}");
                }
                a = new Attribute(source, name, ColumnType.CATEGORICAL, levels);
            } else {
                String t = type.split("\\s+")[0].toLowerCase(Locale.ROOT);
                switch (t) {
                    case "numeric":
                    case "real":
                    case "integer":
                        a = new Attribute(source, name, ColumnType.NUMERIC, null);
                        break;
                    case "string":
                    case "date":
                        a = new Attribute(source, name, ColumnType.CATEGORICAL, null);
                        break;
                    default:
                        throw error(name, "unsupported attribute type '" + type + "'; use numeric, integer, real,"
                                + " string, date or {level, ...} (relational attributes are not supported)");
                }
            }
            names.put(name, attributes.size());
            attributes.add(a);
        }

        private void row(String s) {
            List<String[]> values = split(s, null);
            String[] last = values.get(values.size() - 1);
            if (values.size() == attributes.size() + 1 && last[1] == null && last[0].startsWith("{")
                    && last[0].endsWith("}")) {
                throw error(null, "this row ends with an instance weight " + last[0] + ", which is not supported;"
                        + " remove the weights (or convert the file to CSV with the weight as a column)");
            }
            if (values.size() != attributes.size()) {
                throw error(null, "this row has " + values.size() + " values but " + attributes.size()
                        + " attributes are declared; fix the row (quote values that contain commas with ')");
            }
            for (int j = 0; j < values.size(); j++) {
                Attribute a = attributes.get(j);
                String v = values.get(j)[0];
                boolean missing = values.get(j)[1] == null && (v.equals("?") || v.isEmpty());
                if (a.strings != null) {
                    if (missing) {
                        a.strings.addMissing();
                    } else {
                        a.strings.add(v, line);
                    }
                    continue;
                }
                a.grow();
                if (a.levels != null) {
                    if (missing) {
                        a.codes[a.size] = CategoricalColumn.MISSING;
                    } else {
                        Integer code = a.index.get(v);
                        if (code == null) {
                            throw error(a.name, "'" + v + "' is not one of the declared levels " + a.levels
                                    + "; fix the value or add it to the @attribute line");
                        }
                        a.codes[a.size] = code;
                    }
                } else if (missing) {
                    a.numbers[a.size] = Double.NaN;
                } else {
                    double d = ColumnBuilder.parseNumber(v);
                    if (Double.isNaN(d) && !v.equalsIgnoreCase("nan")) {
                        throw error(a.name, "'" + v + "' is not a number, but the attribute is numeric; fix the value,"
                                + " write ? for a missing value, or declare the attribute string or nominal");
                    }
                    if (Double.isInfinite(d)) {
                        throw error(a.name, "'" + v + "' is an infinite number, which a numeric column cannot hold;"
                                + " replace it with a finite value or ? (missing)");
                    }
                    a.numbers[a.size] = d;
                }
                a.size++;
            }
        }

        /** Comma-separated values; each entry is {value, quoted ? "q" : null}. */
        private List<String[]> split(String s, String column) {
            List<String[]> out = new ArrayList<>();
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i < n && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
                    int end = closingQuote(s, i);
                    if (end < 0) {
                        throw error(column, "a quote " + s.charAt(i) + " is not closed; close it or escape it"
                                + " with a backslash");
                    }
                    out.add(new String[] {unescape(s.substring(i + 1, end)), "q"});
                    i = end + 1;
                    while (i < n && Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                    if (i < n && s.charAt(i) != ',') {
                        throw error(column, "unexpected text after a quoted value: '" + abbreviate(s.substring(i))
                                + "'; separate values with commas");
                    }
                } else {
                    int start = i;
                    while (i < n && s.charAt(i) != ',') {
                        i++;
                    }
                    out.add(new String[] {s.substring(start, i).strip(), null});
                }
                if (i >= n) {
                    return out;
                }
                i++; // the comma
            }
        }

        private static int closingQuote(String s, int open) {
            char q = s.charAt(open);
            for (int i = open + 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == q) {
                    return i;
                }
            }
            return -1;
        }

        private static String unescape(String s) {
            if (s.indexOf('\\') < 0) {
                return s;
            }
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char e = s.charAt(++i);
                    sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }

        private DataFormatException error(String column, String problem) {
            return new DataFormatException(source, line, column, problem);
        }
    }
}
