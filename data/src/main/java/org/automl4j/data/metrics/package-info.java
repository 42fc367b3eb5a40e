/**
 * Scores of predictions: {@link org.automl4j.data.metrics.Metric} (accuracy, balanced accuracy, log
 * loss, ROC AUC, macro F1; RMSE, MAE, R2) and the default metric per task.
 */
package org.automl4j.data.metrics;
