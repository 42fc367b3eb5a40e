package org.automl4j.spark;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;

/**
 * What one trial's Spark task sends back to the driver: the objective values, or the exception the
 * objective threw (as text, so that unserialisable exceptions come back too), and where it ran.
 * Immutable.
 */
final class TaskOutcome implements Serializable {

    private static final long serialVersionUID = 1L;

    final double[] values;
    final String errorType;
    final String errorMessage;
    final String errorStackTrace;
    final String executor;

    private TaskOutcome(double[] values, String errorType, String errorMessage, String errorStackTrace,
            String executor) {
        this.values = values;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.errorStackTrace = errorStackTrace;
        this.executor = executor;
    }

    static TaskOutcome values(double[] values, String executor) {
        return new TaskOutcome(values == null ? null : values.clone(), null, null, null, executor);
    }

    static TaskOutcome error(Throwable t, String executor) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return new TaskOutcome(null, t.getClass().getName(), t.getMessage(), sw.toString(), executor);
    }

    boolean failed() {
        return errorType != null;
    }

    RemoteTrialException toException() {
        return new RemoteTrialException(errorType, errorMessage, errorStackTrace);
    }
}
