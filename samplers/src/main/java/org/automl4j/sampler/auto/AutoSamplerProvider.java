package org.automl4j.sampler.auto;

import org.automl4j.sampler.DefaultSamplerProvider;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.ext.ModelSamplers;

/**
 * Registers {@link AutoSampler} as the sampler a study gets when none is named (through
 * {@code META-INF/services/org.automl4j.sampler.DefaultSamplerProvider}). Stateless.
 */
public final class AutoSamplerProvider implements DefaultSamplerProvider {

    @Override
    public Sampler create(long seed) {
        return ModelSamplers.auto(seed);
    }
}
