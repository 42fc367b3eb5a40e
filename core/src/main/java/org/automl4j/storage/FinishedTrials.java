package org.automl4j.storage;

import java.util.List;

/**
 * A batch of finished trials in finishing order, and the cursor to ask for the next batch.
 *
 * @param trials     the trials that finished since the cursor asked for, in finishing order
 * @param nextCursor the cursor to pass next time
 */
public record FinishedTrials(List<org.automl4j.trial.FrozenTrial> trials, long nextCursor) {
    public FinishedTrials {
        trials = List.copyOf(trials);
    }
}
