package org.automl4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.automl4j.problems.BenchmarkProblem;
import org.automl4j.problems.Problems;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.sampler.smac.SmacSampler;
import org.automl4j.study.Study;
import org.junit.jupiter.api.Test;

/** Quality checks of the SMAC sampler on the benchmark suite's CASH-like spaces, over fixed seeds (no timing). */
class SmacQualityTest {

    private static double regretAfter(Sampler sampler, BenchmarkProblem p, int trials) {
        Study s = Study.builder().sampler(sampler).build();
        s.optimize(p.objective(), trials);
        return s.bestValue() - p.optimum();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void beatsRandomSearch(BenchmarkProblem p) {
        double[] smac = new double[5];
        double[] random = new double[5];
        for (int seed = 0; seed < 5; seed++) {
            smac[seed] = regretAfter(new SmacSampler(SmacSampler.Options.defaults().withSeed(seed)), p, 100);
            random[seed] = regretAfter(Samplers.random(seed), p, 100);
        }
        double a = median(smac);
        double b = median(random);
        assertTrue(a < b / 2, p.name() + ": median regret SMAC " + a + " vs random " + b + "; SMAC " + Arrays.toString(smac)
                + ", random " + Arrays.toString(random));
    }

    @Test
    void smacBeatsRandomSearchOnTheConditionalSpaceAt100TrialsOverFiveSeeds() {
        beatsRandomSearch(Problems.conditional());
    }

    @Test
    void smacBeatsRandomSearchOnTheMixedSpaceAt100TrialsOverFiveSeeds() {
        beatsRandomSearch(Problems.mixed());
    }
}
