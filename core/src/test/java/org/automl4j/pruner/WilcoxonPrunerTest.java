package org.automl4j.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class WilcoxonPrunerTest {

    @Test
    void exactPValuesCountTheSignPatternsAtLeastAsExtreme() {
        // all five differences positive: only 1 of the 2^5 sign patterns reaches W+ = 15
        assertEquals(1.0 / 32, WilcoxonPruner.pValueGreater(new double[] {1, 2, 3, 4, 5}), 1e-15);
        // the smallest one negative: W+ = 14, reached by 2 patterns (14 and 15)
        assertEquals(2.0 / 32, WilcoxonPruner.pValueGreater(new double[] {-1, 2, 3, 4, 5}), 1e-15);
        // all negative: every pattern has W+ >= 0
        assertEquals(1.0, WilcoxonPruner.pValueGreater(new double[] {-3, -1, -2}), 1e-15);
    }

    @Test
    void tiesAndZerosUseTheNormalApproximationWithTheTieCorrection() {
        // six tied differences of 1: ranks 3.5 each, W+ = 21, mean 10.5, variance 6*7*13/24 - (216-6)/48 = 18.375
        // z = 10.5 / sqrt(18.375) = 2.4495, upper tail 0.0071529 (as scipy.stats.wilcoxon(..., alternative="greater"))
        assertEquals(0.0071529, WilcoxonPruner.pValueGreater(new double[] {1, 1, 1, 1, 1, 1}), 1e-6);
        // zsplit: the zero's rank 1 counts half, W+ = 0.5 + 2 + 3 = 5.5, mean 3, variance 3.5, upper tail 0.090725
        assertEquals(0.090725, WilcoxonPruner.pValueGreater(new double[] {0, 1, 2}), 1e-6);
        assertEquals(0.5, WilcoxonPruner.pValueGreater(new double[] {0, 0, 0}), 1e-6);
    }

    /**
     * Ten instances of very different difficulty (instance i costs 10 i), so raw values vary far more between
     * instances than between configurations; each configuration adds x to every instance, with a little noise.
     */
    private static double tenInstances(Trial t, List<Integer> reportedBeforeStop) {
        double x = t.suggestFloat("x", -3, 3);
        SplittableRandom noise = new SplittableRandom(t.number());
        double sum = 0;
        int[] order = {3, 0, 7, 1, 9, 4, 2, 8, 5, 6}; // any order of instance ids
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            double score = 10 * i + x + 0.1 * noise.nextGaussian();
            sum += score;
            t.report(i, score);
            if (t.shouldPrune()) {
                reportedBeforeStop.add(k + 1);
                throw new TrialPrunedException();
            }
        }
        return sum / order.length;
    }

    @Test
    void aConfigurationWorseOnEveryInstanceIsPrunedAfterFourAndABetterOneRunsToTheEnd() {
        Study s = Study.builder().direction(Direction.MINIMIZE).pruner(Pruners.wilcoxon()).build();
        s.enqueueTrial(Map.of("x", 0.0));
        s.enqueueTrial(Map.of("x", 1.0));
        s.enqueueTrial(Map.of("x", -1.0));
        List<Integer> stops = new ArrayList<>();
        s.optimize(t -> tenInstances(t, stops), 3);
        List<FrozenTrial> ts = s.trials();
        assertEquals(TrialState.COMPLETE, ts.get(0).state());
        assertEquals(TrialState.PRUNED, ts.get(1).state());
        // 3 positive differences give p = 1/8 >= 0.1; 4 give 1/16 < 0.1
        assertEquals(List.of(4), stops);
        assertEquals(TrialState.COMPLETE, ts.get(2).state());
        assertEquals(10, ts.get(2).intermediateValues().size());
    }

    @Test
    void nothingIsPrunedBeforeTheStartupPairs() {
        Study s = Study.builder().direction(Direction.MINIMIZE).pruner(Pruners.wilcoxon(0.1, 7)).build();
        s.enqueueTrial(Map.of("x", 0.0));
        s.enqueueTrial(Map.of("x", 2.0));
        List<Integer> stops = new ArrayList<>();
        s.optimize(t -> tenInstances(t, stops), 2);
        assertEquals(List.of(7), stops);
    }

    @Test
    void inAMaximisedStudyTheLowerScoresArePruned() {
        Study s = Study.builder().direction(Direction.MAXIMIZE).pruner(Pruners.wilcoxon()).build();
        s.enqueueTrial(Map.of("x", 0.0));
        s.enqueueTrial(Map.of("x", -1.0));
        s.enqueueTrial(Map.of("x", 1.0));
        List<Integer> stops = new ArrayList<>();
        s.optimize(t -> tenInstances(t, stops), 3);
        assertEquals(List.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.COMPLETE),
                s.trials().stream().map(FrozenTrial::state).toList());
    }

    @Test
    void aMeanAtLeastAsGoodAsTheBestTrialsIsNotPrunedWhateverTheRanks() {
        // worse on instances 0-3 by a little, better on instance 4 by a lot: ranks say worse, the mean says better
        Study s = Study.builder().direction(Direction.MINIMIZE).pruner(Pruners.wilcoxon(0.5, 1)).build();
        s.optimize(t -> {
            double[] scores = t.number() == 0 ? new double[] {1, 1, 1, 1, 10} : new double[] {1.1, 1.1, 1.1, 1.1, 1};
            for (int i = 0; i < scores.length; i++) {
                t.report(i, scores[i]);
            }
            assertTrue(t.number() == 0 || !t.shouldPrune());
            return java.util.Arrays.stream(scores).average().orElseThrow();
        }, 2);
        assertEquals(TrialState.COMPLETE, s.trials().get(1).state());
    }

    @Test
    void settingsOutOfRangeAndSeveralObjectivesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Pruners.wilcoxon(1.5, 2));
        assertThrows(IllegalArgumentException.class, () -> Pruners.wilcoxon(0.1, -1));
        Study mo = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).pruner(Pruners.wilcoxon()).build();
        Trial t = mo.ask();
        t.report(0, 1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, t::shouldPrune);
        assertTrue(e.getMessage().contains("2 objectives"), e.getMessage());
    }
}
