/**
 * Tree learners through Tribuo: CART decision trees, random forests and extra trees, for
 * classification and regression. Implementations are package-private; use
 * {@link org.automl4j.learners.tree.TreeLearners} or {@link org.automl4j.learners.Learners}.
 */
package org.automl4j.learners.tree;
