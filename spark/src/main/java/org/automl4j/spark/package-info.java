/**
 * Runs a study's trials as Apache Spark jobs, in the manner of Hyperopt's {@code SparkTrials}: the
 * driver keeps the {@link org.automl4j.study.Study} (sampler, pruner, storage), draws each trial's
 * parameters from a declarative {@link org.automl4j.space.SearchSpace}, and sends one single-task
 * Spark job per trial to the cluster; the executors evaluate a serialisable
 * {@link org.automl4j.spark.SparkObjective} and send the value back.
 *
 * <pre>{@code
 * JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("spark://host:7077").setAppName("hpo"));
 * SparkTrials trials = SparkTrials.builder(sc).parallelism(8).trialTimeout(Duration.ofMinutes(10)).build();
 * SparkRunResult r = trials.optimize(study, space, trainingData,
 *         (params, data) -> crossValidatedLoss(data, params), OptimizeOptions.trials(200));
 * }</pre>
 *
 * <p>Entry point: {@link org.automl4j.spark.SparkTrials}. Spark lives only in this module; nothing
 * else in automl4j depends on it.
 */
package org.automl4j.spark;
