/**
 * The CASH search space: a choice of learner, each learner's hyperparameters active only when it is
 * chosen, and the preprocessing steps active only where they make sense
 * ({@link org.automl4j.tabular.pipeline.PipelineSpace}); one point of it decoded into a
 * {@link org.automl4j.tabular.pipeline.PipelineConfig}.
 */
package org.automl4j.tabular.pipeline;
