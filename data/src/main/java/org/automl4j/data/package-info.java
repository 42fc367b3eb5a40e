/**
 * Tables for tabular AutoML: {@link org.automl4j.data.Table} of typed {@link org.automl4j.data.Column}s
 * (numeric, categorical, boolean) with explicit missing values, and {@link org.automl4j.data.Dataset},
 * the numeric matrix learners train on. This module does not depend on {@code core}.
 */
package org.automl4j.data;
