/**
 * Tabular AutoML (CASH): {@link org.automl4j.tabular.AutoML#fit} turns a table and a target into a
 * tuned, ensembled {@link org.automl4j.tabular.AutoMLModel} within a time limit, with a leaderboard of
 * every pipeline tried ({@link org.automl4j.tabular.AutoMLResult}); meta-learning from a knowledge base
 * chooses the first pipelines ({@link org.automl4j.tabular.MetaPlanner}, settings in
 * {@link org.automl4j.tabular.MetaLearning}). Sub-packages: {@code preprocess}
 * (fitted preprocessing), {@code pipeline} (the conditional search space), {@code ensemble}
 * (ensemble selection).
 */
package org.automl4j.tabular;
