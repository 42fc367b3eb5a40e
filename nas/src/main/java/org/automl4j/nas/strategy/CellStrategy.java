package org.automl4j.nas.strategy;

import org.automl4j.nas.space.CellSpace;

/** A way to explore a cell space within a budget of evaluations; deterministic for a seed. */
public interface CellStrategy {

    /** A short name for tables. */
    String name();

    /** Runs {@code budget} evaluations of {@code evaluator} over the full NAS-Bench-201 space. */
    default SearchHistory search(CellEvaluator evaluator, int budget, long seed) {
        return search(CellSpace.NB201, evaluator, budget, seed);
    }

    /** Runs {@code budget} evaluations of {@code evaluator}, proposing only cells of {@code space}. */
    SearchHistory search(CellSpace space, CellEvaluator evaluator, int budget, long seed);
}
