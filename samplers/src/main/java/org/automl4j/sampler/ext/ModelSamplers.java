package org.automl4j.sampler.ext;

import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.sampler.auto.AutoSampler;
import org.automl4j.sampler.cmaes.CmaEsSampler;
import org.automl4j.sampler.gp.GpSampler;

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

    /** Gaussian-process BO (Matern-5/2 ARD, LogEI, constrained EI, kriging believer for parallel workers). */
    public static Sampler gp(long seed) {
        return new GpSampler(GpSampler.Options.defaults().withSeed(seed));
    }

    /** GP-BO with the given settings. */
    public static Sampler gp(GpSampler.Options options) {
        return new GpSampler(options);
    }

    /** The automatic sampler (see {@link AutoSampler} for the rule) with its defaults. */
    public static Sampler auto(long seed) {
        return auto(AutoSampler.Options.defaults(), seed);
    }

    /** The automatic sampler with the given switching rule. */
    public static Sampler auto(AutoSampler.Options options, long seed) {
        return new AutoSampler(options, gp(seed), cmaEs(seed), Samplers.smac(seed), Samplers.nsga2(seed));
    }
}
