package org.automl4j.pruner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.automl4j.budget.Budget;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.study.TrialFeed;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020; Optuna's SuccessiveHalvingPruner): rung {@code k}
 * sits at step {@code minResource * eta^(minEarlyStoppingRate + k)}; a trial reaching a rung is kept only
 * if its value there is in the top {@code 1/eta} of the values recorded at that rung so far. Thread-safe.
 *
 * <p>A trial's value at a rung is its value at the first step it reported at or after the rung's step.
 * Rungs hold the values of COMPLETE and PRUNED trials (read incrementally from the study's finished-trial
 * feed) and of RUNNING trials that have passed through this pruner; FAIL trials are dropped. A trial that
 * was promoted past a rung is never judged at that rung again (as in Optuna).
 */
final class SuccessiveHalvingPruner implements Pruner {
    private final long minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;
    private final BiPredicate<String, Integer> member;
    /** The budget the rungs were placed on, or null for the geometric integer rungs. */
    private final Budget budget;
    /** With a budget: rung {@code k}'s amount and step; null otherwise. */
    private final double[] rungAmounts;
    private final long[] rungSteps;
    private final PrunerSupport.PerStudy<State> states = new PrunerSupport.PerStudy<>(State::new);

    /**
     * @param member which trials (study name, trial number) belong to this pruner's population; other trials
     *               of the feed are ignored (Hyperband's brackets)
     */
    SuccessiveHalvingPruner(long minResource, int reductionFactor, int minEarlyStoppingRate,
            BiPredicate<String, Integer> member) {
        PrunerSupport.requireAtLeast("minResource", minResource, 1,
                "pass the number of steps every trial may run before its first evaluation, e.g. 1");
        PrunerSupport.requireAtLeast("reductionFactor", reductionFactor, 2,
                "pass e.g. 3 or 4 (the fraction 1/reductionFactor of trials is promoted at each rung)");
        PrunerSupport.requireNonNegative("minEarlyStoppingRate", minEarlyStoppingRate);
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.member = member;
        this.budget = null;
        this.rungAmounts = null;
        this.rungSteps = null;
    }

    /**
     * Rungs at {@code budget.levels(reductionFactor)} from level {@code minEarlyStoppingRate} on, each at the
     * budget's step for that amount; no rung beyond the budget's max.
     *
     * @throws IllegalArgumentException if {@code reductionFactor < 2}, {@code minEarlyStoppingRate < 0}, or the
     *     budget has no level at index {@code minEarlyStoppingRate}
     */
    SuccessiveHalvingPruner(Budget budget, int reductionFactor, int minEarlyStoppingRate,
            BiPredicate<String, Integer> member) {
        PrunerSupport.requireAtLeast("reductionFactor", reductionFactor, 2,
                "pass e.g. 3 or 4 (the fraction 1/reductionFactor of trials is promoted at each rung)");
        PrunerSupport.requireNonNegative("minEarlyStoppingRate", minEarlyStoppingRate);
        List<Double> levels = budget.levels(reductionFactor);
        if (minEarlyStoppingRate >= levels.size()) {
            throw new IllegalArgumentException("minEarlyStoppingRate=" + minEarlyStoppingRate + " skips every rung of "
                    + budget + " with reductionFactor=" + reductionFactor + " (levels " + levels
                    + "); pass a rate below " + levels.size() + " or a wider budget");
        }
        this.budget = budget;
        this.minResource = budget.minStep();
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.member = member;
        List<Double> mine = levels.subList(minEarlyStoppingRate, levels.size());
        this.rungAmounts = new double[mine.size()];
        this.rungSteps = new long[mine.size()];
        for (int k = 0; k < mine.size(); k++) {
            rungAmounts[k] = mine.get(k);
            rungSteps[k] = budget.toStep(mine.get(k));
        }
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.ofNullable(budget);
    }

    /** With a budget: the rung amounts, then the budget's max if it is not a rung. Without: empty. */
    @Override
    public List<Double> budgetLevels(StudyView study, int trialNumber) {
        if (budget == null) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (double a : rungAmounts) {
            out.add(a);
        }
        if (rungSteps[rungSteps.length - 1] < budget.maxStep()) {
            out.add(budget.maxAmount());
        }
        return List.copyOf(out);
    }

