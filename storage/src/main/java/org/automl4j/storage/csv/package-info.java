/** Trials as CSV, one row per trial, for spreadsheets and data frames ({@link org.automl4j.storage.csv.TrialsCsv}). */
package org.automl4j.storage.csv;
