package org.automl4j.pruner;

import static org.automl4j.pruner.FakeStudy.trial;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.automl4j.study.Direction;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class ThresholdAndPatientPrunerTest {
    private final FakeStudy min = new FakeStudy("min", Direction.MINIMIZE);
    private final FakeStudy max = new FakeStudy("max", Direction.MAXIMIZE);
    private static final Pruner ALWAYS = (s, t) -> true;

    @Test
    void thresholdPrunesValuesOutsideTheBoundsOrNan() {
        Pruner p = Pruners.threshold(0, 1, 0);
        assertFalse(p.shouldPrune(min, trial(0, TrialState.RUNNING)));
        assertFalse(p.shouldPrune(min, trial(0, TrialState.RUNNING, 0.0)));
        assertFalse(p.shouldPrune(min, trial(0, TrialState.RUNNING, 1.0)));
        assertTrue(p.shouldPrune(min, trial(0, TrialState.RUNNING, 1.5)));
        assertTrue(p.shouldPrune(min, trial(0, TrialState.RUNNING, -0.1)));
        assertTrue(p.shouldPrune(min, trial(0, TrialState.RUNNING, Double.NaN)));
        assertFalse(p.shouldPrune(min, trial(0, TrialState.RUNNING, 5.0, 0.5)), "only the latest value counts");
        assertTrue(Pruners.threshold(Double.NEGATIVE_INFINITY, 1, 0).shouldPrune(min,
                trial(0, TrialState.RUNNING, 2.0)));
    }

    @Test
    void thresholdWaitsForWarmupSteps() {
        Pruner p = Pruners.threshold(0, 1, 2);
        assertFalse(p.shouldPrune(min, trial(0, TrialState.RUNNING, 5, 5)));
        assertTrue(p.shouldPrune(min, trial(0, TrialState.RUNNING, 5, 5, 5)));
    }

    @Test
    void thresholdRejectsInvalidBounds() {
        assertThrows(IllegalArgumentException.class, () -> Pruners.threshold(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Pruners.threshold(Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Pruners.threshold(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> Pruners.threshold(0, 1, -1));
    }

    @Test
    void patientNeverPrunesWithinPatienceOrWhileImproving() {
        Pruner p = Pruners.patient(ALWAYS, 2, 0.0);
        assertFalse(p.shouldPrune(min, trial(0, TrialState.RUNNING, 1, 2, 3)), "3 values <= patience + 1");
        assertFalse(p.shouldPrune(min, trial(0, TrialState.RUNNING, 4, 3, 2, 1)));
        assertFalse(p.shouldPrune(max, trial(0, TrialState.RUNNING, 1, 2, 3, 4)));
    }

    @Test
    void patientDefersToWrappedOnceRecentValuesAreWorseThanEarlierBest() {
        assertTrue(Pruners.patient(ALWAYS, 2, 0.0).shouldPrune(min, trial(0, TrialState.RUNNING, 1, 2, 3, 4)));
        assertFalse(Pruners.patient(Pruners.none(), 2, 0.0).shouldPrune(min,
                trial(0, TrialState.RUNNING, 1, 2, 3, 4)));
        assertTrue(Pruners.patient(ALWAYS, 1, 0.0).shouldPrune(max, trial(0, TrialState.RUNNING, 5, 4, 3)));
    }

    @Test
    void patientFollowsOptunaOnFlatCurvesAndMinDelta() {
        // Optuna: stagnant iff recent best is worse than earlier best by MORE than minDelta
        assertFalse(Pruners.patient(1, 0.0).shouldPrune(min, trial(0, TrialState.RUNNING, 1, 1, 1)));
        assertFalse(Pruners.patient(1, 0.5).shouldPrune(min, trial(0, TrialState.RUNNING, 1, 1.4, 1.3)));
        assertTrue(Pruners.patient(1, 0.5).shouldPrune(min, trial(0, TrialState.RUNNING, 1, 1.6, 1.7)));
        assertTrue(Pruners.patient(1, 0.5).shouldPrune(max, trial(0, TrialState.RUNNING, 2, 1.4, 1.3)));
    }

    @Test
    void patientIgnoresNanValues() {
        assertTrue(Pruners.patient(1, 0.0).shouldPrune(min, trial(0, TrialState.RUNNING, 1, Double.NaN, 2, 3)));
        assertFalse(Pruners.patient(1, 0.0).shouldPrune(min,
                trial(0, TrialState.RUNNING, Double.NaN, Double.NaN, 3)), "no earlier value to compare with");
    }

    @Test
    void patientRejectsInvalidOptions() {
        assertThrows(IllegalArgumentException.class, () -> Pruners.patient(ALWAYS, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> Pruners.patient(ALWAYS, 1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Pruners.patient(ALWAYS, 1, Double.NaN));
        assertThrows(NullPointerException.class, () -> Pruners.patient(null, 1, 0));
    }

    @Test
    void patienceOfIntegerMaxValueNeverPrunesInsteadOfThrowing() {
        // patience + 1 overflowed, so a worsening curve reached subList(0, negative): IllegalArgumentException
        FakeStudy study = new FakeStudy("patient-max", Direction.MINIMIZE);
        assertFalse(Pruners.patient(Integer.MAX_VALUE, 0).shouldPrune(study,
                FakeStudy.trial(0, TrialState.RUNNING, 1.0, 2.0, 3.0, 4.0)));
    }
}
