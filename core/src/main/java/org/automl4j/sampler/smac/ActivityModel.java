package org.automl4j.sampler.smac;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which parameters a configuration activates, inferred from the finished trials of a define-by-run
 * space (whose conditions the sampler never sees). A parameter active in every trial is
 * unconditional. Otherwise, categorical parameter {@code c} <em>controls</em> parameter {@code p}
 * when {@code p} was only ever active together with {@code c}, and each observed value of {@code c}
 * either always or never came with {@code p} active (with at least one value of each kind): then
 * {@code p} is predicted active exactly when {@code c} is active with a value of the first kind. A
 * parameter is active when all its controlling parameters say so (nested conditions resolve through
 * the chain, since a controller is active in strictly more trials than what it controls). Parameters
 * no rule explains (conditions on numbers, dynamic spaces), and values of a controller never seen,
 * keep the activity of a template configuration, or without one are active when they were active in
 * most trials. Immutable.
 */
final class ActivityModel {

    private static final byte INACTIVE = 0;
    private static final byte ACTIVE = 1;
    private static final byte UNKNOWN = 2;

    private static final int ALWAYS = 0;
    private static final int RULES = 1;
    private static final int UNEXPLAINED = 2;

    private final int[] order;
    private final int[] kind;
    private final int[][] parents;
    private final byte[][][] sets;
    private final boolean[] majority;
    private final boolean conditional;

    private ActivityModel(int[] order, int[] kind, int[][] parents, byte[][][] sets, boolean[] majority) {
        this.order = order;
        this.kind = kind;
        this.parents = parents;
        this.sets = sets;
        this.majority = majority;
        boolean any = false;
        for (int kd : kind) {
            any |= kd != ALWAYS;
        }
        this.conditional = any;
    }

    /**
     * Infers the rules.
     *
     * @param n         number of trials the statistics cover
     * @param active    per column, the trials (ids {@code 0..n-1}) where it was active
     * @param valueSets per categorical column and choice index, the trials where it was active with that
     *                  choice; null for numeric columns
     */
    static ActivityModel infer(int n, BitSet[] active, BitSet[][] valueSets) {
        int d = active.length;
        int[] count = new int[d];
        for (int j = 0; j < d; j++) {
            count[j] = active[j].cardinality();
        }
        Integer[] boxed = new Integer[d];
        for (int j = 0; j < d; j++) {
            boxed[j] = j;
        }
        java.util.Arrays.sort(boxed, (a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a])
                : Integer.compare(a, b));
        int[] order = new int[d];
        for (int j = 0; j < d; j++) {
            order[j] = boxed[j];
        }
        int[] kind = new int[d];
        int[][] parents = new int[d][];
        byte[][][] sets = new byte[d][][];
        boolean[] majority = new boolean[d];
        BitSet scratch = new BitSet();
        for (int p = 0; p < d; p++) {
            majority[p] = 2L * count[p] >= n;
            if (count[p] == n) {
                kind[p] = ALWAYS;
                continue;
            }
            List<Integer> ps = new ArrayList<>();
            List<byte[]> ss = new ArrayList<>();
            for (int c = 0; c < d && count[p] > 0; c++) {
                if (c == p || valueSets[c] == null) {
                    continue;
                }
                // p only ever active with c active
                scratch.clear();
                scratch.or(active[p]);
                scratch.andNot(active[c]);
                if (!scratch.isEmpty()) {
                    continue;
                }
                byte[] set = new byte[valueSets[c].length];
                boolean consistent = true;
                int observed = 0;
                int with = 0;
                for (int v = 0; v < set.length && consistent; v++) {
                    BitSet withValue = valueSets[c][v];
                    int nv = withValue.cardinality();
                    if (nv == 0) {
                        set[v] = UNKNOWN;
                        continue;
                    }
                    observed++;
                    scratch.clear();
                    scratch.or(withValue);
                    scratch.and(active[p]);
                    int both = scratch.cardinality();
                    if (both == nv) {
                        set[v] = ACTIVE;
                        with++;
                    } else if (both == 0) {
                        set[v] = INACTIVE;
                    } else {
                        consistent = false;
                    }
                }
                if (consistent && with > 0 && with < observed) {
                    ps.add(c);
                    ss.add(set);
                }
            }
            if (ps.isEmpty()) {
                kind[p] = UNEXPLAINED;
            } else {
                kind[p] = RULES;
                parents[p] = ps.stream().mapToInt(Integer::intValue).toArray();
                sets[p] = ss.toArray(new byte[0][]);
            }
        }
        return new ActivityModel(order, kind, parents, sets, majority);
    }

    /** Whether some parameter is ever inactive. */
    boolean isConditional() {
        return conditional;
    }

    /** Whether column {@code j} was active in every trial. */
    boolean isUnconditional(int j) {
        return kind[j] == ALWAYS;
    }

    /**
     * The activity of configuration {@code u} (column values; category indices for categoricals) into
     * {@code out}; {@code template} (may be null) decides what the rules cannot.
     */
    void activity(double[] u, boolean[] template, boolean[] out) {
        for (int p : order) {
            switch (kind[p]) {
                case ALWAYS -> out[p] = true;
                case RULES -> {
                    boolean on = true;
                    boolean unknown = false;
                    int[] ps = parents[p];
                    for (int r = 0; r < ps.length && on; r++) {
                        int c = ps[r];
                        if (!out[c]) {
                            on = false;
                            break;
                        }
                        byte[] set = sets[p][r];
                        int code = (int) u[c];
                        byte s = code >= 0 && code < set.length ? set[code] : UNKNOWN;
                        if (s == INACTIVE) {
                            on = false;
                        } else if (s == UNKNOWN) {
                            unknown = true;
                        }
                    }
                    out[p] = on && (!unknown || (template != null ? template[p] : majority[p]));
                }
                default -> out[p] = template != null ? template[p] : majority[p];
            }
        }
    }
}
