/**
 * Linear learners: logistic regression (LIBLINEAR) for classification and elastic-net regression
 * (coordinate descent), both through Tribuo. Implementations are package-private; use
 * {@link org.automl4j.learners.linear.LinearLearners} or {@link org.automl4j.learners.Learners}.
 */
package org.automl4j.learners.linear;
