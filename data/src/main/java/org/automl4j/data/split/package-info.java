/**
 * Train/test splits of row indices: holdout and k-fold, stratified for classification, deterministic
 * given a seed ({@link org.automl4j.data.split.Splits}), and the validation rule
 * {@link org.automl4j.data.split.Splits#chooseValidation(int, org.automl4j.data.Task)}.
 */
package org.automl4j.data.split;
