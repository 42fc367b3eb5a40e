package org.automl4j.sampler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.internal.ParamTransform;
import org.automl4j.internal.Rngs;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * Optuna's BruteForceSampler: tries every combination of a finite define-by-run space once, conditional
 * parameters included, and tells the study to stop when none is left. The space is discovered from the trials:
 * they form a tree whose levels are the parameters in the order an objective suggests them, so a parameter that
 * only some branches suggest is enumerated only there. Each choice goes to a branch with untried combinations,
 * drawn in proportion to how many it has (running trials' combinations are avoided while others remain).
 * Floats need a step (or {@code low == high}); ints of any scale are enumerated. Deterministic for a seed when
 * trials run one at a time.
 */
final class BruteForceSampler implements Sampler {
    /** A parameter may have at most this many values. */
    static final long MAX_VALUES = 1_000_000;

    private final long seed;

    BruteForceSampler(long seed) {
        this.seed = seed;
    }

    /**
     * A node of the tree of combinations: unexpanded (nothing known below), a parameter's choice, or the end of a
     * COMPLETE trial's suggestions. A PRUNED or FAIL trial may have stopped before its last suggestion, so where it
     * ended counts as tried unless another trial shows which parameter comes next there.
     */
    private static final class Node {
        String name;
        Distribution distribution;
        long size;
        Map<Long, Node> children;
        boolean complete;
        boolean stopped;
        boolean running;

        /** Combinations below that no finished trial has tried (a running trial's excluded when asked). */
        long untried(boolean excludeRunning) {
            if (name == null) {
                return complete || stopped || excludeRunning && running ? 0 : 1;
            }
            long total = size - children.size(); // values no trial took yet: one unexpanded node each
            for (Node c : children.values()) {
                total += c.untried(excludeRunning);
            }
            return total;
        }

        void expand(String param, Distribution d, int trial) {
            if (complete) {
                throw conflict(trial, "ended", "suggested '" + param + "'");
            }
            if (name == null) {
                name = param;
                distribution = d;
                size = size(param, d);
                children = new HashMap<>();
            } else if (!name.equals(param) || !distribution.equals(d)) {
                throw conflict(trial, "suggested '" + name + "' " + distribution, "'" + param + "' " + d);
            }
        }

        void completeHere(int trial) {
            if (name != null) {
                throw conflict(trial, "suggested '" + name + "'", "ended");
            }
            complete = true;
        }

        Node child(long index) {
            return children.computeIfAbsent(index, k -> new Node());
        }
    }

    private static IllegalStateException conflict(int trial, String before, String now) {
        return new IllegalStateException("brute force needs the parameters an objective suggests to follow from the"
                + " values suggested before them, but after the same earlier values one trial " + before + " where"
                + " trial " + trial + " " + now + "; make the objective's suggestions depend only on earlier"
                + " suggestions (not on randomness or time), or use another sampler");
    }

    /** How many values {@code d} has; refuses a continuous float. */
    static long size(String name, Distribution d) {
        long n;
        if (d instanceof CategoricalDistribution c) {
            n = c.size();
        } else if (d instanceof IntDistribution i) {
            n = ((long) i.high() - i.low()) / (i.log() ? 1 : i.step()) + 1;
        } else if (d instanceof FloatDistribution f && f.isSingle()) {
            n = 1;
        } else if (d instanceof FloatDistribution f && f.hasStep()) {
            n = f.gridSize();
        } else {
            throw new IllegalArgumentException("brute force enumerates every value, and parameter '" + name + "' is"
                    + " a continuous float " + d + "; give it a step (suggestFloat(name, low, high, step)) or use"
                    + " another sampler");
        }
        if (n > MAX_VALUES) {
            throw new IllegalArgumentException("parameter '" + name + "' " + d + " has " + n + " values, more than"
                    + " brute force enumerates (" + MAX_VALUES + "); use a larger step, a narrower range or another"
                    + " sampler");
        }
        return n;
    }

    /** The index among {@code d}'s values of an internal value. */
    private static long index(Distribution d, double internal) {
        if (d instanceof CategoricalDistribution) {
            return (long) internal;
        }
        if (d instanceof IntDistribution i) {
            return Math.round((internal - i.low()) / (i.log() ? 1 : i.step()));
        }
        FloatDistribution f = (FloatDistribution) d;
        return f.isSingle() ? 0 : Math.round((internal - f.low()) / f.step());
    }

    /** The internal value of {@code d}'s value number {@code k}. */
    private static double value(Distribution d, long k) {
        if (d instanceof CategoricalDistribution) {
            return k;
        }
        if (d instanceof IntDistribution i) {
            return i.low() + k * (i.log() ? 1 : i.step());
        }
        FloatDistribution f = (FloatDistribution) d;
        return f.isSingle() ? f.low() : d.toInternal(ParamTransform.of(f).gridValue(k));
    }

    /**
     * The tree below the values {@code prefix} gives (name to internal value), from every trial but
     * {@code exclude} that took those values; WAITING trials are left out.
     */
    private static Node tree(List<FrozenTrial> trials, Map<String, Double> prefix, int exclude) {
        Node root = new Node();
        for (FrozenTrial t : trials) {
            if (t.number() == exclude || t.state() == TrialState.WAITING || !agrees(t, prefix)) {
                continue;
            }
            Node node = root;
            for (Map.Entry<String, Distribution> p : t.distributions().entrySet()) {
                if (prefix.containsKey(p.getKey())) {
                    continue;
                }
                node.expand(p.getKey(), p.getValue(), t.number());
                node = node.child(index(p.getValue(), t.internalParam(p.getKey())));
            }
            if (t.state() == TrialState.RUNNING) {
                node.running = true;
            } else if (t.state() == TrialState.COMPLETE) {
                node.completeHere(t.number());
            } else {
                node.stopped = true;
            }
        }
        return root;
    }

    private static boolean agrees(FrozenTrial t, Map<String, Double> prefix) {
        for (Map.Entry<String, Double> p : prefix.entrySet()) {
            if (!t.distributions().containsKey(p.getKey()) || t.internalParam(p.getKey()) != p.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        Map<String, Double> prefix = new java.util.LinkedHashMap<>();
        trial.distributions().keySet().forEach(p -> prefix.put(p, trial.internalParam(p)));
        Node node = tree(study.trials(), prefix, trial.number());
        node.expand(name, distribution, trial.number());
        SplittableRandom rng = Rngs.forTrial(seed, trial.number(), name);
        for (boolean excludeRunning : new boolean[] {true, false}) {
            long total = node.untried(excludeRunning);
            if (total == 0) {
                continue;
            }
            long pick = rng.nextLong(total);
            // walk the values in order: untouched ones weigh 1, touched ones what is untried below them
            for (long k = 0; k < node.size; k++) {
                Node c = node.children.get(k);
                long w = c == null ? 1 : c.untried(excludeRunning);
                if (pick < w) {
                    return value(distribution, k);
                }
                pick -= w;
            }
        }
        // every combination below here was tried (the study stops before the next trial): any value will do
        return value(distribution, rng.nextLong(node.size));
    }

    @Override
    public boolean isExhausted(StudyView study) {
        Node root = tree(study.trials(), Map.of(), -1);
        return (root.name != null || root.complete || root.stopped) && root.untried(false) == 0;
    }

    @Override
    public String describe() {
        return "BruteForceSampler(seed=" + seed + ")";
    }
}
