package org.automl4j.sampler.nsga2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.FloatDistribution;
import org.automl4j.study.Direction;
import org.automl4j.study.MultiObjective;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class Nsga2SamplerTest {

    private static Nsga2Sampler sampler(long seed, int population) {
        return new Nsga2Sampler(Nsga2Sampler.Options.builder().seed(seed).populationSize(population).build());
    }

    private static Study biObjective(Sampler sampler) {
        return Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(sampler).build();
    }

    /** Two objectives on (x, y) in [-5, 5]^2 whose Pareto set is y = 0, 0 <= x <= 2. */
    private static double[] twoWells(Trial t) {
        double x = t.suggestFloat("x", -5, 5);
        double y = t.suggestFloat("y", -5, 5);
        return new double[] {x * x + y * y, (x - 2) * (x - 2) + y * y};
    }

    @Test
    void optionsValidateEverySettingAndNameIt() {
        Nsga2Sampler.Options d = Nsga2Sampler.Options.defaults();
        assertEquals(50, d.populationSize());
        assertEquals(Nsga2Sampler.Crossover.UNIFORM, d.crossover());
        assertTrue(Double.isNaN(d.mutationProbability()), "1 / number of parameters by default");
        assertEquals(0.25, d.mutationProbabilityFor(4));
        Nsga2Sampler.Options.Builder b = Nsga2Sampler.Options.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.populationSize(1));
        assertTrue(e.getMessage().contains("populationSize") && e.getMessage().contains("1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.crossoverProbability(1.5));
        assertThrows(IllegalArgumentException.class, () -> b.swappingProbability(-0.1));
        assertThrows(IllegalArgumentException.class, () -> b.sbxEta(0));
        assertThrows(IllegalArgumentException.class, () -> b.mutationEta(Double.POSITIVE_INFINITY));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> b.mutationProbability(Double.NaN));
        assertTrue(nan.getMessage().contains("mutationOnePerChild"), nan.getMessage());
        assertEquals(0.3, b.mutationProbability(0.3).build().mutationProbabilityFor(4));
        assertTrue(Double.isNaN(b.mutationOnePerChild().build().mutationProbability()));
        assertEquals(Nsga2Sampler.Crossover.SBX, Nsga2Sampler.Options.debDefaults().crossover());
        assertEquals(7, d.withSeed(7).seed());
    }

    @Test
    void firstGenerationIsExactlyRandomSearch() {
        Study nsga = biObjective(sampler(3, 10));
        nsga.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(12));
        Study random = biObjective(Samplers.random(3));
        random.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(12));
        for (int i = 0; i < 10; i++) {
            assertEquals(random.trials().get(i).params(), nsga.trials().get(i).params(), "trial " + i);
        }
        assertNotEquals(random.trials().get(10).params(), nsga.trials().get(10).params(), "generation 1 is bred");
    }

    @Test
    void generationsCountOnlyCompleteTrials() {
        Nsga2Sampler s = sampler(1, 5);
        Study study = biObjective(s);
        study.optimizeMulti(t -> {
            double[] v = twoWells(t);
            if (t.number() % 4 == 3) {
                throw new IllegalStateException("every fourth trial fails");
            }
            return v;
        }, OptimizeOptions.trials(40));
        int complete = 0;
        for (FrozenTrial t : study.trials()) {
            assertEquals(complete / 5, s.generationOf(t.number()), "trial " + t.number());
            complete += t.state() == TrialState.COMPLETE ? 1 : 0;
        }
        assertEquals(30, complete);
        assertEquals(-1, s.generationOf(1000), "a trial it never started");
    }

    @Test
    void withoutCrossoverOrMutationChildrenCopyAParent() {
        Nsga2Sampler s = new Nsga2Sampler(Nsga2Sampler.Options.builder().seed(2).populationSize(8)
                .crossoverProbability(0).mutationProbability(0).build());
        Study study = biObjective(s);
        study.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(16));
        Set<Map<String, Object>> generation0 = study.trials().subList(0, 8).stream().map(FrozenTrial::params)
                .collect(Collectors.toSet());
        for (FrozenTrial t : study.trials().subList(8, 16)) {
            assertTrue(generation0.contains(t.params()), "trial " + t.number() + " copies a parent: " + t.params());
        }
    }

    @Test
    void uniformCrossoverWithoutMutationTakesEachValueFromAParent() {
        Nsga2Sampler s = new Nsga2Sampler(Nsga2Sampler.Options.builder().seed(4).populationSize(8)
                .crossoverProbability(1).mutationProbability(0).build());
        Study study = biObjective(s);
        study.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(16));
        Set<Object> xs = new HashSet<>();
        Set<Object> ys = new HashSet<>();
        study.trials().subList(0, 8).forEach(t -> {
            xs.add(t.params().get("x"));
            ys.add(t.params().get("y"));
        });
        boolean mixed = false;
        Set<Map<String, Object>> generation0 = study.trials().subList(0, 8).stream().map(FrozenTrial::params)
                .collect(Collectors.toSet());
        for (FrozenTrial t : study.trials().subList(8, 16)) {
            assertTrue(xs.contains(t.params().get("x")) && ys.contains(t.params().get("y")), t.params().toString());
            mixed |= !generation0.contains(t.params());
        }
        assertTrue(mixed, "some child combines two parents");
    }

    private static Population.Individual ind(int number, double violation, double... losses) {
        return new Population.Individual(number, losses, violation, Map.of(), Map.of());
    }

    @Test
    void survivorsAreWholeFrontsThenTheLeastCrowded() {
        // Front 0: A B C D E; crowding: A, E infinite, B 1.5, C 1.25, D 0.5. F is dominated.
        List<Population.Individual> pool = List.of(ind(0, 0, 5, 5), ind(1, 0, 0, 4), ind(2, 0, 1, 3),
                ind(3, 0, 3, 1), ind(4, 0, 3.5, 0.5), ind(5, 0, 4, 0));
        assertEquals(Set.of(1, 5, 2), numbers(Population.select(pool, 3)));
        assertEquals(Set.of(1, 5, 2, 3), numbers(Population.select(pool, 4)));
        List<Population.Member> all = Population.select(pool, 6);
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), numbers(all));
        Population.Member b = all.stream().filter(m -> m.individual().number() == 2).findFirst().orElseThrow();
        assertEquals(0, b.rank());
        assertEquals(1.5, b.crowding(), 1e-12);
        Population.Member f = all.stream().filter(m -> m.individual().number() == 0).findFirst().orElseThrow();
        assertEquals(1, f.rank());
    }

    @Test
    void feasibleTrialsSurviveBeforeInfeasibleOnesHoweverGood() {
        List<Population.Individual> pool = List.of(ind(0, 0.5, -10, -10), ind(1, 0, 3, 3), ind(2, 0.1, 0, 0),
                ind(3, 0, 5, 5), ind(4, 2.0, -20, -20));
        assertEquals(Set.of(1, 3), numbers(Population.select(pool, 2)));
        List<Population.Member> four = Population.select(pool, 4);
        assertEquals(Set.of(1, 3, 2, 0), numbers(four), "then the least violating");
        assertEquals(List.of(0, 1, 2, 3), four.stream().map(Population.Member::rank).toList());
    }

    private static Set<Integer> numbers(List<Population.Member> members) {
        return members.stream().map(m -> m.individual().number()).collect(Collectors.toSet());
    }

    @Test
    void tournamentPrefersLowerRankThenLargerCrowding() {
        Population.Member good = new Population.Member(ind(0, 0, 0, 1), 0, 0.1);
        Population.Member worse = new Population.Member(ind(1, 0, 1, 1), 1, Double.POSITIVE_INFINITY);
        Population.Member crowded = new Population.Member(ind(2, 0, 1, 0), 0, 0.05);
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            assertEquals(0, Nsga2Sampler.tournament(List.of(good, worse), -1, rng));
            assertEquals(1, Nsga2Sampler.tournament(List.of(worse, good), -1, rng));
            assertEquals(0, Nsga2Sampler.tournament(List.of(good, crowded), -1, rng));
            assertEquals(1, Nsga2Sampler.tournament(List.of(good, worse), 0, rng), "the first parent is excluded");
            int third = Nsga2Sampler.tournament(List.of(good, worse, crowded), 0, rng);
            assertEquals(2, third, "rank 0 beats rank 1 once the first parent is excluded");
        }
    }

    @Test
    void convergesToTheParetoSetOfTwoWells() {
        Study study = biObjective(sampler(5, 20));
        study.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(600));
        List<FrozenTrial> front = study.bestTrials();
        assertTrue(front.size() >= 20, "a wide front, got " + front.size());
        long onSet = front.stream().filter(t -> {
            double x = (Double) t.params().get("x");
            double y = (Double) t.params().get("y");
            return Math.abs(y) < 0.2 && x > -0.2 && x < 2.2;
        }).count();
        assertTrue(onSet >= 0.9 * front.size(), onSet + " of " + front.size() + " near the Pareto set");
        double minF1 = front.stream().mapToDouble(t -> t.values().get(0)).min().orElseThrow();
        double minF2 = front.stream().mapToDouble(t -> t.values().get(1)).min().orElseThrow();
        assertTrue(minF1 < 0.05 && minF2 < 0.05, "both ends of the front reached: " + minF1 + ", " + minF2);
    }

    @Test
    void maximisingNegatedObjectivesGivesTheSameTrials() {
        Study min = biObjective(sampler(6, 10));
        min.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(60));
        Study max = Study.builder().directions(Direction.MAXIMIZE, Direction.MAXIMIZE).sampler(sampler(6, 10)).build();
        MultiObjective negated = t -> {
            double[] v = twoWells(t);
            return new double[] {-v[0], -v[1]};
        };
        max.optimizeMulti(negated, OptimizeOptions.trials(60));
        assertEquals(min.trials().stream().map(FrozenTrial::params).toList(),
                max.trials().stream().map(FrozenTrial::params).toList());
    }

    @Test
    void sameSeedSameTrialsAndParallelWorkersRunEveryTrialOnce() {
        Study a = biObjective(sampler(8, 10));
        a.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(60));
        Study b = biObjective(sampler(8, 10));
        b.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(60));
        assertEquals(a.trials().stream().map(FrozenTrial::params).toList(),
                b.trials().stream().map(FrozenTrial::params).toList());

        Nsga2Sampler s = sampler(8, 10);
        Study parallel = biObjective(s);
        parallel.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(200).withJobs(4));
        assertEquals(200, parallel.trials().size());
        assertTrue(parallel.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        assertEquals(200, parallel.trials().stream().map(FrozenTrial::number).distinct().count());
        assertTrue(s.generationOf(199) >= 15, "generations advance with parallel workers: " + s.generationOf(199));
    }

    @Test
    void importedTrialsJoinThePopulation() {
        Nsga2Sampler s = new Nsga2Sampler(Nsga2Sampler.Options.builder().seed(1).populationSize(5)
                .crossoverProbability(0).mutationProbability(0).build());
        Study study = biObjective(s);
        FloatDistribution d = FloatDistribution.of(-5, 5);
        Set<Object> imported = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            double x = -5 + 10 * i / 11.0;
            imported.add(x);
            study.addTrial(FrozenTrial.builder().param("x", d, x).param("y", d, 0.0)
                    .values(x * x, (x - 2) * (x - 2)).build());
        }
        study.optimizeMulti(Nsga2SamplerTest::twoWells, OptimizeOptions.trials(1));
        FrozenTrial last = study.trials().get(12);
        assertEquals(2, s.generationOf(last.number()), "12 imported trials complete two generations of 5");
        assertEquals(2, s.completedGenerations());
        assertTrue(imported.contains(last.params().get("x")), "bred from the imported trials: " + last.params());
        assertEquals(0.0, last.params().get("y"));
    }

    /** Ten variables; objectives (x0, 1 - x0 + mean of the rest); feasible when that mean is at most 0.15. */
    private static final class Constrained {
        static double[] evaluate(Trial t) {
            double x0 = t.suggestFloat("x0", 0, 1);
            double mean = 0;
            for (int i = 1; i < 10; i++) {
                mean += t.suggestFloat("x" + i, 0, 1) / 9;
            }
            t.setUserAttr("mean", mean);
            return new double[] {x0, 1 - x0 + mean};
        }

        static Study study(Sampler sampler) {
            return Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(sampler)
                    .constraints(t -> new double[] {(Double) t.userAttrs().get("mean") - 0.15}).build();
        }
    }

    @Test
    void constrainedDominationSteersIntoTheFeasibleRegion() {
        Study study = Constrained.study(sampler(2, 20));
        study.optimizeMulti(Constrained::evaluate, OptimizeOptions.trials(400));
        List<FrozenTrial> trials = study.trials();
        long firstGeneration = trials.subList(0, 20).stream().filter(FrozenTrial::isFeasible).count();
        long lastGenerations = trials.subList(340, 400).stream().filter(FrozenTrial::isFeasible).count();
        assertEquals(0, firstGeneration, "random trials are almost never feasible");
        assertTrue(lastGenerations >= 40, "most late trials are feasible, got " + lastGenerations + " of 60");
        List<FrozenTrial> front = study.bestTrials();
        assertFalse(front.isEmpty());
        assertTrue(front.stream().allMatch(FrozenTrial::isFeasible), "the Pareto front holds feasible trials only");

        Study random = Constrained.study(Samplers.random(2));
        random.optimizeMulti(Constrained::evaluate, OptimizeOptions.trials(400));
        assertTrue(random.trials().stream().filter(FrozenTrial::isFeasible).count() < lastGenerations / 10);
    }

    @Test
    void singleObjectiveStudiesImproveOverRandomSearch() {
        for (long seed = 0; seed < 3; seed++) {
            double[] best = new double[2];
            List<Sampler> samplers = new ArrayList<>(List.of(sampler(seed, 20), Samplers.random(seed)));
            for (int k = 0; k < 2; k++) {
                Study s = Study.builder().sampler(samplers.get(k)).build();
                s.optimize(t -> {
                    double v = 0;
                    for (int i = 0; i < 6; i++) {
                        double x = t.suggestFloat("x" + i, -5, 5);
                        v += (x - 1) * (x - 1);
                    }
                    return v + (t.suggestInt("n", 0, 20) - 7) * (t.suggestInt("n", 0, 20) - 7) / 10.0;
                }, 400);
                best[k] = s.bestValue();
            }
            assertTrue(best[0] < best[1] / 2, "seed " + seed + ": NSGA-II " + best[0] + " vs random " + best[1]);
        }
    }
}
