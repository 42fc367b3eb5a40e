/**
 * The performance meta-learner: predicts, from two configurations' features and a dataset's
 * meta-features, how much better one is than the other, and ranks candidates before any is trained.
 */
package org.automl4j.meta.ranking;
