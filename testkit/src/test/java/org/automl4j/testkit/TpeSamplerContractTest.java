package org.automl4j.testkit;

import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;

class TpeSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler create(long seed) {
        return Samplers.tpe(seed);
    }
}
