package org.automl4j.meta.portfolio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioTest {

    @Test
    void greedyPicksTheGeneralistThenTheSpecialistItLacks() {
        // candidates: 0 good everywhere but never best, 1 best on d0 and d1, 2 best on d2 only, 3 bad
        double[][] scores = {
            {0.8, 0.9, 0.5, 0.1},
            {0.8, 0.9, 0.5, 0.1},
            {0.8, 0.2, 0.9, 0.1},
        };
        // regrets: d0/d1: (0.125, 0, 0.5, 1); d2: (0.125, 0.875, 0, 1)
        // step 1: mean regret 0: 0.125, 1: 0.2917, 2: 0.333 -> 0
        // step 2: with 0 + 1: (0, 0, 0.125) mean 0.0417; 0 + 2: (0.125, 0.125, 0) 0.0833 -> 1
        assertEquals(List.of(0, 1, 2), Portfolio.greedy(scores, 3));
        assertEquals(List.of(0), Portfolio.greedy(scores, 1));
    }

    @Test
    void regretsAreNormalisedPerDatasetAndMissingScoresCountAsWorst() {
        double[][] r = Portfolio.regrets(new double[][] {{1, 3, Double.NaN}, {2, 2, 2}});
        assertArrayEquals(new double[] {1, 0, 1}, r[0], 1e-12);
        assertArrayEquals(new double[] {0, 0, 0}, r[1], 1e-12);
    }

    @Test
    void aDatasetWithFewerScoresThanCandidatesIsRefusedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Portfolio.greedy(new double[][] {{0.9, 0.5, 0.7}, {0.8, 0.6}}, 2));
        assertTrue(e.getMessage().contains("dataset 1 has 2"), e.getMessage());
    }

    @Test
    void anInfiniteScoreCountsAsWorstOrBestWithoutFlatteningTheOtherCandidatesRegrets() {
        double[][] r = Portfolio.regrets(new double[][] {{0.5, 0.9, Double.NEGATIVE_INFINITY},
            {0.5, Double.POSITIVE_INFINITY, 0.7}});
        assertArrayEquals(new double[] {1, 0, 1}, r[0], 1e-12);
        assertArrayEquals(new double[] {1, 0, 0}, r[1], 1e-12);
        assertEquals(List.of(1, 0), Portfolio.greedy(new double[][] {{0.5, 0.9, Double.NEGATIVE_INFINITY}}, 2));
        assertEquals(List.of(1, 0, 2), Portfolio.greedy(new double[][] {{0.5, Double.POSITIVE_INFINITY, 0.7},
            {Double.POSITIVE_INFINITY, 0.2, 0.1}}, 3));
    }
}
