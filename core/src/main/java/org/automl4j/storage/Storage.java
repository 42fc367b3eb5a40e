package org.automl4j.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.automl4j.space.Distribution;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialState;

/**
 * Persists studies and their trials. Contract (checked by {@code StorageContractTest} in
 * {@code testkit}, which every implementation must pass):
 * <ul>
 *   <li>thread-safe; trial numbers are unique per study and assigned from 0 in creation order;</li>
 *   <li>returns immutable snapshots only: a returned {@link FrozenTrial} never changes later;</li>
 *   <li>a finished trial (COMPLETE, PRUNED, FAIL) can never be changed:
 *       writes to it throw {@link org.automl4j.trial.TrialFinishedException};</li>
 *   <li>a WAITING trial is claimed by exactly one caller of {@link #claimWaitingTrial};</li>
 *   <li>unknown studies or trials give {@link StorageException} naming them.</li>
 * </ul>
 */
public interface Storage {

    /**
     * Creates a study.
     *
     * @throws DuplicateStudyException if the name is taken
     */
    StudyRecord createStudy(String name, List<Direction> directions);

    /**
     * Creates a study whose creation time is {@code created} (an imported study keeps the original's), otherwise as
     * {@link #createStudy(String, List)}. The default, for storages that cannot set it, stamps the present.
     *
     * @throws DuplicateStudyException if the name is taken
     */
    default StudyRecord createStudy(String name, List<Direction> directions, java.time.Instant created) {
        return createStudy(name, directions);
    }

    /** The study named {@code name}, if it exists. */
    Optional<StudyRecord> findStudy(String name);

    /** All studies, in creation order. */
    List<StudyRecord> studies();

    /** Deletes a study and its trials. */
    void deleteStudy(String name);

    /** Sets a user attribute of a study. */
    void setStudyUserAttr(String study, String key, Object value);

    /**
     * Creates a trial from {@code template} (its number is ignored and assigned here). The template's
     * state must be WAITING, RUNNING or a finished state (to import a finished trial).
     */
    FrozenTrial createTrial(String study, FrozenTrial template);

    /**
     * Creates several trials at once, as {@link #createTrial} would one by one (consecutive numbers, in
     * order). A durable storage writes them in one transaction (all or none), which makes imports and
     * warm starts of thousands of trials fast.
     */
    default List<FrozenTrial> createTrials(String study, List<FrozenTrial> templates) {
        List<FrozenTrial> out = new java.util.ArrayList<>(templates.size());
        for (FrozenTrial t : templates) {
            out.add(createTrial(study, t));
        }
        return List.copyOf(out);
    }

    /**
     * Creates study {@code study} (its name, directions, user attributes and creation time, which an imported study
     * keeps from the original) holding {@code trials} as {@link #createTrials} would add them to an empty study
     * (numbers 0, 1, ... in order; template numbers ignored), and returns the stored record. All or nothing: a
     * failure leaves no study of that name and no trace of its trials, so the same import can simply be run again.
     * A durable storage makes it one transaction, so that a crash of the process (kill -9) or a power loss at any
     * point leaves either the whole study or nothing of it, and other readers never see it half written.
     *
     * <p>The default, for storages that lose everything with the process anyway (such as
     * {@link InMemoryStorage}), checks the trials, creates the study, adds them in one {@link #createTrials} call,
     * and deletes the study again if anything fails.
     *
     * @throws DuplicateStudyException  if the name is taken (the study of that name is left as it was)
     * @throws IllegalArgumentException if a trial cannot be stored (a COMPLETE one whose number of values is not the
     *                                  number of directions, or a value that is not finite); the message starts with
     *                                  {@code trials[i]}, its index in {@code trials}
     */
    default StudyRecord importStudy(StudyRecord study, List<FrozenTrial> trials) {
        java.util.Objects.requireNonNull(study, "study");
        for (int i = 0; i < trials.size(); i++) {
            FrozenTrial t = java.util.Objects.requireNonNull(trials.get(i), "trials[" + i + "]");
            if (t.state().isFinished()) {
                try {
                    t.checkStorableAsFinished(study.name(), study.directions().size());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("trials[" + i + "]: " + e.getMessage(), e);
                }
            }
        }
        createStudy(study.name(), study.directions(), study.created());
        try {
            study.userAttrs().forEach((k, v) -> setStudyUserAttr(study.name(), k, v));
            createTrials(study.name(), trials);
        } catch (RuntimeException e) {
            try {
                deleteStudy(study.name()); // no half-imported study left behind
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return findStudy(study.name()).orElseThrow(() -> new StorageException("study '" + study.name()
                + "' was deleted (by another thread?) right after it was imported; import it again"));
    }

    /** Atomically moves the oldest WAITING trial to RUNNING and returns it; empty if none waits. */
    Optional<FrozenTrial> claimWaitingTrial(String study);

    /** Records a parameter of a RUNNING trial. */
    void setTrialParam(String study, int number, String name, Distribution distribution, Object value);

    /** Records an intermediate value of a RUNNING trial; a step reported twice keeps its first value. */
    void setTrialIntermediateValue(String study, int number, long step, double value);

    /** Sets a user attribute of an unfinished trial. */
    void setTrialUserAttr(String study, int number, String key, Object value);

    /** Sets a system attribute of an unfinished trial. */
    void setTrialSystemAttr(String study, int number, String key, Object value);

    /**
     * Finishes a RUNNING trial and returns its final snapshot.
     *
     * @param state   COMPLETE, PRUNED or FAIL
     * @param values  the objective values (one per direction for COMPLETE)
     * @param failure the failure for FAIL, otherwise null
     * @throws org.automl4j.trial.TrialFinishedException if the trial is already finished
     * @throws IllegalStateException if the trial is WAITING (enqueued and never started: it has no outcome)
     */
    FrozenTrial finishTrial(String study, int number, TrialState state, List<Double> values, TrialFailure failure);

    /** One trial. */
    FrozenTrial trial(String study, int number);

    /** The trials of a study in one of {@code states}, ordered by number. */
    List<FrozenTrial> trials(String study, Set<TrialState> states);

    /** All trials of a study, ordered by number. */
    default List<FrozenTrial> trials(String study) {
        return trials(study, java.util.EnumSet.allOf(TrialState.class));
    }

    /** Finished trials in finishing order from {@code cursor}; see {@link FinishedTrials}. */
    FinishedTrials finishedTrialsSince(String study, long cursor);

    /** Number of trials of a study, all states. */
    int trialCount(String study);

    /**
     * The best feasible COMPLETE trial of a single-objective study (lowest value when minimising,
     * highest when maximising; the lower number on ties), found without reading the whole history
     * where the storage can (an indexed query in a database).
     *
     * @throws IllegalStateException if the study has more than one objective
     */
    Optional<FrozenTrial> bestTrial(String study);

    /**
     * Records that the worker running trial {@code number} is alive now. Ignored for a trial that is
     * not RUNNING (it may have been failed as stale by another worker meanwhile).
     */
    void recordHeartbeat(String study, int number);

    /**
     * RUNNING trials whose last heartbeat is more than {@code grace} ago by this storage's clock,
     * ordered by number. A trial that never recorded a heartbeat is never stale (its worker does not
     * send heartbeats). Failing one is the caller's job ({@link #finishTrial} with FAIL), so exactly
     * one caller wins.
     */
    List<FrozenTrial> staleTrials(String study, java.time.Duration grace);
}
