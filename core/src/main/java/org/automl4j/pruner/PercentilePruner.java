package org.automl4j.pruner;

import java.util.HashMap;
import java.util.Map;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.study.TrialFeed;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * Optuna's PercentilePruner (and MedianPruner at 50): at step {@code s} prunes when the trial's best value
 * so far is worse than the given percentile of the values COMPLETE trials reported at {@code s}. Thread-safe.
 */
final class PercentilePruner implements Pruner {
    private final double percentile;
    private final int nStartupTrials;
    private final long nWarmupSteps;
    private final long intervalSteps;
    private final PrunerSupport.PerStudy<State> states = new PrunerSupport.PerStudy<>(State::new);

    PercentilePruner(double percentile, int nStartupTrials, long nWarmupSteps, long intervalSteps) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + percentile
                    + "; pass e.g. 25.0 to keep trials in the best quarter (50 is the median)");
        }
        PrunerSupport.requireNonNegative("nStartupTrials", nStartupTrials);
        PrunerSupport.requireNonNegative("nWarmupSteps", nWarmupSteps);
        PrunerSupport.requireAtLeast("intervalSteps", intervalSteps, 1, "pass 1 to check at every step");
        this.percentile = percentile;
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
    }

    /** Values of COMPLETE trials per step, updated from the feed; guarded by its own monitor. */
    private static final class State {
        final TrialFeed feed = new TrialFeed();
        final Map<Long, PrunerSupport.SortedDoubles> byStep = new HashMap<>();
        int completed;
    }

    @Override
    public boolean shouldPrune(StudyView study, FrozenTrial trial) {
        Direction direction = PrunerSupport.direction(study, "the percentile pruner");
        if (trial.intermediateValues().isEmpty()) {
            return false;
        }
        long step = trial.intermediateValues().lastKey();
        if (step < nWarmupSteps
                || !PrunerSupport.isFirstInIntervalStep(step, trial.intermediateValues(), nWarmupSteps, intervalSteps)) {
            return false;
        }
        double threshold;
        State s = states.of(study);
        synchronized (s) {
            for (FrozenTrial t : s.feed.next(study)) {
                if (t.state() != TrialState.COMPLETE) {
                    continue;
                }
                s.completed++;
                t.intermediateValues().forEach((k, v) -> {
                    if (!Double.isNaN(v)) {
                        s.byStep.computeIfAbsent(k, x -> new PrunerSupport.SortedDoubles()).add(v);
                    }
                });
            }
            if (s.completed == 0 || s.completed < nStartupTrials) {
                return false;
            }
            PrunerSupport.SortedDoubles atStep = s.byStep.get(step);
            if (atStep == null) {
                return false;
            }
            threshold = atStep.percentile(direction == Direction.MAXIMIZE ? 100 - percentile : percentile);
        }
        double best = PrunerSupport.bestOf(trial.intermediateValues().values(), direction);
        if (Double.isNaN(best)) {
            return true;
        }
        return direction.isBetter(threshold, best);
    }

    @Override
    public String toString() {
        return "PercentilePruner[percentile=" + percentile + ", nStartupTrials=" + nStartupTrials
                + ", nWarmupSteps=" + nWarmupSteps + ", intervalSteps=" + intervalSteps + "]";
    }
}
