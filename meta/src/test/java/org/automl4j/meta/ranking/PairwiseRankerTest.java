package org.automl4j.meta.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairwiseRankerTest {

    /**
     * Planted relation: on datasets with meta-feature m = 1 a configuration scores c (larger c better),
     * on datasets with m = 0 it scores 100 * (1 - c) (smaller c better, on another scale); a second config
     * feature is noise.
     */
    @Test
    void learnsAPlantedRelationBetweenDatasetAndConfigurationAndRanksUnseenCandidates() {
        SplittableRandom rng = new SplittableRandom(11);
        List<PairwiseRanker.Observation> obs = new ArrayList<>();
        for (int d = 0; d < 12; d++) {
            double m = d % 2;
            for (int k = 0; k < 15; k++) {
                double c = rng.nextDouble();
                double noise = rng.nextDouble();
                double score = m == 1 ? c : 100 * (1 - c);
                obs.add(new PairwiseRanker.Observation("d" + d, new double[] {m, rng.nextDouble()},
                        new double[] {c, noise}, score));
            }
        }
        PairwiseRanker ranker = PairwiseRanker.fit(obs, 200, 3);
        List<double[]> candidates = List.of(new double[] {0.1, 0.5}, new double[] {0.5, 0.9}, new double[] {0.9, 0.1});
        assertEquals(List.of(2, 1, 0), ranker.rank(new double[] {1, 0.3}, candidates), "m = 1: larger c first");
        assertEquals(List.of(0, 1, 2), ranker.rank(new double[] {0, 0.3}, candidates), "m = 0: smaller c first");
        double up = ranker.improvement(new double[] {1, 0.5}, new double[] {0.9, 0.5}, new double[] {0.1, 0.5});
        assertTrue(up > 0.3, "true relative improvement 0.8, predicted " + up);
        assertEquals(0.0, ranker.improvement(new double[] {1, 0.5}, candidates.get(0), candidates.get(0)), 1e-12,
                "a configuration does not beat itself");
    }
}
