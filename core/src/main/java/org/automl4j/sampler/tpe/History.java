package org.automl4j.sampler.tpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
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
 * What TPE knows of the finished trials, updated incrementally: one compact observation per COMPLETE
 * or PRUNED trial, a global ranking of them (best first), one series per (parameter, distribution),
 * the group decomposition of the space and the intersection space. Not thread-safe: the sampler
 * guards it.
 */
final class History {

    /**
     * One finished trial: rank 0 = complete and feasible (key1 = loss), 1 = pruned (key1 = -last step,
     * key2 = last loss), 2 = complete but infeasible (key1 = constraint violation, key2 = loss).
     */
    record Obs(int number, int rank, double key1, double key2, Map<String, Double> internal,
            Map<String, Distribution> dists) {
    }

    /** A parameter under one distribution. */
    record ParamKey(String name, Distribution distribution) {
    }

    /** The observations of one parameter, in finishing order. */
    static final class Series {
        int[] ids = new int[16];
        double[] values = new double[16];
        int size;
        final BitSet members = new BitSet();

        void add(int id, double value) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            ids[size] = id;
            values[size] = value;
            size++;
            members.set(id);
        }
    }

    private final TrialFeed feed = new TrialFeed();
    final List<Obs> obs = new ArrayList<>();
    private int[] order = new int[64];
    private int orderSize;
    final Map<ParamKey, Series> series = new HashMap<>();
    int completeCount;
    private List<Set<String>> groups = new ArrayList<>();
    private final Map<String, Distribution> latest = new LinkedHashMap<>();
    private final IntersectionSpace intersection = new IntersectionSpace();

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
        Obs o;
        if (t.state() == TrialState.COMPLETE && t.values().size() == 1) {
            // Feasible results first; infeasible ones (constraints) after every other, least violating first.
            double violation = t.constraintViolation();
            o = violation == 0
                    ? new Obs(t.number(), 0, dir.toLoss(t.value()), 0, internals(t), t.distributions())
                    : new Obs(t.number(), 2, violation, dir.toLoss(t.value()), internals(t), t.distributions());
            completeCount++;
        } else if (t.state() == TrialState.PRUNED) {
            double last = t.lastIntermediateValue();
            long step = t.intermediateValues().isEmpty() ? 0 : t.intermediateValues().lastKey();
            o = new Obs(t.number(), 1, -step, Double.isNaN(last) ? Double.POSITIVE_INFINITY : dir.toLoss(last),
                    internals(t), t.distributions());
        } else {
            return;
        }
        int id = obs.size();
        obs.add(o);
        insertRanked(id);
        for (Map.Entry<String, Double> e : o.internal().entrySet()) {
            Distribution d = o.dists().get(e.getKey());
            series.computeIfAbsent(new ParamKey(e.getKey(), d), k -> new Series()).add(id, e.getValue());
            latest.put(e.getKey(), d);
        }
        updateGroups(o.dists());
    }

    private static Map<String, Double> internals(FrozenTrial t) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String name : t.params().keySet()) {
            m.put(name, t.internalParam(name));
        }
        return m;
    }

    int compare(int a, int b) {
        Obs x = obs.get(a);
        Obs y = obs.get(b);
        int c = Integer.compare(x.rank(), y.rank());
        if (c == 0) {
            c = Double.compare(x.key1(), y.key1());
        }
        if (c == 0) {
            c = Double.compare(x.key2(), y.key2());
        }
        return c != 0 ? c : Integer.compare(a, b);
    }

    private void insertRanked(int id) {
        int lo = 0;
        int hi = orderSize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(order[mid], id) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (orderSize == order.length) {
            order = Arrays.copyOf(order, orderSize * 2);
        }
        System.arraycopy(order, lo, order, lo + 1, orderSize - lo);
        order[lo] = id;
        orderSize++;
    }

    /** The best {@code nBelow} observation ids among {@code members}. */
    BitSet best(BitSet members, int nBelow) {
        BitSet below = new BitSet();
        int found = 0;
        for (int k = 0; k < orderSize && found < nBelow; k++) {
            if (members.get(order[k])) {
                below.set(order[k]);
                found++;
            }
        }
        return below;
    }

    /** Splits the set of parameters that co-occur: each trial contains a group wholly or not at all. */
    private void updateGroups(Map<String, Distribution> dists) {
        Set<String> s = dists.keySet();
        List<Set<String>> next = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (Set<String> g : groups) {
            Set<String> in = new LinkedHashSet<>();
            Set<String> out = new LinkedHashSet<>();
            for (String name : g) {
                (s.contains(name) ? in : out).add(name);
            }
            if (!in.isEmpty()) {
                next.add(in);
            }
            if (!out.isEmpty()) {
                next.add(out);
            }
            covered.addAll(g);
        }
        Set<String> fresh = new LinkedHashSet<>();
        for (String name : s) {
            if (!covered.contains(name)) {
                fresh.add(name);
            }
        }
        if (!fresh.isEmpty()) {
            next.add(fresh);
        }
        groups = next;
        intersection.add(dists);
    }

    /** The groups of the decomposition, each with its parameters' latest distributions. */
    List<Map<String, Distribution>> groupSpaces() {
        List<Map<String, Distribution>> out = new ArrayList<>();
        for (Set<String> g : groups) {
            Map<String, Distribution> m = new LinkedHashMap<>();
            for (String name : g) {
                m.put(name, latest.get(name));
            }
            out.add(m);
        }
        return out;
    }

    /** Parameters every finished trial has, with one distribution. */
    Map<String, Distribution> intersectionSpace() {
        return intersection.space();
    }
}
