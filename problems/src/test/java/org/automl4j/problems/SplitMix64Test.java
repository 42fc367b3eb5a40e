package org.automl4j.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generator behind the multi-fidelity noise stream. */
class SplitMix64Test {

    @Test
    void nextDoubleIsTheTop53BitsScaledIntoTheUnitInterval() {
        SplitMix64 a = new SplitMix64(123);
        SplitMix64 b = new SplitMix64(123);
        for (int i = 0; i < 1000; i++) {
            double u = a.nextDouble();
            assertEquals((b.nextLong() >>> 11) / 9007199254740992.0, u, 0.0);
            assertTrue(u >= 0.0 && u < 1.0);
        }
    }

    @Test
    void nextGaussianHasRoughlyZeroMeanAndUnitVariance() {
        SplitMix64 rng = new SplitMix64(9);
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double g = rng.nextGaussian();
            sum += g;
            sq += g * g;
        }
        double mean = sum / n;
        assertEquals(0.0, mean, 0.01);
        assertEquals(1.0, sq / n - mean * mean, 0.02);
    }

    @Test
    void nextGaussianConsumesTwoUniforms() {
        SplitMix64 a = new SplitMix64(5);
        SplitMix64 b = new SplitMix64(5);
        double u1 = b.nextDouble();
        double u2 = b.nextDouble();
        assertEquals(Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2), a.nextGaussian(), 0.0);
        assertEquals(b.nextLong(), a.nextLong());
    }
}
