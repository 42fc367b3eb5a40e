/**
 * Reading tables from files: {@link org.automl4j.data.io.CsvReader} (Apache Commons CSV; separator
 * detection, missing-value markers, type inference and overrides, configured by
 * {@link org.automl4j.data.io.CsvOptions}) and {@link org.automl4j.data.io.ArffReader} (Weka ARFF).
 * Every problem is a {@link org.automl4j.data.io.DataFormatException} naming the file, line and column.
 */
package org.automl4j.data.io;
