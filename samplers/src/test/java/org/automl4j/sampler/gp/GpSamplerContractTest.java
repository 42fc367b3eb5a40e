package org.automl4j.sampler.gp;

import org.automl4j.sampler.Sampler;
import org.automl4j.testkit.SamplerContractTest;

class GpSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler create(long seed) {
        return new GpSampler(GpSampler.Options.defaults().withSeed(seed));
    }
}
