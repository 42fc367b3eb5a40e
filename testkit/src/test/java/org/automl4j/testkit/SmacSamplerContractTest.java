package org.automl4j.testkit;

import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.smac.SmacSampler;

class SmacSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler create(long seed) {
        return new SmacSampler(SmacSampler.Options.defaults().withSeed(seed));
    }
}
