/**
 * The tree-structured Parzen estimator (Bergstra et al. 2011; Watanabe 2023): univariate and
 * multivariate kernel density estimators, group decomposition of conditional spaces, constant
 * liar, all updated incrementally from the study's finished trials.
 */
package org.automl4j.sampler.tpe;
