package org.automl4j.spark;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The exception an objective threw on a Spark executor, rebuilt on the driver so the FAIL trial
 * keeps the original exception's type, message and full stack trace (causes included), even when
 * the original exception class is not serialisable or not on the driver's class path.
 *
 * <p>{@link #getMessage()} is the original message (the original class name when it had none, so that a
 * stored failure still says what was thrown), {@link #remoteType()} the original class name,
 * and {@link #printStackTrace(PrintWriter)} prints the executor's stack trace text. Immutable.
 */
public final class RemoteTrialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final String remoteStackTrace;

    /**
     * @param remoteType       the class name of the exception thrown on the executor
     * @param message          its message (may be null: the message is then {@code remoteType})
     * @param remoteStackTrace its printed stack trace
     */
    public RemoteTrialException(String remoteType, String message, String remoteStackTrace) {
        super(message != null ? message : remoteType, null, false, false);
        this.remoteType = remoteType;
        this.remoteStackTrace = remoteStackTrace == null ? "" : remoteStackTrace;
    }

    /** The class name of the exception the objective threw on the executor. */
    public String remoteType() {
        return remoteType;
    }

    /** The stack trace printed on the executor. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    @Override
    public String toString() {
        String m = getMessage();
        return remoteType + (m == null || m.equals(remoteType) ? "" : ": " + m);
    }

    @Override
    public void printStackTrace(PrintWriter s) {
        s.print(remoteStackTrace.isEmpty() ? toString() + System.lineSeparator() : remoteStackTrace);
        s.flush();
    }

    @Override
    public void printStackTrace(PrintStream s) {
        s.print(remoteStackTrace.isEmpty() ? toString() + System.lineSeparator() : remoteStackTrace);
        s.flush();
    }
}
