package org.automl4j.pruner;

import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/** Never prunes. Immutable. */
enum NopPruner implements Pruner {
    INSTANCE;

    @Override
    public boolean shouldPrune(StudyView study, FrozenTrial trial) {
        return false;
    }

    @Override
    public String toString() {
        return "NopPruner";
    }
}
