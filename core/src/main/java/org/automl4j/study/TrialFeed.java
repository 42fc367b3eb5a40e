package org.automl4j.study;

import java.util.List;
import org.automl4j.storage.FinishedTrials;
import org.automl4j.trial.FrozenTrial;

/**
 * Reads a study's finished trials incrementally: each call to {@link #next} returns only the trials
 * that finished since the previous call, in finishing order. Samplers keep one to update their
 * models without rescanning the history. Not thread-safe: guard it with its owner's lock.
 */
public final class TrialFeed {
    private long cursor;

    /** The trials of {@code study} that finished since the last call (all of them on the first call). */
    public List<FrozenTrial> next(StudyView study) {
        FinishedTrials batch = study.finishedTrialsSince(cursor);
        cursor = batch.nextCursor();
        return batch.trials();
    }
}
