package org.automl4j.meta.kb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One pipeline evaluated on a known dataset.
 *
 * @param pipeline the pipeline as a point of the tabular pipeline space ({@code learner},
 *                 {@code <learner>.<param>}, {@code encoding}, ...)
 * @param score    its validation score in the dataset's metric; NaN when it failed or was stopped
 * @param seconds  its fit time over all folds, or NaN when unknown
 */
public record Evaluation(Map<String, Object> pipeline, double score, double seconds) {

    public Evaluation {
        Objects.requireNonNull(pipeline, "pipeline");
        if (!(pipeline.get("learner") instanceof String)) {
            throw new IllegalArgumentException("a knowledge-base pipeline must name its 'learner', but got " + pipeline);
        }
        pipeline = Collections.unmodifiableMap(new LinkedHashMap<>(pipeline));
    }

    /** The pipeline's learner. */
    public String learner() {
        return (String) pipeline.get("learner");
    }

    /** Whether the pipeline finished with a score. */
    public boolean scored() {
        return !Double.isNaN(score);
    }
}
