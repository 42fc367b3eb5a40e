package org.automl4j.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CurveSmootherTest {

    /** A loss curve 0.1 + 0.5 x^-0.7 over steps 1..n with Gaussian noise of sd {@code sd(x)}. */
    private static NavigableMap<Long, Double> curve(int n, SplittableRandom rng, java.util.function.LongToDoubleFunction sd) {
        NavigableMap<Long, Double> c = new TreeMap<>();
        for (long x = 1; x <= n; x++) {
            c.put(x, truth(x) + sd.applyAsDouble(x) * gaussian(rng));
        }
        return c;
    }

    private static double truth(long x) {
        return 0.1 + 0.5 * Math.pow(x, -0.7);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log1p(-rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double[] meanAbsErrors(java.util.function.LongToDoubleFunction sd) {
        SplittableRandom rng = new SplittableRandom(7);
        double raw = 0;
        double smoothed = 0;
        int runs = 60;
        for (int r = 0; r < runs; r++) {
            NavigableMap<Long, Double> c = curve(81, rng, sd);
            double last = c.lastEntry().getValue();
            raw += Math.abs(last - truth(81));
            smoothed += Math.abs(CurveSmoother.finalValue(c, last) - truth(81));
        }
        return new double[] {raw / runs, smoothed / runs};
    }

    @Test
    void aNoisyPowerLawCurveGivesAFinalValueAtLeastTwiceAsCloseToTheTruthAsTheLastReport() {
        double[] e = meanAbsErrors(x -> 0.01);
        assertTrue(e[1] < e[0] / 2, "smoothed error " + e[1] + " vs raw " + e[0]);
    }

    @Test
    void noiseShrinkingWithTheStepIsWeightedAndStillHalvesTheError() {
        double[] e = meanAbsErrors(x -> 0.03 / Math.sqrt(x));
        assertTrue(e[1] < e[0] / 2, "smoothed error " + e[1] + " vs raw " + e[0]);
    }

    @Test
    void shortCurvesAndValuesThatAreNotTheLastReportStayRaw() {
        NavigableMap<Long, Double> shortCurve = curve(7, new SplittableRandom(1), x -> 0.01);
        double last = shortCurve.lastEntry().getValue();
        assertEquals(last, CurveSmoother.finalValue(shortCurve, last));
        NavigableMap<Long, Double> full = curve(81, new SplittableRandom(2), x -> 0.01);
        assertEquals(0.123, CurveSmoother.finalValue(full, 0.123), "a value other than the last report is kept");
        assertEquals(0.5, CurveSmoother.finalValue(new TreeMap<>(), 0.5), "no curve");
    }

    @Test
    void aCurveThatRisesAgainAtTheEndIsNotSmoothedAway() {
        // Validation loss that overfits: falls, then climbs linearly over the last 30 steps.
        NavigableMap<Long, Double> c = new TreeMap<>();
        SplittableRandom rng = new SplittableRandom(3);
        for (long x = 1; x <= 81; x++) {
            double v = truth(x) + (x > 50 ? 0.004 * (x - 50) : 0) + 0.002 * gaussian(rng);
            c.put(x, v);
        }
        double last = c.lastEntry().getValue();
        assertEquals(last, CurveSmoother.finalValue(c, last), "the power law does not describe this curve's end");
    }

    @Test
    void theSameCurveAlwaysGivesTheSameValue() {
        NavigableMap<Long, Double> c = curve(40, new SplittableRandom(4), x -> 0.02);
        double last = c.lastEntry().getValue();
        assertEquals(CurveSmoother.finalValue(c, last), CurveSmoother.finalValue(new TreeMap<>(c), last));
    }
}
