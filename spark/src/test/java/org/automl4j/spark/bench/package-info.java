/**
 * Benchmarks of {@link org.automl4j.spark.SparkTrials}: {@link org.automl4j.spark.bench.SparkSpeedup}
 * compares a {@code local[2]} Spark run with a sequential {@code Study.optimize} in the same JVM.
 */
package org.automl4j.spark.bench;
