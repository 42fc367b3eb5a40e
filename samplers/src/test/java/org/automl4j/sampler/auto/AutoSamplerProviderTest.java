package org.automl4j.sampler.auto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.automl4j.study.Study;
import org.junit.jupiter.api.Test;

class AutoSamplerProviderTest {

    @Test
    void studyWithoutANamedSamplerGetsTheAutomaticOne() {
        Study study = Study.builder().build();
        assertTrue(study.sampler() instanceof AutoSampler, study.sampler().describe());
        study.optimize(t -> Math.pow(t.suggestFloat("x", -2, 2) - 1, 2), 12);
        assertTrue(study.bestValue() < 0.05, "GP finds the minimum of a 1-D quadratic: " + study.bestValue());
    }
}
