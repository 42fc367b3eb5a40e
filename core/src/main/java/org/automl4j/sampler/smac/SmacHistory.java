package org.automl4j.sampler.smac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.space.Distribution;
import org.automl4j.study.TrialFeed;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * What the SMAC sampler knows of the finished trials, updated incrementally from the study's feed:
 * the columns (every parameter seen, under its latest distribution, in order of appearance), one
 * encoded row per COMPLETE or FAIL trial and per PRUNED trial with a reported value (at its last intermediate value),
 * and the activity statistics of the same trials. Not thread-safe: the sampler guards it.
 */
final class SmacHistory {

    /** One trial the surrogate learns from. */
    static final class Obs {
        final int number;
        /** The loss (direction-adjusted); NaN for a failed or infeasible trial, imputed as the worst loss. */
        final double loss;
        final Map<String, Object> params;
        final Map<String, Distribution> distributions;
        /** Column values, NaN where the parameter is inactive; columns added later are inactive. */
        double[] values;

        Obs(int number, double loss, Map<String, Object> params, Map<String, Distribution> distributions) {
            this.number = number;
            this.loss = loss;
            this.params = params;
            this.distributions = distributions;
        }

        double value(int j) {
            return j < values.length ? values[j] : Double.NaN;
        }
    }

    /**
     * What one model trial needs, copied out of the history so the model is fitted outside the lock.
     *
     * @param columns  the columns
     * @param x        encoded rows (inactive values imputed), one per observation
     * @param loss     the losses, NaN where imputed
     * @param active   per observation, which columns are active
     * @param activity the inferred activity rules
     * @param fill     per column, the value of the best observation where it is active (for inactive slots)
     */
    record Snapshot(Column[] columns, double[][] x, double[] loss, boolean[][] active, ActivityModel activity,
            double[] fill) {
    }

    private final TrialFeed feed = new TrialFeed();
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Obs> obs = new ArrayList<>();
    /** Number of COMPLETE trials seen (feasible or not); PRUNED ones are observations but not counted here. */
    int completeCount;
    // activity statistics over the COMPLETE and FAIL trials (ids 0..ruleTrials-1)
    private int ruleTrials;
    private final List<BitSet> activeSets = new ArrayList<>();
    private final List<BitSet[]> valueSets = new ArrayList<>();
    private final List<Obs> ruleObs = new ArrayList<>();

    /** Takes in the trials that finished since the last call. */
    void sync(StudyView study) {
        List<FrozenTrial> fresh = feed.next(study);
        if (fresh.isEmpty()) {
            return;
        }
        Direction dir = study.directions().get(0);
        for (FrozenTrial t : fresh) {
            add(t, dir);
        }
    }

    private void add(FrozenTrial t, Direction dir) {
        boolean complete = t.state() == TrialState.COMPLETE && t.values().size() == 1;
        // a PRUNED trial with a reported value is learnt from at that value (its last intermediate value), as SMAC3
        // costs a configuration raced out by the mean over the instances it ran on and Optuna's TPE ranks pruned trials
        // by their last step; left out, a choice whose trials were all pruned was never seen by the model and drew
        // 32 of 40 trials after the initial design. A trial pruned before any report is still not used.
        boolean pruned = t.state() == TrialState.PRUNED && t.values().size() == 1 && !Double.isNaN(t.values().get(0));
        if (!complete && !pruned && t.state() != TrialState.FAIL) {
            return;
        }
        double loss = pruned ? dir.toLoss(t.values().get(0))
                : complete && t.isFeasible() ? dir.toLoss(t.value()) : Double.NaN;
        if (Double.isInfinite(loss)) {
            loss = Double.NaN;
        }
        if (complete) {
            completeCount++;
        }
        Obs o = new Obs(t.number(), loss, t.params(), t.distributions());
        for (Map.Entry<String, Distribution> e : t.distributions().entrySet()) {
            Integer j = index.get(e.getKey());
            if (j == null) {
                index.put(e.getKey(), columns.size());
                columns.add(new Column(e.getKey(), e.getValue()));
                activeSets.add(new BitSet());
                valueSets.add(e.getValue() instanceof org.automl4j.space.CategoricalDistribution c
                        ? newSets(c.size()) : null);
            } else if (!columns.get(j).distribution.equals(e.getValue())) {
                replaceColumn(j, new Column(e.getKey(), e.getValue()));
            }
        }
        o.values = encode(o);
        obs.add(o);
        // FAIL trials too: which parameters a failed configuration had is known, and without it the activity rules
        // never saw a choice that always fails, took its children for active, and the forest could not tell those
        // candidates from the trials that failed (a branch that always failed was proposed again and again)
        ruleObs.add(o);
        count(ruleTrials++, o);
    }

