/**
 * Gradient-boosted trees: XGBoost through Tribuo, LightGBM through lightgbm4j. Implementations are
 * package-private; use {@link org.automl4j.learners.boosting.BoostingLearners} or
 * {@link org.automl4j.learners.Learners}.
 */
package org.automl4j.learners.boosting;
