package org.automl4j.nas.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.junit.jupiter.api.Test;

class DartsTest {

    @Test
    void aDartsOrSupernetTrainingThatDivergesFailsNamingTheLearningRate() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        TrainingConfig wild = SupernetTest.CONFIG.withEpochs(2).withOptimizer(TrainingConfig.Optimizer.SGD, 1e30);
        Darts darts = new Darts(NetworkTrainerTest.ENGINE, SupernetTest.SPACE, SupernetTest.SPEC, 0.01);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> darts.search(d[0], d[1], wild, 5));
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
        try (Supernet net = new Supernet(NetworkTrainerTest.ENGINE, SupernetTest.SPACE, SupernetTest.SPEC,
                d[0].sampleShape(), 10, 5)) {
            TrainingDivergedException s = assertThrows(TrainingDivergedException.class, () -> net.train(d[0], wild, 5));
            assertTrue(s.getMessage().contains("supernet"), s.getMessage());
        }
    }

    @Test
    void alphasMoveAndTheDiscretisedCellIsAValidConnectedCellOfTheSpace() {
        Samples[] d = NetworkTrainerTest.tinyDigits();
        Darts darts = new Darts(NetworkTrainerTest.ENGINE, SupernetTest.SPACE, SupernetTest.SPEC, 0.01);
        Darts.Result a = darts.search(d[0], d[1], SupernetTest.CONFIG.withEpochs(3), 5);
        double moved = 0;
        for (int e = 0; e < 6; e++) {
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                moved = Math.max(moved, Math.abs(a.weights()[e][j] - a.initialWeights()[e][j]));
                sum += a.weights()[e][j];
            }
            assertEquals(1, sum, 1e-5);
        }
        assertTrue(moved > 0.01, "the architecture weights must move, largest change " + moved);
        assertTrue(SupernetTest.SPACE.contains(a.cell()));
        assertTrue(a.cell().isConnected());
        assertTrue(a.cell().edges().stream().noneMatch(o -> o == Op.NONE), a.cell().encode());
        assertEquals(3, a.validationAccuracy().size());
        assertTrue(a.validationAccuracy().get(2) > 0.2, "the mixed network learns: " + a.validationAccuracy());
        Darts.Result b = darts.search(d[0], d[1], SupernetTest.CONFIG.withEpochs(3), 5);
        assertEquals(a.cell(), b.cell());
        for (int e = 0; e < 6; e++) {
            assertArrayEquals(a.weights()[e], b.weights()[e]);
        }
    }

    @Test
    void discretisationSkipsNoneAndBreaksTiesByTheSpaceOrder() {
        CellSpace s = CellSpace.of(Op.NONE, Op.SKIP, Op.CONV_3X3);
        double[][] w = {{0.8, 0.1, 0.1}, {0.2, 0.3, 0.5}, {0.1, 0.6, 0.3}, {0.9, 0.05, 0.05}, {0.4, 0.3, 0.3}, {0.3, 0.3, 0.4}};
        assertEquals(Cell.decode("|skip_connect~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|skip_connect~1|nor_conv_3x3~2|"),
                Darts.discretise(s, w));
        assertThrows(IllegalArgumentException.class, () -> new Darts(NetworkTrainerTest.ENGINE, s, SupernetTest.SPEC, 0));
    }
}
