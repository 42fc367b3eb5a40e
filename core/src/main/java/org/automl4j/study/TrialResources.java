package org.automl4j.study;

import java.time.InstantSource;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.automl4j.budget.Budget;
import org.automl4j.checkpoint.Checkpoint;
import org.automl4j.checkpoint.CheckpointStore;
import org.automl4j.trial.FrozenTrial;

/**
 * What a study's trials share for multi-fidelity work: the budget (null if none), the checkpoint store
 * (null if none: saving is a no-op) and the clock of wall-time budgets. Immutable.
 */
record TrialResources(Budget budget, CheckpointStore checkpoints, InstantSource clock) {

    /** System attribute (an Integer trial number) of a trial enqueued to continue another one. */
    static final String RESUME_FROM = "resume_from";
    /** System attribute (an Integer trial number) of a trial that retries a dead worker's trial. */
    static final String RETRY_OF = Heartbeat.RETRY_OF;

    static TrialResources none() {
        return new TrialResources(null, null, InstantSource.system());
    }

    /**
     * The latest checkpoint of trial {@code first}, else of the trial it continues ({@link #RESUME_FROM} or
     * {@link #RETRY_OF}), following the chain.
     */
    Optional<Checkpoint> resolve(Study study, FrozenTrial first) {
        if (checkpoints == null) {
            return Optional.empty();
        }
        Set<Integer> seen = new HashSet<>();
        FrozenTrial t = first;
        while (t != null && seen.add(t.number())) {
            Optional<Checkpoint> c = checkpoints.latest(study.name(), t.number());
            if (c.isPresent()) {
                return c;
            }
            Integer previous = predecessor(t);
            t = previous == null ? null : study.storage().trial(study.name(), previous);
        }
        return Optional.empty();
    }

    /** The trial {@code t} continues, or null. */
    static Integer predecessor(FrozenTrial t) {
        Object v = t.systemAttrs().get(RESUME_FROM);
        if (v == null) {
            v = t.systemAttrs().get(RETRY_OF);
        }
        return v instanceof Number n ? n.intValue() : null;
    }
}
