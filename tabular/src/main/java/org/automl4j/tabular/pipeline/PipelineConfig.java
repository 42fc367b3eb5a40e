package org.automl4j.tabular.pipeline;

import java.util.Map;
import java.util.Objects;
import org.automl4j.tabular.preprocess.PreprocessSpec;

/**
 * One pipeline: preprocessing, class weighting and a learner with its hyperparameters.
 *
 * @param learner        the learner's name
 * @param learnerParams  its hyperparameters (bare names, as the learner declares them)
 * @param preprocess     the preprocessing steps
 * @param balanceClasses weight rows inversely to their class frequency
 */
public record PipelineConfig(String learner, Map<String, Object> learnerParams, PreprocessSpec preprocess,
        boolean balanceClasses) {

    public PipelineConfig {
        Objects.requireNonNull(learner, "learner");
        learnerParams = Map.copyOf(learnerParams);
        Objects.requireNonNull(preprocess, "preprocess");
    }

    /** A one-line description for leaderboards and logs. */
    public String describe() {
        PreprocessSpec p = preprocess;
        StringBuilder sb = new StringBuilder(learner).append(new java.util.TreeMap<>(learnerParams));
        sb.append(" | impute=").append(p.imputation().name().toLowerCase(java.util.Locale.ROOT));
        if (p.missingIndicators()) {
            sb.append("+ind");
        }
        sb.append(" enc=").append(p.encoding().name().toLowerCase(java.util.Locale.ROOT));
        if (p.scaling() != PreprocessSpec.Scaling.NONE) {
            sb.append(" scale=").append(p.scaling().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (p.selection() != PreprocessSpec.FeatureSelection.NONE) {
            sb.append(" select=").append(p.selection().name().toLowerCase(java.util.Locale.ROOT));
            if (p.selection() == PreprocessSpec.FeatureSelection.MUTUAL_INFORMATION
                    || p.selection() == PreprocessSpec.FeatureSelection.MODEL) {
                sb.append(String.format(java.util.Locale.ROOT, "(%.2f)", p.selectFraction()));
            }
        }
        if (balanceClasses) {
            sb.append(" balanced");
        }
        return sb.toString();
    }
}
