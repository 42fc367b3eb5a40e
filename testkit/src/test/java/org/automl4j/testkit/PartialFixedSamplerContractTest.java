package org.automl4j.testkit;

import java.util.Map;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;

/** TPE with the contract objective's conditional {@code b_k} held at 2: the wrapper keeps every contract. */
class PartialFixedSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler create(long seed) {
        return Samplers.partialFixed(Map.of("b_k", 2), Samplers.tpe(seed));
    }
}
