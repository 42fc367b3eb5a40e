package org.automl4j.sampler.smac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.study.Direction;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class SmacSamplerTest {

    private static SmacSampler smac(long seed) {
        return new SmacSampler(SmacSampler.Options.defaults().withSeed(seed));
    }

    /** algo a: a_x (and a_k when a_kind is "k"); algo b: b_x; c: nothing. */
    private static double conditional(Trial t) {
        String algo = t.suggestCategorical("algo", List.of("a", "b", "c"));
        switch (algo) {
            case "a" -> {
                double v = 1 + Math.abs(t.suggestFloat("a_x", 0, 1) - 0.2);
                if (t.suggestCategorical("a_kind", List.of("plain", "k")).equals("k")) {
                    v += Math.abs(t.suggestInt("a_k", 1, 20) - 15) / 20.0;
                }
                return v;
            }
            case "b" -> {
                return Math.abs(t.suggestFloat("b_x", 0, 1) - 0.7);
            }
            default -> {
                return 2;
            }
        }
    }

    @Test
    void optionsValidateEverySettingAndSayWhatIsWrong() {
        SmacSampler.Options.Builder b = SmacSampler.Options.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.randomInterleaveProbability(1.5));
        assertTrue(e.getMessage().contains("randomInterleaveProbability must be in [0, 1], but got 1.5"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SmacSampler.Options.builder().randomInterleaveProbability(0.8).branchProbability(0.5));
        assertTrue(e.getMessage().contains("must be <= 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.initial(-1, SmacSampler.InitialDesign.SOBOL));
        assertThrows(IllegalArgumentException.class, () -> b.neighbourhood(0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> b.neighbourhood(4, 0));
        assertThrows(IllegalArgumentException.class, () -> b.localSearch(-1, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> b.randomCandidates(0).localSearch(0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> b.nTrees(0));
        assertEquals(30, SmacSampler.Options.builder().nTrees(30).build().forest().nTrees());
        assertEquals(7, SmacSampler.Options.defaults().withSeed(7).seed());
    }

    @Test
    void theInitialDesignIsTheScrambledSobolSequence() {
        Study a = Study.builder().sampler(smac(3)).build();
        Study b = Study.builder().sampler(Samplers.sobol(3)).build();
        for (Study s : List.of(a, b)) {
            s.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestInt("k", 0, 9) + t.suggestFloat("y", 1e-3, 1, true),
                    10);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(b.trials().get(i).params(), a.trials().get(i).params(), "trial " + i);
        }
    }

    @Test
    void theModelConcentratesNearTheOptimumOfASmoothFunction() {
        Study s = Study.builder().sampler(smac(4)).build();
        s.optimize(t -> Math.pow(t.suggestFloat("x", -10, 10) - 3, 2) + Math.pow(t.suggestFloat("y", -10, 10), 2), 60);
        long near = s.trials().subList(40, 60).stream()
                .filter(t -> Math.abs((Double) t.params().get("x") - 3) < 2).count();
        assertTrue(near >= 10, "most late trials near x=3, got " + near);
        assertTrue(s.bestValue() < 0.1, "best " + s.bestValue());
    }

    @Test
    void categoricalChoiceConvergesToTheBestCategory() {
        Study s = Study.builder().direction(Direction.MAXIMIZE).sampler(smac(9)).build();
        List<String> cats = List.of("a", "b", "c", "d", "e");
        s.optimize(t -> (cats.indexOf(t.suggestCategorical("c", cats)) == 3 ? 1.0 : 0.0)
                - Math.abs(t.suggestFloat("x", 0, 1) - 0.5), 60);
        long d = s.trials().subList(30, 60).stream().filter(t -> t.params().get("c").equals("d")).count();
        assertTrue(d >= 15, "late trials choose the best category, got " + d);
    }

    @Test
    void activityRulesAreInferredFromTheTrialsIncludingNestedConditions() {
        Study s = Study.builder().sampler(Samplers.random(1)).build();
        s.optimize(SmacSamplerTest::conditional, 60);
        SmacHistory h = new SmacHistory();
        h.sync(s);
        SmacHistory.Snapshot snap = h.snapshot();
        Column[] cols = snap.columns();
        Map<String, Integer> at = new java.util.HashMap<>();
        for (int j = 0; j < cols.length; j++) {
            at.put(cols[j].name, j);
        }
        ActivityModel m = snap.activity();
        assertTrue(m.isConditional());
        assertTrue(m.isUnconditional(at.get("algo")));
        double[] u = new double[cols.length];
        boolean[] act = new boolean[cols.length];
        // algo = a, a_kind = k: a_x, a_kind and a_k active, b_x not
        u[at.get("algo")] = 0;
        u[at.get("a_kind")] = 1;
        m.activity(u, null, act);
        assertTrue(act[at.get("a_x")] && act[at.get("a_kind")] && act[at.get("a_k")]);
        assertFalse(act[at.get("b_x")]);
        // algo = a, a_kind = plain: no a_k
        u[at.get("a_kind")] = 0;
        m.activity(u, null, act);
        assertTrue(act[at.get("a_x")]);
        assertFalse(act[at.get("a_k")]);
        // algo = b: only b_x, whatever a_kind holds
        u[at.get("algo")] = 1;
        u[at.get("a_kind")] = 1;
        m.activity(u, null, act);
        assertTrue(act[at.get("b_x")]);
        assertFalse(act[at.get("a_x")] || act[at.get("a_kind")] || act[at.get("a_k")]);
        // algo = c: nothing else
        u[at.get("algo")] = 2;
        m.activity(u, null, act);
        for (String name : List.of("a_x", "a_kind", "a_k", "b_x")) {
            assertFalse(act[at.get(name)], name);
        }
        // every observed trial is reproduced by the rules
        for (int i = 0; i < snap.x().length; i++) {
            double[] row = snap.x()[i].clone();
            m.activity(row, null, act);
            for (int j = 0; j < cols.length; j++) {
                assertEquals(snap.active()[i][j], act[j], "trial " + i + " column " + cols[j].name);
            }
        }
    }

    @Test
    void conditionalSpacesAreModelledAndTheBestBranchIsTuned() {
        Study s = Study.builder().sampler(smac(5)).build();
        s.optimize(SmacSamplerTest::conditional, 80);
        List<FrozenTrial> late = s.trials().subList(50, 80);
        long b = late.stream().filter(t -> t.params().get("algo").equals("b")).count();
        assertTrue(b >= 15, "late trials prefer the better branch, got " + b);
        assertTrue(s.bestValue() < 0.02, "b_x tuned near 0.7: best " + s.bestValue());
    }

    @Test
    void failedAndInfeasibleTrialsCountAsTheWorstLoss() {
        SmacSampler sampler = smac(0);
        double[] loss = {3, Double.NaN, 1, 2};
        double[] y = new double[4];
        assertFalse(sampler.targets(loss, y), "three evenly spread losses are not skewed");
        assertEquals(List.of(3.0, 3.0, 1.0, 2.0), List.of(y[0], y[1], y[2], y[3]));
        SmacSampler log = new SmacSampler(SmacSampler.Options.builder().logTransform(SmacSampler.LogTransform.ALWAYS)
                .build());
        assertTrue(log.targets(loss, y));
        assertEquals(0, y[0], 1e-12, "the worst maps to log(1)");
        assertEquals(y[0], y[1], 0);
        assertTrue(y[2] < y[3] && y[3] < y[0]);
        assertTrue(Double.isFinite(y[2]), "the best stays finite: " + y[2]);
        double[] constant = new double[3];
        assertFalse(sampler.targets(new double[] {5, 5, Double.NaN}, constant));
        assertEquals(0, constant[0] + constant[1] + constant[2]);
    }

    @Test
    void logTargetsStayFiniteWhenLossesDifferBelowTheirPrecision() {
        SmacSampler auto = smac(0);
        double[] y = new double[5];
        assertTrue(auto.targets(new double[] {100.0, 100.0, 100.0, 100.0, 100.00001}, y));
        for (double v : y) {
            assertTrue(Double.isFinite(v), "finite log targets: " + java.util.Arrays.toString(y));
        }
        assertTrue(y[0] < y[4], "the best stays below the worst: " + java.util.Arrays.toString(y));
        double[] huge = {-1e308, -1e308, -1e308, 1e308};
        double[] z = new double[4];
        assertFalse(auto.targets(huge, z), "a span beyond Double.MAX_VALUE is not log-transformed");
        assertEquals(List.of(-1e308, -1e308, -1e308, 1e308), List.of(z[0], z[1], z[2], z[3]));
    }

    @Test
    void aPlateauObjectiveWithATinyStepDoesNotFailModelTrials() {
        // most trials tie at the best and a few are 1e-5 worse: SMAC's log targets used to reach log(0)
        Study s = Study.builder().sampler(smac(3)).build();
        s.optimize(t -> t.suggestFloat("x", 0, 1) < 0.85 ? 100.0 : 100.00001, 30);
        assertEquals(30, s.trials(TrialState.COMPLETE).size(), "failures: " + s.trials(TrialState.FAIL).stream()
                .map(FrozenTrial::failure).toList());
    }

    @Test
    void autoLogTransformsSkewedLossesOnly() {
        SmacSampler auto = smac(0);
        double[] y = new double[6];
        assertTrue(auto.targets(new double[] {0.1, 0.2, 0.15, 0.3, 0.25, 100}, y));
        assertFalse(auto.targets(new double[] {1, 2, 3, 4, 5, 6}, y));
    }

    @Test
    void theModelLearnsToAvoidARegionWhereTheObjectiveFails() {
        Study s = Study.builder().sampler(smac(2)).build();
        s.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            if (x < 0.3) {
                throw new IllegalStateException("diverged");
            }
            return Math.abs(x - 0.35) + y;
        }, OptimizeOptions.trials(60).withMaxInitialFailures(0));
        long lateFailures = s.trials().subList(30, 60).stream().filter(t -> t.state() == TrialState.FAIL).count();
        assertTrue(lateFailures <= 6, "failures among the last 30 trials (random would fail 9): " + lateFailures);
        assertTrue(s.bestValue() < 0.1, "best " + s.bestValue());
    }

    @Test
    void failedTrialsCountTowardsTheInitialDesignSoAChoiceThatAlwaysFailsIsLeftBehind() {
        // before: 38 of 60: only COMPLETE trials ended the initial design, so with half the trials failing it lasted
        // 40 trials, and the model then kept proposing the failing choice (the activity rules, learnt from COMPLETE
        // trials only, took its unsuggested x for active, so the forest could not match it to the failures); now 11
        SmacSampler sampler = new SmacSampler(SmacSampler.Options.builder().initial(20, SmacSampler.InitialDesign.SOBOL)
                .randomInterleaveProbability(0).branchProbability(0).seed(4).build());
        Study s = Study.builder().sampler(sampler).build();
        s.optimize(t -> {
            if (t.suggestCategorical("learner", List.of("ok", "broken")).equals("broken")) {
                throw new IllegalStateException("this learner cannot start");
            }
            return t.suggestFloat("x", 0, 1);
        }, OptimizeOptions.trials(60).withMaxInitialFailures(0));
        long broken = s.trials(TrialState.FAIL).size();
        assertTrue(broken <= 15, broken + " of 60 trials drew the learner that always fails");
    }

    @Test
    void prunedTrialsTeachTheModelAtTheirLastReportedValue() {
        // a learner whose every trial is pruned at its first step (as racing prunes a pipeline after one fold);
        // before: pruned trials were not used, the model never saw that learner's losses and kept proposing it
        // (17 of the last 40 trials), since the completed trials were all of the other learner
        SmacSampler sampler = new SmacSampler(SmacSampler.Options.builder().initial(10, SmacSampler.InitialDesign.SOBOL)
                .randomInterleaveProbability(0).branchProbability(0).seed(5).build());
        Study s = Study.builder().sampler(sampler).pruner(org.automl4j.pruner.Pruners.median(3, 0, 1)).build();
        s.optimize(t -> {
            boolean slow = t.suggestCategorical("learner", List.of("good", "bad")).equals("bad");
            double x = t.suggestFloat("x", 0, 1);
            double first = slow ? 5 + x : x;
            t.report(1, first);
            if (t.shouldPrune()) {
                throw new org.automl4j.trial.TrialPrunedException("pruned at step 1");
            }
            return first;
        }, OptimizeOptions.trials(60));
        long bad = s.trials().subList(20, 60).stream().filter(t -> "bad".equals(t.params().get("learner"))).count();
        assertTrue(s.trials(TrialState.PRUNED).size() >= 3, "the test needs pruned trials");
        assertTrue(bad <= 6, bad + " of the last 40 trials drew the learner whose trials are all pruned");
    }

    @Test
    void branchTrialsNoLongerDrawAChoiceWhoseTrialsAllFailed() {
        // before: every branch trial drew a categorical choice at random, so a learner that always fails took half
        // of them (30 of 60 trials here)
        SmacSampler sampler = new SmacSampler(SmacSampler.Options.builder().initial(6, SmacSampler.InitialDesign.SOBOL)
                .randomInterleaveProbability(0).branchProbability(0.9).seed(5).build());
        Study s = Study.builder().sampler(sampler).build();
        s.optimize(t -> {
            if (t.suggestCategorical("learner", List.of("ok", "broken")).equals("broken")) {
                throw new IllegalStateException("this learner cannot start");
            }
            return t.suggestFloat("x", 0, 1) + (t.suggestCategorical("scale", List.of("a", "b")).equals("a") ? 0 : 1);
        }, OptimizeOptions.trials(60).withMaxInitialFailures(0));
        long broken = s.trials(TrialState.FAIL).size();
        assertTrue(broken <= 8, broken + " of 60 trials drew the learner that always fails");
    }

    @Test
    void aBranchIsDeadOnceOneOfItsChoicesFailedThreeTimesAndNeverRan() {
        double nan = Double.NaN;
        double[][] x = {{0, 1}, {1, 0}, {1, 1}, {1, 0}, {0, 0}};
        double[] loss = {0.5, nan, nan, nan, nan};
        assertTrue(SmacSampler.deadBranch(x, loss, new double[] {1, nan}), "choice 1 of column 0: 3 failures");
        assertFalse(SmacSampler.deadBranch(x, loss, new double[] {0, nan}), "choice 0 of column 0 ran once");
        assertFalse(SmacSampler.deadBranch(x, loss, new double[] {nan, 1}), "2 failures and one that ran");
        assertFalse(SmacSampler.deadBranch(new double[][] {{1}, {1}}, new double[] {nan, nan}, new double[] {1}),
                "2 failures are not yet enough");
        assertTrue(SmacSampler.deadBranch(x, loss, new double[] {1, 0}), "any dead choice kills the branch");
    }

    @Test
    void modelTrialsNeverRepeatAConfiguration() {
        SmacSampler sampler = new SmacSampler(SmacSampler.Options.builder().initial(3, SmacSampler.InitialDesign.RANDOM)
                .randomInterleaveProbability(0).branchProbability(0).seed(1).build());
        Study s = Study.builder().sampler(sampler).build();
        s.optimize(t -> t.suggestInt("a", 0, 3) + 10 * t.suggestInt("b", 0, 3), 16);
        Set<Map<String, Object>> seen = new HashSet<>();
        List<FrozenTrial> trials = s.trials();
        for (int i = 0; i < 3; i++) {
            seen.add(trials.get(i).params());
        }
        for (int i = 3; i < trials.size(); i++) {
            assertTrue(seen.add(trials.get(i).params()), "trial " + i + " repeats " + trials.get(i).params());
        }
    }

    @Test
    void aChangedDistributionReplacesTheColumnAndNewParametersAreSampled() {
        Study s = Study.builder().sampler(smac(6)).build();
        s.optimize(t -> t.suggestFloat("x", 0, 1), 15);
        s.optimize(t -> {
            double x = t.suggestFloat("x", 0, 2);
            String c = t.suggestCategorical("c", List.of("u", "v"));
            return x + (c.equals("u") ? 0 : 1) + t.suggestInt("k", 1, 5);
        }, 25);
        assertEquals(40, s.trials(TrialState.COMPLETE).size());
        FrozenTrial last = s.trials().get(39);
        assertEquals(FloatDistribution.of(0, 2), last.distributions().get("x"));
        assertEquals(CategoricalDistribution.of("u", "v"), last.distributions().get("c"));
        assertEquals(IntDistribution.of(1, 5), last.distributions().get("k"));
        assertTrue(s.bestValue() < 1.5, "best " + s.bestValue());
    }

    @Test
    void parallelWorkersCompleteEveryTrial() {
        Study s = Study.builder().sampler(smac(1)).build();
        s.optimize(t -> Math.pow(t.suggestFloat("x", -10, 10) - 3, 2) + t.suggestInt("k", 0, 5),
                OptimizeOptions.trials(60).withJobs(3));
        assertEquals(60, s.trials(TrialState.COMPLETE).size());
        assertTrue(s.bestValue() < 1, "best " + s.bestValue());
    }

    @Test
    void multiObjectiveStudyGetsAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Study.builder()
                .directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(smac(0)).build());
        assertTrue(e.getMessage().contains("SmacSampler optimises one objective"), e.getMessage());
        // a sampler reached another way (wrapped, or on a view) still refuses a Pareto study when asked
        Study pareto = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE)
                .sampler(Samplers.random(0)).build();
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> smac(0)
                .inferRelativeSearchSpace(pareto, FrozenTrial.builder().number(0).state(TrialState.RUNNING).build()));
        assertTrue(late.getMessage().contains("one objective"), late.getMessage());
    }

    @Test
    void describeNamesTheSettings() {
        String d = smac(12).describe();
        assertTrue(d.startsWith("SmacSampler") && d.contains("seed=12"), d);
        assertNotEquals(smac(1).describe(), smac(2).describe());
    }
}
