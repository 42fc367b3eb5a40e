package org.automl4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.automl4j.sampler.Samplers;
import org.automl4j.space.FloatDistribution;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class ParamTransformTest {

    @Test
    void aRangeWiderThanTheLargestDoubleMapsOntoTheWholeUnitInterval() {
        // high - low overflows to infinity: every point used to map to high (and u = 0 to NaN)
        ParamTransform t = ParamTransform.of(FloatDistribution.of(-Double.MAX_VALUE, Double.MAX_VALUE));
        assertEquals(-Double.MAX_VALUE, t.denormalize(0));
        assertEquals(0.0, t.denormalize(0.5));
        assertEquals(Double.MAX_VALUE / 2, t.denormalize(0.75), Double.MAX_VALUE * 1e-15);
        assertEquals(Double.MAX_VALUE, t.denormalize(1));
        assertEquals(0.0, t.normalize(-Double.MAX_VALUE));
        assertEquals(0.5, t.normalize(0));
        assertEquals(1.0, t.normalize(Double.MAX_VALUE));
    }

    @Test
    void samplingARangeWiderThanTheLargestDoubleSpreadsOverIt() {
        Study study = Study.builder().sampler(Samplers.random(0)).build();
        study.optimize(t -> t.suggestFloat("x", -Double.MAX_VALUE, Double.MAX_VALUE) * 1e-308, 20);
        long negative = study.trials(TrialState.COMPLETE).stream().map(FrozenTrial::value).filter(v -> v < 0).count();
        assertEquals(20, study.trials(TrialState.COMPLETE).size());
        assertTrue(negative >= 3 && negative <= 17, "about half the draws are negative: " + negative);
    }

    @Test
    void ordinaryRangesMapAsBefore() {
        ParamTransform t = ParamTransform.of(FloatDistribution.of(-2, 6));
        assertEquals(0.0, t.denormalize(0.25));
        assertEquals(0.75, t.normalize(4));
    }
}
