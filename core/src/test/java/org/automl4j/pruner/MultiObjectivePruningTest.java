package org.automl4j.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Direction;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** Pareto studies report a scalarisation (smaller is better) and can be pruned by successive halving. */
class MultiObjectivePruningTest {

    @Test
    void successiveHalvingStopsTrialsWithTheWorstScalarisation() {
        Study study = Study.builder().directions(Direction.MINIMIZE, Direction.MAXIMIZE)
                .sampler(Samplers.random(7)).pruner(Pruners.successiveHalving(1, 3, 0)).build();
        study.optimizeMulti(t -> {
            double x = t.suggestFloat("x", 0, 1);
            double loss = x;
            double accuracy = 1 - x * x;
            for (int epoch = 1; epoch <= 9; epoch++) {
                t.report(epoch, 0.5 * loss + 0.5 * (1 - accuracy)); // the user's scalarisation, to minimise
                if (t.shouldPrune()) {
                    throw new TrialPrunedException();
                }
            }
            return new double[] {loss, accuracy};
        }, OptimizeOptions.trials(60));
        List<FrozenTrial> pruned = study.trials(TrialState.PRUNED);
        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        assertTrue(pruned.size() >= 20, "successive halving pruned " + pruned.size() + " of 60");
        double meanPruned = pruned.stream().mapToDouble(t -> (Double) t.params().get("x")).average().orElseThrow();
        double meanKept = complete.stream().mapToDouble(t -> (Double) t.params().get("x")).average().orElseThrow();
        assertTrue(meanPruned > meanKept, "pruned trials have worse (larger) x: " + meanPruned + " vs " + meanKept);
        assertEquals(60, pruned.size() + complete.size());
        assertTrue(pruned.stream().allMatch(t -> !t.intermediateValues().isEmpty()), "pruned keep their curves");
    }
}
