package org.automl4j.nas.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.automl4j.nas.strategy.RandomSearch;
import org.automl4j.nas.strategy.RegularizedEvolution;
import org.automl4j.nas.strategy.SearchHistory;
import org.junit.jupiter.api.Test;

class SupernetTest {
    static final CellSpace SPACE = CellSpace.of(Op.NONE, Op.SKIP, Op.CONV_3X3);
    static final CellNetworkSpec SPEC = new CellNetworkSpec(8, 1, 1);
    static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(6).withBatchSize(32)
            .withOptimizer(TrainingConfig.Optimizer.ADAM, 0.01);

    static List<Double> scores(long seed, Samples[] d, List<Cell> cells) {
        try (Supernet net = new Supernet(NetworkTrainerTest.ENGINE, SPACE, SPEC, d[0].sampleShape(), 10, seed)) {
            List<Double> losses = net.train(d[0], CONFIG, seed);
            assertTrue(losses.get(losses.size() - 1) < losses.get(0), "shared weights learn: " + losses);
            List<Double> s = new ArrayList<>();
            for (Cell c : cells) {
                s.add(net.score(c, d[1]));
            }
            // scoring is a pure function of the trained weights: again, in another order, the same
            for (int i = cells.size() - 1; i >= 0; i--) {
                assertEquals(s.get(i), net.score(cells.get(i), d[1]));
            }
            return s;
        }
    }

    @Test
    void trainsSharedWeightsAndScoresSubNetworksDeterministicallyBySeed() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        List<Cell> cells = SPACE.classes().subList(0, 261).stream().filter(c -> c.isConnected()).limit(12).toList();
        List<Cell> all = new ArrayList<>(cells);
        all.add(Cell.decode("|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|"));
        List<Double> a = scores(1, d, all);
        List<Double> b = scores(1, d, all);
        List<Double> other = scores(2, d, all);
        assertEquals(a, b);
        assertNotEquals(a, other);
        assertTrue(a.stream().distinct().count() > 3, "sub-networks differ: " + a);
        double best = a.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(best > 0.25, "the best sub-network with shared weights is well above chance (0.1): " + a);
    }

    @Test
    void existingStrategiesSearchThroughTheSupernetView() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        try (Supernet net = new Supernet(NetworkTrainerTest.ENGINE, SPACE, SPEC, d[0].sampleShape(), 10, 3)) {
            net.train(d[0], CONFIG.withEpochs(1), 3);
            SearchHistory r = new RandomSearch().search(SPACE, net.evaluator(d[1]), 8, 1);
            SearchHistory e = new RegularizedEvolution(4, 2).search(SPACE, net.evaluator(d[1]), 8, 1);
            assertEquals(8, r.evaluations().size());
            assertEquals(8, e.evaluations().size());
            assertTrue(SPACE.contains(e.best().cell()));
            assertEquals(e.best().score(), net.score(e.best().cell(), d[1]));
        }
    }

    @Test
    void aCellOutsideTheSpaceIsRejected() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        try (Supernet net = new Supernet(NetworkTrainerTest.ENGINE, SPACE, SPEC, d[0].sampleShape(), 10, 3)) {
            Cell pool = Cell.decode("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|");
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> net.score(pool, d[1]));
            assertTrue(ex.getMessage().contains("outside the supernet's space"), ex.getMessage());
        }
    }
}
