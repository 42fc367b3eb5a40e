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
    void aSteppedFloatWithMoreThanTwoToThe63GridPointsIsSampledAcrossItsRange() {
        // Guards the grid index against a cast to long (which saturates at 2^63 - 1, about 9.2e18 points).
        ParamTransform t = ParamTransform.of(FloatDistribution.stepped(0, 1e30, 1));
        assertEquals(5e29, t.denormalize(0.5), 1e24);
        assertEquals(1e30, t.denormalize(1), 0);
    }

    @Test
    void steppedFloatGridPointsAreTheDecimalsOfLowAndStep() {
        // Before: 3 steps of 0.1 gave 0.30000000000000004 and 7 gave 0.7000000000000001, so a sampled value
        // was not equal to the 0.3 a user wrote (or enqueued).
        ParamTransform t = ParamTransform.of(FloatDistribution.stepped(0, 1, 0.1));
        for (int k = 0; k <= 10; k++) {
            assertEquals(k == 10 ? 1.0 : Double.parseDouble("0." + k), t.gridValue(k),
                    "k=" + k);
        }
        for (int k = 0; k <= 10; k++) {
            double u = (k + 0.5) / 11;
            assertEquals(k == 10 ? 1.0 : Double.parseDouble("0." + k), t.denormalize(u), "u=" + u);
        }
        ParamTransform u = ParamTransform.of(FloatDistribution.stepped(0.05, 0.95, 0.15));
        assertEquals(0.35, u.gridValue(2));
        assertEquals(0.95, u.gridValue(6));
        Study s = Study.builder().sampler(Samplers.gridOf(java.util.Map.of("x", FloatDistribution.stepped(0.1, 0.7,
                0.2)), 1)).build();
        s.optimize(tr -> tr.suggestFloat("x", 0.1, 0.7, 0.2), 4);
        java.util.Set<Object> seen = new java.util.HashSet<>();
        s.trials().forEach(tr -> seen.add(tr.params().get("x")));
        assertEquals(java.util.Set.of(0.1, 0.3, 0.5, 0.7), seen);
        // too many decimals to round to: the plain grid point, still inside the distribution
        FloatDistribution fine = FloatDistribution.stepped(1e-20, 1e-20 + 1e-19, 1e-20);
        assertTrue(fine.containsInternal(ParamTransform.of(fine).gridValue(3)));
    }

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
