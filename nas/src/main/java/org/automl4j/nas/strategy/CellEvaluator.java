package org.automl4j.nas.strategy;

import org.automl4j.nas.space.Cell;

/** Scores a cell (higher is better, e.g. validation accuracy): a lookup in a tabulated benchmark or real training. */
@FunctionalInterface
public interface CellEvaluator {
    /** The score of {@code cell}; {@code seed} seeds any training it does. */
    double evaluate(Cell cell, long seed);
}
