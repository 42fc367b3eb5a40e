package org.automl4j.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.automl4j.budget.Budget;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class BudgetPrunerTest {
    private static final Budget FRACTION = Budget.dataFraction(1 / 27.0, 1.0);

    /** A clock the test moves by hand. */
    private static final class ManualClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void successiveHalvingOnADataFractionJudgesAtOneTwentySeventhToOne() {
        Study study = Study.builder().pruner(Pruners.successiveHalving(FRACTION, 3)).build();
        Trial t = study.ask();
        List<Double> schedule = t.budgetSchedule();
        assertEquals(4, schedule.size());
        assertEquals(List.of(37L, 111L, 333L, 1000L), schedule.stream().map(FRACTION::toStep).toList());
        assertEquals(1.0, schedule.get(3), 0.0);
        assertEquals(FRACTION, t.budget().orElseThrow());
    }

    @Test
    void aPatientPrunerWrappingSuccessiveHalvingOnABudgetKeepsItsBudgetAndRungs() {
        Pruner sh = Pruners.successiveHalving(FRACTION, 3);
        Study study = Study.builder().pruner(Pruners.patient(sh, 1, 0.0)).build();
        Trial t = study.ask();
        assertEquals(FRACTION, t.budget().orElseThrow());
        assertEquals(List.of(37L, 111L, 333L, 1000L), t.budgetSchedule().stream().map(FRACTION::toStep).toList());
        t.reportAt(1 / 27.0, 0.5);
        assertEquals(Map.of(37L, 0.5), study.trials().get(0).intermediateValues());
    }

    @Test
    void handMadeCurvesArePrunedAtTheExpectedFractions() {
        // minimised validation loss after training on 1/27, 1/9, 1/3 and all of the data
        double[][] curves = {
            {0.50, 0.40, 0.30, 0.20}, // alone at every rung: completes
            {0.60, 0.50, 0.40, 0.30}, // rung 1/27 {.5, .6}: keeps the best 1 -> pruned at 1/27
            {0.45, 0.35, 0.32, 0.25}, // best at 1/27 and 1/9; rung 1/3 {.30, .32} -> pruned at 1/3
            {0.55, 0.30, 0.20, 0.10}, // rung 1/27 {.5,.6,.45,.55}: keeps 1 -> pruned at 1/27 (good late, too slow)
            {0.40, 0.39, 0.29, 0.10}, // best at 1/27; rung 1/9 {.40, .35, .39}: keeps 1 -> pruned at 1/9
            {0.30, 0.20, 0.10, 0.05}, // best at every rung: completes
        };
        Study study = Study.builder().name("fractions").pruner(Pruners.successiveHalving(FRACTION, 3)).build();
        Map<Integer, List<Double>> trained = new TreeMap<>();
        study.optimize(t -> {
            double[] curve = curves[t.number()];
            List<Double> schedule = t.budgetSchedule();
            double loss = Double.NaN;
            for (int i = 0; i < schedule.size(); i++) {
                double f = schedule.get(i);
                trained.computeIfAbsent(t.number(), k -> new ArrayList<>()).add(f);
                loss = curve[i];
                t.reportAt(f, loss);
                if (t.shouldPrune()) {
                    throw new TrialPrunedException();
                }
            }
            return loss;
        }, curves.length);

        List<String> outcome = new ArrayList<>();
        for (FrozenTrial t : study.trials()) {
            double last = FRACTION.toAmount(t.intermediateValues().lastKey());
            outcome.add(t.state() + "@" + Math.round(1 / last));
        }
        assertEquals(List.of("COMPLETE@1", "PRUNED@27", "PRUNED@3", "PRUNED@27", "PRUNED@9", "COMPLETE@1"), outcome);
        assertEquals(Set.of(37L, 111L, 333L, 1000L), study.trials().get(0).intermediateValues().keySet());
        assertEquals(1, trained.get(1).size(), "a pruned trial trains no further than the rung it lost at");
        assertEquals(3, trained.get(2).size());
        assertEquals(4, trained.get(5).size());
    }

    @Test
    void hyperbandOnABudgetGivesEachTrialTheRungsOfItsBracketEndingAtTheMax() {
        Pruner p = Pruners.hyperband(FRACTION, 3);
        FakeStudy study = new FakeStudy("hb", Direction.MINIMIZE);
        List<Double> all = FRACTION.levels(3);
        Set<Integer> lengths = new HashSet<>();
        for (int n = 0; n < 200; n++) {
            List<Double> levels = p.budgetLevels(study, n);
            assertEquals(all.subList(all.size() - levels.size(), all.size()), levels, "trial " + n);
            lengths.add(levels.size());
        }
        assertEquals(Set.of(1, 2, 3, 4), lengths, "every bracket gets trials");
        assertEquals(FRACTION, p.budget().orElseThrow());
    }

    @Test
    void hyperbandOnStepsGivesLevelsInStepsAndSuccessiveHalvingOnStepsNone() {
        FakeStudy study = new FakeStudy("hb", Direction.MINIMIZE);
        Pruner hb = Pruners.hyperband(1, 10, 3);
        for (int n = 0; n < 50; n++) {
            List<Double> levels = hb.budgetLevels(study, n);
            assertEquals(10.0, levels.get(levels.size() - 1), 0.0, "ends at the max resource: " + levels);
        }
        assertEquals(List.of(), Pruners.successiveHalving(1, 3, 0).budgetLevels(study, 0));
    }

    @Test
    void hyperbandOnStepsInAStudyWithABudgetGivesItsStepsAsAmountsOfThatBudget() {
        Study study = Study.builder().budget(FRACTION).pruner(Pruners.hyperband(37, 1000, 3)).build();
        for (int i = 0; i < 10; i++) {
            Trial t = study.ask();
            List<Double> schedule = t.budgetSchedule();
            assertEquals(1.0, schedule.get(schedule.size() - 1), 0.0, "ends at the budget's max: " + schedule);
            for (double amount : schedule) {
                t.reportAt(amount, 0.5); // a fraction of the data, so reportAt takes it
            }
            List<Long> steps = schedule.stream().map(FRACTION::toStep).toList();
            assertEquals(steps, List.copyOf(study.trials().get(t.number()).intermediateValues().keySet()));
            assertEquals(Pruners.hyperband(37, 1000, 3).budgetLevels(study, t.number()).stream().map(Math::round)
                    .toList(), steps, "reported at the pruner's steps");
            study.tell(t, 0.5);
        }
    }

    @Test
    void successiveHalvingWithARateBeyondTheLevelsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pruners.successiveHalving(FRACTION, 3, 4));
        assertTrue(e.getMessage().contains("below 4"), e.getMessage());
    }

    @Test
    void successiveHalvingWithARateStartsAtThatLevelAndAddsTheMax() {
        Pruner p = Pruners.successiveHalving(Budget.dataFraction(0.1, 1), 3, 1);
        assertEquals(List.of(0.30000000000000004, 0.9000000000000001, 1.0),
                p.budgetLevels(new FakeStudy("s", Direction.MINIMIZE), 0));
    }

    @Test
    void reportElapsedUsesTheStudyClockInMilliseconds() {
        ManualClock clock = new ManualClock();
        Study study = Study.builder().clock(clock)
                .pruner(Pruners.successiveHalving(Budget.wallTime(Duration.ofSeconds(1), Duration.ofSeconds(9)), 3))
                .build();
        Trial t = study.ask();
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Duration.ofMillis(1500), t.elapsed());
        assertEquals(1500, t.reportElapsed(0.3));
        assertEquals(Map.of(1500L, 0.3), study.storage().trial(study.name(), t.number()).intermediateValues());
        assertEquals(List.of(1.0, 3.0, 9.0), t.budgetSchedule());
    }

    @Test
    void wallTimeRungsCompareTrialsAfterEqualTimeSpent() {
        ManualClock clock = new ManualClock();
        Budget wall = Budget.wallTime(Duration.ofSeconds(1), Duration.ofSeconds(9));
        Study study = Study.builder().clock(clock).pruner(Pruners.successiveHalving(wall, 3)).build();
        // the same learning curve per epoch (loss 1 / epoch), but epochs of different lengths
        Duration[] epochLength = {Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(2)};
        study.optimize(t -> {
            double loss = Double.NaN;
            for (int epoch = 1; t.elapsed().compareTo(Duration.ofSeconds(9)) < 0; epoch++) {
                clock.advance(epochLength[t.number()]);
                loss = 1.0 / epoch;
                t.reportElapsed(loss);
                if (t.shouldPrune()) {
                    throw new TrialPrunedException();
                }
            }
            return loss;
        }, 3);
        List<TrialState> states = study.trials().stream().map(FrozenTrial::state).toList();
        // at 1 s: trial 0 has loss 1, trial 1 (twice as fast) 1/2, trial 2 (twice as slow) reaches the rung
        // only at 2 s with loss 1: the worst at equal time, so pruned at its first report
        assertEquals(List.of(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.PRUNED), states);
        assertEquals(Set.of(2000L), study.trials().get(2).intermediateValues().keySet());
    }

    @Test
    void reportElapsedWithoutAWallTimeBudgetSaysWhatToUse() {
        Study study = Study.builder().budget(Budget.epochs(3)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> study.ask().reportElapsed(1));
        assertTrue(e.getMessage().contains("reportAt"), e.getMessage());
    }

    @Test
    void medianPrunerWithABudgetUsesTheBudgetsDefaultSchedule() {
        Study study = Study.builder().budget(Budget.epochs(3)).pruner(Pruners.median()).build();
        assertEquals(List.of(1.0, 2.0, 3.0), study.ask().budgetSchedule());
    }

    @Test
    void aStudyWithoutBudgetHasNoScheduleAndSaysHowToGetOne() {
        Study study = Study.builder().build();
        Trial t = study.ask();
        IllegalStateException e = assertThrows(IllegalStateException.class, t::budgetSchedule);
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> t.reportAt(0.5, 1.0));
        t.report(1, 0.5); // the step API is unchanged
        assertEquals(Map.of(1L, 0.5), study.storage().trial(study.name(), t.number()).intermediateValues());
    }

    @Test
    void aBudgetThatDiffersFromThePrunersIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Study.builder().budget(Budget.epochs(9))
                .pruner(Pruners.successiveHalving(FRACTION, 3)).build());
        assertEquals(FRACTION, Study.builder().budget(FRACTION).pruner(Pruners.successiveHalving(FRACTION, 3)).build()
                .budget().orElseThrow());
    }
}
