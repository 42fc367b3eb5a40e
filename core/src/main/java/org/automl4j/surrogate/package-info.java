/**
 * Surrogate models of an objective, for model-based samplers and for hyperparameter importance:
 * {@link org.automl4j.surrogate.RegressionForest}, a random forest of regression trees with
 * categorical splits and a predictive variance, and its immutable
 * {@link org.automl4j.surrogate.RegressionTree}s. Plain JDK code; no learner library.
 */
package org.automl4j.surrogate;
