package org.automl4j.testkit;

import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.sampler.tpe.TpeSampler;

class TpeConstantLiarSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler create(long seed) {
        return Samplers.tpe(TpeSampler.Options.builder().seed(seed).constantLiar(true).categoricalBandwidth(0.1).build());
    }
}
