package org.automl4j.nas.strategy;

/** A way to explore the cell space within a budget of evaluations; deterministic for a seed. */
public interface CellStrategy {

    /** A short name for tables. */
    String name();

    /** Runs {@code budget} evaluations of {@code evaluator}. */
    SearchHistory search(CellEvaluator evaluator, int budget, long seed);
}
