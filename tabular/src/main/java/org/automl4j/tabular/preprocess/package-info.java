/**
 * Preprocessing: imputation, missing-value indicators, encoding of categoricals (one-hot with rare-level
 * grouping, ordinal, target encoding done out-of-fold), scaling and feature selection, fitted on
 * training rows only ({@link org.automl4j.tabular.preprocess.Preprocessor#fit}) and applied to any
 * table of the same schema ({@link org.automl4j.tabular.preprocess.FittedPreprocessor#transform}).
 */
package org.automl4j.tabular.preprocess;
