package org.automl4j.study;

import org.automl4j.AutoMLException;

/**
 * Every one of the first trials of an optimisation failed, so the objective or its setup is wrong;
 * the message holds the first failure's stack trace. Completed work is already stored.
 */
public class StudySetupException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    public StudySetupException(String message) {
        super(message);
    }
}
