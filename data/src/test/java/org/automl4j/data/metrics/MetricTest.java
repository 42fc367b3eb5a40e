package org.automl4j.data.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.automl4j.data.Task;
import org.junit.jupiter.api.Test;

class MetricTest {
    private static final double TOL = 1e-12;

    /*
     * Binary, 6 rows. P(class 1) = 0.1 0.4 0.4 0.8 0.7 0.6, truth 0 0 1 1 1 0.
     * Arg-max predictions (0.4 -> class 0, 0.6 -> class 1): 0 0 0 1 1 1.
     * Accuracy 4/6. Recall class 0 = 2/3, class 1 = 2/3 -> balanced 2/3.
     * F1 class 0: tp 2, fp 1, fn 1 -> 4/6; class 1 the same -> macro 2/3.
     * AUC: positives 0.4, 0.8, 0.7 against negatives 0.1, 0.4, 0.6:
     *   0.4 beats 0.1 (1), ties 0.4 (1/2), loses to 0.6 (0); 0.8 and 0.7 beat all three (3 + 3)
     *   -> 7.5 / 9 = 0.8333.
     * Log loss: -(ln .9 + ln .6 + ln .4 + ln .8 + ln .7 + ln .4) / 6.
     */
    private static final double[] Y_BIN = {0, 0, 1, 1, 1, 0};
    private static final double[][] P_BIN = {{0.9, 0.1}, {0.6, 0.4}, {0.6, 0.4}, {0.2, 0.8}, {0.3, 0.7}, {0.4, 0.6}};

    /*
     * Multiclass, 6 rows, truth 0 0 0 1 1 2; arg-max predictions 0 0 1 1 2 2.
     * Accuracy 4/6. Recall: 2/3, 1/2, 1/1 -> balanced (2/3 + 1/2 + 1) / 3 = 13/18.
     * F1: class 0 tp 2 fp 0 fn 1 -> 4/5; class 1 tp 1 fp 1 fn 1 -> 1/2; class 2 tp 1 fp 1 fn 0 -> 2/3;
     *   macro (4/5 + 1/2 + 2/3) / 3.
     * AUC one-vs-rest: class 0 positives .7 .5 .3 vs .2 .1 .1 -> 1; class 1 positives .5 .4 vs
     *   .2 .3 .4 .3 -> (4 + 3.5) / 8 = 0.9375; class 2 .6 vs .1 .2 .3 .3 .5 -> 1; macro 2.9375 / 3.
     * Log loss: -(ln .7 + ln .5 + ln .3 + ln .5 + ln .4 + ln .6) / 6.
     */
    private static final double[] Y_MC = {0, 0, 0, 1, 1, 2};
    private static final double[][] P_MC = {
        {0.7, 0.2, 0.1}, {0.5, 0.3, 0.2}, {0.3, 0.4, 0.3}, {0.2, 0.5, 0.3}, {0.1, 0.4, 0.5}, {0.1, 0.3, 0.6}};

    @Test
    void binary() {
        assertEquals(4.0 / 6, Metric.ACCURACY.score(Y_BIN, P_BIN), TOL);
        assertEquals(2.0 / 3, Metric.BALANCED_ACCURACY.score(Y_BIN, P_BIN), TOL);
        assertEquals(2.0 / 3, Metric.F1_MACRO.score(Y_BIN, P_BIN), TOL);
        assertEquals(7.5 / 9, Metric.ROC_AUC.score(Y_BIN, P_BIN), TOL);
        double ll = -(Math.log(.9) + Math.log(.6) + Math.log(.4) + Math.log(.8) + Math.log(.7) + Math.log(.4)) / 6;
        assertEquals(ll, Metric.LOG_LOSS.score(Y_BIN, P_BIN), TOL);
    }

