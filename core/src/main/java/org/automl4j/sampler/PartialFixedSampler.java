package org.automl4j.sampler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.automl4j.space.Distribution;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * Optuna's PartialFixedSampler: the named parameters always take their fixed values and every other parameter
 * comes from the wrapped sampler. A fixed parameter is left out of the wrapped sampler's joint search space, so
 * joint samplers (CMA-ES, GP) model the rest. Thread-safe when the wrapped sampler is.
 */
final class PartialFixedSampler implements Sampler {
    private final Map<String, Object> fixed;
    private final Sampler base;

    PartialFixedSampler(Map<String, ?> fixed, Sampler base) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(fixed, "fixed");
        if (base instanceof PartialFixedSampler) {
            throw new IllegalArgumentException("the sampler is already a partial-fixed sampler; pass all fixed"
                    + " parameters to one Samplers.partialFixed call");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        fixed.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("fixed parameter " + k + " = " + v + ": names and values must not be"
                        + " null; leave a parameter out of the map to let the sampler choose it");
            }
            copy.put(k, v);
        });
        this.fixed = java.util.Collections.unmodifiableMap(copy);
        this.base = base;
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        Map<String, Distribution> space = base.inferRelativeSearchSpace(study, trial);
        if (space.isEmpty() || fixed.keySet().stream().noneMatch(space::containsKey)) {
            return space;
        }
        Map<String, Distribution> rest = new LinkedHashMap<>(space);
        rest.keySet().removeAll(fixed.keySet());
        return rest;
    }

    @Override
    public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        return base.sampleRelative(study, trial, space);
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        if (!fixed.containsKey(name)) {
            return base.sampleIndependent(study, trial, name, distribution);
        }
        Object value = fixed.get(name);
        if (!distribution.contains(value)) {
            throw new IllegalArgumentException("fixed parameter '" + name + "' = " + value + " is not in its"
                    + " distribution " + distribution + "; fix it to a value the objective's suggestion allows, or"
                    + " widen the suggestion");
        }
        return distribution.toInternal(value);
    }

    @Override
    public void beforeTrial(StudyView study, FrozenTrial trial) {
        base.beforeTrial(study, trial);
    }

    @Override
    public void afterTrial(StudyView study, FrozenTrial trial) {
        base.afterTrial(study, trial);
    }

    @Override
    public boolean singleObjectiveOnly() {
        return base.singleObjectiveOnly();
    }

    @Override
    public boolean isExhausted(StudyView study) {
        return base.isExhausted(study);
    }

    @Override
    public String describe() {
        return "PartialFixed[" + fixed + ", " + base.describe() + "]";
    }
}
