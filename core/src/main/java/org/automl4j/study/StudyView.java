package org.automl4j.study;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.automl4j.storage.FinishedTrials;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * Read-only view of a study for samplers, pruners and listeners. Every method returns immutable
 * snapshots; implementations are thread-safe.
 */
public interface StudyView {

    /** The study's name, unique in its storage. */
    String name();

    /**
     * What tells this study apart from another of the same name; equal for every view of one study. By default
     * the name; a {@link Study} adds its storage and its creation time, so a sampler or pruner that learnt from
     * one study notices when it is handed a same-name study of another storage, or one deleted and created again.
     */
    default Object identity() {
        return name();
    }

    /** One direction per objective. */
    List<Direction> directions();

    /** Whether the study has more than one objective. */
    default boolean isMultiObjective() {
        return directions().size() > 1;
    }

    /** The direction of a single-objective study. */
    default Direction direction() {
        if (directions().size() != 1) {
            throw new IllegalStateException("study '" + name() + "' has " + directions().size()
                    + " objectives; use directions()");
        }
        return directions().get(0);
    }

    /** All trials, ordered by number. */
    List<FrozenTrial> trials();

    /** The trials in one of {@code states}, ordered by number. */
    List<FrozenTrial> trials(Set<TrialState> states);

    /**
     * Finished trials in the order they finished, starting at {@code cursor} (0 for the first);
     * the result carries the cursor to pass next time. Samplers use this to update their models
     * incrementally instead of rescanning the history.
     */
    FinishedTrials finishedTrialsSince(long cursor);

    /** The best feasible COMPLETE trial of a single-objective study, if any. */
    Optional<FrozenTrial> bestTrial();
}
