package org.automl4j.pruner.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongToDoubleFunction;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class LearningCurvePrunerTest {

    private static final LearningCurvePruner PRUNER = new LearningCurvePruner(
            LearningCurvePruner.Options.builder().maxStep(81).minSteps(5).threshold(0.05).build());

    private static FrozenTrial curve(int number, long steps, LongToDoubleFunction f) {
        FrozenTrial.Builder b = FrozenTrial.builder().number(number).state(TrialState.RUNNING);
        for (long s = 1; s <= steps; s++) {
            b.intermediateValue(s, f.applyAsDouble(s));
        }
        return b.build();
    }

    /** A study (maximising accuracy) whose incumbent reached {@code best} at step 81. */
    private static Study withIncumbent(Direction dir, double best) {
        Study s = Study.builder().direction(dir).build();
        Trial t = s.ask();
        for (long step = 1; step < 81; step++) {
            t.report(step, best - (best - 0.1) / step);
        }
        t.report(81, best);
        s.tell(t, best);
        return s;
    }

    @Test
    void optionsValidateEverySetting() {
        LearningCurvePruner.Options.Builder b = LearningCurvePruner.Options.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.threshold(1.0));
        assertTrue(e.getMessage().contains("threshold") && e.getMessage().contains("1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.minSteps(2));
        assertThrows(IllegalArgumentException.class, () -> b.maxStep(1));
        assertThrows(IllegalArgumentException.class, () -> b.gridPoints(2));
    }

    @Test
    void predictsTheFinalValueOfExactPow3AndExponentialCurves() {
        Study s = withIncumbent(Direction.MAXIMIZE, 0.9);
        LongToDoubleFunction pow3 = x -> 0.8 - 0.6 * Math.pow(x, -0.7);
        LongToDoubleFunction exp3 = x -> 0.85 - 0.5 * Math.exp(-0.08 * x);
        for (LongToDoubleFunction f : new LongToDoubleFunction[] {pow3, exp3}) {
            double truth = f.applyAsDouble(81);
            LearningCurvePruner.Decision d = PRUNER.explain(s, curve(1, 20, f));
            assertEquals(truth, d.predictedFinal(), 0.03 * truth, d.toString());
        }
        LearningCurvePruner.Decision d = PRUNER.explain(s, curve(1, 20, pow3));
        LearningCurvePruner.FamilyFit best = d.fits().stream()
                .max((a, b) -> Double.compare(a.weight(), b.weight())).orElseThrow();
        assertEquals("pow3", best.name());
        assertEquals(0.7, best.parameters().get("alpha"), 1e-3);
        assertEquals(0.8, best.parameters().get("c"), 1e-3);
    }

    @Test
    void prunesAClearlyBadCurveAndKeepsAClearlyGoodOne() {
        Study s = withIncumbent(Direction.MAXIMIZE, 0.8);
        FrozenTrial bad = curve(1, 10, x -> 0.5 - 0.3 * Math.pow(x, -0.5));
        FrozenTrial good = curve(2, 10, x -> 0.95 - 0.6 * Math.pow(x, -0.5));
        assertTrue(PRUNER.shouldPrune(s, bad), PRUNER.explain(s, bad).toString());
        assertFalse(PRUNER.shouldPrune(s, good), PRUNER.explain(s, good).toString());

        // The same curves as losses (1 - accuracy) in a minimising study.
        Study m = withIncumbent(Direction.MINIMIZE, 0.2);
        FrozenTrial badLoss = curve(1, 10, x -> 0.5 + 0.3 * Math.pow(x, -0.5));
        FrozenTrial goodLoss = curve(2, 10, x -> 0.05 + 0.6 * Math.pow(x, -0.5));
        assertTrue(PRUNER.shouldPrune(m, badLoss));
        assertFalse(PRUNER.shouldPrune(m, goodLoss));
    }

    @Test
    void decidesNothingWithoutAnIncumbentOrEnoughReports() {
        Study empty = Study.builder().direction(Direction.MAXIMIZE).build();
        FrozenTrial bad = curve(1, 10, x -> 0.5 - 0.3 * Math.pow(x, -0.5));
        LearningCurvePruner.Decision d = PRUNER.explain(empty, bad);
        assertFalse(d.prune());
        assertTrue(Double.isNaN(d.incumbent()) && Double.isNaN(d.probability()));
        assertEquals(4, d.fits().size(), "the fit is still reported");
        Study s = withIncumbent(Direction.MAXIMIZE, 0.8);
        assertFalse(PRUNER.shouldPrune(s, curve(1, 4, x -> 0.1)));
    }

    @Test
    void aTrialThatReportedBeyondMaxStepIsNotPrunedFromItsEarlierReports() {
        Study s = withIncumbent(Direction.MAXIMIZE, 0.8);
        FrozenTrial.Builder b = FrozenTrial.builder().number(1).state(TrialState.RUNNING);
        for (long step = 10; step <= 90; step += 10) { // every 10 steps: 80, then 90 past maxStep 81
            b.intermediateValue(step, 0.5 - 0.3 * Math.pow(step, -0.5));
        }
        LearningCurvePruner.Decision d = PRUNER.explain(s, b.build());
        assertFalse(d.prune(), d.toString());
        assertTrue(d.reason().contains("beyond maxStep"), d.reason());
    }

    @Test
    void explainReturnsConsistentNumbers() {
        Study s = withIncumbent(Direction.MAXIMIZE, 0.8);
        FrozenTrial t = curve(1, 12, x -> 0.7 - 0.4 * Math.exp(-0.1 * x) + 0.005 * Math.sin(x));
        LearningCurvePruner.Decision d = PRUNER.explain(s, t);
        assertEquals(0.8, d.incumbent(), 1e-12);
        double wsum = 0;
        double mean = 0;
        for (LearningCurvePruner.FamilyFit f : d.fits()) {
            assertTrue(f.weight() >= 0 && f.residualStd() > 0, f.toString());
            wsum += f.weight();
            mean += f.weight() * f.predictedFinal();
        }
        assertEquals(1.0, wsum, 1e-9);
        assertEquals(mean, d.predictedFinal(), 1e-12);
        assertTrue(d.probability() >= 0 && d.probability() <= 1);
        assertEquals(d.probability() < 0.05, d.prune());
        assertEquals(d.prune(), PRUNER.shouldPrune(s, t));
        assertEquals(d, PRUNER.explain(s, t), "deterministic");
    }

    @Test
    void aMultiObjectiveStudyIsRefusedWithAMessageNamingThePruner() {
        Study s = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).build();
        Trial t = s.ask();
        t.report(1, 0.5);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LearningCurvePruner(LearningCurvePruner.Options.builder().maxStep(10).build())
                        .shouldPrune(s, s.trials().get(0)));
        assertTrue(e.getMessage().contains("learning-curve pruner") && e.getMessage().contains("2 objectives"),
                e.getMessage());
    }
}
