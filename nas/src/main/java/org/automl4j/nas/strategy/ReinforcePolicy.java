package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.List;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;

/**
 * The policy of a REINFORCE controller over a {@link CellSpace}: an independent softmax per edge over the
 * space's operations (logits start at zero, so sampling starts uniform). {@link #update} moves the logits
 * along {@code (reward - baseline) * grad log p(cell)}, the baseline an exponential moving average of the
 * rewards. Used by {@link ReinforceController} (one update per evaluated cell) and by the ENAS-style
 * supernet (updates from sub-networks scored with shared weights). Mutable, not thread-safe; deterministic
 * given the random draws.
 */
public final class ReinforcePolicy {
    private final CellSpace space;
    private final double learningRate;
    private final double baselineDecay;
    private final double[][] logits;
    private double baseline = Double.NaN;

    /**
     * A uniform policy over {@code space}.
     *
     * @param learningRate  step size of the logits (e.g. 0.1 to 1 for rewards in [0, 1]), positive
     * @param baselineDecay weight of the old baseline in its moving average, in [0, 1)
     */
    public ReinforcePolicy(CellSpace space, double learningRate, double baselineDecay) {
        if (!(learningRate > 0) || !(baselineDecay >= 0 && baselineDecay < 1)) {
            throw new IllegalArgumentException("need learningRate > 0 and 0 <= baselineDecay < 1, got " + learningRate
                    + " and " + baselineDecay);
        }
        this.space = space;
        this.learningRate = learningRate;
        this.baselineDecay = baselineDecay;
        this.logits = new double[6][space.ops().size()];
    }

    /** The space the policy samples from. */
    public CellSpace space() {
        return space;
    }

    /** Draws a cell: on each edge an operation with the policy's probabilities (one {@code nextDouble} per edge). */
    public Cell sample(java.util.random.RandomGenerator rng) {
        List<Op> edges = new ArrayList<>(6);
        for (int e = 0; e < 6; e++) {
            edges.add(space.ops().get(draw(ReinforceController.softmax(logits[e]), rng.nextDouble())));
        }
        return new Cell(edges);
    }

    /**
     * One REINFORCE step for {@code cell} (drawn from this policy) with {@code reward}; the first reward
     * only sets the baseline.
     *
     * @throws IllegalArgumentException if the cell has an operation outside the space or the reward is not finite
     */
    public void update(Cell cell, double reward) {
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("a REINFORCE reward must be finite, got " + reward + " for " + cell.encode());
        }
        int k = space.ops().size();
        int[] choice = new int[6];
        for (int e = 0; e < 6; e++) {
            choice[e] = space.ops().indexOf(cell.edges().get(e));
            if (choice[e] < 0) {
                throw new IllegalArgumentException("cell " + cell.encode() + " uses " + cell.edges().get(e).id()
                        + ", which is not in the controller's space " + space.encode());
            }
        }
        baseline = Double.isNaN(baseline) ? reward : baselineDecay * baseline + (1 - baselineDecay) * reward;
        double advantage = reward - baseline;
        for (int e = 0; e < 6; e++) {
            double[] p = ReinforceController.softmax(logits[e]);
            for (int o = 0; o < k; o++) {
                double grad = (o == choice[e] ? 1 : 0) - p[o];
                logits[e][o] += learningRate * advantage * grad;
            }
        }
    }

    /** The current probabilities, per edge (rows) and operation of the space (columns). */
    public double[][] probabilities() {
        double[][] p = new double[6][];
        for (int e = 0; e < 6; e++) {
            p[e] = ReinforceController.softmax(logits[e]);
        }
        return p;
    }

    /** The most likely cell: on each edge the operation of largest probability (ties to the earlier operation). */
    public Cell mostLikely() {
        List<Op> edges = new ArrayList<>(6);
        for (int e = 0; e < 6; e++) {
            int best = 0;
            for (int o = 1; o < logits[e].length; o++) {
                if (logits[e][o] > logits[e][best]) {
                    best = o;
                }
            }
            edges.add(space.ops().get(best));
        }
        return new Cell(edges);
    }

    /** The moving-average baseline of the rewards so far (NaN before the first update). */
    public double baseline() {
        return baseline;
    }

    private static int draw(double[] p, double u) {
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        return p.length - 1;
    }
}
