package org.automl4j.sampler.ext;

import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.cmaes.CmaEsSampler;

/**
 * Factories for the samplers that need dense linear algebra: Gaussian-process Bayesian optimisation,
 * CMA-ES, and the automatic default sampler. Every sampler takes a seed.
 */
public final class ModelSamplers {
    private ModelSamplers() {
    }

    /** CMA-ES with IPOP restarts, margin correction for integers and warm start; categoricals go to TPE. */
    public static Sampler cmaEs(long seed) {
        return new CmaEsSampler(CmaEsSampler.Options.defaults().withSeed(seed));
    }

    /** CMA-ES with the given settings. */
    public static Sampler cmaEs(CmaEsSampler.Options options) {
        return new CmaEsSampler(options);
    }
}
