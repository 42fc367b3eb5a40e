package org.automl4j.sampler.gp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.internal.IntersectionSpace;
import org.automl4j.space.Distribution;
import org.automl4j.study.TrialFeed;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * What the GP sampler knows of the finished trials, updated incrementally from the study's feed: one
 * observation per COMPLETE trial (internal parameter values, loss, constraint values), the
 * intersection space (parameters every complete trial has, with one distribution) and the names of
 * all parameters seen. Not thread-safe: the sampler guards it.
 */
final class GpHistory {

    /**
     * One complete trial.
     *
     * @param loss        the objective as a loss (smaller is better)
     * @param constraints the constraint values (empty without constraints)
     * @param feasible    whether every constraint holds
     */
    record Obs(int number, Map<String, Double> internal, Map<String, Distribution> distributions, double loss,
            double[] constraints, boolean feasible) {
    }

    private final TrialFeed feed = new TrialFeed();
    private final List<Obs> observations = new ArrayList<>();
    private final IntersectionSpace intersection = new IntersectionSpace();
    private final Set<String> seen = new LinkedHashSet<>();
    private final boolean smoothCurves;

    /** A history whose losses are the trials' values, or (with {@code smoothCurves}) their {@link CurveSmoother} values. */
    GpHistory(boolean smoothCurves) {
        this.smoothCurves = smoothCurves;
    }

    /** Takes in the trials that finished since the last call. */
    void sync(StudyView study) {
        List<FrozenTrial> fresh = feed.next(study);
        if (fresh.isEmpty()) {
            return;
        }
        Direction direction = study.directions().get(0);
        for (FrozenTrial t : fresh) {
            seen.addAll(t.params().keySet());
            if (t.state() != TrialState.COMPLETE || t.values().size() != 1 || !Double.isFinite(t.value())) {
                continue;
            }
            Map<String, Double> internal = new LinkedHashMap<>();
            for (String name : t.params().keySet()) {
                internal.put(name, t.internalParam(name));
            }
            observations.add(new Obs(t.number(), Collections.unmodifiableMap(internal), t.distributions(),
                    direction.toLoss(smoothCurves ? CurveSmoother.finalValue(t.intermediateValues(), t.value())
                            : t.value()), t.constraints(), t.isFeasible()));
            intersection.add(t.distributions());
        }
    }

    /** Number of complete trials. */
    int completeCount() {
        return observations.size();
    }

    /** The complete trials in finishing order (a read-only view; it grows with later syncs). */
    List<Obs> observations() {
        return Collections.unmodifiableList(observations);
    }

    /** Parameters every complete trial has, with their distribution, in first-seen order. */
    Map<String, Distribution> intersectionSpace() {
        return intersection.space();
    }

    /** Number of distinct parameter names of the finished trials. */
    int parametersSeen() {
        return seen.size();
    }
}
