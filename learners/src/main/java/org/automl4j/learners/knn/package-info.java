/**
 * Nearest-neighbour learners (Tribuo). Implementations are package-private; use
 * {@link org.automl4j.learners.knn.KnnLearners} or {@link org.automl4j.learners.Learners}.
 */
package org.automl4j.learners.knn;
