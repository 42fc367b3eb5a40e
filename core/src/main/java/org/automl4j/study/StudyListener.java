package org.automl4j.study;

import org.automl4j.trial.FrozenTrial;

/**
 * Callbacks from a study, for logging, progress bars, dashboards and early stopping of the whole
 * study ({@code study.stop()}). The finished trial is stored before a listener sees it. A listener
 * that throws is logged and does not stop the study. Listeners may be called from several worker
 * threads at once when {@code nJobs > 1}.
 */
@FunctionalInterface
public interface StudyListener {

    /** Called after a trial finished (COMPLETE, PRUNED or FAIL) and was stored. */
    void onTrialFinished(StudyView study, FrozenTrial trial);
}
