package org.automl4j.testkit;

import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.nsga2.Nsga2Sampler;

/**
 * NSGA-II on the single-objective contract suite, with a population of 20 so that the 80- and
 * 120-trial runs go through several bred generations (the first generation is random).
 */
class Nsga2SamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler create(long seed) {
        return new Nsga2Sampler(Nsga2Sampler.Options.builder().seed(seed).populationSize(20).build());
    }
}
