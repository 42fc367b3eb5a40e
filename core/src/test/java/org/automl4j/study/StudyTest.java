package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.storage.DuplicateStudyException;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialFinishedException;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class StudyTest {

    private static Study study() {
        return Study.builder().name("t").sampler(Samplers.random(1)).build();
    }

    private static double quadratic(Trial t) {
        double x = t.suggestFloat("x", -5, 5);
        return x * x;
    }

    @Test
    void optimizeRunsTheRequestedTrialsAndFindsTheBest() {
        Study s = study();
        s.optimize(StudyTest::quadratic, 30);
        assertEquals(30, s.trials(TrialState.COMPLETE).size());
        double best = s.trials().stream().mapToDouble(FrozenTrial::value).min().orElseThrow();
        assertEquals(best, s.bestValue());
        assertEquals(best, Math.pow((Double) s.bestParams().get("x"), 2), 1e-12);
    }

    @Test
    void maximizeChoosesTheLargestValue() {
        Study s = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(1)).build();
        s.optimize(StudyTest::quadratic, 20);
        double best = s.trials().stream().mapToDouble(FrozenTrial::value).max().orElseThrow();
        assertEquals(best, s.bestValue());
    }

    @Test
    void suggestingANameTwiceReturnsTheSameValue() {
        Study s = study();
        s.optimize(t -> {
            double a = t.suggestFloat("x", 0, 1);
            double b = t.suggestFloat("x", 0, 1);
            assertEquals(a, b);
            return a;
        }, 5);
        assertEquals(5, s.trials(TrialState.COMPLETE).size());
    }

    @Test
    void sameNameWithAnotherDistributionFailsTheTrialWithAClearMessage() {
        Study s = study();
        s.optimize(t -> {
            t.suggestFloat("x", 0, 1);
            return t.suggestFloat("x", 0, 2);
        }, OptimizeOptions.trials(1));
        FrozenTrial t = s.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        assertTrue(t.failure().message().contains("'x'"), t.failure().message());
        assertTrue(t.failure().message().contains("rename"), t.failure().message());
    }

    @Test
    void conditionalParametersArePlainJava() {
        Study s = study();
        s.optimize(t -> {
            String kind = t.suggestCategorical("kind", List.of("a", "b"));
            if (kind.equals("a")) {
                return t.suggestFloat("a_x", 0, 1);
            }
            int layers = t.suggestInt("b_layers", 1, 3);
            double sum = 0;
            for (int i = 0; i < layers; i++) {
                sum += t.suggestInt("b_units_" + i, 1, 8, true);
            }
            return sum;
        }, 40);
        for (FrozenTrial t : s.trials()) {
            assertEquals(TrialState.COMPLETE, t.state());
            if (t.params().get("kind").equals("a")) {
                assertEquals(Set.of("kind", "a_x"), t.params().keySet());
            } else {
                int layers = (Integer) t.params().get("b_layers");
                assertEquals(2 + layers, t.params().size());
            }
        }
    }

    @Test
    void throwingObjectiveBecomesAFailedTrialAndTheStudyGoesOn() {
        Study s = study();
        AtomicInteger calls = new AtomicInteger();
        s.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            if (calls.incrementAndGet() % 3 == 0) {
                throw new IllegalStateException("bad luck at " + t.number());
            }
            return x;
        }, 12);
        assertEquals(12, s.trials().size());
        List<FrozenTrial> failed = s.trials(TrialState.FAIL);
        assertEquals(4, failed.size());
        FrozenTrial f = failed.get(0);
        assertEquals("java.lang.IllegalStateException", f.failure().type());
        assertEquals("bad luck at 2", f.failure().message());
        assertTrue(f.failure().stackTrace().contains("StudyTest"));
        assertTrue(f.params().containsKey("x"), "parameters of a failed trial are kept");
    }

    @Test
    void nanAndInfiniteValuesAreFailures() {
        Study s = study();
        AtomicInteger calls = new AtomicInteger();
        s.optimize(t -> {
            t.suggestFloat("x", 0, 1);
            int c = calls.getAndIncrement();
            return c == 1 ? Double.NaN : c == 2 ? Double.POSITIVE_INFINITY : 1.0;
        }, 4);
        assertEquals(List.of(TrialState.COMPLETE, TrialState.FAIL, TrialState.FAIL, TrialState.COMPLETE),
                s.trials().stream().map(FrozenTrial::state).toList());
        assertTrue(s.trials().get(1).failure().message().contains("NaN"));
    }

    @Test
    void allFirstTrialsFailingStopsWithTheFirstStackTrace() {
        Study s = study();
        StudySetupException e = assertThrows(StudySetupException.class, () -> s.optimize(t -> {
            t.suggestFloat("x", 0, 1);
            throw new IllegalArgumentException("missing data file foo.csv");
        }, OptimizeOptions.trials(100).withMaxInitialFailures(3)));
        assertTrue(e.getMessage().contains("missing data file foo.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("at org.automl4j"), "stack trace included");
        assertEquals(3, s.trials(TrialState.FAIL).size(), "failed trials are stored");
    }

    @Test
    void prunedObjectiveKeepsItsLastIntermediateValue() {
        Study s = study();
        s.optimize(t -> {
            t.suggestFloat("x", 0, 1);
            t.report(1, 0.9);
            t.report(2, 0.7);
            throw new TrialPrunedException();
        }, 2);
        FrozenTrial t = s.trials().get(0);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(List.of(0.7), t.values());
        assertEquals(Map.of(1L, 0.9, 2L, 0.7), t.intermediateValues());
    }

    @Test
    void aNegativeReportedStepIsRefusedNamingTheStepInsteadOfNeverBeingJudged() {
        Study s = study();
        Trial t = s.ask();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.report(-1, 0.5));
        assertTrue(e.getMessage().contains("step -1") && e.getMessage().contains("from 0"), e.getMessage());
        assertEquals(Map.of(), s.trials().get(t.number()).intermediateValues(), "nothing stored");
        t.report(0, 0.5);
        assertEquals(Map.of(0L, 0.5), s.trials().get(t.number()).intermediateValues());
    }

    @Test
    void askAndTellDriveTrialsByHand() {
        Study s = study();
        for (int i = 0; i < 5; i++) {
            Trial t = s.ask();
            double x = t.suggestFloat("x", -1, 1);
            s.tell(t, x * x);
        }
        Trial fixed = s.ask(Map.of("lr", FloatDistribution.logScale(1e-4, 1)));
        assertTrue(fixed.params().containsKey("lr"));
        s.tell(fixed.number(), TrialState.PRUNED);
        assertEquals(5, s.trials(TrialState.COMPLETE).size());
        assertEquals(TrialState.PRUNED, s.trials().get(5).state());
        FrozenTrial nan = s.tell(s.ask().number(), Double.NaN);
        assertEquals(TrialState.FAIL, nan.state());
    }

    @Test
    void tellingAFinishedTrialAgainIsRefused() {
        Study s = study();
        Trial t = s.ask();
        s.tell(t, 1.0);
        assertThrows(TrialFinishedException.class, () -> s.tell(t, 2.0));
        assertThrows(TrialFinishedException.class, () -> t.suggestFloat("y", 0, 1));
    }

    @Test
    void enqueuedParametersAreEvaluatedFirst() {
        Study s = study();
        s.enqueueTrial(Map.of("x", 0.25, "n", 7));
        s.enqueueTrial(Map.of("x", 0.5));
        s.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestInt("n", 1, 10), 3);
        List<FrozenTrial> trials = s.trials();
        assertEquals(0.25, trials.get(0).params().get("x"));
        assertEquals(7, trials.get(0).params().get("n"));
        assertEquals(0.5, trials.get(1).params().get("x"));
        assertEquals(3, trials.size());
    }

    @Test
    void enqueuedValueOutsideTheRangeFailsThatTrialWithAClearMessage() {
        Study s = study();
        s.enqueueTrial(Map.of("x", 5.0));
        s.optimize(t -> t.suggestFloat("x", 0, 1), 2);
        FrozenTrial t = s.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        assertTrue(t.failure().message().contains("enqueued value 5.0"), t.failure().message());
        assertEquals(TrialState.COMPLETE, s.trials().get(1).state());
    }

    @Test
    void addedTrialsCountAsHistory() {
        Study s = study();
        s.addTrial(FrozenTrial.builder().state(TrialState.COMPLETE)
                .param("x", FloatDistribution.of(-5, 5), 0.0).values(-1.0).build());
        s.optimize(StudyTest::quadratic, 5);
        assertEquals(-1.0, s.bestValue());
        assertEquals(0, s.bestTrial().orElseThrow().number());
        assertThrows(IllegalArgumentException.class, () -> s.addTrial(FrozenTrial.builder()
                .state(TrialState.RUNNING).build()));
    }

    @Test
    void listenersSeeTrialsAlreadyStored() {
        InMemoryStorage storage = new InMemoryStorage();
        List<TrialState> seen = new ArrayList<>();
        Study s = Study.builder().name("l").storage(storage).sampler(Samplers.random(0)).listener((study, trial) -> {
            assertEquals(trial, storage.trial("l", trial.number()));
            seen.add(trial.state());
        }).build();
        s.optimize(StudyTest::quadratic, 3);
        assertEquals(List.of(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.COMPLETE), seen);
    }

    @Test
    void failingListenerDoesNotStopTheStudy() {
        Study s = study();
        s.addListener((study, trial) -> {
            throw new IllegalStateException("listener bug");
        });
        s.optimize(StudyTest::quadratic, 4);
        assertEquals(4, s.trials(TrialState.COMPLETE).size());
    }

    @Test
    void stopRequestEndsTheRunAfterTheCurrentTrial() {
        Study s = study();
        s.addListener((study, trial) -> {
            if (trial.number() == 4) {
                ((Study) study).stop();
            }
        });
        s.optimize(StudyTest::quadratic, 100);
        assertEquals(5, s.trials().size());
    }

    @Test
    void timeoutAloneEndsTheRun() {
        Study s = study();
        s.optimize(t -> {
            Thread.sleep(2);
            return quadratic(t);
        }, OptimizeOptions.timeout(java.time.Duration.ofMillis(30)));
        assertTrue(s.trials().size() >= 1, "at least one trial ran");
        assertTrue(s.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    }

    @Test
    void fourThreadsRunExactlyTheRequestedTrialsWithUniqueNumbers() {
        Study s = Study.builder().sampler(Samplers.tpe(0)).build();
        s.optimize(t -> t.suggestFloat("x", -1, 1) + t.suggestInt("k", 0, 3), OptimizeOptions.trials(400).withJobs(4));
        List<FrozenTrial> trials = s.trials();
        assertEquals(400, trials.size());
        assertEquals(400, s.trials(TrialState.COMPLETE).size());
        Set<Integer> numbers = new HashSet<>();
        trials.forEach(t -> numbers.add(t.number()));
        assertEquals(400, numbers.size());
        assertEquals(0, trials.stream().filter(t -> t.state() == TrialState.RUNNING).count());
    }

    @Test
    void multiObjectiveStudyKeepsAValueVectorAndItsParetoFront() {
        Study s = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(Samplers.random(2)).build();
        s.optimizeMulti(t -> {
            double x = t.suggestFloat("x", 0, 1);
            return new double[] {x, 1 - x * x};
        }, OptimizeOptions.trials(20));
        assertEquals(20, s.trials(TrialState.COMPLETE).size());
        assertEquals(2, s.trials().get(0).values().size());
        assertEquals(20, s.bestTrials().size(), "x vs 1-x^2 on [0,1]: every point is Pareto-optimal");
        assertThrows(IllegalStateException.class, s::bestTrial);
        s.optimizeMulti(t -> new double[] {1.0}, OptimizeOptions.trials(1).withMaxInitialFailures(0));
        assertEquals(TrialState.FAIL, s.trials().get(20).state());
    }

    @Test
    void aParetoStudyRefusesASingleObjectiveSamplerWhenBuiltAndCreatesNothing() {
        InMemoryStorage storage = new InMemoryStorage();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Study.builder().name("mo")
                .storage(storage).directions(Direction.MINIMIZE, Direction.MAXIMIZE).sampler(Samplers.tpe(0)).build());
        assertTrue(e.getMessage().contains("optimises one objective") && e.getMessage().contains("Samplers.nsga2"),
                e.getMessage());
        assertTrue(storage.findStudy("mo").isEmpty(), "no study was created");
        assertThrows(IllegalArgumentException.class, () -> Study.builder().directions(Direction.MINIMIZE,
                Direction.MINIMIZE).sampler(Samplers.smac(0)).build());
        assertFalse(Samplers.random(0).singleObjectiveOnly());
    }

    @Test
    void aParetoStudyWithoutASamplerGetsNsga2AndRuns() {
        Study s = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).build();
        assertTrue(s.sampler().describe().toLowerCase(java.util.Locale.ROOT).contains("nsga"), s.sampler().describe());
        s.optimizeMulti(t -> {
            double x = t.suggestFloat("x", 0, 1);
            return new double[] {x, 1 - x};
        }, OptimizeOptions.trials(12));
        assertEquals(12, s.trials(TrialState.COMPLETE).size());
        Study single = Study.builder().build();
        assertFalse(single.sampler().describe().toLowerCase(java.util.Locale.ROOT).contains("nsga"));
    }

    @Test
    void dominatedTrialsAreNotInTheFront() {
        Study s = Study.builder().directions(Direction.MINIMIZE, Direction.MAXIMIZE).build();
        s.addTrial(FrozenTrial.builder().values(1, 5).build());
        s.addTrial(FrozenTrial.builder().values(2, 4).build());
        s.addTrial(FrozenTrial.builder().values(0.5, 1).build());
        assertEquals(List.of(0, 2), s.bestTrials().stream().map(FrozenTrial::number).toList());
    }

    @Test
    void studyNamesAreUniqueUnlessLoaded() {
        InMemoryStorage storage = new InMemoryStorage();
        Study a = Study.builder().name("same").storage(storage).sampler(Samplers.random(0)).build();
        a.optimize(StudyTest::quadratic, 3);
        assertThrows(DuplicateStudyException.class, () -> Study.builder().name("same").storage(storage).build());
        Study b = Study.builder().name("same").storage(storage).loadIfExists(true).sampler(Samplers.random(0)).build();
        assertEquals(3, b.trials().size());
        b.optimize(StudyTest::quadratic, 2);
        assertEquals(5, a.trials().size());
        assertThrows(IllegalArgumentException.class, () -> Study.builder().name("same").storage(storage)
                .loadIfExists(true).direction(Direction.MAXIMIZE).build());
    }

    @Test
    void bestTrialIsTheBestFeasibleOne() {
        Study s = Study.builder().sampler(Samplers.random(4)).constraints(t -> new double[] {
            0.5 - (Double) t.params().get("x")}).build();
        s.optimize(t -> t.suggestFloat("x", 0, 1), 50);
        FrozenTrial best = s.bestTrial().orElseThrow();
        assertTrue((Double) best.params().get("x") >= 0.5, "feasible means x >= 0.5");
        double bestFeasible = s.trials().stream().filter(FrozenTrial::isFeasible).mapToDouble(FrozenTrial::value).min()
                .orElseThrow();
        assertEquals(bestFeasible, best.value());
        assertTrue(s.trials().stream().anyMatch(t -> !t.isFeasible() && t.value() < best.value()),
                "infeasible trials with better values exist and are skipped");
        assertEquals(1, s.trials().get(0).constraints().length);
    }

    @Test
    void tpeHonoursConstraints() {
        Study s = Study.builder().sampler(Samplers.tpe(3)).constraints(t -> new double[] {
            (Double) t.params().get("x") - 2.0}).build();
        s.optimize(t -> Math.pow(t.suggestFloat("x", -10, 10) - 5, 2), 80);
        // The constrained optimum is the boundary x = 2; late trials concentrate around it (from both sides).
        long nearBoundary = s.trials().subList(40, 80).stream()
                .filter(t -> Math.abs((Double) t.params().get("x") - 2.0) < 1.0).count();
        assertTrue(nearBoundary >= 25, "late trials near the constrained optimum: " + nearBoundary);
        assertTrue(Math.abs((Double) s.bestParams().get("x") - 2.0) < 0.3, "optimum on the boundary: " + s.bestParams());
    }

    @Test
    void bestValueOfAStudyWhoseTrialsAreAllInfeasibleSaysTheConstraintsAreViolated() {
        Study s = Study.builder().sampler(Samplers.random(0)).constraints(t -> new double[] {1.0}).build();
        s.optimize(StudyTest::quadratic, 3);
        assertTrue(s.bestTrial().isEmpty());
        assertTrue(s.bestTrials().isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, s::bestValue);
        assertTrue(e.getMessage().contains("all 3 violate the constraints"), e.getMessage());
        assertFalse(e.getMessage().contains("run optimize first"), e.getMessage());
    }

    @Test
    void failingConstraintsFunctionFailsTheTrial() {
        Study s = Study.builder().sampler(Samplers.random(0)).constraints(t -> {
            throw new IllegalStateException("no latency measured");
        }).build();
        s.optimize(StudyTest::quadratic, OptimizeOptions.trials(2).withMaxInitialFailures(0));
        assertEquals(TrialState.FAIL, s.trials().get(0).state());
        assertTrue(s.trials().get(0).failure().message().contains("no latency measured"));
    }

    @Test
    void userAttributesAreStored() {
        Study s = study();
        s.setUserAttr("dataset", "iris");
        s.optimize(t -> {
            t.setUserAttr("fold_scores", List.of(0.9, 0.8));
            return t.suggestInt("k", 1, 3, 1);
        }, 1);
        assertEquals("iris", s.userAttrs().get("dataset"));
        assertEquals(List.of(0.9, 0.8), s.trials().get(0).userAttrs().get("fold_scores"));
        assertNotNull(s.trials().get(0).start());
        assertFalse(s.trials().get(0).distributions().get("k") instanceof FloatDistribution);
        assertTrue(s.trials().get(0).distributions().get("k") instanceof IntDistribution);
    }

    @Test
    void stopRequestIsVisibleUntilClearedOrTheNextOptimize() {
        Study s = study();
        assertFalse(s.isStopRequested());
        s.stop();
        assertTrue(s.isStopRequested());
        s.clearStopRequest();
        assertFalse(s.isStopRequested());
        s.stop();
        s.optimize(StudyTest::quadratic, 2);
        assertFalse(s.isStopRequested());
        assertEquals(2, s.trials().size());
    }

    @Test
    void tellingATrialToAStudyThatDidNotAskItIsRefusedAndFinishesNothing() {
        Study a = Study.builder().name("a").sampler(Samplers.random(1)).build();
        Study b = Study.builder().name("b").sampler(Samplers.random(1)).build();
        Trial fromA = a.ask();
        Trial fromB = b.ask();
        assertEquals(fromA.number(), fromB.number());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.tell(fromA, 1.0));
        assertTrue(e.getMessage().contains("another study, 'a'") && e.getMessage().contains("'b'"), e.getMessage());
        assertEquals(TrialState.RUNNING, b.trials().get(0).state());
        assertEquals(TrialState.RUNNING, a.trials().get(0).state());
        assertEquals(TrialState.COMPLETE, a.tell(fromA, 1.0).state());

        InMemoryStorage shared = new InMemoryStorage();
        Study asker = Study.builder().name("shared").storage(shared).sampler(Samplers.random(1)).build();
        Study teller = Study.builder().name("shared").storage(shared).loadIfExists(true).build();
        Trial t = asker.ask();
        assertEquals(TrialState.COMPLETE, teller.tell(t, 2.0).state(), "another handle on the same study may tell");
    }

    @Test
    void aNullDirectionIsNamedWithItsPosition() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Study.builder().directions(Direction.MINIMIZE, null));
        assertTrue(e.getMessage().contains("direction #1 of 2 is null"), e.getMessage());
    }

    @Test
    void askWithAnUnorderedMapSuggestsByNameSoRunsRepeat() {
        // Map.of's order changes between JVM runs, and Sobol assigns dimensions in order of suggestion
        Map<String, org.automl4j.space.Distribution> space = Map.of(
                "f", FloatDistribution.of(0, 1),
                "b", FloatDistribution.of(0, 1),
                "e", FloatDistribution.of(0, 1),
                "a", FloatDistribution.of(0, 1),
                "d", FloatDistribution.of(0, 1),
                "c", FloatDistribution.of(0, 1));
        Study s = Study.builder().build();
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), List.copyOf(s.ask(space).params().keySet()));
        java.util.LinkedHashMap<String, org.automl4j.space.Distribution> mine = new java.util.LinkedHashMap<>();
        mine.put("z", space.get("a"));
        mine.put("y", space.get("b"));
        assertEquals(List.of("z", "y"), List.copyOf(s.ask(mine).params().keySet()), "an ordered map keeps its order");
    }

    @Test
    void learningCurvePrunerKeepsAMaxStepBeyondTheIntRange() {
        long far = (1L << 32) + 81; // cast to int this was 81
        var p = (org.automl4j.pruner.curve.LearningCurvePruner) org.automl4j.pruner.Pruners.learningCurve(far);
        assertEquals(far, p.options().maxStep());
    }
}
