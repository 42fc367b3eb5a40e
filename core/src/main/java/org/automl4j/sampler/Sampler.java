package org.automl4j.sampler;

import java.util.Map;
import org.automl4j.space.Distribution;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * Chooses parameter values. Values are exchanged in the internal representation of their
 * {@link Distribution} (floats and ints as themselves, categoricals as the choice index).
 *
 * <p>A sampler may sample <em>jointly</em>: before the objective runs, the study asks
 * {@link #inferRelativeSearchSpace} for the parameters it wants to sample together and then
 * {@link #sampleRelative}; every other parameter is sampled one at a time by
 * {@link #sampleIndependent} when the objective suggests it. This is what makes define-by-run
 * spaces (conditional, dynamic) work with joint samplers.
 *
 * <p>Contract: deterministic for a given seed and history when trials run sequentially; safe to
 * call from several threads at once. An instance serves one study: the built-in samplers that learn
 * from the history incrementally (TPE, SMAC, GP, CMA-ES, NSGA-II, grid, the automatic sampler) throw
 * {@link IllegalStateException} when used for a second study; make one sampler per study.
 */
public interface Sampler {

    /** Parameters to sample jointly for {@code trial}; empty by default. */
    default Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        return Map.of();
    }

    /** Internal values for (some of) the parameters of {@code space}; empty by default. */
    default Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        return Map.of();
    }

    /** An internal value for one parameter of {@code trial}, which must satisfy {@code distribution.containsInternal}. */
    double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution);

    /** Called when a trial starts, before any sampling for it. */
    default void beforeTrial(StudyView study, FrozenTrial trial) {
    }

    /** Called after a trial finished and was stored. */
    default void afterTrial(StudyView study, FrozenTrial trial) {
    }

    /**
     * Whether this sampler optimises a single objective only; a study with several directions refuses it when
     * it is built. False by default.
     */
    default boolean singleObjectiveOnly() {
        return false;
    }

    /** Whether this sampler has nothing left to propose (a finished grid); the study then stops. */
    default boolean isExhausted(StudyView study) {
        return false;
    }

    /** A one-line description with the settings, for logs and provenance. */
    default String describe() {
        return getClass().getSimpleName();
    }
}
