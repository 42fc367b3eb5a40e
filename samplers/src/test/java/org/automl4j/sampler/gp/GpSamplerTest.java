package org.automl4j.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.problems.BenchmarkProblem;
import org.automl4j.problems.Problems;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.FloatDistribution;
import org.automl4j.study.Direction;
import org.automl4j.study.Objective;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GpSamplerTest {

    private static GpSampler gp(long seed) {
        return new GpSampler(GpSampler.Options.defaults().withSeed(seed));
    }

    private static double regret(org.automl4j.sampler.Sampler sampler, BenchmarkProblem p, int trials) {
        Study s = Study.builder().sampler(sampler).build();
        s.optimize(p.objective(), trials);
        return s.bestValue() - p.optimum();
    }

    @Test
    void beatsRandomSearchOnBraninAt40TrialsOnEachOfThreeSeeds() {
        BenchmarkProblem branin = Problems.branin();
        for (long seed = 0; seed < 3; seed++) {
            double g = regret(gp(seed), branin, 40);
            double r = regret(Samplers.random(seed), branin, 40);
            assertTrue(g < r, "seed " + seed + ": GP regret " + g + " vs random " + r);
            assertTrue(g < 0.05, "seed " + seed + ": GP regret " + g);
        }
    }

    @Test
    void aCategoricalWithMoreChoicesThanTheExhaustiveLimitIsSearchedAfterTheStartup() {
        // Before: past the startup trials every trial failed with a NullPointerException (the local search
        // looked for grid neighbours of a categorical of more than 32 choices through a numeric transform).
        List<Integer> choices = java.util.stream.IntStream.range(0, 1000).boxed().toList();
        Study study = Study.builder().sampler(gp(5)).build();
        study.optimize(t -> {
            int c = t.suggestCategorical("c", choices);
            double x = t.suggestFloat("x", 0, 1);
            return Math.abs(c - 400) / 1000.0 + x;
        }, 16);
        for (FrozenTrial t : study.trials()) {
            assertEquals(TrialState.COMPLETE, t.state(), "trial " + t.number() + ": " + t.failure());
            assertTrue(choices.contains((Integer) t.params().get("c")));
        }
    }

    private static final List<String> CATEGORIES = List.of("a", "b", "c", "d");
    private static final double[] OFFSETS = {1.0, 0.0, 2.0, 1.5};

    private static double mixed(Trial t) {
        double x = t.suggestFloat("x", -2, 2);
        int n = t.suggestInt("n", 1, 20);
        double s = t.suggestFloat("s", 0, 5, 0.5);
        int w = t.suggestInt("w", 1, 1000, true);
        String c = t.suggestCategorical("c", CATEGORIES);
        return x * x + (n - 7) * (n - 7) / 10.0 + (s - 2.5) * (s - 2.5) + Math.pow(Math.log(w) - Math.log(30), 2)
                + OFFSETS[CATEGORIES.indexOf(c)];
    }

    @Test
    void intsStepsAndCategoricalsStayValidAndTheBestCategoryWins() {
        Study study = Study.builder().sampler(gp(11)).build();
        study.optimize(GpSamplerTest::mixed, 45);
        List<FrozenTrial> trials = study.trials();
        int lateB = 0;
        for (FrozenTrial t : trials) {
            assertEquals(TrialState.COMPLETE, t.state(), () -> String.valueOf(t.failure()));
            t.params().forEach((k, v) -> assertTrue(t.distributions().get(k).contains(v), k + "=" + v));
            assertEquals(0, ((Double) t.params().get("s") * 2) % 1, 1e-12, "s on its 0.5 grid");
            if (t.number() >= 30 && t.params().get("c").equals("b")) {
                lateB++;
            }
        }
        assertEquals("b", study.bestParams().get("c"));
        assertTrue(lateB >= 12, "the best category is chosen in " + lateB + " of the last 15 trials");
        assertTrue(study.bestValue() < 0.5, "best " + study.bestValue());
    }

    @Test
    void withConstraintsTheSearchStaysFeasibleAndFindsTheConstrainedOptimum() {
        // Minimise the distance to (0.2, 0.2) subject to x + y >= 1: the optimum is (0.5, 0.5) with value 0.18,
        // while the unconstrained minimum is infeasible.
        Study study = Study.builder().sampler(gp(3))
                .constraints(t -> new double[] {1 - (Double) t.params().get("x") - (Double) t.params().get("y")})
                .build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return (x - 0.2) * (x - 0.2) + (y - 0.2) * (y - 0.2);
        }, 40);
        FrozenTrial best = study.bestTrial().orElseThrow();
        assertTrue(best.isFeasible());
        assertEquals(0.18, best.value(), 0.01);
        // The optimum lies on the boundary, so late proposals hug it: at most slightly infeasible.
        long nearlyFeasibleLate = study.trials().stream().filter(t -> t.number() >= 20)
                .filter(t -> t.constraints()[0] <= 1e-3).count();
        assertTrue(nearlyFeasibleLate >= 15, "nearly feasible proposals among the last 20: " + nearlyFeasibleLate);
        // The best trial is never an infeasible one, although infeasible trials have lower values.
        double bestInfeasible = study.trials().stream().filter(t -> !t.isFeasible()).mapToDouble(FrozenTrial::value)
                .min().orElse(Double.NaN);
        assertTrue(bestInfeasible < best.value(), "infeasible trials did score lower: " + bestInfeasible);
    }

    @ParameterizedTest
    @EnumSource(value = GpSampler.ParallelStrategy.class, names = {"KRIGING_BELIEVER", "CONSTANT_LIAR_MIN",
        "CONSTANT_LIAR_MAX"})
    void parallelWorkersDoNotProposeTheSamePoint(GpSampler.ParallelStrategy strategy) {
        Study study = Study.builder()
                .sampler(new GpSampler(GpSampler.Options.builder().seed(5).parallel(strategy).build())).build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            Thread.sleep(2);
            return (x - 0.3) * (x - 0.3) + (y - 0.6) * (y - 0.6);
        }, OptimizeOptions.trials(40).withJobs(4));
        Map<Map<String, Object>, List<Integer>> byParams = new java.util.HashMap<>();
        for (FrozenTrial t : study.trials()) {
            assertEquals(TrialState.COMPLETE, t.state(), () -> String.valueOf(t.failure()));
            byParams.computeIfAbsent(t.params(), k -> new java.util.ArrayList<>()).add(t.number());
        }
        byParams.values().removeIf(numbers -> numbers.size() == 1);
        assertEquals(Map.of(), byParams, "every proposal is distinct");
        assertTrue(study.bestValue() < 0.01, "best " + study.bestValue());
    }

    @ParameterizedTest
    @EnumSource(value = GpSampler.ParallelStrategy.class, names = {"KRIGING_BELIEVER", "CONSTANT_LIAR_MIN",
        "CONSTANT_LIAR_MAX"})
    void pendingAskedTrialsAreNotProposedAgain(GpSampler.ParallelStrategy strategy) {
        Study study = Study.builder()
                .sampler(new GpSampler(GpSampler.Options.builder().seed(8).parallel(strategy).build())).build();
        // The minimum is at the corner (0, 1), where bounded proposals land exactly on one point.
        Objective f = t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return x + (1 - y);
        };
        study.optimize(f, 15);
        // A batch of asks before any tell, as a user with several workers would do.
        List<Trial> batch = new java.util.ArrayList<>();
        Set<List<Double>> points = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Trial t = study.ask();
            batch.add(t);
            points.add(List.of(t.suggestFloat("x", 0, 1), t.suggestFloat("y", 0, 1)));
        }
        assertEquals(6, points.size(), strategy + " proposed a pending point again: " + points);
    }

    @Test
    void aDeterministicObjectiveIsNeverEvaluatedTwiceAtTheSamePointAfterTheInitialDesign() {
        // 5 x 4 = 20 points; the GP takes over after 5 Sobol trials.
        Study study = Study.builder().sampler(new GpSampler(GpSampler.Options.builder().seed(6)
                .deterministicObjective(true).startupTrials(5).build())).build();
        study.optimize(t -> {
            int n = t.suggestInt("n", 0, 4);
            String c = t.suggestCategorical("c", List.of("p", "q", "r", "s"));
            return Math.abs(n - 3) + (c.equals("r") ? 0 : 1);
        }, 18);
        Set<Map<String, Object>> seen = new HashSet<>();
        for (FrozenTrial t : study.trials()) {
            boolean fresh = seen.add(t.params());
            if (t.number() >= 5) {
                assertTrue(fresh, "trial " + t.number() + " repeats " + t.params());
            }
        }
        assertEquals(0.0, study.bestValue());
    }

    @Test
    void plainStandardisationFixedNoiseAndAverageMeanAlsoOptimise() {
        GpSampler sampler = new GpSampler(GpSampler.Options.builder().seed(4).powerTransform(false)
                .pessimisticPriorMean(false).deterministicObjective(true).build());
        double r = regret(sampler, Problems.branin(), 35);
        assertTrue(r < 0.05, "regret " + r);
    }

    @Test
    void hyperparametersFittedOnASubsetStillOptimise() {
        GpSampler sampler = new GpSampler(GpSampler.Options.builder().seed(2).maxFitPoints(16).build());
        double r = regret(sampler, Problems.hartmann3(), 40);
        assertTrue(r < 0.1, "regret " + r);
    }

    @Test
    void everyAcquisitionFunctionOptimisesBranin() {
        for (GpSampler.Acquisition a : GpSampler.Acquisition.values()) {
            GpSampler sampler = new GpSampler(GpSampler.Options.builder().seed(1).acquisition(a).build());
            double r = regret(sampler, Problems.branin(), 30);
            assertTrue(r < 0.2, a + " regret " + r);
        }
    }

    @Test
    void candidatesShrinkPastTheBudgetButNeverBelowSixtyFour() {
        GpSampler s = gp(0);
        assertEquals(1024, s.candidates(100));
        assertEquals(1024, s.candidates(256));
        assertTrue(s.candidates(400) < 1024);
        assertTrue(s.candidates(2000) >= 64);
    }

    @Test
    void multiObjectiveStudiesAreRejectedWithAnExplanation() {
        Study study = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).build();
        FrozenTrial trial = FrozenTrial.builder().number(0).state(TrialState.RUNNING).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> gp(0).sampleIndependent(study, trial, "x", FloatDistribution.of(0, 1)));
        assertTrue(e.getMessage().contains("one objective"), e.getMessage());
    }

    @Test
    void optionsRejectOutOfRangeSettingsNamingThem() {
        GpSampler.Options.Builder b = GpSampler.Options.builder();
        for (Runnable bad : List.<Runnable>of(() -> b.candidates(0), () -> b.localSearch(-1), () -> b.startupTrials(-2),
                () -> b.ucb(-1), () -> b.ucb(Double.NaN), () -> b.maxFitPoints(3))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
            assertTrue(e.getMessage().contains("but got"), e.getMessage());
        }
        GpSampler.Options o = GpSampler.Options.builder().ucb(3).candidates(10).build();
        assertEquals(GpSampler.Acquisition.UCB, o.acquisition());
        assertEquals(3.0, o.ucbBeta());
        assertEquals(o, o.toBuilder().build());
        assertTrue(new GpSampler(o).describe().contains("UCB"));
    }

    /** A noisy quadratic in three dimensions, minimum 0 at (0.3, 0.3, 0.3); the noise is seeded by the point. */
    private static double noisyBowl(Trial t) {
        double f = 0;
        long h = 17;
        for (String name : List.of("a", "b", "c")) {
            double v = t.suggestFloat(name, 0, 1);
            f += (v - 0.3) * (v - 0.3);
            h = h * 31 + Double.doubleToLongBits(v);
        }
        return f + 0.02 * new java.util.SplittableRandom(h).nextGaussian();
    }

    private static double lateDistance(GpSampler.Options options, int trials, int last) {
        Study study = Study.builder().sampler(new GpSampler(options)).build();
        study.optimize(GpSamplerTest::noisyBowl, trials);
        double sum = 0;
        List<FrozenTrial> all = study.trials();
        for (FrozenTrial t : all.subList(all.size() - last, all.size())) {
            double d = 0;
            for (String name : List.of("a", "b", "c")) {
                double v = (Double) t.params().get(name) - 0.3;
                d += v * v;
            }
            sum += Math.sqrt(d);
        }
        return sum / last;
    }

    @Test
    void aTrustRegionConcentratesTheLateTrialsOfANoisyObjectiveNearItsOptimum() {
        for (long seed = 0; seed < 2; seed++) {
            GpSampler.Options global = GpSampler.Options.defaults().withSeed(seed);
            GpSampler.Options region = global.toBuilder().trustRegion(GpSampler.TrustRegion.turbo()).build();
            double withRegion = lateDistance(region, 50, 15);
            double without = lateDistance(global, 50, 15);
            assertTrue(withRegion < without, "seed " + seed + ": mean distance of the last 15 trials " + withRegion
                    + " with the trust region vs " + without + " without");
        }
    }

    @Test
    void trustRegionSettingsOutOfRangeAreRejectedNamingThem() {
        for (Runnable bad : List.<Runnable>of(() -> new GpSampler.TrustRegion(0, 0.01, 1.6, 3, 0, true),
                () -> new GpSampler.TrustRegion(0.8, 0.9, 1.6, 3, 0, true),
                () -> new GpSampler.TrustRegion(0.8, 0.01, 0.5, 3, 0, true),
                () -> new GpSampler.TrustRegion(0.8, 0.01, 1.6, 0, 0, true),
                () -> new GpSampler.TrustRegion(0.8, 0.01, 1.6, 3, -1, true))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
            assertTrue(e.getMessage().startsWith("trust region") && e.getMessage().contains("but got"), e.getMessage());
        }
        GpSampler.TrustRegion t = GpSampler.TrustRegion.turbo();
        assertEquals(4, t.failures(3));
        assertEquals(6, t.failures(6));
        assertEquals(2, t.withTolerances(3, 2).failures(6));
        assertEquals(0.05, t.withMinLength(0.05, false).minLength());
    }

    /** Median true regret of trials {@code from..} of a trust-region GP run on the noisy learning curves of {@code seed}. */
    private static double learningCurveRegret(boolean smooth, long seed, int trials, int from) {
        org.automl4j.problems.LearningCurveProblem p = new org.automl4j.problems.LearningCurveProblem(seed);
        Study study = Study.builder().sampler(new GpSampler(GpSampler.Options.builder().seed(seed)
                .trustRegion(GpSampler.TrustRegion.turbo()).smoothCurves(smooth).build())).build();
        study.optimize(p::evaluate, trials);
        List<FrozenTrial> all = study.trials();
        double[] regrets = all.subList(from, all.size()).stream()
                .mapToDouble(t -> org.automl4j.problems.LearningCurveProblem.finalLoss(t.params()) - p.optimum())
                .sorted().toArray();
        return regrets[regrets.length / 2];
    }

    @Test
    void inATrustRegionSmoothedLearningCurvesLeadToBetterConfigurationsThanNoisyFinalValues() {
        for (long seed = 0; seed < 2; seed++) {
            double smooth = learningCurveRegret(true, seed, 45, 25);
            double raw = learningCurveRegret(false, seed, 45, 25);
            assertTrue(smooth < raw, "seed " + seed + ": median true regret of trials 25-44 " + smooth
                    + " with smoothed curves vs " + raw + " with the final values");
        }
    }

    @Test
    void theModelSeesSmoothedValuesOnlyWhenAsked() {
        Study study = Study.builder().build();
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double v = Double.NaN;
            for (int s = 1; s <= 20; s++) {
                v = x + 1.0 / s + 0.01 * ((s * 7919) % 13 - 6);
                t.report(s, v);
            }
            return v;
        }, 3);
        GpHistory raw = new GpHistory(false);
        GpHistory smoothed = new GpHistory(true);
        raw.sync(study);
        smoothed.sync(study);
        for (int i = 0; i < 3; i++) {
            FrozenTrial t = study.trials().get(i);
            assertEquals(t.value(), raw.observations().get(i).loss());
            assertEquals(CurveSmoother.finalValue(t.intermediateValues(), t.value()),
                    smoothed.observations().get(i).loss());
            assertTrue(Math.abs(smoothed.observations().get(i).loss() - t.value()) > 1e-6, "smoothing changed it");
        }
    }
}
