/**
 * The {@code mlp} learner: a multilayer perceptron trained with Adam on the deep-learning engine
 * ({@link org.automl4j.learners.mlp.MlpLearner}), found by the learners' registry through
 * {@link org.automl4j.learners.LearnerProvider}.
 */
package org.automl4j.learners.mlp;
