package org.automl4j;

/**
 * Root of automl4j's domain exceptions. All are unchecked; each message names the study, trial or
 * parameter concerned and says how to fix the problem.
 */
public class AutoMLException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AutoMLException(String message) {
        super(message);
    }

    public AutoMLException(String message, Throwable cause) {
        super(message, cause);
    }
}
