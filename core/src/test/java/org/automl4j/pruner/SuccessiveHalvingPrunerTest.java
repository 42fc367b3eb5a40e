package org.automl4j.pruner;

import static org.automl4j.pruner.FakeStudy.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.automl4j.budget.Budget;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingPrunerTest {
    private final FakeStudy study = new FakeStudy("sha", Direction.MINIMIZE);

    /** A running trial that reported {@code value} at steps 0 and 1 (rung 0 when minResource = 1). */
    private static FrozenTrial atRung0(int number, double value) {
        return trial(number, TrialState.RUNNING, value, value);
    }

    @Test
    void firstTrialAtARungIsPromotedAndTrialsBeforeTheRungAreNotJudged() {
        Pruner p = Pruners.successiveHalving(1, 3, 0);
        assertFalse(p.shouldPrune(study, trial(0, TrialState.RUNNING, 100.0)), "step 0 is before rung 0 (step 1)");
        assertFalse(p.shouldPrune(study, atRung0(0, 100.0)));
    }

    @Test
    void keepsOnlyTheTopOneOverEtaOfTheRungIncludingItselfWithTies() {
        for (int i = 1; i <= 9; i++) {
            study.finish(TrialState.COMPLETE, i, i);
        }
        // 10 values at rung 0 with the newcomer: the best floor(10 / 3) = 3 are promoted
        assertFalse(Pruners.successiveHalving(1, 3, 0).shouldPrune(study, atRung0(50, 2.5)));
        assertFalse(Pruners.successiveHalving(1, 3, 0).shouldPrune(study, atRung0(50, 3.0)), "tie with 3rd kept");
        assertTrue(Pruners.successiveHalving(1, 3, 0).shouldPrune(study, atRung0(50, 3.5)));
    }

    @Test
    void asynchronousArrivalsCompeteWithRunningTrialsThatPassedTheRung() {
        Pruner p = Pruners.successiveHalving(1, 2, 0);
        assertFalse(p.shouldPrune(study, atRung0(0, 1.0)), "alone at the rung");
        assertTrue(p.shouldPrune(study, atRung0(1, 2.0)), "{1, 2}: only the best 1 is kept");
        assertFalse(p.shouldPrune(study, atRung0(2, 0.5)), "{1, 2, 0.5}: best");
        assertFalse(p.shouldPrune(study, atRung0(3, 1.0)), "{1, 2, 0.5, 1}: best 2 kept, ties included");
    }

    @Test
    void aReportAtTheLargestStepEndsTheRungWalkInsteadOfLoopingForever() {
        // rungs past the last one saturate at Long.MAX_VALUE, which such a report "reaches" again and again
        FrozenTrial atMax = trial(0, TrialState.RUNNING, new long[] {0, Long.MAX_VALUE}, new double[] {1.0, 1.0});
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertFalse(Pruners.successiveHalving(1, 2, 0).shouldPrune(study, atMax));
            assertFalse(Pruners.successiveHalving(Budget.epochs(1, 27), 3).shouldPrune(study, atMax));
            assertFalse(Pruners.hyperband(1, 27, 3).shouldPrune(study, atMax));
        });
    }

    @Test
    void repeatedCallsForTheSameTrialCountItOnce() {
        Pruner p = Pruners.successiveHalving(1, 2, 0);
        assertFalse(p.shouldPrune(study, atRung0(0, 1.0)));
        for (int i = 0; i < 3; i++) {
            assertTrue(p.shouldPrune(study, atRung0(1, 3.0)), "call " + i);
        }
        // rung 0 holds {1, 3} once each: with 2.0, floor(3 / 2) = 1 is kept, so 2.0 is pruned
        // (counting trial 1 three times would keep the best 2 of 5 and promote 2.0)
        assertTrue(p.shouldPrune(study, atRung0(2, 2.0)));
    }

    @Test
    void promotedTrialIsNotJudgedAgainAtAnEarlierRung() {
        Pruner p = Pruners.successiveHalving(1, 3, 0); // rungs at steps 1, 3, 9
        assertFalse(p.shouldPrune(study, atRung0(0, 5.0)));
        for (int i = 1; i <= 6; i++) {
            study.finish(FakeStudy.trial(i, TrialState.PRUNED, 0.0, 0.0));
        }
        assertFalse(p.shouldPrune(study, trial(0, TrialState.RUNNING, 5, 5, 5)), "step 2: no new rung");
        assertFalse(p.shouldPrune(study, trial(0, TrialState.RUNNING, 5, 5, 5, 5)),
                "judged at rung 1 (step 3) only, where it is alone; at rung 0 it would now lose to six 0s");
    }

    @Test
    void failedTrialsLeaveTheRungs() {
        Pruner p = Pruners.successiveHalving(1, 2, 0);
        assertFalse(p.shouldPrune(study, atRung0(0, 0.1)));
        FakeStudy s = study;
        s.finish(FakeStudy.trial(0, TrialState.FAIL, 0.1, 0.1));
        assertFalse(p.shouldPrune(s, atRung0(1, 0.5)), "the failed 0.1 no longer competes");
    }

    @Test
    void valueAtARungIsTheFirstReportAtOrAfterItsStepAndSeveralRungsMayBeCrossedAtOnce() {
        Pruner p = Pruners.successiveHalving(1, 2, 0); // rungs at 1, 2, 4, 8
        study.finish(FakeStudy.trial(0, TrialState.COMPLETE, new long[] {0, 1, 2, 4}, new double[] {9, 9, 1, 1}));
        // trial 0 is at rung 0 with 9, at rungs 1 and 2 with 1
        FrozenTrial jumper = trial(1, TrialState.RUNNING, new long[] {0, 4}, new double[] {5, 5});
        // rung 0: {9, 5} -> kept; rung 1: {1, 5} -> pruned
        assertTrue(p.shouldPrune(study, jumper));
        FrozenTrial good = trial(2, TrialState.RUNNING, new long[] {0, 4}, new double[] {0.5, 0.5});
        assertFalse(p.shouldPrune(study, good));
    }

    @Test
    void minEarlyStoppingRateDelaysTheFirstRung() {
        study.finish(TrialState.COMPLETE, 0, 0, 0, 0, 0, 0, 0);
        Pruner p = Pruners.successiveHalving(2, 3, 1); // rungs at 6, 18
        assertFalse(p.shouldPrune(study, trial(1, TrialState.RUNNING, 9, 9, 9, 9, 9, 9)), "steps 0..5");
        assertTrue(p.shouldPrune(study, trial(1, TrialState.RUNNING, 9, 9, 9, 9, 9, 9, 9)), "step 6");
    }

    @Test
    void maximisationKeepsTheLargestValues() {
        FakeStudy max = new FakeStudy("max", Direction.MAXIMIZE);
        max.finish(TrialState.COMPLETE, 1, 1);
        max.finish(TrialState.COMPLETE, 2, 2);
        assertFalse(Pruners.successiveHalving(1, 3, 0).shouldPrune(max, atRung0(9, 3.0)));
        assertTrue(Pruners.successiveHalving(1, 3, 0).shouldPrune(max, atRung0(9, 1.5)));
    }

    @Test
    void nanAtARungIsPruned() {
        assertTrue(Pruners.successiveHalving(1, 3, 0).shouldPrune(study, atRung0(0, Double.NaN)));
    }

    @Test
    void rungStepsGrowGeometricallyAndSaturate() {
        SuccessiveHalvingPruner p = new SuccessiveHalvingPruner(2, 3, 1, null);
        assertEquals(6, p.rungStep(0));
        assertEquals(18, p.rungStep(1));
        assertEquals(Long.MAX_VALUE, p.rungStep(100));
    }

    @Test
    void concurrentCallersSeeAConsistentRung() throws Exception {
        Pruner p = Pruners.successiveHalving(1, 2, 0);
        int n = 64;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int number = i;
                results.add(pool.submit(() -> p.shouldPrune(study, atRung0(number, number))));
            }
            int promoted = 0;
            for (var f : results) {
                promoted += f.get() ? 0 : 1;
            }
            assertTrue(promoted >= 1 && promoted < n, "promoted " + promoted);
            assertFalse(results.get(0).get(), "trial 0 has the best value and is promoted in any order");
        } finally {
            pool.shutdownNow();
        }
        // whatever the interleaving, the rung now holds each of the 64 values 0..63 exactly once
        assertFalse(p.shouldPrune(study, atRung0(n, 30.5)), "30.5 is in the best 32 of 65");
        assertTrue(p.shouldPrune(study, atRung0(n + 1, 31.5)), "31.5 is not in the best 33 of 66");
    }

    @Test
    void rejectsInvalidOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pruners.successiveHalving(0, 3, 0));
        assertTrue(e.getMessage().contains("minResource") && e.getMessage().contains("got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pruners.successiveHalving(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Pruners.successiveHalving(1, 3, -1));
    }
}
