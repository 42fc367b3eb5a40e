package org.automl4j.nas.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.automl4j.budget.Budget;
import org.automl4j.pruner.Pruners;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** Supernet and DARTS runs as trials: per-epoch reports, pruners stopping them, epoch and data-fraction budgets. */
class OneShotMultiFidelityTest {
    static final TrainingConfig CONFIG = SupernetTest.CONFIG.withEpochs(4).withOptimizer(TrainingConfig.Optimizer.ADAM, 0.03);
    static final TrainingConfig FROZEN = CONFIG.withOptimizer(TrainingConfig.Optimizer.ADAM, 1e-7);

    @Test
    void aMedianPrunerStopsASupernetRunThatDoesNotLearnAndKeepsItsReports() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        Study study = Study.builder().name("supernet-runs").direction(Direction.MAXIMIZE)
                .pruner(Pruners.median(2, 0, 1)).build();
        try (Supernet net = new Supernet(NetworkTrainerTest.ENGINE, SupernetTest.SPACE, SupernetTest.SPEC,
                d[0].sampleShape(), 10, 7)) {
            Supernet.Sampling sampling = new Supernet.Sampling.Reinforce(6, 0.5, 0.9);
            for (long seed = 1; seed <= 2; seed++) {
                Supernet.Run r = OneShotTrials.supernet(study, net, d[0], d[1], CONFIG, seed, sampling);
                assertFalse(r.stoppedEarly());
                assertEquals(4, r.validationScores().size());
            }
            Supernet.Run frozen = OneShotTrials.supernet(study, net, d[0], d[1], FROZEN, 3, sampling);
            assertTrue(frozen.stoppedEarly(), "a run whose weights barely move is pruned: " + frozen.validationScores());
            assertTrue(frozen.validationScores().size() < 4);
        }
        List<FrozenTrial> trials = study.trials();
        assertEquals(List.of(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.PRUNED),
                trials.stream().map(FrozenTrial::state).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), List.copyOf(trials.get(0).intermediateValues().keySet()));
        FrozenTrial pruned = trials.get(2);
        assertFalse(pruned.intermediateValues().isEmpty(), "the pruned run's reports are kept");
        assertTrue(pruned.intermediateValues().lastKey() < 4, "stopped before its last epoch: " + pruned.intermediateValues());
        assertEquals("supernet", pruned.userAttrs().get(OneShotTrials.KIND));
        assertTrue(trials.get(0).value() > 0.2, "children with trained shared weights beat chance: " + trials.get(0));
    }

    @Test
    void successiveHalvingOnEpochsStopsWeakDartsSearches() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        Study study = Study.builder().name("darts-runs").direction(Direction.MAXIMIZE)
                .pruner(Pruners.successiveHalving(Budget.epochs(1, 4), 2)).build();
        Darts darts = new Darts(NetworkTrainerTest.ENGINE, SupernetTest.SPACE, SupernetTest.SPEC, 0.01);
        Darts.Result first = OneShotTrials.darts(study, darts, d[0], d[1], CONFIG, 1);
        assertFalse(first.stoppedEarly(), "the first trial is never pruned by successive halving");
        Darts.Result frozen = OneShotTrials.darts(study, darts, d[0], d[1], FROZEN, 2);
        assertTrue(frozen.stoppedEarly(), "a search that does not learn is stopped: " + frozen.validationAccuracy());
        assertTrue(SupernetTest.SPACE.contains(frozen.cell()), "a stopped search still discretises its alphas");
        List<FrozenTrial> trials = study.trials();
        assertEquals(TrialState.COMPLETE, trials.get(0).state());
        assertEquals(4L, trials.get(0).intermediateValues().lastKey());
        assertEquals(first.validationAccuracy().get(3), trials.get(0).value(), 1e-12);
        assertEquals(first.cell().encode(), trials.get(0).userAttrs().get(OneShotTrials.CELL));
        FrozenTrial pruned = trials.get(1);
        assertEquals(TrialState.PRUNED, pruned.state());
        assertTrue(pruned.intermediateValues().lastKey() < 4, "pruned at a rung below 4 epochs: " + pruned.intermediateValues());
        assertEquals(frozen.validationAccuracy().size(), pruned.intermediateValues().size(), "every epoch's report is kept");
    }

    @Test
    void aDataFractionBudgetRunsOneShotSearchesOncePerRungOnGrowingSubsets() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        TrainingConfig oneEpoch = CONFIG.withEpochs(1);
        Study dartsRuns = fractionStudy("darts-fractions");
        Darts darts = new Darts(NetworkTrainerTest.ENGINE, SupernetTest.SPACE, SupernetTest.SPEC, 0.01);
        Darts.Result r = OneShotTrials.darts(dartsRuns, darts, d[0], d[1], oneEpoch, 1);
        assertEquals(1, r.validationAccuracy().size(), "the result is the last rung's search");
        Study supernetRuns = fractionStudy("supernet-fractions");
        try (Supernet net = new Supernet(NetworkTrainerTest.ENGINE, SupernetTest.SPACE, SupernetTest.SPEC,
                d[0].sampleShape(), 10, 7)) {
            OneShotTrials.supernet(supernetRuns, net, d[0], d[1], oneEpoch, 1, Supernet.Sampling.uniform());
        }
        for (Study s : List.of(dartsRuns, supernetRuns)) {
            FrozenTrial t = s.trials().get(0);
            assertEquals(TrialState.COMPLETE, t.state(), "the first trial is never pruned by successive halving");
            assertEquals(List.of(250L, 500L, 1000L), List.copyOf(t.intermediateValues().keySet()), t.toString());
        }
    }

    private static Study fractionStudy(String name) {
        return Study.builder().name(name).direction(Direction.MAXIMIZE)
                .pruner(Pruners.successiveHalving(Budget.dataFraction(0.25, 1.0), 2)).build();
    }

    @Test
    void controllerSampledTrainingIsDeterministicBySeedAndItsPolicyLearnsFromTheChildren() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        TrainingConfig config = CONFIG.withEpochs(3);
        Supernet.Sampling reinforce = new Supernet.Sampling.Reinforce(10, 1.0, 0.9);
        Supernet.Run a = run(d, config, reinforce, 4);
        Supernet.Run b = run(d, config, reinforce, 4);
        assertEquals(a.losses(), b.losses());
        assertEquals(a.validationScores(), b.validationScores());
        assertEquals(a.policyCell(), b.policyCell());
        double moved = 0;
        for (int e = 0; e < 6; e++) {
            assertArrayEquals(a.policy()[e], b.policy()[e]);
            for (double p : a.policy()[e]) {
                moved = Math.max(moved, Math.abs(p - 1.0 / 3));
            }
        }
        assertTrue(moved > 0.02, "the controller's policy moves away from uniform, largest change " + moved);
        assertTrue(SupernetTest.SPACE.contains(a.policyCell()));
        assertTrue(a.losses().get(2) < a.losses().get(0), "shared weights learn on controller samples: " + a.losses());
        Supernet.Run uniform = run(d, config, Supernet.Sampling.uniform(), 4);
        assertEquals(null, uniform.policy());
        try (Supernet net = new Supernet(NetworkTrainerTest.ENGINE, SupernetTest.SPACE, SupernetTest.SPEC,
                d[0].sampleShape(), 10, 4)) {
            assertEquals(net.train(d[0], config, 4), uniform.losses(), "scoring children does not change the weight steps");
        }
    }

    private static Supernet.Run run(Samples[] d, TrainingConfig config, Supernet.Sampling sampling, long seed) {
        try (Supernet net = new Supernet(NetworkTrainerTest.ENGINE, SupernetTest.SPACE, SupernetTest.SPEC,
                d[0].sampleShape(), 10, seed)) {
            return net.train(d[0], d[1], config, seed, sampling, EpochCallback.NONE);
        }
    }
}
