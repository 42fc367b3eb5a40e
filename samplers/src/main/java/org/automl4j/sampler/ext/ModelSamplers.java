package org.automl4j.sampler.ext;

/**
 * Factories for the samplers that need dense linear algebra: Gaussian-process Bayesian optimisation,
 * CMA-ES, and the automatic default sampler. Every sampler takes a seed.
 */
public final class ModelSamplers {
    private ModelSamplers() {
    }
}
