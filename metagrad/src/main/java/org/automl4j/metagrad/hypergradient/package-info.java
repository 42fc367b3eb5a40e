/**
 * Hyperparameters tuned by gradients instead of samplers: online learning-rate adaptation by hypergradient
 * descent ({@link org.automl4j.metagrad.hypergradient.HypergradientDescent}, for any DJL model's parameters),
 * bilevel weight-decay (and learning-rate) tuning through unrolled training steps
 * ({@link org.automl4j.metagrad.hypergradient.BilevelTuner}), a DJL MLP training loop on them
 * ({@link org.automl4j.metagrad.hypergradient.MlpTraining}) and an automl4j objective that lets a sampler pick the
 * discrete architecture while the learning rate adapts inside each trial
 * ({@link org.automl4j.metagrad.hypergradient.HypergradientObjective}).
 */
package org.automl4j.metagrad.hypergradient;
