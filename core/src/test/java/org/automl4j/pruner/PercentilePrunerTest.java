package org.automl4j.pruner;

import static org.automl4j.pruner.FakeStudy.trial;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.automl4j.study.Direction;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class PercentilePrunerTest {

    private static FakeStudy studyWithCompleted(Direction d, double[]... curves) {
        FakeStudy s = new FakeStudy("s", d);
        for (double[] c : curves) {
            s.finish(TrialState.COMPLETE, c);
        }
        return s;
    }

    @Test
    void medianPrunesTrialWorseThanMedianAtItsStepWhenMinimising() {
        FakeStudy s = studyWithCompleted(Direction.MINIMIZE, new double[] {1, 1}, new double[] {2, 2},
                new double[] {3, 3});
        Pruner p = Pruners.median(1, 0, 1);
        assertTrue(p.shouldPrune(s, trial(99, TrialState.RUNNING, 2.5)));
        assertFalse(p.shouldPrune(s, trial(99, TrialState.RUNNING, 2.0)), "equal to the median is kept");
        assertFalse(p.shouldPrune(s, trial(99, TrialState.RUNNING, 1.5)));
    }

    @Test
    void medianUsesTheTrialsBestValueSoFarAsOptuna() {
        FakeStudy s = studyWithCompleted(Direction.MINIMIZE, new double[] {5, 1}, new double[] {5, 2},
                new double[] {5, 3});
        // latest value 9 is worse than the median 2, but the best so far (0.5) is better
        assertFalse(Pruners.median(1, 0, 1).shouldPrune(s, trial(99, TrialState.RUNNING, 0.5, 9)));
        assertTrue(Pruners.median(1, 0, 1).shouldPrune(s, trial(99, TrialState.RUNNING, 4, 9)));
    }

    @Test
    void medianFlipsComparisonWhenMaximising() {
        FakeStudy s = studyWithCompleted(Direction.MAXIMIZE, new double[] {1}, new double[] {2},
                new double[] {3});
        Pruner p = Pruners.median(1, 0, 1);
        assertTrue(p.shouldPrune(s, trial(99, TrialState.RUNNING, 1.5)));
        assertFalse(p.shouldPrune(s, trial(99, TrialState.RUNNING, 2.5)));
    }

    @Test
    void percentileInterpolatesLinearlyAndTakesTheTopForMaximisation() {
        double[][] curves = {{0}, {10}, {20}, {30}, {40}};
        Pruner p25 = Pruners.percentile(25, 1, 0, 1);
        FakeStudy min = studyWithCompleted(Direction.MINIMIZE, curves);
        assertFalse(p25.shouldPrune(min, trial(9, TrialState.RUNNING, 10.0)));
        assertTrue(p25.shouldPrune(min, trial(9, TrialState.RUNNING, 10.5)));
        FakeStudy max = studyWithCompleted(Direction.MAXIMIZE, curves);
        assertFalse(p25.shouldPrune(max, trial(9, TrialState.RUNNING, 30.0)));
        assertTrue(p25.shouldPrune(max, trial(9, TrialState.RUNNING, 29.5)));
        Pruner p10 = Pruners.percentile(10, 1, 0, 1); // 10th percentile of 0..40 is 4
        assertTrue(p10.shouldPrune(studyWithCompleted(Direction.MINIMIZE, curves),
                trial(9, TrialState.RUNNING, 4.5)));
    }

    @Test
    void noPruningBeforeStartupTrialsComplete() {
        FakeStudy s = new FakeStudy("s", Direction.MINIMIZE);
        Pruner p = Pruners.median();
        for (int i = 0; i < 4; i++) {
            s.finish(TrialState.COMPLETE, 0.0);
            assertFalse(p.shouldPrune(s, trial(99, TrialState.RUNNING, 100.0)), "after " + (i + 1));
        }
        s.finish(TrialState.PRUNED, 0.0);
        assertFalse(p.shouldPrune(s, trial(99, TrialState.RUNNING, 100.0)), "pruned trials are not startup trials");
        s.finish(TrialState.COMPLETE, 0.0);
        assertTrue(p.shouldPrune(s, trial(99, TrialState.RUNNING, 100.0)));
    }

    @Test
    void onlyCompleteTrialsFormThePercentileAsOptuna() {
        FakeStudy s = studyWithCompleted(Direction.MINIMIZE, new double[] {10});
        s.finish(TrialState.PRUNED, 0.0);
        s.finish(TrialState.FAIL, 0.0);
        assertFalse(Pruners.median(1, 0, 1).shouldPrune(s, trial(99, TrialState.RUNNING, 5.0)));
    }

    @Test
    void warmupAndIntervalStepsSkipChecks() {
        FakeStudy s = studyWithCompleted(Direction.MINIMIZE, new double[] {0, 0, 0, 0, 0, 0, 0});
        Pruner warm = Pruners.median(1, 3, 1);
        assertFalse(warm.shouldPrune(s, trial(9, TrialState.RUNNING, 9, 9, 9)), "step 2 < warm-up 3");
        assertTrue(warm.shouldPrune(s, trial(9, TrialState.RUNNING, 9, 9, 9, 9)));
        Pruner every2 = Pruners.median(1, 1, 2); // checks at steps 1, 3, 5, ...
        assertTrue(every2.shouldPrune(s, trial(9, TrialState.RUNNING, 9, 9)));
        assertFalse(every2.shouldPrune(s, trial(9, TrialState.RUNNING, 9, 9, 9)));
        assertTrue(every2.shouldPrune(s, trial(9, TrialState.RUNNING, 9, 9, 9, 9)));
        // a jump over a checkpoint still checks at the first report of the interval
        assertTrue(every2.shouldPrune(s, trial(9, TrialState.RUNNING, new long[] {0, 4}, new double[] {9, 9})));
    }

    @Test
    void noPruningAtAStepNoCompleteTrialReported() {
        FakeStudy s = studyWithCompleted(Direction.MINIMIZE, new double[] {0});
        assertFalse(Pruners.median(1, 0, 1).shouldPrune(s, trial(9, TrialState.RUNNING, 9, 9)));
    }

    @Test
    void allNanTrialIsPrunedAndNanHistoryValuesAreIgnored() {
        FakeStudy s = studyWithCompleted(Direction.MINIMIZE, new double[] {Double.NaN}, new double[] {1},
                new double[] {3});
        Pruner p = Pruners.median(1, 0, 1);
        assertTrue(p.shouldPrune(s, trial(9, TrialState.RUNNING, Double.NaN)));
        assertFalse(p.shouldPrune(s, trial(9, TrialState.RUNNING, 2.0)), "median of {1, 3} is 2");
    }

    @Test
    void aDivergedCompleteTrialsInfiniteValueDoesNotDisablePruningAtItsStep() {
        // numpy's interpolation gives NaN for {1, 2, inf} (0 * inf), which pruned nothing at this step
        FakeStudy min = studyWithCompleted(Direction.MINIMIZE, new double[] {1}, new double[] {2},
                new double[] {Double.POSITIVE_INFINITY});
        Pruner p = Pruners.median(1, 0, 1);
        assertTrue(p.shouldPrune(min, trial(9, TrialState.RUNNING, 5.0)), "median of {1, 2, inf} is 2");
        assertFalse(p.shouldPrune(min, trial(9, TrialState.RUNNING, 2.0)));
        FakeStudy max = studyWithCompleted(Direction.MAXIMIZE, new double[] {1}, new double[] {2},
                new double[] {Double.POSITIVE_INFINITY});
        assertTrue(Pruners.median(1, 0, 1).shouldPrune(max, trial(9, TrialState.RUNNING, 1.5)),
                "median of {1, 2, inf} is 2");
        FakeStudy between = studyWithCompleted(Direction.MINIMIZE, new double[] {1},
                new double[] {Double.POSITIVE_INFINITY});
        assertFalse(Pruners.median(1, 0, 1).shouldPrune(between, trial(9, TrialState.RUNNING, 1e300)),
                "between 1 and inf lies inf");
    }

    @Test
    void historyIsReadIncrementallyAsTrialsFinish() {
        FakeStudy s = studyWithCompleted(Direction.MINIMIZE, new double[] {10});
        Pruner p = Pruners.median(1, 0, 1);
        assertFalse(p.shouldPrune(s, trial(9, TrialState.RUNNING, 5.0)));
        s.finish(TrialState.COMPLETE, 0.0);
        s.finish(TrialState.COMPLETE, 1.0);
        assertTrue(p.shouldPrune(s, trial(9, TrialState.RUNNING, 5.0)), "median of {0, 1, 10} is 1");
    }

    @Test
    void onePrunerKeepsSeparateStateForEachStudy() {
        Pruner p = Pruners.median(1, 0, 1);
        FakeStudy a = new FakeStudy("a", Direction.MINIMIZE);
        a.finish(TrialState.COMPLETE, 0.0);
        FakeStudy b = new FakeStudy("b", Direction.MINIMIZE);
        b.finish(TrialState.COMPLETE, 100.0);
        assertTrue(p.shouldPrune(a, trial(9, TrialState.RUNNING, 50.0)));
        assertFalse(p.shouldPrune(b, trial(9, TrialState.RUNNING, 50.0)));
    }

    @Test
    void rejectsInvalidOptions() {
        assertThrows(IllegalArgumentException.class, () -> Pruners.percentile(101, 5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Pruners.percentile(Double.NaN, 5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Pruners.median(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Pruners.median(5, -1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pruners.median(5, 0, 0));
        assertTrue(e.getMessage().contains("intervalSteps") && e.getMessage().contains("got 0"), e.getMessage());
    }
}
