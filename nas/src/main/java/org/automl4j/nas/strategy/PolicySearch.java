package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;

/**
 * Cells drawn from fixed per-edge operation probabilities, such as a trained controller's
 * ({@link ReinforcePolicy#probabilities()}): ENAS' derivation step, which samples candidates from the
 * controller and keeps the best one under the evaluator. Cells already evaluated (the same isomorphism
 * class) are drawn again, up to 100 times in a row; after that the search ends early, the policy having
 * no more new cells to offer.
 */
public final class PolicySearch implements CellStrategy {
    private static final int RETRIES = 100;
    private final double[][] probabilities;

    /**
     * Draws from {@code probabilities}: 6 rows (edges), one column per operation of the searched space, each
     * row non-negative and summing to 1.
     */
    public PolicySearch(double[][] probabilities) {
        if (probabilities.length != 6) {
            throw new IllegalArgumentException("a cell policy has one row per edge (6), got " + probabilities.length);
        }
        double[][] copy = new double[6][];
        for (int e = 0; e < 6; e++) {
            double sum = 0;
            for (double p : probabilities[e]) {
                if (!(p >= 0)) {
                    throw new IllegalArgumentException("edge " + e + " has a negative or NaN probability: " + p);
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                throw new IllegalArgumentException("edge " + e + "'s probabilities sum to " + sum + ", not 1");
            }
            copy[e] = probabilities[e].clone();
        }
        this.probabilities = copy;
    }

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public SearchHistory search(CellSpace space, CellEvaluator evaluator, int budget, long seed) {
        for (int e = 0; e < 6; e++) {
            if (probabilities[e].length != space.ops().size()) {
                throw new IllegalArgumentException("the policy has " + probabilities[e].length + " operations on edge " + e
                        + " but the space " + space.encode() + " has " + space.ops().size());
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Set<Cell> seen = new HashSet<>();
        List<SearchHistory.Evaluation> out = new ArrayList<>();
        try {
            for (int i = 0; i < budget; i++) {
                Cell c = null;
                for (int t = 0; t < RETRIES && c == null; t++) {
                    Cell drawn = draw(space, rng);
                    if (seen.add(drawn.canonical())) {
                        c = drawn;
                    }
                }
                if (c == null) {
                    break;
                }
                out.add(new SearchHistory.Evaluation(c, evaluator.evaluate(c, seed + i)));
            }
        } catch (SearchStoppedException stop) {
            // return what was evaluated
        }
        return new SearchHistory(name(), out);
    }

    private Cell draw(CellSpace space, SplittableRandom rng) {
        List<Op> edges = new ArrayList<>(6);
        for (int e = 0; e < 6; e++) {
            double u = rng.nextDouble();
            double c = 0;
            int pick = probabilities[e].length - 1;
            for (int j = 0; j < probabilities[e].length; j++) {
                c += probabilities[e][j];
                if (u < c) {
                    pick = j;
                    break;
                }
            }
            edges.add(space.ops().get(pick));
        }
        return new Cell(edges);
    }
}
