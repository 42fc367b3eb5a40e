/**
 * The model evaluator: the only NAS package that imports the deep-learning engine (DJL). Edge operations
 * ({@link org.automl4j.nas.evaluator.CellOps}), the cell block
 * ({@link org.automl4j.nas.evaluator.CellBlock}) and its network skeleton
 * ({@link org.automl4j.nas.evaluator.CellNetworkSpec}), chain networks
 * ({@link org.automl4j.nas.evaluator.ChainNetworks}), a seeded trainer that reports to trials
 * ({@link org.automl4j.nas.evaluator.NetworkTrainer}, {@link org.automl4j.nas.evaluator.TrainingConfig}) and
 * a {@link org.automl4j.nas.strategy.CellEvaluator} that really trains
 * ({@link org.automl4j.nas.evaluator.TrainingCellEvaluator}); the strategies that share training: network
 * morphisms with hill climbing ({@link org.automl4j.nas.evaluator.Morphisms},
 * {@link org.automl4j.nas.evaluator.MorphismSearch}), the one-shot supernet
 * ({@link org.automl4j.nas.evaluator.Supernet}) and DARTS ({@link org.automl4j.nas.evaluator.Darts}).
 */
package org.automl4j.nas.evaluator;
