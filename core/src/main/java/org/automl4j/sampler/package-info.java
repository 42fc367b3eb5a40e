/**
 * Samplers choose parameter values from the history: {@link org.automl4j.sampler.Sampler}, its
 * implementations behind the {@link org.automl4j.sampler.Samplers} factories, and the TPE
 * sub-package.
 */
package org.automl4j.sampler;
