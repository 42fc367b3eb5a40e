package org.automl4j.sampler.cmaes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.automl4j.problems.Problems;
import org.automl4j.space.FloatDistribution;
import org.automl4j.study.Direction;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** What CMA-ES does inside a study: convergence, integers, restarts, high dimension, categoricals, warm start. */
class CmaEsSamplerTest {

    private static CmaEsSampler sampler(long seed) {
        return new CmaEsSampler(CmaEsSampler.Options.defaults().withSeed(seed));
    }

    private static CmaEsSampler sampler(CmaEsSampler.Options.Builder b) {
        return new CmaEsSampler(b.build());
    }

    private static double sphere(Trial t, int d, double optimum) {
        double v = 0;
        for (int i = 0; i < d; i++) {
            double x = t.suggestFloat("x" + i, -5, 5) - optimum;
            v += x * x;
        }
        return v;
    }

    @Test
    void solvesAFiveDimensionalSphereAwayFromTheCentreToRegretBelow1e8() {
        for (long seed = 0; seed < 3; seed++) {
            Study study = Study.builder().sampler(sampler(seed)).build();
            study.optimize(t -> sphere(t, 5, 1.3), 1500);
            assertTrue(study.bestValue() < 1e-8, "seed " + seed + ": regret " + study.bestValue());
        }
    }