    @Test
    void multiclass() {
        assertEquals(4.0 / 6, Metric.ACCURACY.score(Y_MC, P_MC), TOL);
        assertEquals(13.0 / 18, Metric.BALANCED_ACCURACY.score(Y_MC, P_MC), TOL);
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, Metric.F1_MACRO.score(Y_MC, P_MC), TOL);
        assertEquals(2.9375 / 3, Metric.ROC_AUC.score(Y_MC, P_MC), TOL);
        double ll = -(Math.log(.7) + Math.log(.5) + Math.log(.3) + Math.log(.5) + Math.log(.4) + Math.log(.6)) / 6;
        assertEquals(ll, Metric.LOG_LOSS.score(Y_MC, P_MC), TOL);
    }

    @Test
    void hardPredictionsForLabelMetrics() {
        double[] pred = {0, 0, 1, 1, 2, 2};
        assertEquals(13.0 / 18, Metric.BALANCED_ACCURACY.score(Y_MC, pred), TOL);
        assertEquals(4.0 / 6, Metric.ACCURACY.score(Y_MC, pred), TOL);
        assertThrows(IllegalArgumentException.class, () -> Metric.ROC_AUC.score(Y_MC, pred));
        assertThrows(IllegalArgumentException.class, () -> Metric.LOG_LOSS.score(Y_MC, pred));
    }

    @Test
    void aucAllTiedIsOneHalfAndPerfectIsOne() {
        double[][] flat = {{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}};
        assertEquals(0.5, Metric.ROC_AUC.score(new double[] {0, 1, 0, 1}, flat), TOL);
        double[][] perfect = {{0.9, 0.1}, {0.1, 0.9}};
        assertEquals(1.0, Metric.ROC_AUC.score(new double[] {0, 1}, perfect), TOL);
        assertThrows(IllegalArgumentException.class,
                () -> Metric.ROC_AUC.score(new double[] {1, 1}, perfect));
    }

    @Test
    void logLossClipsZeroProbabilities() {
        double[][] wrong = {{1.0, 0.0}};
        assertEquals(-Math.log(1e-15), Metric.LOG_LOSS.score(new double[] {1}, wrong), 1e-9);
        assertTrue(Double.isFinite(Metric.LOG_LOSS.score(new double[] {1}, wrong)));
    }

    @Test
    void regressionScoresOfTargetsWhoseSquaresOverflowAreFinite() {
        // the documented example scaled by 1e200: RMSE scales with it, R2 does not change
        double[] t = {3e200, -0.5e200, 2e200, 7e200};
        double[] p = {2.5e200, 0, 2e200, 8e200};
        assertEquals(Math.sqrt(0.375) * 1e200, Metric.RMSE.score(t, p), 1e188);
        assertEquals(1 - 1.5 / 29.1875, Metric.R2.score(t, p), TOL);
    }

    @Test
    void regression() {
        // scikit-learn's documented example: y_true 3 -0.5 2 7, y_pred 2.5 0 2 8.
        // Errors .5 .5 0 1: MSE = 1.5 / 4 = 0.375, MAE = 2 / 4 = 0.5;
        // mean 2.875, SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875, R2 = 1 - 1.5 / 29.1875.
        double[] t = {3, -0.5, 2, 7};
        double[] p = {2.5, 0, 2, 8};
        assertEquals(Math.sqrt(0.375), Metric.RMSE.score(t, p), TOL);
        assertEquals(0.5, Metric.MAE.score(t, p), TOL);
        assertEquals(1 - 1.5 / 29.1875, Metric.R2.score(t, p), TOL);
        assertEquals(0.9486081370449679, Metric.R2.score(t, p), 1e-12);
        assertEquals(1.0, Metric.R2.score(new double[] {2, 2}, new double[] {2, 2}));
        assertEquals(0.0, Metric.R2.score(new double[] {2, 2}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Metric.RMSE.score(t, new double[][] {{1}, {1}, {1}, {1}}));
    }

    @Test
    void directionsDefaultsAndNames() {
        assertTrue(Metric.BALANCED_ACCURACY.greaterIsBetter());
        assertTrue(Metric.ROC_AUC.greaterIsBetter());
        assertTrue(Metric.R2.greaterIsBetter());
        assertFalse(Metric.LOG_LOSS.greaterIsBetter());
        assertFalse(Metric.RMSE.greaterIsBetter());
        assertFalse(Metric.MAE.greaterIsBetter());
        assertEquals(Metric.BALANCED_ACCURACY, Metric.defaultFor(Task.BINARY));
        assertEquals(Metric.BALANCED_ACCURACY, Metric.defaultFor(Task.MULTICLASS));
        assertEquals(Metric.RMSE, Metric.defaultFor(Task.REGRESSION));
        assertEquals("balanced_accuracy", Metric.BALANCED_ACCURACY.id());
        assertEquals(Metric.F1_MACRO, Metric.of("f1_macro"));
        assertTrue(Metric.RMSE.supports(Task.REGRESSION));
        assertFalse(Metric.RMSE.supports(Task.BINARY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.of("auc"));
        assertTrue(e.getMessage().contains("roc_auc"), e.getMessage());
    }

    @Test
    void badInputs() {
        assertThrows(IllegalArgumentException.class, () -> Metric.ACCURACY.score(new double[] {0, 1}, P_BIN));
        assertThrows(IllegalArgumentException.class, () -> Metric.ACCURACY.score(new double[] {0, 0, 1, 1, 3, 0}, P_BIN));
        assertThrows(IllegalArgumentException.class, () -> Metric.ACCURACY.score(new double[] {0, 0, 1, 1, 0.5, 0}, P_BIN));
    }

    @Test
    void aLabelThatIsNotANumberIsNamedWithItsRow() {
        // before: NaN reset the class count to 0 and the error blamed row 0's valid class
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metric.ACCURACY.score(new double[] {0, 1, Double.NaN}, new double[] {0, 1, 1}));
        assertTrue(e.getMessage().startsWith("row 2: NaN is not a class index"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Metric.F1_MACRO.score(new double[] {0, 1, 1}, new double[] {1, Double.NaN, 0}));
        assertTrue(e.getMessage().startsWith("row 1: NaN is not a class index"), e.getMessage());
    }
}
