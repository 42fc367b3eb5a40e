package org.automl4j.data.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.automl4j.data.Column;
import org.automl4j.data.Table;

/**
 * Reads a CSV file into a {@link Table} with Apache Commons CSV: quoted fields with separators,
 * doubled quotes and line breaks inside, LF or CRLF line ends, blank lines skipped, a UTF-8 byte order
 * mark stripped. Column types are inferred (see {@link CsvOptions#types()} to force them): a column
 * whose values all parse as numbers is NUMERIC (the word {@code NaN} is a missing number), one whose
 * values are all {@code true}/{@code false} in any case is BOOLEAN, anything else CATEGORICAL with
 * levels in order of first appearance. Problems raise {@link DataFormatException} naming the file,
 * the line (as Commons CSV counts physical lines: a record with a line break inside a quoted value is
 * reported at the line where it ends), the column, and what to do. A header ending in the separator (as
 * spreadsheets write) gives an unnamed last column that is dropped when every row leaves it empty.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Table t = new CsvReader(CsvOptions.builder().missingMarkers("NA", "?").categorical("zip").build())
 *         .read(Path.of("houses.csv"));
 * }</pre>
 */
public final class CsvReader {
    private static final int SNIFF_LIMIT = 1 << 20;
    /** Commons CSV's words for a quoted value still open at the end of the input, with the line it began on. */
    private static final java.util.regex.Pattern UNCLOSED =
            java.util.regex.Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished");

    private final CsvOptions options;

    /** A reader with {@link CsvOptions#defaults()}. */
    public CsvReader() {
        this(CsvOptions.defaults());
    }

