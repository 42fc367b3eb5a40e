/**
 * The learner SPI: {@link org.automl4j.learners.Learner} (an algorithm with capabilities, a search
 * space and defaults), {@link org.automl4j.learners.Model} (a fitted, thread-safe model with a safe
 * byte form), {@link org.automl4j.learners.Capabilities}, and the registry
 * {@link org.automl4j.learners.Learners}. One sub-package per learner family: {@code linear},
 * {@code svm}, {@code knn}, {@code tree}, {@code boosting}.
 */
package org.automl4j.learners;
