package org.automl4j.nas.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.automl4j.budget.Budget;
import org.automl4j.data.images.ImageSet;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.automl4j.nas.strategy.CellStrategy;
import org.automl4j.nas.strategy.ProgressiveSearch;
import org.automl4j.nas.strategy.RandomSearch;
import org.automl4j.nas.strategy.RegularizedEvolution;
import org.automl4j.nas.strategy.ReinforceController;
import org.automl4j.nas.strategy.SamplerSearch;
import org.automl4j.nas.strategy.SearchHistory;
import org.automl4j.nas.strategy.StudyCellEvaluator;
import org.automl4j.pruner.Pruners;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** Every strategy end to end with real training (tiny data, tiny networks), recorded in a study. */
class TrainingStrategiesTest {
    static final CellSpace SPACE = CellSpace.of(Op.NONE, Op.SKIP, Op.CONV_3X3);
    static final TrainingConfig ONE_EPOCH = TrainingConfig.defaults().withEpochs(1).withBatchSize(32);

    static TrainingCellEvaluator tinyEvaluator(TrainingConfig config) {
        ImageSet.TrainTest tt = ImageSet.digits().stratifiedFraction(0.15, 5).split(0.3, 6);
        return new TrainingCellEvaluator(new NetworkTrainer(NetworkTrainerTest.ENGINE), Samples.of(tt.train()),
                Samples.of(tt.test()), new CellNetworkSpec(4, 1, 2), config);
    }

    @Test
    void everyStrategyRunsEndToEndOnRealTrainingAndRecordsItsTrials() {
        List<CellStrategy> strategies = List.of(new RandomSearch(), new RegularizedEvolution(4, 2),
                new ReinforceController(0.5, 0.9), new SamplerSearch("tpe", Samplers::tpe), new ProgressiveSearch(2));
        TrainingCellEvaluator evaluator = tinyEvaluator(ONE_EPOCH);
        for (CellStrategy s : strategies) {
            Study study = Study.builder().name("nas-" + s.name()).direction(Direction.MAXIMIZE).build();
            SearchHistory h = s.search(SPACE, new StudyCellEvaluator(study, SPACE, evaluator), 3, 1);
            assertEquals(3, h.evaluations().size(), s.name());
            assertEquals("nas", study.userAttrs().get(StudyCellEvaluator.KIND_ATTR));
            List<FrozenTrial> trials = study.trials();
            assertEquals(3, trials.size(), s.name());
            for (int i = 0; i < 3; i++) {
                FrozenTrial t = trials.get(i);
                Cell cell = h.evaluations().get(i).cell();
                assertTrue(SPACE.contains(cell), s.name() + " stays in the space: " + cell.encode());
                assertEquals(TrialState.COMPLETE, t.state());
                assertEquals(cell.encode(), t.userAttrs().get(StudyCellEvaluator.ARCHITECTURE));
                assertEquals(cell.toDot(), t.userAttrs().get(StudyCellEvaluator.ARCHITECTURE_DOT));
                assertEquals(cell.edges().get(5).id(), t.params().get("edge_5"));
                assertEquals(h.evaluations().get(i).score(), t.value(), 1e-12);
                assertEquals(1, t.intermediateValues().size(), "one report per epoch");
                double v = t.value();
                assertTrue(v >= 0 && v <= 1, s.name() + " accuracy " + v);
            }
        }
    }

    @Test
    void successiveHalvingOnEpochsPrunesWeakArchitecturesEarly() {
        Study study = Study.builder().name("sha").direction(Direction.MAXIMIZE)
                .pruner(Pruners.successiveHalving(Budget.epochs(1, 4), 2)).build();
        TrainingCellEvaluator evaluator = tinyEvaluator(ONE_EPOCH);
        new RandomSearch().search(SPACE, new StudyCellEvaluator(study, SPACE, evaluator), 8, 3);
        List<FrozenTrial> pruned = study.trials(TrialState.PRUNED);
        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        assertEquals(8, pruned.size() + complete.size());
        assertTrue(!pruned.isEmpty(), "weak cells are stopped");
        for (FrozenTrial t : pruned) {
            assertTrue(t.intermediateValues().lastKey() < 4, "pruned before the last epoch: " + t.intermediateValues());
        }
        for (FrozenTrial t : complete) {
            assertEquals(4L, t.intermediateValues().lastKey(), "the budget's max epochs: " + t.intermediateValues());
        }
    }

    @Test
    void aDataFractionBudgetTrainsOncePerRungOnGrowingSubsets() {
        Study study = Study.builder().name("fraction").direction(Direction.MAXIMIZE)
                .pruner(Pruners.successiveHalving(Budget.dataFraction(0.25, 1.0), 2)).build();
        TrainingCellEvaluator evaluator = tinyEvaluator(ONE_EPOCH);
        Cell conv = Cell.decode("|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|none~0|none~1|nor_conv_3x3~2|");
        new StudyCellEvaluator(study, SPACE, evaluator).evaluate(conv, 0);
        FrozenTrial first = study.trials().get(0);
        assertEquals(TrialState.COMPLETE, first.state(), "the first trial is never pruned by successive halving");
        assertEquals(List.of(250L, 500L, 1000L), List.copyOf(first.intermediateValues().keySet()));
    }
}
