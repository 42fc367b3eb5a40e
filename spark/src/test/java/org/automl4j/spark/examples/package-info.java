/**
 * Runnable examples of {@link org.automl4j.spark.SparkTrials}: {@link
 * org.automl4j.spark.examples.StandaloneExample} runs a small study against a standalone Spark
 * cluster (see {@code examples/spark-standalone.sh}, which starts one on 127.0.0.1).
 */
package org.automl4j.spark.examples;
