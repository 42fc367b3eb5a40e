/**
 * Tables for tabular AutoML: {@link org.automl4j.data.Table} of typed {@link org.automl4j.data.Column}s
 * (numeric, categorical, boolean) with explicit missing values; {@link org.automl4j.data.LabeledTable}
 * (features, target and the inferred {@link org.automl4j.data.Task}); {@link org.automl4j.data.Schema}
 * (the training columns, checked at prediction); and {@link org.automl4j.data.Dataset}, the numeric
 * matrix learners train on. Reading files is in {@code io}, splits in {@code split}, metrics in
 * {@code metrics}. This module does not depend on {@code core}.
 */
package org.automl4j.data;
