package org.automl4j.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputTransformTest {

    @Test
    void standardisedOutputsHaveZeroMeanAndUnitVariance() {
        double[] y = {3, 5, 9, 1, 7};
        double[] t = OutputTransform.fit(y, false).apply(y);
        double mean = 0;
        double var = 0;
        for (double v : t) {
            mean += v / t.length;
        }
        for (double v : t) {
            var += (v - mean) * (v - mean) / t.length;
        }
        assertEquals(0, mean, 1e-12);
        assertEquals(1, var, 1e-12);
    }

    @Test
    void powerTransformKeepsTheOrderAndShrinksAHeavyRightTail() {
        double[] y = {0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 2.0, 5.0, 50.0, 1000.0};
        OutputTransform power = OutputTransform.fit(y, true);
        OutputTransform plain = OutputTransform.fit(y, false);
        double[] t = power.apply(y);
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] > t[i - 1], "increasing at " + i);
        }
        assertTrue(power.lambda() < 1, "a heavy right tail is compressed: lambda " + power.lambda());
        // The best values are further apart than after plain standardisation.
        assertTrue(t[1] - t[0] > plain.apply(y[1]) - plain.apply(y[0]));
    }

    @Test
    void constantOutputsDoNotDivideByZero() {
        double[] t = OutputTransform.fit(new double[] {2, 2, 2, 2}, true).apply(new double[] {2, 3});
        assertTrue(Double.isFinite(t[0]) && Double.isFinite(t[1]));
        assertTrue(t[1] > t[0]);
    }
}
