package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.List;
import org.automl4j.nas.space.Cell;

/**
 * The evaluations of one search, in order.
 *
 * @param strategy    the strategy's name
 * @param evaluations every evaluation, in the order made
 */
public record SearchHistory(String strategy, List<Evaluation> evaluations) {

    /**
     * One evaluated cell.
     *
     * @param cell  the cell
     * @param score its score
     */
    public record Evaluation(Cell cell, double score) {
    }

    public SearchHistory {
        evaluations = List.copyOf(evaluations);
    }

    /** The best evaluation (the first on ties). */
    public Evaluation best() {
        Evaluation b = evaluations.get(0);
        for (Evaluation e : evaluations) {
            if (e.score() > b.score()) {
                b = e;
            }
        }
        return b;
    }

    /** The best score after each evaluation. */
    public List<Double> bestSoFar() {
        List<Double> out = new ArrayList<>();
        double b = Double.NEGATIVE_INFINITY;
        for (Evaluation e : evaluations) {
            b = Math.max(b, e.score());
            out.add(b);
        }
        return out;
    }
}
