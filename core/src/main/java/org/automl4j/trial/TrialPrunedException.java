package org.automl4j.trial;

import org.automl4j.AutoMLException;

/**
 * Thrown by an objective to say that its trial should stop early; the trial becomes
 * {@link TrialState#PRUNED}. This is control flow, not an error.
 */
public class TrialPrunedException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    public TrialPrunedException() {
        super("trial pruned");
    }

    public TrialPrunedException(String message) {
        super(message);
    }
}
