package org.automl4j.meta.kb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.data.Task;
import org.automl4j.meta.features.MetaFeatureVector;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StudyRecord;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * A knowledge base kept in a study storage: per dataset a study {@code kb/<name>} whose user
 * attributes hold {@code meta_features} (name to number, null for NaN), {@code task},
 * {@code metric} and, for a derived dataset, {@code derived_from}, with one finished trial per evaluated pipeline (user attribute {@code pipeline}: the
 * point of the pipeline space; {@code fit_seconds}; {@code origin} when set; value: the validation score, none when it failed).
 * {@code ./automl4j meta build} writes it, {@code fit --kb-record} adds to it, {@code fit --kb} reads it.
 */
public final class KnowledgeBaseStore {

    /** Prefix of the knowledge base's studies, one per dataset. */
    public static final String STUDY_PREFIX = "kb/";

    private KnowledgeBaseStore() {
    }

    /**
     * Every {@code kb/} study of {@code storage} as a knowledge base (studies without meta-features are skipped).
     *
     * @throws IllegalArgumentException naming the study whose task attribute is not a task
     */
    public static KnowledgeBase read(Storage storage) {
        List<DatasetEntry> out = new ArrayList<>();
        for (StudyRecord r : storage.studies()) {
            if (!r.name().startsWith(STUDY_PREFIX) || !(r.userAttrs().get("meta_features") instanceof Map<?, ?> mf)) {
                continue;
            }
            Map<String, Double> features = new LinkedHashMap<>();
            mf.forEach((k, v) -> features.put(String.valueOf(k), v instanceof Number n ? n.doubleValue() : Double.NaN));
            String taskName = String.valueOf(r.userAttrs().getOrDefault("task", "BINARY"));
            Task task;
            try {
                task = Task.valueOf(taskName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("knowledge-base study '" + r.name() + "' has task '" + taskName
                        + "'; expected BINARY, MULTICLASS or REGRESSION (set its user attribute task, or delete the study)");
            }
            String metric = String.valueOf(r.userAttrs().getOrDefault("metric", "?"));
            boolean greater = r.directions().get(0) == Direction.MAXIMIZE;
            List<Evaluation> evals = new ArrayList<>();
            for (FrozenTrial t : storage.trials(r.name())) {
                if (!t.state().isFinished() || !(t.userAttrs().get("pipeline") instanceof Map<?, ?> p)) {
                    continue;
                }
                Map<String, Object> pipeline = new LinkedHashMap<>();
                p.forEach((k, v) -> pipeline.put(String.valueOf(k), v));
                if (!(pipeline.get("learner") instanceof String)) {
                    continue;
                }
                double score = t.state() == TrialState.COMPLETE ? t.value() : Double.NaN;
                double seconds = t.userAttrs().get("fit_seconds") instanceof Number n ? n.doubleValue() : Double.NaN;
                evals.add(new Evaluation(pipeline, score, seconds,
                        t.userAttrs().get("origin") instanceof String o ? o : ""));
            }
            out.add(new DatasetEntry(r.name().substring(STUDY_PREFIX.length()), task, metric, greater,
                    new MetaFeatureVector(features), evals,
                    r.userAttrs().get("derived_from") instanceof String from ? from : ""));
        }
        return new KnowledgeBase(out);
    }

    /**
     * Stores {@code entry} as study {@code kb/<name>}; when that study exists, as {@code kb/<name>-2},
     * {@code -3}, ... (a dataset known twice keeps both records). The study, its attributes and its trials are
     * written with {@link Storage#importStudy}, all or nothing: a process killed while writing (in a
     * transactional storage) or a failed write leaves no half-written entry that readers would take as known.
     *
     * @return the study's name
     */
    public static String write(Storage storage, DatasetEntry entry) {
        String name = STUDY_PREFIX + entry.name();
        for (int k = 2; storage.findStudy(name).isPresent(); k++) {
            name = STUDY_PREFIX + entry.name() + "-" + k;
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        Map<String, Object> features = new LinkedHashMap<>();
        entry.metaFeatures().values().forEach((k, v) -> features.put(k, Double.isFinite(v) ? v : null));
        attrs.put("meta_features", features);
        attrs.put("task", entry.task().name());
        attrs.put("metric", entry.metric());
        if (entry.derived()) {
            attrs.put("derived_from", entry.derivedFrom());
        }
        List<FrozenTrial> trials = new ArrayList<>();
        for (Evaluation e : entry.evaluations()) {
            FrozenTrial.Builder b = FrozenTrial.builder().userAttr("pipeline", new LinkedHashMap<>(e.pipeline()))
                    .userAttr("learner", e.learner());
            if (!Double.isNaN(e.seconds())) {
                b.userAttr("fit_seconds", e.seconds());
            }
            if (!e.origin().isEmpty()) {
                b.userAttr("origin", e.origin());
            }
            trials.add(e.scored() ? b.state(TrialState.COMPLETE).values(e.score()).build()
                    : b.state(TrialState.FAIL).build());
        }
        storage.importStudy(new StudyRecord(name,
                List.of(entry.greaterIsBetter() ? Direction.MAXIMIZE : Direction.MINIMIZE), attrs, Instant.now()), trials);
        return name;
    }
}
