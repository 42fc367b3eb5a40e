package org.automl4j.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Direction;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

    @Test
    void optionsValidateEverySetting() {
        TpeSampler.Options.Builder b = TpeSampler.Options.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.eiCandidates(0));
        assertTrue(e.getMessage().contains("nEiCandidates"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.gamma(0, 25, false));
        assertThrows(IllegalArgumentException.class, () -> b.categoricalBandwidth(1.0));
        assertThrows(IllegalArgumentException.class, () -> b.prior(true, 0));
    }

    @Test
    void gammaAndWeightsFollowTheirDefinitions() {
        TpeSampler.Options o = TpeSampler.Options.defaults();
        assertEquals(1, o.nBelow(3));
        assertEquals(10, o.nBelow(100));
        assertEquals(25, o.nBelow(1000));
        double[] w = o.weights(30);
        assertEquals(1.0 / 30, w[0], 1e-12);
        assertEquals(1.0, w[4], 1e-12);
        assertEquals(1.0, w[29], 1e-12);
        assertTrue(w[1] > w[0] && w[2] > w[1]);
        assertEquals(1.0, TpeSampler.Options.builder().weighting(TpeSampler.Weighting.UNIFORM).build().weights(30)[0]);
    }

    @Test
    void startupTrialsAreRandomThenTheModelConcentratesNearTheOptimum() {
        Study s = Study.builder().sampler(Samplers.tpe(4)).build();
        s.optimize(t -> Math.pow(t.suggestFloat("x", -10, 10) - 3, 2), 60);
        long near = s.trials().subList(40, 60).stream()
                .filter(t -> Math.abs((Double) t.params().get("x") - 3) < 2).count();
        assertTrue(near >= 12, "most late trials near x=3, got " + near);
        assertTrue(s.bestValue() < 0.05, "best " + s.bestValue());
    }

    @Test
    void categoricalChoiceConvergesToTheBestCategory() {
        Study s = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.tpe(9)).build();
        List<String> cats = List.of("a", "b", "c", "d", "e");
        s.optimize(t -> cats.indexOf(t.suggestCategorical("c", cats)) == 3 ? 1.0 : 0.0, 60);
        long d = s.trials().subList(30, 60).stream().filter(t -> t.params().get("c").equals("d")).count();
        assertTrue(d >= 20, "late trials choose the best category, got " + d);
    }

    @Test
    void conditionalGroupsAreModelledNotSampledAtRandom() {
        Study s = Study.builder().sampler(Samplers.tpe(5)).build();
        s.optimize(t -> {
            String algo = t.suggestCategorical("algo", List.of("a", "b"));
            if (algo.equals("a")) {
                return 1 + Math.abs(t.suggestFloat("a_x", 0, 1) - 0.2);
            }
            return Math.abs(t.suggestFloat("b_x", 0, 1) - 0.7) + Math.abs(t.suggestInt("b_k", 1, 20) - 15) / 20.0;
        }, 120);
        List<FrozenTrial> late = s.trials().subList(80, 120);
        long b = late.stream().filter(t -> t.params().get("algo").equals("b")).count();
        assertTrue(b >= 30, "late trials prefer the better branch, got " + b);
        long closeBx = late.stream().filter(t -> t.params().containsKey("b_x"))
                .filter(t -> Math.abs((Double) t.params().get("b_x") - 0.7) < 0.15).count();
        assertTrue(closeBx >= b / 2, "b_x is modelled from b's trials: " + closeBx + " of " + b);
    }

    @Test
    void prunedAndFailedTrialsDoNotBreakTheModel() {
        Study s = Study.builder().sampler(Samplers.tpe(2)).build();
        s.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            if (t.number() % 5 == 1) {
                throw new IllegalStateException("flaky");
            }
            if (t.number() % 5 == 2) {
                t.report(1, x);
                throw new org.automl4j.trial.TrialPrunedException();
            }
            return x;
        }, OptimizeOptions.trials(50).withMaxInitialFailures(0));
        assertEquals(30, s.trials(TrialState.COMPLETE).size());
        assertEquals(10, s.trials(TrialState.PRUNED).size());
        assertTrue(s.bestValue() < 0.05);
    }

    @Test
    void constantLiarWithParallelWorkersCompletesEveryTrial() {
        Study s = Study.builder().sampler(Samplers.tpe(TpeSampler.Options.builder().seed(1).constantLiar(true).build()))
                .build();
        s.optimize(t -> Math.pow(t.suggestFloat("x", -10, 10) - 3, 2) + t.suggestInt("k", 0, 5),
                OptimizeOptions.trials(120).withJobs(3));
        assertEquals(120, s.trials(TrialState.COMPLETE).size());
        assertTrue(s.bestValue() < 0.5, "best " + s.bestValue());
    }

    @Test
    void multiObjectiveStudyGetsAClearMessage() {
        assertTrue(Samplers.tpe(0).singleObjectiveOnly());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Study.builder()
                .directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(Samplers.tpe(0)).build());
        assertTrue(e.getMessage().contains("TpeSampler optimises one objective"), e.getMessage());
    }

    @Test
    void aSamplerUsedForASecondStudyIsRefusedInsteadOfMixingTheirHistories() {
        // before, study b's model held study a's trials and its cursor skipped b's first 20 trials
        org.automl4j.sampler.Sampler shared = Samplers.tpe(1);
        Study a = Study.builder().name("a").sampler(shared).build();
        a.optimize(t -> Math.abs(t.suggestFloat("x", 0, 1) - 0.9), 20);
        Study b = Study.builder().name("b").sampler(shared).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, b::ask);
        assertTrue(e.getMessage().contains("study 'a'") && e.getMessage().contains("study 'b'")
                && e.getMessage().contains("its own sampler"), e.getMessage());
        a.optimize(t -> Math.abs(t.suggestFloat("x", 0, 1) - 0.9), 5); // its own study goes on
        assertEquals(25, a.trials(TrialState.COMPLETE).size());
    }
}
