package org.automl4j.tabular.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.junit.jupiter.api.Test;

/** Stacking on hand-made out-of-fold predictions. */
class StackingTest {

    @Test
    void metaFeaturesAreTheModelsOutputsSideBySideWithOneColumnPerModelForBinary() {
        double[][] a = {{0.9, 0.1}, {0.2, 0.8}};
        double[][] b = {{0.6, 0.4}, {0.3, 0.7}};
        assertArrayEquals(new double[][] {{0.1, 0.4}, {0.8, 0.7}}, Stacking.features(List.of(a, b), Task.BINARY));
        double[][] c = {{0.5, 0.3, 0.2}};
        double[][] d = {{0.1, 0.1, 0.8}};
        assertArrayEquals(new double[][] {{0.5, 0.3, 0.2, 0.1, 0.1, 0.8}},
                Stacking.features(List.of(c, d), Task.MULTICLASS));
        assertArrayEquals(new double[][] {{1, 3}, {2, 4}},
                Stacking.features(List.of(new double[][] {{1}, {2}}, new double[][] {{3}, {4}}), Task.REGRESSION));
        assertThrows(IllegalArgumentException.class, () -> Stacking.features(List.of(a, c), Task.BINARY));
        assertThrows(IllegalArgumentException.class, () -> Stacking.features(List.of(), Task.BINARY));
    }

    @Test
    void regressionMetaLearnerFindsTheLinearCombinationAveragingMisses() {
        // y = 2 m1 - m2 exactly: the plain average of m1 and m2 is far off, the elastic net recovers it
        SplittableRandom rng = new SplittableRandom(1);
        int n = 400;
        double[][] m1 = new double[n][1];
        double[][] m2 = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            m1[i][0] = rng.nextDouble() * 10;
            m2[i][0] = rng.nextDouble() * 10;
            y[i] = 2 * m1[i][0] - m2[i][0];
        }
        Model meta = Stacking.fit(List.of(m1, m2), y, null, Task.REGRESSION, List.of(), 3);
        assertEquals("linear", meta.learner());
        double[][] p = Stacking.predict(meta, List.of(m1, m2), Task.REGRESSION);
        double[][] avg = EnsembleSelection.blend(List.of(m1, m2), new double[] {0.5, 0.5});
        assertTrue(rmse(p, y) < 0.1 * rmse(avg, y), "stacked RMSE " + rmse(p, y) + " vs average " + rmse(avg, y));
        assertArrayEquals(p, Stacking.predict(Learners.load("linear", meta.toBytes()), List.of(m1, m2),
                Task.REGRESSION));
    }

    @Test
    void classificationMetaLearnerLearnsToTrustTheInformativeModelAndFlipTheInvertedOne() {
        // model "good" is right 90 % of the time, model "inverted" puts its mass on the wrong class 90 % of
        // the time: averaging them is a coin flip, the logistic meta-learner reads both correctly
        SplittableRandom rng = new SplittableRandom(2);
        int n = 600;
        double[][] good = new double[n][2];
        double[][] inverted = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double pg = rng.nextDouble() < 0.9 ? 0.8 : 0.2;
            double pi = rng.nextDouble() < 0.9 ? 0.2 : 0.8;
            double p1g = y[i] == 1 ? pg : 1 - pg;
            double p1i = y[i] == 1 ? pi : 1 - pi;
            good[i] = new double[] {1 - p1g, p1g};
            inverted[i] = new double[] {1 - p1i, p1i};
        }
        Model meta = Stacking.fit(List.of(good, inverted), y, null, Task.BINARY, List.of("no", "yes"), 3);
        assertEquals("logistic", meta.learner());
        double[][] p = Stacking.predict(meta, List.of(good, inverted), Task.BINARY);
        double[][] avg = EnsembleSelection.blend(List.of(good, inverted), new double[] {0.5, 0.5});
        assertEquals(2, p[0].length);
        assertEquals(1.0, p[0][0] + p[0][1], 1e-9);
        // both right after flipping the inverted one: 0.81 of the rows; they disagree on 0.18 (a tie): about 0.9
        assertTrue(accuracy(p, y) > 0.85, "stacked accuracy " + accuracy(p, y));
        assertTrue(accuracy(avg, y) < 0.7, "averaged accuracy " + accuracy(avg, y));
    }

    private static double rmse(double[][] p, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (p[i][0] - y[i]) * (p[i][0] - y[i]);
        }
        return Math.sqrt(s / y.length);
    }

    private static double accuracy(double[][] p, double[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += (p[i][1] > p[i][0] ? 1 : 0) == (int) y[i] ? 1 : 0;
        }
        return right / (double) y.length;
    }
}
