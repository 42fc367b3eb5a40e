package org.automl4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.automl4j.sampler.tpe.TpeSampler;
import org.junit.jupiter.api.Test;

class HpoBenchmarkTest {

    @Test
    void seedRangesParse() {
        assertArrayEquals(new long[] {0, 9}, HpoBenchmark.parseSeeds("0-9"));
        assertArrayEquals(new long[] {3, 3}, HpoBenchmark.parseSeeds("3"));
        assertThrows(IllegalArgumentException.class, () -> HpoBenchmark.parseSeeds("9-0"));
        assertThrows(IllegalArgumentException.class, () -> HpoBenchmark.parseSeeds("a-b"));
    }

    @Test
    void timingWindowsFollowTheFormat() {
        List<int[]> w = HpoBenchmark.windows(200);
        assertEquals(3, w.size());
        assertArrayEquals(new int[] {151, 200}, w.get(2));
        List<int[]> long1000 = HpoBenchmark.windows(1000);
        assertArrayEquals(new int[] {901, 1000}, long1000.get(long1000.size() - 1));
    }

    @Test
    void quantilesMatchNumpyLinearInterpolation() {
        double[] v = {5, 1, 3, 2, 4};
        assertEquals(3, Stats.median(v));
        assertEquals(2, Stats.quantile(v, 0.25));
        assertEquals(2.5, Stats.median(new double[] {1, 2, 3, 4}));
    }

    @Test
    void tpeSettingsParseFromTheCommandLine() {
        TpeSampler.Options o = SamplerSpecs.tpeOptions("ei=48;mv=false;weights=uniform;bwf=0.1");
        assertEquals(48, o.nEiCandidates());
        assertEquals(false, o.multivariate());
        assertEquals(TpeSampler.Weighting.UNIFORM, o.weighting());
        assertEquals(0.1, o.bandwidthFactor());
        assertThrows(IllegalArgumentException.class, () -> SamplerSpecs.create("annealing", 0));
    }

    @Test
    void aRunRecordsOneBestSoFarAndTimingPerTrial() {
        HpoBenchmark.Run r = HpoBenchmark.run("branin", "random", 0, 30);
        assertEquals(30, r.bestSoFar().length);
        assertEquals(30, r.samplerMs().length);
        for (int i = 1; i < 30; i++) {
            assertTrue(r.bestSoFar()[i] <= r.bestSoFar()[i - 1]);
        }
        assertEquals(r.bestSoFar()[29] - 0.39788735772973816, r.finalRegret(), 1e-12);
    }
}
