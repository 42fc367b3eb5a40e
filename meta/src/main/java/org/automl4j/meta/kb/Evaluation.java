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
 * @param origin   the known dataset whose own search found this pipeline (a candidate tuned there and then
 *                 scored on every dataset), or {@code ""} when it was not found by searching one dataset
 *                 (defaults, random candidates); leave-one-dataset-out drops a held-out dataset's pipelines
 *                 everywhere, since they carry knowledge of it
 */
public record Evaluation(Map<String, Object> pipeline, double score, double seconds, String origin) {

    public Evaluation {
        Objects.requireNonNull(pipeline, "pipeline");
        origin = origin == null ? "" : origin;
        if (!(pipeline.get("learner") instanceof String)) {
            throw new IllegalArgumentException("a knowledge-base pipeline must name its 'learner', but got " + pipeline);
        }
        pipeline = Collections.unmodifiableMap(new LinkedHashMap<>(pipeline));
    }

    /** An evaluation of a pipeline that no single dataset's search produced. */
    public Evaluation(Map<String, Object> pipeline, double score, double seconds) {
        this(pipeline, score, seconds, "");
    }

    /** Whether this pipeline was found by searching one of {@code datasets}. */
    public boolean foundOn(java.util.Collection<String> datasets) {
        return !origin.isEmpty() && datasets.contains(origin);
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
