package org.automl4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalMathTest {

    @Test
    void cdfMatchesKnownValues() {
        assertEquals(0.5, NormalMath.cdf(0), 1e-7);
        assertEquals(0.8413447460685429, NormalMath.cdf(1), 1e-7);
        assertEquals(0.022750131948179195, NormalMath.cdf(-2), 1e-8);
    }

    @Test
    void logCdfDiffStaysAccurateDeepInTheTails() {
        // P(10 < Z < 11) = Q(10) - Q(11); log Q(10) = -53.23128515051247
        double expected = Math.log(7.619853024160527e-24 - 1.9106595744986828e-28);
        assertEquals(expected, NormalMath.logCdfDiff(10, 11), 1e-5);
        assertEquals(expected, NormalMath.logCdfDiff(-11, -10), 1e-5, "symmetric");
        double far = NormalMath.logCdfDiff(40, 41);
        assertTrue(far < -790 && far > -810, "no underflow to -infinity: " + far);
        assertEquals(Math.log(NormalMath.cdf(1) - NormalMath.cdf(-1)), NormalMath.logCdfDiff(-1, 1), 1e-9);
    }
}
