package org.automl4j.pruner;

import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * Decides whether a running trial should stop early. A pure function of the study's history and the
 * trial's reported values: no I/O, no randomness. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Pruner {

    /** Whether {@code trial} (RUNNING, with its intermediate values so far) should be pruned. */
    boolean shouldPrune(StudyView study, FrozenTrial trial);
}
