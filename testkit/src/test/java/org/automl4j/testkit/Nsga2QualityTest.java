package org.automl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.automl4j.multiobjective.Hypervolume;
import org.automl4j.multiobjective.ParetoFronts;
import org.automl4j.problems.ZdtProblem;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.sampler.nsga2.Nsga2Sampler;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.junit.jupiter.api.Test;

/** Quality of NSGA-II on the ZDT problems over fixed seeds (no timing). */
class Nsga2QualityTest {

    private static Study run(Sampler sampler, ZdtProblem p, int trials) {
        Study s = Study.builder().directions(p.directions()).sampler(sampler).build();
        s.optimizeMulti(p.objective(), OptimizeOptions.trials(trials));
        return s;
    }

    private static Nsga2Sampler nsga2(long seed) {
        return new Nsga2Sampler(Nsga2Sampler.Options.defaults().withSeed(seed));
    }

    private static double[][] values(List<FrozenTrial> trials) {
        return trials.stream().map(FrozenTrial::valuesArray).toArray(double[][]::new);
    }

    @Test
    void nsga2BeatsRandomSearchInHypervolumeOnZdt1At1000TrialsOnEachOfThreeSeeds() {
        ZdtProblem zdt1 = ZdtProblem.zdt1();
        // Random points of ZDT1 have f2 near g ~ 5.5, beyond the standard reference point (1.1, 1.1), so
        // also compare with a wide reference point where random search has a volume.
        double[] wide = {1.1, 7.0};
        double gap = 0;
        for (long seed = 0; seed < 3; seed++) {
            double[][] n = values(run(nsga2(seed), zdt1, 1000).bestTrials());
            double[][] r = values(run(Samplers.random(seed), zdt1, 1000).bestTrials());
            double nStd = Hypervolume.of(n, zdt1.referencePoint());
            double rStd = Hypervolume.of(r, zdt1.referencePoint());
            assertTrue(nStd > rStd, "seed " + seed + ": NSGA-II " + nStd + " vs random " + rStd);
            double nWide = Hypervolume.of(n, wide);
            double rWide = Hypervolume.of(r, wide);
            assertTrue(nWide > rWide + 1.0, "seed " + seed + ", wide reference: NSGA-II " + nWide + " vs random " + rWide);
            gap += nStd - rStd;
        }
        assertTrue(gap / 3 > 0.08, "mean hypervolume gain at (1.1, 1.1): " + gap / 3);
    }

    @Test
    void paretoFrontOnZdt1IsNonDominatedAndHugsTheTrueFront() {
        // Five variables, so that 1000 trials get close to the front (30 need many more).
        ZdtProblem zdt1 = ZdtProblem.zdt1(5);
        for (long seed = 0; seed < 3; seed++) {
            List<FrozenTrial> front = run(nsga2(seed), zdt1, 1000).bestTrials();
            double[][] v = values(front);
            assertEquals(v.length, ParetoFronts.nonDominated(v).length, "bestTrials are mutually non-dominated");
            int near = 0;
            double minF1 = 1;
            double maxF1 = 0;
            for (double[] p : v) {
                double gap = p[1] - (1 - Math.sqrt(p[0]));
                assertTrue(gap >= -1e-12, "no point beats the true front: " + p[0] + ", " + p[1]);
                near += gap < 0.05 ? 1 : 0;
                minF1 = Math.min(minF1, p[0]);
                maxF1 = Math.max(maxF1, p[0]);
            }
            assertTrue(v.length >= 20, "seed " + seed + ": a populated front, got " + v.length);
            assertTrue(near >= 0.8 * v.length, "seed " + seed + ": " + near + " of " + v.length + " within 0.05 of f2 = 1 - sqrt(f1)");
            assertTrue(minF1 < 0.05 && maxF1 > 0.85, "seed " + seed + ": the front spans f1 in [" + minF1 + ", " + maxF1 + "]");
            double hv = Hypervolume.of(v, zdt1.referencePoint());
            assertTrue(hv > 0.93 * zdt1.maxHypervolume(), "seed " + seed + ": hypervolume " + hv + " of " + zdt1.maxHypervolume());
        }
    }

    /** ZDT1 with g <= 3 (x1..x29 averaging at most 2/9) and f1 >= 0.2: random search never gets there. */
    private static Study constrainedZdt1(Sampler sampler, int trials) {
        ZdtProblem zdt1 = ZdtProblem.zdt1();
        Study s = Study.builder().directions(zdt1.directions()).sampler(sampler).constraints(t -> {
            Map<String, Object> p = t.params();
            double sum = 0;
            for (int i = 1; i < 30; i++) {
                sum += (Double) p.get("x" + i);
            }
            double g = 1 + 9 * sum / 29;
            return new double[] {g - 3, 0.2 - (Double) p.get("x0")};
        }).build();
        s.optimizeMulti(zdt1.objective(), OptimizeOptions.trials(trials));
        return s;
    }

    @Test
    void constrainedStudiesReachTheFeasibleRegionAndTheFrontHoldsOnlyFeasibleTrials() {
        for (long seed = 0; seed < 3; seed++) {
            Study random = constrainedZdt1(Samplers.random(seed), 600);
            assertTrue(random.trials().stream().noneMatch(FrozenTrial::isFeasible), "random search finds no feasible trial");
            assertTrue(random.bestTrials().isEmpty(), "so its Pareto front is empty, not infeasible");

            Study study = constrainedZdt1(nsga2(seed), 600);
            long feasible = study.trials().stream().filter(FrozenTrial::isFeasible).count();
            assertTrue(feasible >= 50, "seed " + seed + ": NSGA-II reaches the feasible region, " + feasible + " trials");
            List<FrozenTrial> front = study.bestTrials();
            assertFalse(front.isEmpty());
            for (FrozenTrial t : front) {
                assertTrue(t.isFeasible(), "seed " + seed + ": infeasible trial " + t.number() + " on the front");
                assertTrue(t.values().get(0) >= 0.2);
            }
        }
    }
}
