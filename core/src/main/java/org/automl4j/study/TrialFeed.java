package org.automl4j.study;

import java.util.List;
import org.automl4j.storage.FinishedTrials;
import org.automl4j.trial.FrozenTrial;

/**
 * Reads a study's finished trials incrementally: each call to {@link #next} returns only the trials
 * that finished since the previous call, in finishing order. Samplers keep one to update their
 * models without rescanning the history. A feed follows one study: the first one it reads. Not
 * thread-safe: guard it with its owner's lock.
 */
public final class TrialFeed {
    private long cursor;
    private String studyName;
    private Object studyIdentity;

    /**
     * The trials of {@code study} that finished since the last call (all of them on the first call).
     *
     * @throws IllegalStateException if an earlier call read another study: the owner's model holds that
     *     study's trials and the cursor points into its history, so the owner serves one study only
     */
    public List<FrozenTrial> next(StudyView study) {
        if (studyName == null) {
            studyName = study.name();
            studyIdentity = study.identity();
        } else if (!studyName.equals(study.name())) {
            throw new IllegalStateException("this sampler has learnt from the trials of study '" + studyName
                    + "' and was now used for study '" + study.name() + "'; a sampler serves one study (its model"
                    + " would mix both histories and skip trials of the new one): give each study its own sampler,"
                    + " e.g. Samplers.tpe(seed) per study (the same seed gives the same trials)");
        } else if (!studyIdentity.equals(study.identity())) {
            throw new IllegalStateException("this sampler has learnt from the trials of study '" + studyName
                    + "' and was now used for another study of that name (" + study.identity() + ", not "
                    + studyIdentity + ": another storage, or the study was deleted and created again); its model"
                    + " would mix both histories and skip trials of the new one: give each study its own sampler,"
                    + " e.g. Samplers.tpe(seed) per study (the same seed gives the same trials)");
        }
        FinishedTrials batch = study.finishedTrialsSince(cursor);
        cursor = batch.nextCursor();
        return batch.trials();
    }
}
