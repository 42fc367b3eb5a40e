package org.automl4j.deep;

/** The deep-learning engine could not be set up; the message says what to check. */
public final class DeepEngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An engine failure with its cause. */
    public DeepEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
