package org.automl4j.tabular.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleSelectionTest {

    /** Negative squared error against targets {@code y} (regression predictions are rows x 1). */
    private static EnsembleSelection.Scorer negMse(double[] y) {
        return p -> {
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += (p[i][0] - y[i]) * (p[i][0] - y[i]);
            }
            return -s / y.length;
        };
    }

    private static double[][] col(double... v) {
        double[][] out = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }

    @Test
    void twoModelsWithOppositeErrorsAreAveragedEqually() {
        double[] y = {0, 0, 0, 0};
        double[][] high = col(1, -1, 1, -1);   // errors cancel against low
        double[][] low = col(-1, 1, -1, 1);
        double[][] worse = col(2, 2, 2, 2);
        EnsembleSelection.Result r = EnsembleSelection.select(List.of(high, low, worse), negMse(y), 10);
        // round 1: high (mse 1, first of the tie); round 2: adding low gives mse 0; then alternating keeps 0
        assertArrayEquals(new double[] {0.5, 0.5, 0.0}, r.weights(), 1e-12);
        assertEquals(0.0, r.score(), 1e-12);
        assertEquals(List.of(0, 1), r.members());
        assertEquals(-1.0, r.trace().get(0), 1e-12);
    }

    @Test
    void aGoodModelCanBePickedSeveralTimes() {
        double[] y = {1, 1, 1};
        double[][] good = col(1, 1, 1.3);
        double[][] meh = col(0.7, 1.2, 1);
        EnsembleSelection.Result r = EnsembleSelection.select(List.of(meh, good), negMse(y), 3);
        // hand check: round 1 picks good (mse 0.03 vs 0.0433); round 2: good+meh mean (0.85,1.1,1.15) mse 0.0183
        // beats good+good (0.03); round 3: 2 good + meh = (0.9, 1.067, 1.2) mse 0.01815 beats good+2 meh
        // (0.8, 1.133, 1.1) mse 0.0222
        assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0}, r.weights(), 1e-12);
        double[][] blended = EnsembleSelection.blend(List.of(meh, good), r.weights());
        assertEquals(0.9, blended[0][0], 1e-12);
    }

    @Test
    void theEnsembleOfTheBestRoundIsKeptWhenALaterForcedAdditionScoresLower() {
        double[] y = {0, 0};
        double[][] a = col(1, -1);
        double[][] b = col(-1, 1);
        EnsembleSelection.Result r = EnsembleSelection.select(List.of(a, b), negMse(y), 3);
        // round 1: a (mse 1); round 2: a + b averages to 0 (mse 0); round 3 must add one: 2a + b or a + 2b,
        // mse 1/9 either way. Before: the last round's weights (2/3, 1/3) and score -1/9 were returned
        assertArrayEquals(new double[] {-1, 0, -1 / 9.0}, r.trace().stream().mapToDouble(Double::doubleValue).toArray(),
                1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, r.weights(), 1e-12);
        assertEquals(0.0, r.score(), 1e-12);
    }

    @Test
    void shapesMustAgree() {
        assertThrows(IllegalArgumentException.class,
                () -> EnsembleSelection.select(List.of(col(1, 2), col(1)), p -> 0, 5));
        assertThrows(IllegalArgumentException.class, () -> EnsembleSelection.select(List.of(), p -> 0, 5));
    }
}
