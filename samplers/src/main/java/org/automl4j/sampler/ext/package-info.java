/**
 * Factories for the samplers of the {@code samplers} module (Gaussian-process BO, CMA-ES and the
 * automatic default sampler): {@link org.automl4j.sampler.ext.ModelSamplers}.
 */
package org.automl4j.sampler.ext;