    private static BitSet[] newSets(int k) {
        BitSet[] s = new BitSet[k];
        for (int v = 0; v < k; v++) {
            s[v] = new BitSet();
        }
        return s;
    }

    private double[] encode(Obs o) {
        double[] v = new double[columns.size()];
        Arrays.fill(v, Double.NaN);
        for (Map.Entry<String, Object> e : o.params.entrySet()) {
            int j = index.get(e.getKey());
            v[j] = columns.get(j).encode(o.distributions.get(e.getKey()), e.getValue());
        }
        return v;
    }

    private void count(int id, Obs o) {
        for (int j = 0; j < o.values.length; j++) {
            double v = o.values[j];
            if (Double.isNaN(v)) {
                continue;
            }
            activeSets.get(j).set(id);
            BitSet[] sets = valueSets.get(j);
            if (sets != null) {
                sets[(int) v].set(id);
            }
        }
    }

    /** A parameter's latest distribution differs from before: re-encode that column and recount its activity. */
    private void replaceColumn(int j, Column c) {
        columns.set(j, c);
        for (Obs o : obs) {
            if (j < o.values.length) {
                Distribution d = o.distributions.get(c.name);
                o.values[j] = d == null ? Double.NaN : c.encode(d, o.params.get(c.name));
            }
        }
        activeSets.set(j, new BitSet());
        valueSets.set(j, c.isCategorical() ? newSets(c.k) : null);
        for (int id = 0; id < ruleObs.size(); id++) {
            double v = ruleObs.get(id).value(j);
            if (!Double.isNaN(v)) {
                activeSets.get(j).set(id);
                if (c.isCategorical()) {
                    valueSets.get(j)[(int) v].set(id);
                }
            }
        }
    }

    /** Number of observations the model would learn from. */
    int size() {
        return obs.size();
    }

    /**
     * Whether a search with an initial design of {@code nInitial} trials is still in it: fewer than {@code nInitial}
     * COMPLETE or FAIL trials seen, or no COMPLETE one (the model needs a loss to compare with).
     */
    boolean inInitialDesign(int nInitial) {
        return completeCount < nInitial && (completeCount == 0 || obs.size() < nInitial);
    }

    /** The latest distribution of every parameter seen, in order of appearance. */
    Map<String, Distribution> space() {
        Map<String, Distribution> m = new LinkedHashMap<>();
        for (Column c : columns) {
            m.put(c.name, c.distribution);
        }
        return m;
    }

    /** Copies what a model trial needs. */
    Snapshot snapshot() {
        int n = obs.size();
        int d = columns.size();
        Column[] cols = columns.toArray(new Column[0]);
        double[][] x = new double[n][d];
        double[] loss = new double[n];
        boolean[][] active = new boolean[n][d];
        double[] fill = new double[d];
        double[] fillLoss = new double[d];
        Arrays.fill(fillLoss, Double.POSITIVE_INFINITY);
        boolean[] filled = new boolean[d];
        for (int i = 0; i < n; i++) {
            Obs o = obs.get(i);
            loss[i] = o.loss;
            double rank = Double.isNaN(o.loss) ? Double.MAX_VALUE : o.loss;
            for (int j = 0; j < d; j++) {
                double v = o.value(j);
                if (Double.isNaN(v)) {
                    x[i][j] = cols[j].inactive();
                } else {
                    x[i][j] = v;
                    active[i][j] = true;
                    if (!filled[j] || rank < fillLoss[j]) {
                        filled[j] = true;
                        fillLoss[j] = rank;
                        fill[j] = v;
                    }
                }
            }
        }
        for (int j = 0; j < d; j++) {
            if (!filled[j]) {
                fill[j] = cols[j].isCategorical() ? 0 : 0.5;
            }
        }
        BitSet[] act = activeSets.toArray(new BitSet[0]);
        BitSet[][] vals = valueSets.toArray(new BitSet[0][]);
        ActivityModel activity = ActivityModel.infer(ruleTrials, act, vals);
        return new Snapshot(cols, x, loss, active, activity, fill);
    }
}