    @Test
    void maximisesWhenTheStudyMaximises() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler(2)).build();
        study.optimize(t -> -sphere(t, 3, -2.0), 600);
        assertTrue(study.bestValue() > -1e-6, "best " + study.bestValue());
    }

    @Test
    void logScaleParametersAreSearchedInLogSpace() {
        Study study = Study.builder().sampler(sampler(4)).build();
        study.optimize(t -> {
            double lr = t.suggestFloat("lr", 1e-6, 1.0, true);
            double wd = t.suggestFloat("wd", 1e-8, 1e-1, true);
            return Math.pow(Math.log10(lr) + 4.5, 2) + Math.pow(Math.log10(wd) + 6, 2);
        }, 300);
        double lr = (Double) study.bestParams().get("lr");
        assertEquals(-4.5, Math.log10(lr), 0.01, "lr " + lr);
    }

    /** A 3-D integer quadratic: every coordinate has to move many cells from the centre. */
    private static double intQuadratic(Trial t) {
        int a = t.suggestInt("a", -50, 50);
        int b = t.suggestInt("b", -50, 50);
        int c = t.suggestInt("c", 0, 300, 3);
        return Math.pow(a - 17, 2) + 2 * Math.pow(b + 23, 2) + Math.pow((c - 231) / 3.0, 2);
    }

    @Test
    void integerParametersReachTheOptimumOfAnIntegerQuadratic() {
        for (long seed = 0; seed < 5; seed++) {
            Study study = Study.builder().sampler(sampler(seed)).build();
            study.optimize(CmaEsSamplerTest::intQuadratic, 400);
            assertEquals(0, study.bestValue(), "seed " + seed + ": best " + study.bestParams());
        }
    }

    /** Eight bits of decreasing weight plus a 4-D sphere: without the margin, light bits freeze at 0. */
    private static double bitsAndSphere(Trial t) {
        double v = 0;
        for (int i = 0; i < 8; i++) {
            v += Math.pow(10, -i / 2.0) * (1 - t.suggestInt("b" + i, 0, 1));
        }
        return v + sphere(t, 4, 1.0);
    }

    private static int allBitsSet(boolean margin) {
        int solved = 0;
        for (long seed = 0; seed < 6; seed++) {
            Study study = Study.builder().sampler(sampler(CmaEsSampler.Options.builder().seed(seed).margin(margin)))
                    .build();
            study.optimize(CmaEsSamplerTest::bitsAndSphere, 600);
            Map<String, Object> best = study.bestParams();
            boolean all = true;
            for (int i = 0; i < 8; i++) {
                all &= Integer.valueOf(1).equals(best.get("b" + i));
            }
            solved += all ? 1 : 0;
        }
        return solved;
    }

    @Test
    void theMarginKeepsBinaryParametersFromGettingStuck() {
        int with = allBitsSet(true);
        int without = allBitsSet(false);
        assertTrue(with >= 5, "with the margin, every bit is set on " + with + " of 6 seeds");
        assertTrue(without < with, "without the margin " + without + " of 6");
    }

    @Test
    void theMarginKeepsIntegerCoordinatesMovingAfterConvergence() {
        // Once converged on the integer optimum, candidates must still leave it now and then.
        CmaEsSampler s = sampler(CmaEsSampler.Options.builder().seed(3).restartStrategy(CmaEsSampler.RestartStrategy.NONE));
        Study study = Study.builder().sampler(s).build();
        study.optimize(CmaEsSamplerTest::intQuadratic, 1200);
        List<FrozenTrial> last = study.trials().subList(800, 1200);
        long off = last.stream().filter(t -> t.value() != 0).count();
        assertTrue(off > 0 && off < last.size() / 2, "trials off the optimum among the last 400: " + off);
    }

    @Test
    void ipopRestartsWithALargerPopulationOnAMultimodalFunction() {
        CmaEsSampler s = sampler(7);
        Study study = Study.builder().sampler(s).build();
        study.optimize(t -> {
            double v = 20; // 2-D Rastrigin, minimum 0 at the origin, a local minimum at every integer point
            for (int i = 0; i < 2; i++) {
                double x = t.suggestFloat("x" + i, -5.12, 5.12);
                v += x * x - 10 * Math.cos(2 * Math.PI * x);
            }
            return v;
        }, 3000);
        assertTrue(s.runsStarted() >= 2, "runs started: " + s.runsStarted());
        assertTrue(s.currentPopsize() > 4 + (int) Math.floor(3 * Math.log(2)), "popsize " + s.currentPopsize());
        assertTrue(study.bestValue() < 1e-6, "restarts find the global minimum: " + study.bestValue());
    }

    @Test
    void withoutRestartsThePopulationStaysTheSame() {
        CmaEsSampler s = sampler(CmaEsSampler.Options.builder().seed(7).restartStrategy(CmaEsSampler.RestartStrategy.NONE));
        Study study = Study.builder().sampler(s).build();
        study.optimize(t -> sphere(t, 2, 0.7), 1500);
        assertEquals(1, s.runsStarted());
        assertEquals(6, s.currentPopsize());
    }

    @Test
    void bipopAlternatesLargeAndSmallPopulations() {
        CmaEsSampler s = sampler(CmaEsSampler.Options.builder().seed(1).restartStrategy(CmaEsSampler.RestartStrategy.BIPOP)
                .tolerances(1e-6, 1e-12));
        Study study = Study.builder().sampler(s).build();
        Set<Integer> popsizes = new HashSet<>();
        study.optimize(t -> {
            popsizes.add(s.currentPopsize());
            return sphere(t, 2, 0.7);
        }, 3000);
        assertTrue(s.runsStarted() >= 3, "runs " + s.runsStarted());
        assertTrue(popsizes.size() >= 3, "population sizes seen: " + popsizes);
    }

    private static double ellipsoid50(Trial t) {
        int d = 50;
        double v = 0;
        for (int i = 0; i < d; i++) {
            double x = t.suggestFloat("x" + i, -5, 5) - 1.3;
            v += Math.pow(10, 3.0 * i / (d - 1)) * x * x;
        }
        return v;
    }

    @Test
    void theSeparableVariantOptimisesAFiftyDimensionalEllipsoid() {
        CmaEsSampler s = sampler(11);
        Study study = Study.builder().sampler(s).build();
        study.optimize(CmaEsSamplerTest::ellipsoid50, 3000);
        assertTrue(s.isSeparableRun(), "AUTO uses the diagonal covariance above 40 parameters");
        // The centre is worth ~1.3e4; measured 0.87 here (0.02 after 4000 trials, 25 with the full covariance).
        assertTrue(study.bestValue() < 5, "regret " + study.bestValue());
    }

    @Test
    void separableCanBeForcedAndFullCanBeForced() {
        CmaEsSampler sep = sampler(CmaEsSampler.Options.builder().seed(1).separable(CmaEsSampler.Separable.ALWAYS, 40));
        Study a = Study.builder().sampler(sep).build();
        a.optimize(t -> sphere(t, 3, 1.3), 200);
        assertTrue(sep.isSeparableRun());
        assertTrue(a.bestValue() < 1e-3, "sep-CMA on a sphere: " + a.bestValue());
        CmaEsSampler full = sampler(CmaEsSampler.Options.builder().seed(1).separable(CmaEsSampler.Separable.NEVER, 40));
        Study b = Study.builder().sampler(full).build();
        b.optimize(t -> sphere(t, 45, 0), 20);
        assertFalse(full.isSeparableRun());
    }

    @Test
    void categoricalsAreSampledByTpeAndConvergeToTheBestCategory() {
        Study study = Study.builder().sampler(sampler(5)).build();
        Map<String, Double> offset = Map.of("a", 3.0, "b", 0.0, "c", 2.0, "d", 5.0);
        study.optimize(t -> {
            String c = t.suggestCategorical("c", List.of("a", "b", "c", "d"));
            return sphere(t, 3, 1.0) + offset.get(c);
        }, 400);
        Map<Object, Integer> counts = new HashMap<>();
        for (FrozenTrial t : study.trials()) {
            counts.merge(t.params().get("c"), 1, Integer::sum);
        }
        assertEquals(4, counts.size(), "every category tried: " + counts);
        long lateB = study.trials().subList(300, 400).stream().filter(t -> "b".equals(t.params().get("c"))).count();
        assertTrue(lateB > 60, "the best category dominates the last 100 trials: " + lateB);
        assertEquals("b", study.bestParams().get("c"));
        assertTrue(study.bestValue() < 1e-4, "best " + study.bestValue());
    }

    @Test
    void conditionalParametersAreLeftToTheIndependentSampler() {
        CmaEsSampler s = sampler(6);
        Study study = Study.builder().sampler(s).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", -5, 5);
            double y = t.suggestFloat("y", -5, 5);
            double v = (x - 1) * (x - 1) + (y + 1) * (y + 1);
            if (x > 0) {
                v += t.suggestFloat("z", 0, 1);
            }
            return v;
        }, 300);
        assertEquals(2, s.currentMean().length, "CMA-ES runs on the intersection space {x, y}");
        assertTrue(study.bestValue() < 1e-3, "best " + study.bestValue());
    }

    @Test
    void sameSeedGivesTheSameTrialsAndAnotherSeedOthers() {
        List<Map<String, Object>> a = paramsOf(3, 150);
        assertEquals(a, paramsOf(3, 150));
        assertNotEquals(a, paramsOf(4, 150));
    }

    private static List<Map<String, Object>> paramsOf(long seed, int n) {
        Study study = Study.builder().sampler(sampler(seed)).build();
        study.optimize(t -> sphere(t, 4, 1.3) + t.suggestInt("k", 0, 9), n);
        return study.trials().stream().map(FrozenTrial::params).toList();
    }

    @Test
    void failedTrialsAreReplacedAndTheRunGoesOn() {
        CmaEsSampler s = sampler(8);
        Study study = Study.builder().sampler(s).build();
        study.optimize(t -> {
            double v = sphere(t, 3, 1.3);
            if (t.number() % 5 == 3) {
                throw new IllegalStateException("flaky objective");
            }
            return v;
        }, OptimizeOptions.trials(800));
        assertTrue(study.trials(TrialState.FAIL).size() > 100);
        assertTrue(study.bestValue() < 1e-6, "best " + study.bestValue());
    }

    @Test
    void infeasibleTrialsRankAfterFeasibleOnes() {
        // Constraint: x0 >= 1 (value 1 - x0 <= 0); the unconstrained minimum at the origin is infeasible.
        Study study = Study.builder().sampler(sampler(9))
                .constraints(t -> new double[] {1 - (Double) t.params().get("x0")}).build();
        study.optimize(t -> sphere(t, 2, 0), 500);
        FrozenTrial best = study.bestTrial().orElseThrow();
        assertEquals(1.0, (Double) best.params().get("x0"), 1e-2);
        long feasibleLate = study.trials().subList(400, 500).stream().filter(FrozenTrial::isFeasible).count();
        assertTrue(feasibleLate > 30, "late trials keep to the feasible side: " + feasibleLate);
    }

    @Test
    void warmStartBeginsAtTheBestEarlierTrials() {
        // 100 earlier trials (say from another sampler); the best ones lie near (0.8, 0.8, 0.8).
        Study study = Study.builder().sampler(sampler(10)).build();
        FloatDistribution u = new FloatDistribution(0, 1, false, 0);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            double[] x = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            double v = 0;
            for (double xi : x) {
                v += (xi - 0.8) * (xi - 0.8);
            }
            study.addTrial(FrozenTrial.builder().param("x0", u, x[0]).param("x1", u, x[1]).param("x2", u, x[2])
                    .values(v).build());
        }
        CmaEsSampler s = (CmaEsSampler) study.sampler();
        study.optimize(t -> {
            double v = 0;
            for (int i = 0; i < 3; i++) {
                double x = t.suggestFloat("x" + i, 0, 1) - 0.8;
                v += x * x;
            }
            return v;
        }, 1);
        double[] mean = s.currentMean();
        for (double m : mean) {
            assertEquals(0.8, m, 0.15, "warm mean " + Arrays.toString(mean));
        }
        assertTrue(s.currentSigma() < 1.0 / 6, "the step comes from the spread of the best trials: " + s.currentSigma());

        CmaEsSampler cold = sampler(CmaEsSampler.Options.builder().seed(10).warmStart(false));
        Study coldStudy = Study.builder().sampler(cold).build();
        for (FrozenTrial t : study.trials().subList(0, 100)) {
            coldStudy.addTrial(t.toBuilder().number(-1).build());
        }
        coldStudy.optimize(t -> t.suggestFloat("x0", 0, 1) + t.suggestFloat("x1", 0, 1) + t.suggestFloat("x2", 0, 1), 1);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, cold.currentMean(), 1e-12);
    }

    @Test
    void anEnqueuedTrialCountsWithItsFixedValues() {
        CmaEsSampler s = sampler(CmaEsSampler.Options.builder().seed(12).warmStart(false));
        Study study = Study.builder().sampler(s).build();
        study.optimize(t -> sphere(t, 2, 4.0), 1); // tells the space; the run starts at the centre
        for (int i = 0; i < 6; i++) {
            study.enqueueTrial(Map.of("x0", 4.0, "x1", 4.0));
        }
        study.optimize(t -> sphere(t, 2, 4.0), 6); // one full generation (lambda = 6), all at the optimum
        assertEquals(1, s.currentGeneration());
        double[] m = s.currentMean();
        assertTrue(m[0] > 0.5 && m[1] > 0.5, "the mean moved towards the enqueued point: "
                + Arrays.toString(m));
    }

    @Test
    void aChangedSpaceStartsANewRun() {
        CmaEsSampler s = sampler(13);
        Study study = Study.builder().sampler(s).build();
        study.optimize(t -> sphere(t, 3, 0), 50);
        assertEquals(3, s.currentMean().length);
        study.optimize(t -> sphere(t, 2, 0), 20);
        assertEquals(2, s.currentMean().length);
        assertTrue(s.runsStarted() >= 2);
    }

    @Test
    void parallelWorkersGetValidCandidates() {
        Study study = Study.builder().sampler(sampler(14)).build();
        study.optimize(t -> sphere(t, 4, 1.3) + t.suggestInt("k", 0, 5), OptimizeOptions.trials(600).withJobs(4));
        assertEquals(600, study.trials(TrialState.COMPLETE).size());
        assertTrue(study.bestValue() < 0.1, "best " + study.bestValue());
    }

    @Test
    void multiObjectiveStudiesAreRefusedWithAHint() {
        assertThrows(IllegalArgumentException.class, () -> Study.builder()
                .directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(sampler(1)).build());
        Study study = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE)
                .sampler(org.automl4j.sampler.Samplers.random(1)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sampler(1).inferRelativeSearchSpace(study, FrozenTrial.builder().number(0)
                        .state(TrialState.RUNNING).build()));
        assertTrue(e.getMessage().contains("one objective"), e.getMessage());
    }

    @Test
    void optionsRejectSettingsOutOfRangeAndSayWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CmaEsSampler.Options.builder().sigma0(0));
        assertTrue(e.getMessage().contains("sigma0") && e.getMessage().contains("0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CmaEsSampler.Options.builder().popsize(1));
        assertThrows(IllegalArgumentException.class, () -> CmaEsSampler.Options.builder().incPopsize(1));
        assertThrows(IllegalArgumentException.class, () -> CmaEsSampler.Options.builder().startupTrials(0));
        assertThrows(IllegalArgumentException.class, () -> CmaEsSampler.Options.builder().warmStart(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> CmaEsSampler.Options.builder().tolerances(-1, 0));
        assertThrows(NullPointerException.class, () -> CmaEsSampler.Options.builder().restartStrategy(null));
        CmaEsSampler.Options o = CmaEsSampler.Options.builder().seed(5).popsize(12).mirrored(false).build();
        assertEquals(12, o.popsize());
        assertEquals(o, o.toBuilder().build());
        assertTrue(new CmaEsSampler(o).describe().contains("popsize=12"));
    }

    @Test
    void solvesBraninAndHartmann6Within200TrialsOnThreeSeeds() {
        // A coarse guard (the measured medians are in the report): 200 trials on Branin and Hartmann-6.
        for (String name : List.of("branin", "hartmann6")) {
            var p = Problems.byName(name);
            List<Double> regrets = new ArrayList<>();
            for (long seed = 0; seed < 3; seed++) {
                Study study = Study.builder().sampler(sampler(seed)).build();
                study.optimize(p.objective(), 200);
                regrets.add(study.bestValue() - p.optimum());
            }
            double limit = name.equals("branin") ? 1e-4 : 0.15;
            assertTrue(regrets.stream().allMatch(r -> r < limit), name + " regrets " + regrets);
        }
    }
}
