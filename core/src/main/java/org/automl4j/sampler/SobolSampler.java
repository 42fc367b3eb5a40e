package org.automl4j.sampler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.automl4j.internal.ParamTransform;
import org.automl4j.internal.Rngs;
import org.automl4j.internal.SobolSequence;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * Quasi-random sampling from a scrambled Sobol sequence: trial {@code n} takes point {@code n} of the
 * sequence, and each parameter name gets its own dimension in the order names first appear, so
 * define-by-run and conditional spaces work. Coordinates map to values as in {@link RandomSampler}
 * (log space for log scale, equal mass per int or grid value, equal share per category). Beyond
 * {@value #MAX_DIMENSIONS} distinct parameters, further ones are sampled at random.
 *
 * <p>Deterministic for a seed when trials run sequentially (the name-to-dimension order depends on
 * which trial first suggests a name). Thread-safe.
 */
final class SobolSampler implements Sampler {

    static final int MAX_DIMENSIONS = 1000;

    private final long seed;
    private final boolean scramble;
    private final SobolSequence sequence;
    private final Map<String, Integer> dimensions = new ConcurrentHashMap<>();

    SobolSampler(long seed, boolean scramble) {
        this.seed = seed;
        this.scramble = scramble;
        this.sequence = new SobolSequence(MAX_DIMENSIONS, seed, scramble);
    }

    private int dimensionOf(String name) {
        synchronized (dimensions) {
            return dimensions.computeIfAbsent(name, k -> dimensions.size());
        }
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        int dim = dimensionOf(name);
        if (dim >= MAX_DIMENSIONS) {
            return RandomSampler.sample(Rngs.forTrial(seed, trial.number(), name), distribution);
        }
        double u = sequence.value(trial.number(), dim);
        if (distribution instanceof CategoricalDistribution c) {
            return Math.min(c.size() - 1, (int) Math.floor(u * c.size()));
        }
        return ParamTransform.of(distribution).denormalize(u);
    }

    @Override
    public String describe() {
        return "SobolSampler(seed=" + seed + ", scramble=" + scramble + ")";
    }
}
