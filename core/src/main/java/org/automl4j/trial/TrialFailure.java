package org.automl4j.trial;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * Why a trial failed: the exception type, its message and the full stack trace (empty when the
 * failure was not an exception, e.g. a NaN result).
 *
 * @param type       the exception class name, or a short reason such as {@code "NonFiniteValue"}
 * @param message    a human-readable message
 * @param stackTrace the stack trace, or an empty string
 */
public record TrialFailure(String type, String message, String stackTrace) {

    public TrialFailure {
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? "" : stackTrace;
    }

    /** The failure described by a throwable, with its stack trace. */
    public static TrialFailure of(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return new TrialFailure(t.getClass().getName(), String.valueOf(t.getMessage()), sw.toString());
    }

    /** A failure that is not an exception. */
    public static TrialFailure of(String type, String message) {
        return new TrialFailure(type, message, "");
    }

    @Override
    public String toString() {
        return type + ": " + message;
    }
}
