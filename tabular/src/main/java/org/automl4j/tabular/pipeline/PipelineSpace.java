package org.automl4j.tabular.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.data.Task;
import org.automl4j.learners.Learner;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Condition;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.automl4j.tabular.preprocess.PreprocessSpec;
import org.automl4j.tabular.preprocess.PreprocessSpec.Encoding;
import org.automl4j.tabular.preprocess.PreprocessSpec.FeatureSelection;
import org.automl4j.tabular.preprocess.PreprocessSpec.Imputation;
import org.automl4j.tabular.preprocess.PreprocessSpec.Scaling;

/**
 * The conditional CASH space over some learners for one dataset: parameter {@code learner} picks the
 * learner; its hyperparameters are named {@code <learner>.<name>} and active only when it is picked;
 * {@code scaling} is active only for learners that need scaled inputs; {@code impute} and
 * {@code indicators} exist only when the data has missing values ({@code impute=none} is read as median
 * for learners that cannot handle missing values); {@code encoding} only when it has categorical
 * columns, {@code rare_min} only with one-hot; {@code select_fraction} only with mutual-information
 * or model-based selection; {@code class_weight} only for classification.
 */
public final class PipelineSpace {

    private final List<Learner> learners;
    private final Task task;
    private final boolean anyMissing;
    private final boolean anyCategorical;
    private final SearchSpace space;

    /** The space over {@code learners} (at least one) for data with the given properties. */
    public PipelineSpace(List<Learner> learners, Task task, boolean anyMissing, boolean anyCategorical) {
        if (learners.isEmpty()) {
            throw new IllegalArgumentException("the pipeline space needs at least one learner for " + task);
        }
        this.learners = List.copyOf(learners);
        this.task = task;
        this.anyMissing = anyMissing;
        this.anyCategorical = anyCategorical;
        this.space = build();
    }

    /** The search space. */
    public SearchSpace searchSpace() {
        return space;
    }

    /** The task the space is for. */
    public Task task() {
        return task;
    }

    /** The learners, in the order their defaults are tried. */
    public List<Learner> learners() {
        return learners;
    }

    private SearchSpace build() {
        SearchSpace.Builder b = SearchSpace.builder();
        List<Object> names = new ArrayList<>();
        learners.forEach(l -> names.add(l.name()));
        b.add("learner", CategoricalDistribution.of(names));
        List<Object> scaled = new ArrayList<>();
        for (Learner l : learners) {
            SearchSpace own = l.searchSpace(task);
            for (Map.Entry<String, Distribution> e : own.parameters().entrySet()) {
                String name = l.name() + "." + e.getKey();
                b.add(name, e.getValue());
                java.util.Optional<Condition> c = own.conditionOf(e.getKey());
                if (c.isPresent()) {
                    b.condition(new Condition(name, l.name() + "." + c.get().parent(), c.get().values()));
                } else {
                    b.condition(name, "learner", l.name());
                }
            }
            if (l.capabilities().needsScaling()) {
                scaled.add(l.name());
            }
        }
        if (anyMissing) {
            b.add("impute", CategoricalDistribution.of("median", "mean", "most_frequent", "none"));
            b.add("indicators", CategoricalDistribution.of(true, false));
        }
        if (anyCategorical) {
            b.add("encoding", CategoricalDistribution.of("onehot", "ordinal", "target"));
            b.add("rare_min", IntDistribution.logScale(1, 30));
            b.condition("rare_min", "encoding", "onehot");
        }
        if (!scaled.isEmpty()) {
            b.add("scaling", CategoricalDistribution.of("standard", "robust", "minmax", "none"));
            b.condition(new Condition("scaling", "learner", scaled));
        }
        b.add("selection", CategoricalDistribution.of("none", "variance", "mutual_info", "model"));
        b.add("select_fraction", FloatDistribution.of(0.1, 1.0));
        b.condition("select_fraction", "selection", "mutual_info", "model");
        if (task.isClassification()) {
            b.add("class_weight", CategoricalDistribution.of("none", "balanced"));
        }
        return b.build();
    }

