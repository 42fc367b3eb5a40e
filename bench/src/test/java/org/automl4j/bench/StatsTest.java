package org.automl4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void kendallTauIsOneForTheSameOrderMinusOneReversedAndTauBWithTies() {
        double[] a = {1, 2, 3, 4, 5};
        assertEquals(1, Stats.kendallTau(a, new double[] {10, 20, 30, 40, 50}), 1e-12);
        assertEquals(-1, Stats.kendallTau(a, new double[] {5, 4, 3, 2, 1}), 1e-12);
        // one discordant pair of ten: (9 - 1) / 10
        assertEquals(0.8, Stats.kendallTau(a, new double[] {1, 2, 3, 5, 4}), 1e-12);
        // scipy.stats.kendalltau([1, 2, 2, 3], [1, 2, 3, 4]) = 0.9128709291752769 (tau-b)
        assertEquals(0.9128709291752769, Stats.kendallTau(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4}), 1e-12);
        assertTrue(Double.isNaN(Stats.kendallTau(new double[] {1, 1}, new double[] {1, 2})));
    }
}
