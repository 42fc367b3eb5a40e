/**
 * Dataset meta-features ({@link org.automl4j.meta.features.MetaFeatures}): simple counts, statistics
 * of the numeric columns, information-theoretic measures and landmarkers (quick scores of simple
 * learners on a sample), computed deterministically for a seed.
 */
package org.automl4j.meta.features;
