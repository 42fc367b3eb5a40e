package org.automl4j.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** End-to-end: the built-in pruners driven by a real study's optimize loop (sequential, seeded). */
class PrunersWithStudyTest {

    /** A learning curve whose level is the sampled x: loss at step k is x + 1 / (k + 1). */
    private static double curve(Trial t) {
        double x = t.suggestFloat("x", 0, 1);
        double loss = Double.NaN;
        for (long step = 0; step < 27; step++) {
            loss = x + 1.0 / (step + 1);
            t.report(step, loss);
            if (t.shouldPrune()) {
                throw new TrialPrunedException();
            }
        }
        return loss;
    }

    private static Study optimize(Pruner pruner, int nTrials) {
        Study s = Study.builder().name("curves").sampler(Samplers.random(7)).pruner(pruner).build();
        s.optimize(PrunersWithStudyTest::curve, nTrials);
        return s;
    }

    @Test
    void eachHistoryPrunerPrunesSomeTrialsAndKeepsTheBest() {
        for (Pruner p : List.of(Pruners.median(), Pruners.successiveHalving(1, 3, 0),
                Pruners.hyperband(1, 27, 3))) {
            Study s = optimize(p, 40);
            List<FrozenTrial> pruned = s.trials(TrialState.PRUNED);
            List<FrozenTrial> complete = s.trials(TrialState.COMPLETE);
            assertFalse(pruned.isEmpty(), p + " pruned nothing");
            assertFalse(complete.isEmpty(), p + " completed nothing");
            assertEquals(40, pruned.size() + complete.size(), p.toString());
            double bestPrunedX = pruned.stream().mapToDouble(t -> (Double) t.params().get("x")).min().orElseThrow();
            double bestX = (Double) s.bestParams().get("x");
            assertTrue(bestX <= bestPrunedX, p + ": best x " + bestX + " but pruned a trial with x " + bestPrunedX);
            assertTrue(pruned.stream().allMatch(t -> !t.intermediateValues().isEmpty()), p.toString());
        }
    }

    @Test
    void thresholdPrunesEveryTrialAboveTheBoundAtItsFirstReport() {
        Study s = optimize(Pruners.threshold(Double.NEGATIVE_INFINITY, 1.5, 0), 20);
        for (FrozenTrial t : s.trials()) {
            double x = (Double) t.params().get("x");
            assertEquals(x > 0.5 ? TrialState.PRUNED : TrialState.COMPLETE, t.state(), "x = " + x);
        }
    }
}
