package org.automl4j.nas.evaluator;

import java.util.Arrays;
import java.util.function.Function;
import org.automl4j.study.Study;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;

/**
 * One-shot searches as trials of a {@link Study}, so a study's pruner (median, successive halving,
 * Hyperband) can stop weak ones: each call asks a trial, runs a DARTS search or a supernet training that
 * reports its per-epoch validation score to the trial in the trial's budget (epochs or data fraction), and
 * tells the study the outcome: PRUNED when the pruner stopped it (the reports stay as the trial's
 * intermediate values), else COMPLETE with the last score; a failure ends the trial FAIL and is rethrown.
 * Trials get the user attributes {@value #KIND} ({@code darts} or {@code supernet}), {@value #SEED} and
 * {@value #CELL} (DARTS' discretised cell, the controller's most likely cell); for a study with
 * {@code automl4j.kind} = {@code nas} these are search runs, not architecture evaluations, so keep them in
 * a study of their own.
 */
public final class OneShotTrials {
    /** Trial user attribute: which one-shot method ran. */
    public static final String KIND = "oneshot";
    /** Trial user attribute: the run's seed. */
    public static final String SEED = "seed";
    /** Trial user attribute: the cell the run found, when it names one. */
    public static final String CELL = "cell";
    /** Trial user attribute: DARTS' softmax(alpha) at the end, as text. */
    public static final String WEIGHTS = "darts_weights";

    private OneShotTrials() {
    }

    /** A DARTS search as a trial of {@code study}; returns its result ({@code stoppedEarly} when pruned). */
    public static Darts.Result darts(Study study, Darts darts, Samples train, Samples validation, TrainingConfig config,
            long seed) {
        return record(study, "darts", seed, trial -> darts.search(train, validation, config, seed, trial), r -> new Outcome(r.stoppedEarly(),
                r.validationAccuracy().get(r.validationAccuracy().size() - 1), r.cell().encode(),
                Arrays.deepToString(r.weights())));
    }

    /**
     * A supernet training (from the supernet's initial weights) as a trial of {@code study}; the supernet
     * keeps the weights it trained, to score candidates with. Returns the run ({@code stoppedEarly} when pruned).
     */
    public static Supernet.Run supernet(Study study, Supernet net, Samples train, Samples validation,
            TrainingConfig config, long seed, Supernet.Sampling sampling) {
        return record(study, "supernet", seed, trial -> net.train(train, validation, config, seed, sampling, trial),
                r -> new Outcome(r.stoppedEarly(), r.finalValidationScore(),
                        r.policyCell() == null ? null : r.policyCell().encode(), null));
    }

    private record Outcome(boolean pruned, double score, String cell, String weights) {
    }

    private static <R> R record(Study study, String kind, long seed, Function<Trial, R> run, Function<R, Outcome> outcome) {
        Trial trial = study.ask();
        trial.setUserAttr(KIND, kind);
        trial.setUserAttr(SEED, seed);
        R r;
        try {
            r = run.apply(trial);
        } catch (RuntimeException | Error e) {
            study.tellFailure(trial.number(), e);
            throw e;
        }
        Outcome o = outcome.apply(r);
        if (o.cell() != null) {
            trial.setUserAttr(CELL, o.cell());
        }
        if (o.weights() != null) {
            trial.setUserAttr(WEIGHTS, o.weights());
        }
        if (o.pruned()) {
            study.tell(trial.number(), TrialState.PRUNED);
        } else {
            study.tell(trial, o.score());
        }
        return r;
    }
}
