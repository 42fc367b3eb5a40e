package org.automl4j.sampler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.study.TrialFeed;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * Exhaustive search over a grid: every combination of the listed values is evaluated once, in an
 * order shuffled by the seed (or in lexicographic order without shuffling). Points already evaluated
 * in the study (also by an earlier run) are skipped; once every point is taken the sampler is
 * exhausted and {@code optimize} stops. A parameter outside the grid is an error.
 *
 * <p>Deterministic for a seed when trials run sequentially. With several threads each point is
 * evaluated once, except at the very end: a worker that starts a trial after another took the last
 * point repeats a point still being evaluated (the oldest) rather than failing. A trial asked when
 * every point is taken and none is being evaluated fails with "exhausted". Thread-safe.
 */
final class GridSampler implements Sampler {

    /** The most points a grid may have. */
    static final long MAX_POINTS = 50_000_000;

    private final Map<String, List<Object>> grid;
    private final List<String> names;
    private final long[] radix;
    private final long size;
    private final int[] order;
    private final long seed;

    private final BitSet taken = new BitSet();
    private final Map<Integer, Integer> assigned = new LinkedHashMap<>();
    private final TrialFeed feed = new TrialFeed();
    private int nextInOrder;

    GridSampler(Map<String, List<?>> grid, long seed, boolean shuffle) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the grid is empty; give at least one parameter with its values");
        }
        this.seed = seed;
        Map<String, List<Object>> g = new LinkedHashMap<>();
        long n = 1;
        boolean exact = true;
        for (Map.Entry<String, List<?>> e : grid.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("grid parameter '" + e.getKey() + "' has no values; list at least one");
            }
            for (int i = 0; i < e.getValue().size(); i++) { // not indexOf(null): List.of(...) throws on it
                if (e.getValue().get(i) == null) {
                    throw new IllegalArgumentException("grid parameter '" + e.getKey() + "' has a null value (#" + i
                            + " of " + e.getValue() + "); list values the parameter can take, e.g. the string \"none\"");
                }
            }
            g.put(e.getKey(), List.copyOf(e.getValue()));
            if (n <= MAX_POINTS) {
                n *= e.getValue().size(); // cannot overflow: a size is an int
            } else {
                exact = false;
            }
        }
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException("the grid has " + (exact ? n + " points, more than 50,000,000"
                    : "more than 50,000,000 points") + "; use fewer values per parameter, or a random, Sobol or TPE"
                    + " sampler");
        }
        this.grid = g;
        this.names = List.copyOf(g.keySet());
        this.size = n;
        this.radix = new long[names.size()];
        long r = 1;
        for (int i = names.size() - 1; i >= 0; i--) {
            radix[i] = r;
            r *= g.get(names.get(i)).size();
        }
        this.order = new int[(int) n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    /** The grid of every step-discretised distribution of {@code space}. */
    static Map<String, List<?>> gridOf(Map<String, Distribution> space) {
        Map<String, List<?>> g = new LinkedHashMap<>();
        for (Map.Entry<String, Distribution> e : space.entrySet()) {
            Distribution d = e.getValue();
            long size = d instanceof IntDistribution i ? i.gridSize()
                    : d instanceof FloatDistribution f && f.hasStep() ? f.gridSize() : 0;
            if (size > MAX_POINTS) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' " + d + " has " + size
                        + " grid values, more than a grid may have (50,000,000 points); use a larger step, a narrower"
                        + " range or a random, Sobol or TPE sampler");
            }
            List<Object> values = new ArrayList<>();
            if (d instanceof CategoricalDistribution c) {
                values.addAll(c.choices());
            } else if (d instanceof IntDistribution i) {
                if (i.log()) {
                    throw new IllegalArgumentException("parameter '" + e.getKey() + "' is a log-scale int; list its"
                            + " grid values explicitly");
                }
                for (long v = i.low(); v <= i.high(); v += i.step()) {
                    values.add((int) v);
                }
            } else if (d instanceof FloatDistribution f && f.isSingle()) {
                values.add(f.low());
            } else if (d instanceof FloatDistribution f) {
                if (!f.hasStep()) {
                    throw new IllegalArgumentException("parameter '" + e.getKey() + "' is a continuous float " + f
                            + "; give it a step, or list its grid values explicitly");
                }
                long k = f.gridSize();
                org.automl4j.internal.ParamTransform grid = org.automl4j.internal.ParamTransform.of(f);
                for (long j = 0; j < k; j++) {
                    values.add(grid.gridValue(j));
                }
            } else {
                throw new AssertionError(d);
            }
            g.put(e.getKey(), values);
        }
        return g;
    }

    private int gridIdOf(Map<String, Object> params) {
        long id = 0;
        for (int i = 0; i < names.size(); i++) {
            Object v = params.get(names.get(i));
            int idx = indexOf(grid.get(names.get(i)), v);
            if (idx < 0) {
                return -1;
            }
            id += idx * radix[i];
        }
        return (int) id;
    }

    private static int indexOf(List<Object> values, Object v) {
        if (v == null) {
            return -1;
        }
        for (int i = 0; i < values.size(); i++) {
            Object g = values.get(i);
            if (g.equals(v) || g instanceof Number a && v instanceof Number b && a.doubleValue() == b.doubleValue()) {
                return i;
            }
        }
        return -1;
    }

    /** Marks grid points of trials finished elsewhere (earlier runs, imports) as taken. */
    private void sync(StudyView study) {
        List<FrozenTrial> fresh = feed.next(study);
        for (FrozenTrial t : fresh) {
            if (t.state() != TrialState.FAIL || !t.params().isEmpty()) {
                int id = gridIdOf(t.params());
                if (id >= 0) {
                    taken.set(id);
                }
            }
        }
    }

    @Override
    public synchronized void beforeTrial(StudyView study, FrozenTrial trial) {
        sync(study);
        while (nextInOrder < order.length && taken.get(order[nextInOrder])) {
            nextInOrder++;
        }
        if (nextInOrder >= order.length) {
            if (!assigned.isEmpty()) {
                // parallel workers both saw one point left: this trial repeats the oldest point still being
                // evaluated (as Optuna's grid sampler does) instead of failing for want of a point
                assigned.put(trial.number(), assigned.values().iterator().next());
            }
            return; // exhausted: parameters of this trial will be an error, and optimize stops
        }
        int id = order[nextInOrder++];
        taken.set(id);
        assigned.put(trial.number(), id);
    }

    @Override
    public synchronized double sampleIndependent(StudyView study, FrozenTrial trial, String name,
            Distribution distribution) {
        List<Object> values = grid.get(name);
        if (values == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is not in the grid " + names
                    + "; add it to the grid or fix it with enqueueTrial");
        }
        Integer id = assigned.get(trial.number());
        if (id == null) {
            throw new IllegalStateException("the grid of " + size + " points is exhausted; every point was"
                    + " evaluated, so there is nothing left to try");
        }
        int i = names.indexOf(name);
        Object v = values.get((int) ((id / radix[i]) % values.size()));
        if (!distribution.contains(v)) {
            throw new IllegalArgumentException("grid value " + v + " of parameter '" + name + "' is outside "
                    + distribution + "; make the grid and the suggested range agree");
        }
        return distribution.toInternal(v);
    }

    @Override
    public synchronized void afterTrial(StudyView study, FrozenTrial trial) {
        assigned.remove(trial.number());
    }

    @Override
    public synchronized boolean isExhausted(StudyView study) {
        sync(study);
        return taken.cardinality() >= size;
    }

    /** Number of grid points. */
    long size() {
        return size;
    }

    @Override
    public String describe() {
        return "GridSampler(" + size + " points, seed=" + seed + ")";
    }
}