    /** A reader with {@code options}. */
    public CsvReader(CsvOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Reads {@code path} with the default options. */
    public static Table readCsv(Path path) {
        return new CsvReader().read(path);
    }

    /** The options this reader uses. */
    public CsvOptions options() {
        return options;
    }

    /** Reads the file at {@code path}; errors name the path. */
    public Table read(Path path) {
        String source = path.toString();
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(source, 0, null, "no such file; check the path (relative paths start at "
                    + Path.of("").toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new DataFormatException(source, 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a stream in the options' encoding; {@code sourceName} names it in errors. The stream is not closed. */
    public Table read(InputStream in, String sourceName) {
        Reader reader = new InputStreamReader(in, options.encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        return read(reader, sourceName);
    }

    /** Reads CSV text (handy in tests). */
    public Table readString(String csv, String sourceName) {
        return read(new StringReader(csv), sourceName);
    }

    /** Reads characters; {@code sourceName} names them in errors. The reader is not closed. */
    public Table read(Reader reader, String sourceName) {
        String source = sourceName == null ? "<input>" : sourceName;
        try {
            return parse(new BufferedReader(reader, 1 << 16), source);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(source, 0, null, "is not valid " + options.encoding()
                    + " text; save it as UTF-8 or set the encoding option (for example ISO-8859-1)", e);
        } catch (IOException e) {
            throw new DataFormatException(source, 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The column names of the file at {@code path} as {@link #read(Path)} would name the columns (the
     * header's names, or {@code column1, column2, ...} without a header; ignored columns left out),
     * without reading the values: a value that would make {@code read} fail does not matter here.
     *
     * @throws DataFormatException for a missing or empty file and for header problems (duplicate or empty
     *                             names, options naming absent columns), as {@code read} reports them
     */
    public List<String> columnNames(Path path) {
        String source = path.toString();
        try (InputStream in = Files.newInputStream(path)) {
            Reader reader = new InputStreamReader(in, options.encoding().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            List<String> names = new ArrayList<>();
            parse(new BufferedReader(reader, 1 << 16), source, names);
            names.removeAll(options.ignored());
            return names;
        } catch (NoSuchFileException e) {
            throw new DataFormatException(source, 0, null, "no such file; check the path (relative paths start at "
                    + Path.of("").toAbsolutePath() + ")", e);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(source, 0, null, "is not valid " + options.encoding()
                    + " text; save it as UTF-8 or set the encoding option (for example ISO-8859-1)", e);
        } catch (IOException e) {
            throw new DataFormatException(source, 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    private Table parse(BufferedReader in, String source) throws IOException {
        return parse(in, source, null);
    }

    /** The table, or, when {@code namesOnly} is given, null after putting the column names into it. */
    private Table parse(BufferedReader in, String source, List<String> namesOnly) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
        char separator = options.separator() != null ? options.separator() : detectSeparator(in, options.quote());
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setQuote(options.quote())
                .setIgnoreEmptyLines(true).setTrim(options.trim()).setIgnoreSurroundingSpaces(options.trim()).get();
        CSVParser parser = format.parse(in);
        Iterator<CSVRecord> records = parser.iterator();
        CSVRecord first = next(records, parser, source);
        while (first != null && first.size() == 1 && first.get(0).isBlank()) {
            first = next(records, parser, source); // lines of spaces before the header, like blank lines
        }
        if (first == null) {
            throw new DataFormatException(source, 0, null, "the file is empty; expected a header line followed by"
                    + " data rows");
        }
        long headerLine = parser.getCurrentLineNumber();
        // a header ending in the separator (spreadsheet exports) adds an unnamed last column: it is
        // dropped as long as it stays empty
        int m = first.size();
        boolean unnamedLast = options.header() && m > 1 && first.get(m - 1).isBlank();
        List<String> names = options.header() ? headerNames(first, unnamedLast ? m - 1 : m, headerLine, source)
                : generatedNames(m);
        checkOptionNames(names, source);
        if (namesOnly != null) {
            namesOnly.addAll(names);
            return null;
        }
        ColumnBuilder[] builders = new ColumnBuilder[m];
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (!options.ignored().contains(name)) {
                builders[j] = new ColumnBuilder(source, name, options.types().get(name));
            }
        }
        Set<String> missing = options.missingMarkers();
        long rows = 0;
        CSVRecord record = options.header() ? next(records, parser, source) : first;
        while (record != null && rows < options.maxRows()) {
            long line = parser.getCurrentLineNumber();
            if (record.size() != m) {
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    record = next(records, parser, source);
                    continue;
                }
                throw new DataFormatException(source, line, null, "this row has " + record.size() + " fields but the "
                        + (options.header() ? "header" : "first row") + " has " + m + " (separator "
                        + CsvOptions.show(separator) + "); quote values that contain the separator, or fix the"
                        + " missing or extra separators on this line");
            }
            if (unnamedLast && !record.get(m - 1).isEmpty()) {
                throw new DataFormatException(source, line, null, "the header's last column (" + m + ") has no name,"
                        + " but this row has the value '" + record.get(m - 1) + "' in it; give the column a name in"
                        + " the header");
            }
            for (int j = 0; j < m; j++) {
                ColumnBuilder b = builders[j];
                if (b != null) {
                    String v = record.get(j);
                    if (v.isEmpty() || missing.contains(v)) {
                        b.addMissing();
                    } else {
                        b.add(v, line);
                    }
                }
            }
            rows++;
            record = rows < options.maxRows() ? next(records, parser, source) : null;
        }
        if (rows == 0) {
            throw new DataFormatException(source, headerLine, null, "the file has a header but no data rows; add"
                    + " rows below the header (if that line is data, put a line of column names above it, or from Java"
                    + " read with CsvOptions header(false))");
        }
        List<Column> columns = new ArrayList<>(m);
        for (ColumnBuilder b : builders) {
            if (b != null) {
                columns.add(b.build());
            }
        }
        return new Table(columns);
    }

    private static CSVRecord next(Iterator<CSVRecord> records, CSVParser parser, String source) {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            java.util.regex.Matcher open = UNCLOSED.matcher(String.valueOf(cause.getMessage()));
            if (open.find()) {
                throw new DataFormatException(source, Long.parseLong(open.group(1)), null, "a quoted value starts on"
                        + " this line but its closing quote never comes (the file ends inside it); close the quote, or"
                        + " double a quote that is part of the value (\"\")", e);
            }
            throw new DataFormatException(source, parser.getCurrentLineNumber(), null, "malformed CSV ("
                    + cause.getMessage() + "); check the quotes: a quoted value must end with a quote followed by"
                    + " the separator or the line end, and a quote inside it must be doubled (\"\")", e);
        }
    }

    /** The names of the first {@code count} header fields. */
    private List<String> headerNames(CSVRecord header, int count, long line, String source) {
        List<String> names = new ArrayList<>(count);
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < count; j++) {
            String name = header.get(j).strip();
            if (name.isEmpty()) {
                throw new DataFormatException(source, line, null, "header column " + (j + 1) + " of " + header.size()
                        + " has no name; give every column a name (or read with header(false) if there is no"
                        + " header line)");
            }
            Integer before = seen.put(name, j);
            if (before != null) {
                throw new DataFormatException(source, line, name, "the header names this column twice (columns "
                        + (before + 1) + " and " + (j + 1) + "); column names must be unique: rename one");
            }
            names.add(name);
        }
        return names;
    }

    private static List<String> generatedNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int j = 1; j <= n; j++) {
            names.add("column" + j);
        }
        return names;
    }

    private void checkOptionNames(List<String> names, String source) {
        Set<String> unknown = new TreeSet<>(options.types().keySet());
        unknown.addAll(options.ignored());
        names.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new DataFormatException(source, 0, null, "the options name columns " + unknown
                    + " (type overrides or ignored columns) that the file does not have; the columns are " + names);
        }
        if (options.ignored().containsAll(names)) {
            throw new DataFormatException(source, 0, null, "every column is ignored; keep at least one");
        }
    }

    /**
     * The separator among {@link CsvOptions#DETECTED_SEPARATORS} that occurs most often outside quotes
     * in the first line that is not blank (blank lines before the header are skipped, as the reading
     * skips them); comma when none occurs (a one-column file) or on a tie with comma.
     */
    static char detectSeparator(BufferedReader in, char quote) throws IOException {
        in.mark(SNIFF_LIMIT + 1);
        int[] counts = new int[CsvOptions.DETECTED_SEPARATORS.length()];
        boolean quoted = false;
        boolean content = false;
        for (int i = 0; i < SNIFF_LIMIT; i++) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            if (!quoted && (c == '\n' || c == '\r')) {
                if (content) {
                    break;
                }
                java.util.Arrays.fill(counts, 0); // a line of spaces or tabs: the header comes later
                continue;
            }
            if (!Character.isWhitespace(c)) {
                content = true;
            }
            if (c == quote) {
                quoted = !quoted;
            } else if (!quoted) {
                int k = CsvOptions.DETECTED_SEPARATORS.indexOf(c);
                if (k >= 0) {
                    counts[k]++;
                }
            }
        }
        in.reset();
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CsvOptions.DETECTED_SEPARATORS.charAt(best);
    }
}
