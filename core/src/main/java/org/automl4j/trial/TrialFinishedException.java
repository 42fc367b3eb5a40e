package org.automl4j.trial;

import org.automl4j.AutoMLException;

/** Thrown on an attempt to change a trial that has already finished; finished trials are immutable. */
public class TrialFinishedException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    public TrialFinishedException(String message) {
        super(message);
    }
}