    /** The step of rung {@code k} (saturated at {@link Long#MAX_VALUE}; past the budget's last rung, MAX). */
    long rungStep(int k) {
        if (rungSteps != null) {
            return k < rungSteps.length ? rungSteps[k] : Long.MAX_VALUE;
        }
        long step = minResource;
        for (int i = 0; i < minEarlyStoppingRate + k && step != Long.MAX_VALUE; i++) {
            step = PrunerSupport.saturatedMultiply(step, reductionFactor);
        }
        return step;
    }

    private static final class Rung {
        final Map<Integer, Double> byTrial = new HashMap<>();
        final PrunerSupport.SortedDoubles sorted = new PrunerSupport.SortedDoubles();

        void put(int trial, double v) {
            Double old = byTrial.put(trial, v);
            if (old != null) {
                sorted.remove(old);
            }
            sorted.add(v);
        }

        void remove(int trial) {
            Double old = byTrial.remove(trial);
            if (old != null) {
                sorted.remove(old);
            }
        }
    }

    /** Rung contents and running trials' next rung; guarded by its own monitor. */
    private static final class State {
        final TrialFeed feed = new TrialFeed();
        final List<Rung> rungs = new ArrayList<>();
        final Map<Integer, Integer> nextRung = new HashMap<>();

        Rung rung(int k) {
            while (rungs.size() <= k) {
                rungs.add(new Rung());
            }
            return rungs.get(k);
        }
    }

    @Override
    public boolean shouldPrune(StudyView study, FrozenTrial trial) {
        Direction direction = PrunerSupport.direction(study, "the successive halving pruner");
        NavigableMap<Long, Double> values = trial.intermediateValues();
        if (values.isEmpty()) {
            return false;
        }
        long lastStep = values.lastKey();
        State s = states.of(study);
        synchronized (s) {
            update(study, s);
            int rung = s.nextRung.getOrDefault(trial.number(), 0);
            while (true) {
                long step = rungStep(rung);
                if (lastStep < step || step == Long.MAX_VALUE) {
                    return false; // not at the next rung yet, or past the last one (a report at Long.MAX_VALUE)
                }
                double v = values.ceilingEntry(step).getValue();
                if (Double.isNaN(v)) {
                    return true;
                }
                Rung r = s.rung(rung);
                r.put(trial.number(), v);
                if (!isPromotable(r.sorted, v, direction)) {
                    return true;
                }
                rung++;
                s.nextRung.put(trial.number(), rung);
            }
        }
    }

    /** Optuna's rule: {@code v} is within the best {@code max(1, n / eta)} of the {@code n} values (ties kept). */
    private boolean isPromotable(PrunerSupport.SortedDoubles competing, double v, Direction direction) {
        int keep = Math.max(1, competing.size() / reductionFactor);
        if (direction == Direction.MINIMIZE) {
            return v <= competing.get(keep - 1);
        }
        return v >= competing.get(competing.size() - keep);
    }

    private void update(StudyView study, State s) {
        for (FrozenTrial t : s.feed.next(study)) {
            if (member != null && !member.test(study.name(), t.number())) {
                continue;
            }
            s.nextRung.remove(t.number());
            NavigableMap<Long, Double> values = t.intermediateValues();
            boolean counts = t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED;
            long lastStep = values.isEmpty() ? -1 : values.lastKey();
            for (int k = 0; k < s.rungs.size() || (counts && rungStep(k) <= lastStep); k++) {
                long step = rungStep(k);
                Rung r = s.rung(k);
                if (counts && step <= lastStep && !Double.isNaN(values.ceilingEntry(step).getValue())) {
                    r.put(t.number(), values.ceilingEntry(step).getValue());
                } else {
                    r.remove(t.number());
                }
                if (step == Long.MAX_VALUE) {
                    break;
                }
            }
        }
    }

    @Override
    public String toString() {
        if (budget != null) {
            return "SuccessiveHalvingPruner[budget=" + budget + ", reductionFactor=" + reductionFactor
                    + ", minEarlyStoppingRate=" + minEarlyStoppingRate + ", rungSteps="
                    + java.util.Arrays.toString(rungSteps) + "]";
        }
        return "SuccessiveHalvingPruner[minResource=" + minResource + ", reductionFactor=" + reductionFactor
                + ", minEarlyStoppingRate=" + minEarlyStoppingRate + "]";
    }
}
