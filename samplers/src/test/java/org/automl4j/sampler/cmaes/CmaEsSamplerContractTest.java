package org.automl4j.sampler.cmaes;

import org.automl4j.sampler.Sampler;
import org.automl4j.testkit.SamplerContractTest;

/** The sampler contract for CMA-ES with its defaults (the categoricals and conditionals go to TPE). */
class CmaEsSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler create(long seed) {
        return new CmaEsSampler(CmaEsSampler.Options.defaults().withSeed(seed));
    }
}