    /** The learner named {@code name}. */
    public Learner learner(String name) {
        for (Learner l : learners) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no learner '" + name + "' in this space; it has "
                + learners.stream().map(Learner::name).toList());
    }

    /**
     * {@code point} checked against this space: it names a learner of the space, and every parameter it
     * gives exists here with a value inside its distribution.
     *
     * @throws IllegalArgumentException naming the offending parameter
     */
    public Map<String, Object> checkPoint(Map<String, Object> point) {
        Object l = point.get("learner");
        if (!(l instanceof String name) || learners.stream().noneMatch(x -> x.name().equals(name))) {
            throw new IllegalArgumentException("warm-start pipeline " + point + " must name one of the learners "
                    + learners.stream().map(Learner::name).toList() + " as 'learner'");
        }
        for (Map.Entry<String, Object> e : point.entrySet()) {
            Distribution d = space.parameters().get(e.getKey());
            if (d == null) {
                throw new IllegalArgumentException("warm-start pipeline parameter '" + e.getKey() + "' is not in this"
                        + " search space (for this data and task)");
            }
            if (!d.contains(e.getValue())) {
                throw new IllegalArgumentException("warm-start pipeline parameter '" + e.getKey() + "' = " + e.getValue()
                        + " is outside " + d);
            }
        }
        return point;
    }

    /**
     * {@code point} made a complete point of this space, for pipelines found elsewhere (another dataset's
     * knowledge, another version's space): parameters this space lacks or leaves inactive are dropped,
     * values are converted to the distribution's own type, and active parameters the point lacks or
     * gives outside their range take the learner's default pipeline's value ({@link #defaultPoint}).
     *
     * @return empty when the point names no learner of this space
     */
    public java.util.Optional<Map<String, Object>> project(Map<String, ?> point, boolean balanced) {
        Object l = point.get("learner");
        Learner learner = null;
        for (Learner x : learners) {
            if (x.name().equals(l)) {
                learner = x;
            }
        }
        if (learner == null) {
            return java.util.Optional.empty();
        }
        Map<String, Object> defaults = defaultPoint(learner, balanced);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Distribution> e : space.parameters().entrySet()) {
            String name = e.getKey();
            if (!space.isActive(name, out)) {
                continue;
            }
            Object v = canonical(e.getValue(), point.get(name));
            if (v == null) {
                v = canonical(e.getValue(), defaults.get(name));
            }
            if (v == null) { // a parameter the default pipeline leaves to the sampler: its range's middle
                Distribution d = e.getValue();
                v = d instanceof CategoricalDistribution c ? c.choices().get(0)
                        : d.toExternal(org.automl4j.internal.ParamTransform.of(d).denormalize(0.5));
            }
            out.put(name, v);
        }
        return java.util.Optional.of(out);
    }

    /** {@code v} as {@code d}'s own value (e.g. an Integer for an int parameter read back as a Long), or null if outside. */
    static Object canonical(Distribution d, Object v) {
        if (v == null || !d.contains(v)) {
            return null;
        }
        return d.toExternal(d.toInternal(v));
    }

    /**
     * {@code n} points drawn uniformly at random from this space (categorical choices uniform, numbers
     * uniform on their own scale, log or linear), only active parameters; deterministic for a seed.
     */
    public List<Map<String, Object>> randomPoints(int n, long seed) {
        org.automl4j.study.Study study = org.automl4j.study.Study.builder().name("random-points")
                .direction(org.automl4j.study.Direction.MINIMIZE).sampler(org.automl4j.sampler.Samplers.random(seed))
                .build();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            org.automl4j.trial.Trial t = study.ask();
            out.add(new LinkedHashMap<>(space.suggest(t)));
            study.tell(t, 0.0);
        }
        return out;
    }

    /** Decodes a point of the space (the trial's parameters) into a pipeline. */
    public PipelineConfig decode(Map<String, Object> params) {
        String name = (String) params.get("learner");
        Learner l = learner(name);
        Map<String, Object> lp = new LinkedHashMap<>();
        String prefix = name + ".";
        params.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                lp.put(k.substring(prefix.length()), v);
            }
        });
        Imputation imp = switch ((String) params.getOrDefault("impute", "median")) {
            case "mean" -> Imputation.MEAN;
            case "most_frequent" -> Imputation.MOST_FREQUENT;
            case "none" -> l.capabilities().handlesMissing() ? Imputation.NONE : Imputation.MEDIAN;
            default -> Imputation.MEDIAN;
        };
        boolean indicators = Boolean.TRUE.equals(params.getOrDefault("indicators", Boolean.FALSE));
        Encoding enc = switch ((String) params.getOrDefault("encoding", "onehot")) {
            case "ordinal" -> Encoding.ORDINAL;
            case "target" -> Encoding.TARGET;
            default -> Encoding.ONE_HOT;
        };
        int rare = ((Number) params.getOrDefault("rare_min", 3)).intValue();
        Scaling scaling = switch ((String) params.getOrDefault("scaling", "none")) {
            case "standard" -> Scaling.STANDARD;
            case "robust" -> Scaling.ROBUST;
            case "minmax" -> Scaling.MIN_MAX;
            default -> Scaling.NONE;
        };
        FeatureSelection sel = switch ((String) params.getOrDefault("selection", "none")) {
            case "variance" -> FeatureSelection.VARIANCE;
            case "mutual_info" -> FeatureSelection.MUTUAL_INFORMATION;
            case "model" -> FeatureSelection.MODEL;
            default -> FeatureSelection.NONE;
        };
        double fraction = sel == FeatureSelection.MUTUAL_INFORMATION || sel == FeatureSelection.MODEL
                ? ((Number) params.getOrDefault("select_fraction", 1.0)).doubleValue() : 1.0;
        PreprocessSpec spec = new PreprocessSpec(imp, indicators, enc, rare, scaling, sel, fraction);
        return new PipelineConfig(name, lp, spec, "balanced".equals(params.get("class_weight")));
    }

    /**
     * The parameters of learner {@code l}'s default pipeline (its default hyperparameters, median
     * imputation with indicators, one-hot encoding, standard scaling where needed, all features), to
     * enqueue before the search starts.
     */
    public Map<String, Object> defaultPoint(Learner l) {
        return defaultPoint(l, false);
    }

    /**
     * As {@link #defaultPoint(Learner)}, with class weighting on when {@code balanced} (for metrics such as
     * balanced accuracy, which weigh every class equally).
     */
    public Map<String, Object> defaultPoint(Learner l, boolean balanced) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("learner", l.name());
        Map<String, Object> defaults = l.defaults(task);
        SearchSpace own = l.searchSpace(task);
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
            if (own.parameters().containsKey(e.getKey())) {
                p.put(l.name() + "." + e.getKey(), e.getValue());
            }
        }
        if (anyMissing) {
            p.put("impute", l.capabilities().handlesMissing() ? "none" : "median");
            p.put("indicators", !l.capabilities().handlesMissing());
        }
        if (anyCategorical) {
            p.put("encoding", "onehot");
            p.put("rare_min", 3);
        }
        if (l.capabilities().needsScaling()) {
            p.put("scaling", "standard");
        }
        p.put("selection", "none");
        if (task.isClassification()) {
            p.put("class_weight", balanced ? "balanced" : "none");
        }
        return p;
    }
}
