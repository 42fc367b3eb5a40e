package org.automl4j.sampler.bohb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class BohbSamplerTest {

    private static final Map<String, Distribution> SPACE = Map.of("x", FloatDistribution.of(0, 1));

    private static BohbSampler sampler(long seed, double randomFraction) {
        return new BohbSampler(BohbSampler.Options.builder().seed(seed).randomFraction(randomFraction).build());
    }

    /** Enqueues x, reports |x - 0.2| + 1/step at each step, then completes or prunes the trial. */
    private static void run(Study s, double x, long[] steps, boolean complete) {
        s.enqueueTrial(Map.of("x", x));
        Trial t = s.ask();
        t.suggestFloat("x", 0, 1);
        double v = 0;
        for (long step : steps) {
            v = Math.abs(x - 0.2) + 1.0 / step;
            t.report(step, v);
        }
        if (complete) {
            s.tell(t, v);
        } else {
            s.tell(t.number(), TrialState.PRUNED);
        }
    }

    private static FrozenTrial current(Study s) {
        Trial t = s.ask();
        return s.trials().get(t.number());
    }

    @Test
    void optionsValidateEverySetting() {
        BohbSampler.Options.Builder b = BohbSampler.Options.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.topNPercent(100));
        assertTrue(e.getMessage().contains("topNPercent") && e.getMessage().contains("100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.randomFraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> b.bandwidthFactor(0.5));
        assertThrows(IllegalArgumentException.class, () -> b.minBandwidth(0));
        assertThrows(IllegalArgumentException.class, () -> b.numSamples(0));
        assertEquals(15, BohbSampler.Options.defaults().topNPercent());
        assertEquals(64, BohbSampler.Options.defaults().numSamples());
    }

    @Test
    void fallsBackToRandomBeforeAnyBudgetHasEnoughObservations() {
        BohbSampler bohb = sampler(1, 0.0);
        Study s = Study.builder().sampler(bohb).build();
        for (int i = 0; i < 3; i++) {
            run(s, 0.2 + 0.01 * i, new long[] {1, 3}, true);
        }
        // d = 1: a model needs max(0, 2) + 2 = 4 observations at one budget; only 3 exist.
        assertEquals(-1, bohb.modelBudget(s, current(s), SPACE));
        int low = 0;
        int n = 40;
        for (int i = 0; i < n; i++) {
            double x = s.ask().suggestFloat("x", 0, 1);
            low += x < 0.5 ? 1 : 0;
        }
        assertTrue(low > 8 && low < 32, "uniform draws cover both halves, got " + low + " of " + n + " low");
    }

    @Test
    void fitsOnTheLargestBudgetWithEnoughObservations() {
        BohbSampler bohb = sampler(2, 0.0);
        Study s = Study.builder().sampler(bohb).build();
        // budget 1: 9 observations; budget 3: 5; budget 9: 3 (too few for d = 1, which needs 4).
        for (int i = 0; i < 4; i++) {
            run(s, 0.1 * i, new long[] {1}, false);
        }
        for (int i = 0; i < 2; i++) {
            run(s, 0.5 + 0.1 * i, new long[] {1, 3}, false);
        }
        for (int i = 0; i < 3; i++) {
            run(s, 0.15 + 0.05 * i, new long[] {1, 3, 9}, true);
        }
        assertEquals(3, bohb.modelBudget(s, current(s), SPACE));
        run(s, 0.9, new long[] {1, 3, 9}, true);
        assertEquals(9, bohb.modelBudget(s, current(s), SPACE));
        BohbSampler needsMore = new BohbSampler(BohbSampler.Options.builder().minPointsInModel(5).build());
        assertEquals(1, needsMore.modelBudget(s, current(s), SPACE), "7 needed: only budget 1 (10) has them, not 3 (6)");
    }

    private static Study optimize(long seed, int nTrials) {
        Study s = Study.builder().sampler(sampler(seed, 1.0 / 3)).build();
        s.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double v = 0;
            for (long step = 1; step <= 3; step++) {
                v = Math.abs(x - 0.2) + 1.0 / step;
                t.report(step, v);
            }
            return v;
        }, nTrials);
        return s;
    }

    @Test
    void prefersTheGoodRegionOnASimpleProblem() {
        Study s = optimize(3, 80);
        List<FrozenTrial> late = s.trials().subList(40, 80);
        long near = late.stream().filter(t -> Math.abs((Double) t.params().get("x") - 0.2) < 0.1).count();
        // Random search would put about 20% of trials there; the model (2/3 of decisions) many more.
        assertTrue(near >= 20, "late trials near x=0.2: " + near + " of 40");
    }

    @Test
    void sameSeedGivesTheSameTrials() {
        List<Object> a = optimize(4, 30).trials().stream().map(t -> t.params().get("x")).toList();
        List<Object> b = optimize(4, 30).trials().stream().map(t -> t.params().get("x")).toList();
        List<Object> c = optimize(5, 30).trials().stream().map(t -> t.params().get("x")).toList();
        assertEquals(a, b);
        assertTrue(!a.equals(c));
    }
}
