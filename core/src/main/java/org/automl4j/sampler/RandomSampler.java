package org.automl4j.sampler;

import java.util.SplittableRandom;
import org.automl4j.internal.ParamTransform;
import org.automl4j.internal.Rngs;
import org.automl4j.space.Distribution;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * Independent uniform sampling (log-uniform for log-scale parameters, equal mass per grid point for
 * ints and steps). Each draw comes from a stream derived from (seed, trial number, parameter name),
 * so results are reproducible even with several threads. Immutable and thread-safe.
 */
final class RandomSampler implements Sampler {

    private final long seed;

    RandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        return sample(Rngs.forTrial(seed, trial.number(), name), distribution);
    }

    /** A uniform draw from {@code d} as an internal value. */
    static double sample(SplittableRandom rng, Distribution d) {
        return ParamTransform.uniform(rng, d);
    }

    @Override
    public String describe() {
        return "RandomSampler(seed=" + seed + ")";
    }
}
