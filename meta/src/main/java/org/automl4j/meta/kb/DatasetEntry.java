package org.automl4j.meta.kb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.automl4j.data.Task;
import org.automl4j.meta.features.MetaFeatureVector;

/**
 * What the knowledge base knows about one dataset: its meta-features and the pipelines evaluated on
 * it with their scores.
 *
 * @param name            the dataset's name (unique within a knowledge base)
 * @param task            its task
 * @param metric          the metric of the scores (e.g. {@code balanced_accuracy}, {@code rmse})
 * @param greaterIsBetter whether higher scores are better
 * @param metaFeatures    its meta-features
 * @param evaluations     the pipelines evaluated on it
 * @param derivedFrom     the known dataset this one was derived from (a subsample of its rows and columns, see
 *                        {@link DatasetVariants}), or {@code ""} for a dataset of its own; leave-one-dataset-out
 *                        drops a held-out dataset's derived entries with it, since they carry knowledge of it
 */
public record DatasetEntry(String name, Task task, String metric, boolean greaterIsBetter,
        MetaFeatureVector metaFeatures, List<Evaluation> evaluations, String derivedFrom) {

    public DatasetEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(metaFeatures, "metaFeatures");
        evaluations = List.copyOf(evaluations);
        derivedFrom = derivedFrom == null ? "" : derivedFrom;
        if (derivedFrom.equals(name)) {
            throw new IllegalArgumentException("dataset '" + name + "' cannot be derived from itself");
        }
    }

    /** A dataset of its own (not derived from another). */
    public DatasetEntry(String name, Task task, String metric, boolean greaterIsBetter,
            MetaFeatureVector metaFeatures, List<Evaluation> evaluations) {
        this(name, task, metric, greaterIsBetter, metaFeatures, evaluations, "");
    }

    /** Whether this entry is one of {@code sources} or was derived from one of them. */
    public boolean isOrDerivesFrom(java.util.Collection<String> sources) {
        return sources.contains(name) || (!derivedFrom.isEmpty() && sources.contains(derivedFrom));
    }

    /** Whether this entry was derived from another dataset. */
    public boolean derived() {
        return !derivedFrom.isEmpty();
    }

    /** The scored evaluations, best first (ties keep their order). */
    public List<Evaluation> ranked() {
        List<Evaluation> out = new ArrayList<>(evaluations.stream().filter(Evaluation::scored).toList());
        Comparator<Evaluation> c = Comparator.comparingDouble(Evaluation::score);
        out.sort(greaterIsBetter ? c.reversed() : c);
        return out;
    }

    /**
     * {@code score} as a normalised quality in [0, 1] on this dataset: 1 for its best evaluation, 0 for its
     * median evaluation or worse, linear in between (NaN scores map to 0). Measured against the median
     * rather than the worst, so that a few broken pipelines do not squeeze every reasonable one close to
     * 1: what matters for choosing pipelines is how close to the best they come.
     */
    public double quality(double score) {
        List<Evaluation> r = ranked();
        if (Double.isNaN(score) || r.isEmpty()) {
            return 0;
        }
        double best = r.get(0).score();
        double median = r.get(r.size() / 2).score();
        double sign = greaterIsBetter ? 1 : -1;
        if (sign * (best - median) <= 0) {
            return sign * (score - best) >= 0 ? 1 : 0;
        }
        double q = (score - median) / (best - median);
        return Math.max(0, Math.min(1, q));
    }
}
