/**
 * Exploration strategies over the cell space: random search, regularised (aging) evolution, a REINFORCE
 * controller and Bayesian optimisation through the HPO samplers, all behind
 * {@link org.automl4j.nas.strategy.CellStrategy} and scored by any {@link org.automl4j.nas.strategy.CellEvaluator}
 * (a tabulated benchmark or real training).
 */
package org.automl4j.nas.strategy;
