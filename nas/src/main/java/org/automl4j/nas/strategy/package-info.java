/**
 * Exploration strategies over a cell space ({@link org.automl4j.nas.space.CellSpace}): random search,
 * regularised (aging) evolution, a REINFORCE controller, Bayesian optimisation through the HPO samplers and
 * progressive search, all behind {@link org.automl4j.nas.strategy.CellStrategy} and scored by any
 * {@link org.automl4j.nas.strategy.CellEvaluator} (a tabulated benchmark or real training).
 * {@link org.automl4j.nas.strategy.StudyCellEvaluator} records every evaluation as a trial of a study and,
 * with a {@link org.automl4j.nas.strategy.TrialCellEvaluator}, lets the study's pruner stop weak candidates.
 */
package org.automl4j.nas.strategy;
