package org.automl4j.data.io;

/**
 * A data file that cannot be read as a table: says which file, which line (1-based physical line,
 * as Apache Commons CSV counts them; 0 when the problem is not tied to a line), which column where
 * relevant, what is wrong and what to do about it.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String column;

    /**
     * A problem in {@code source}.
     *
     * @param source  the file path or the name given to a stream
     * @param line    1-based physical line, or 0 when not tied to a line
     * @param column  the column's name, or null when not tied to a column
     * @param problem what is wrong and how to fix it
     */
    public DataFormatException(String source, long line, String column, String problem) {
        this(source, line, column, problem, null);
    }

    /** As {@link #DataFormatException(String, long, String, String)}, with the underlying cause. */
    public DataFormatException(String source, long line, String column, String problem, Throwable cause) {
        super(format(source, line, column, problem), cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    private static String format(String source, long line, String column, String problem) {
        StringBuilder sb = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file path or stream name. */
    public String source() {
        return source;
    }

    /** The 1-based physical line, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    /** The column's name, or null when the problem is not tied to one column. */
    public String column() {
        return column;
    }
}
