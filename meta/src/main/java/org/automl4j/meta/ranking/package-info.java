/**
 * The performance meta-learner: predicts, from two configurations' features and a dataset's
 * meta-features, how much better one is than the other, and ranks candidates before any is trained;
 * {@link org.automl4j.meta.ranking.ConfigEncoder} turns configurations into its feature vectors.
 */
package org.automl4j.meta.ranking;
