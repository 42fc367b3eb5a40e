package org.automl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.automl4j.problems.BenchmarkProblem;
import org.automl4j.problems.Problems;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Study;
import org.junit.jupiter.api.Test;

/** Quality checks of the samplers on the benchmark suite, over fixed seeds (no timing). */
class TpeQualityTest {

    private static double bestAfter(Sampler sampler, BenchmarkProblem p, int trials) {
        Study s = Study.builder().sampler(sampler).build();
        s.optimize(p.objective(), trials);
        return s.bestValue() - p.optimum();
    }

    @Test
    void tpeBeatsRandomOnBraninAt100TrialsOverFiveSeeds() {
        BenchmarkProblem branin = Problems.branin();
        double tpe = 0;
        double random = 0;
        int wins = 0;
        for (long seed = 0; seed < 5; seed++) {
            double a = bestAfter(Samplers.tpe(seed), branin, 100);
            double b = bestAfter(Samplers.random(seed), branin, 100);
            tpe += a;
            random += b;
            wins += a < b ? 1 : 0;
        }
        assertTrue(tpe < random, "mean regret TPE " + tpe / 5 + " vs random " + random / 5);
        assertTrue(wins >= 4, "TPE wins on at least 4 of 5 seeds, won " + wins);
    }

    @Test
    void tpeTunesTheGlobalBasinOfTheConditionalSpaceOnMostSeeds() {
        BenchmarkProblem cond = Problems.conditional();
        int good = 0;
        double[] regrets = new double[10];
        for (int seed = 0; seed < 10; seed++) {
            regrets[seed] = bestAfter(Samplers.tpe(seed), cond, 200);
            good += regrets[seed] < 0.01 ? 1 : 0;
        }
        java.util.Arrays.sort(regrets);
        // A run that commits to algorithm B plateaus at regret 0.03; Optuna's TPE variants also do so on
        // some seeds. Most seeds must find and tune algorithm C.
        assertTrue(good >= 8, "regret below 0.01 (algorithm C tuned) on " + good + " of 10 seeds");
        assertTrue(regrets[5] < 1e-3, "median regret " + regrets[5]);
    }
}
