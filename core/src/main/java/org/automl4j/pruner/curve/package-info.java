/**
 * Learning-curve extrapolation pruning (after Domhan, Springenberg and Hutter 2015):
 * {@link org.automl4j.pruner.curve.LearningCurvePruner} fits parametric curve families to a running
 * trial's intermediate values and stops it when its predicted final value is unlikely to beat the
 * best complete trial.
 */
package org.automl4j.pruner.curve;
