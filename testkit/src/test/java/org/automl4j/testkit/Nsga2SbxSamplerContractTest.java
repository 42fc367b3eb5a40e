package org.automl4j.testkit;

import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.nsga2.Nsga2Sampler;

/** NSGA-II with Deb's settings (SBX, narrow polynomial mutation) on the contract suite. */
class Nsga2SbxSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler create(long seed) {
        return new Nsga2Sampler(Nsga2Sampler.Options.debDefaults().toBuilder().seed(seed).populationSize(20).build());
    }
}
