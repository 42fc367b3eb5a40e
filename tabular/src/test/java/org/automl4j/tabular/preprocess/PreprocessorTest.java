package org.automl4j.tabular.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.tabular.preprocess.PreprocessSpec.Encoding;
import org.automl4j.tabular.preprocess.PreprocessSpec.FeatureSelection;
import org.automl4j.tabular.preprocess.PreprocessSpec.Imputation;
import org.automl4j.tabular.preprocess.PreprocessSpec.Scaling;
import org.junit.jupiter.api.Test;

class PreprocessorTest {
    private static final double NaN = Double.NaN;

    // x = 1, 2, NaN, 4, 9   color = red, blue, red, green, (missing)   y = 0, 1, 0, 1, 1
    private static Table table() {
        return new Table(List.of(new NumericColumn("x", new double[] {1, 2, NaN, 4, 9}),
                CategoricalColumn.of("color", Arrays.asList("red", "blue", "red", "green", null))));
    }

    private static final double[] Y = {0, 1, 0, 1, 1};

    private static PreprocessSpec spec(Imputation imp, boolean indicators, Encoding enc, int rare, Scaling sc) {
        return new PreprocessSpec(imp, indicators, enc, rare, sc, FeatureSelection.NONE, 1.0);
    }

    @Test
    void medianImputationWithIndicatorAndOneHotMatchHandComputedValues() {
        // median of {1, 2, 4, 9} = (2 + 4) / 2 = 3; levels by first appearance red, blue, green; rare = none
        Preprocessor.Fit fit = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                spec(Imputation.MEDIAN, true, Encoding.ONE_HOT, 1, Scaling.NONE), 0);
        assertEquals(List.of("x", "x__missing", "color=red", "color=blue", "color=green", "color=__missing"),
                fit.model().featureNames());
        assertArrayEquals(new double[] {1, 0, 1, 0, 0, 0}, fit.x()[0]);
        assertArrayEquals(new double[] {3, 1, 1, 0, 0, 0}, fit.x()[2]);
        assertArrayEquals(new double[] {9, 0, 0, 0, 0, 1}, fit.x()[4]);
        // new data: an unknown level gets no slot (no rare slot was needed in training)
        Table fresh = new Table(List.of(new NumericColumn("x", new double[] {NaN, 5}),
                CategoricalColumn.of("color", List.of("purple", "green"))));
        double[][] t = fit.model().transform(fresh);
        assertArrayEquals(new double[] {3, 1, 0, 0, 0, 0}, t[0]);
        assertArrayEquals(new double[] {5, 0, 0, 0, 1, 0}, t[1]);
    }

    @Test
    void rareLevelsShareOneSlotWhichAlsoTakesUnknownLevels() {
        // counts: red 2, blue 1, green 1; min count 2 -> blue and green are rare
        Preprocessor.Fit fit = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                spec(Imputation.MEAN, false, Encoding.ONE_HOT, 2, Scaling.NONE), 0);
        assertEquals(List.of("x", "color=red", "color=__rare", "color=__missing"), fit.model().featureNames());
        assertEquals(4.0, fit.x()[2][0], 1e-12, "mean of {1, 2, 4, 9} = 4");
        assertArrayEquals(new double[] {2, 0, 1, 0}, fit.x()[1]);
        Table fresh = new Table(List.of(new NumericColumn("x", new double[] {0}),
                CategoricalColumn.of("color", List.of("purple"))));
        assertArrayEquals(new double[] {0, 0, 1, 0}, fit.model().transform(fresh)[0]);
    }

    @Test
    void standardScalingScalesValuesWhoseSquaresOverflow() {
        Table t = new Table(List.of(new NumericColumn("x", new double[] {-3e200, -1e200, 1e200, 3e200})));
        Preprocessor.Fit fit = Preprocessor.fit(t, new double[] {0, 0, 1, 1}, Task.BINARY, 2,
                spec(Imputation.MEDIAN, false, Encoding.ONE_HOT, 1, Scaling.STANDARD), 0);
        double sd = Math.sqrt(5); // population standard deviation of -3, -1, 1, 3
        assertEquals(-3 / sd, fit.x()[0][0], 1e-12);
        assertEquals(1 / sd, fit.x()[2][0], 1e-12);
    }

    @Test
    void mostFrequentImputationFillsTheModeAndTheSmallestOnTies() {
        Table t = new Table(List.of(new NumericColumn("x", new double[] {3, Double.NaN, 7, 3, 7, 1, Double.NaN})));
        double[] y = {0, 1, 0, 1, 0, 1, 0};
        Preprocessor.Fit fit = Preprocessor.fit(t, y, Task.BINARY, 2,
                spec(Imputation.MOST_FREQUENT, false, Encoding.ONE_HOT, 1, Scaling.NONE), 0);
        assertEquals(3.0, fit.x()[1][0], 1e-12, "3 and 7 twice each: the smaller");
        assertEquals(2.0, Preprocessor.mostFrequent(new double[] {1, 2, 2, 5}), 0);
    }

    @Test
    void scalersMatchHandComputedStatistics() {
        // non-missing x = 1, 2, 4, 9: mean 4, population sd sqrt((9 + 4 + 0 + 25) / 4) = sqrt(9.5)
        double sd = Math.sqrt(9.5);
        double[][] std = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                spec(Imputation.MEAN, false, Encoding.ORDINAL, 1, Scaling.STANDARD), 0).x();
        assertEquals((1 - 4) / sd, std[0][0], 1e-12);
        assertEquals(0.0, std[2][0], 1e-12, "the imputed mean scales to 0");
        // robust: median 3, quartiles (numpy linear) 1.75 and 5.25 -> IQR 3.5
        double[][] rob = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                spec(Imputation.MEDIAN, false, Encoding.ORDINAL, 1, Scaling.ROBUST), 0).x();
        assertEquals((9 - 3) / 3.5, rob[4][0], 1e-12);
        // min-max: (x - 1) / 8
        double[][] mm = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                spec(Imputation.MEDIAN, false, Encoding.ORDINAL, 1, Scaling.MIN_MAX), 0).x();
        assertEquals(1.0, mm[4][0], 1e-12);
        assertEquals(0.25, mm[2][0], 1e-12, "median 3 -> (3 - 1) / 8");
    }

    @Test
    void ordinalCodesFollowFrequencyAndNoImputationKeepsMissingAsNaN() {
        // frequencies: red 2, blue 1, green 1 -> red 0, blue 1, green 2 (ties by first appearance)
        Preprocessor.Fit fit = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                spec(Imputation.NONE, false, Encoding.ORDINAL, 1, Scaling.NONE), 0);
        double[][] x = fit.x();
        assertTrue(Double.isNaN(x[2][0]), "NaN kept for learners that handle missing values");
        assertEquals(List.of(0.0, 1.0, 0.0, 2.0), List.of(x[0][1], x[1][1], x[2][1], x[3][1]));
        assertTrue(Double.isNaN(x[4][1]));
    }

    @Test
    void targetEncodingUsesSmoothedMeansForNewDataAndOutOfFoldMeansForTrainingRows() {
        Preprocessor.Fit fit = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                spec(Imputation.MEDIAN, false, Encoding.TARGET, 1, Scaling.NONE), 3);
        // prior = 3/5 = 0.6; red: (0 + 0 + 10 * 0.6) / (2 + 10) = 0.5; blue: (1 + 6) / 11; missing: (1 + 6) / 11
        Table fresh = new Table(List.of(new NumericColumn("x", new double[] {0, 0, 0}),
                CategoricalColumn.of("color", Arrays.asList("red", "blue", "purple"))));
        double[][] t = fit.model().transform(fresh);
        assertEquals(0.5, t[0][1], 1e-12);
        assertEquals(7.0 / 11, t[1][1], 1e-12);
        assertEquals(0.6, t[2][1], 1e-12, "unknown level -> prior");
        // training rows never see their own target: each value is computed without the row's fold
        double[] y2 = Y.clone();
        y2[0] = 1; // change row 0's target: its own encoded value must not move
        double before = fit.x()[0][1];
        double after = Preprocessor.fit(table(), y2, Task.BINARY, 2,
                spec(Imputation.MEDIAN, false, Encoding.TARGET, 1, Scaling.NONE), 3).x()[0][1];
        assertEquals(before, after, 1e-12, "row 0's encoding does not depend on row 0's target");
    }

    @Test
    void multiclassTargetEncodingHasOneColumnPerClass() {
        double[] y = {0, 1, 2, 1, 2};
        Preprocessor.Fit fit = Preprocessor.fit(table(), y, Task.MULTICLASS, 3,
                spec(Imputation.MEDIAN, false, Encoding.TARGET, 1, Scaling.NONE), 0);
        assertEquals(List.of("x", "color__target0", "color__target1", "color__target2"), fit.model().featureNames());
        double[] red = fit.model().transform(table())[0];
        // red rows: classes 0 and 2; priors 0.2, 0.4, 0.4 -> (1 + 2) / 12, (0 + 4) / 12, (1 + 4) / 12
        assertArrayEquals(new double[] {1, 3.0 / 12, 4.0 / 12, 5.0 / 12}, red, 1e-12);
    }

    @Test
    void varianceSelectionDropsConstantColumnsAndMutualInformationKeepsTheInformativeOnes() {
        double[] y = {0, 0, 0, 0, 1, 1, 1, 1};
        Table t = new Table(List.of(new NumericColumn("noise", new double[] {5, 1, 4, 2, 3, 1, 5, 2}),
                new NumericColumn("constant", new double[] {7, 7, 7, 7, 7, 7, 7, 7}),
                new NumericColumn("signal", new double[] {1, 2, 1, 2, 8, 9, 8, 9})));
        PreprocessSpec base = spec(Imputation.MEDIAN, false, Encoding.ONE_HOT, 1, Scaling.NONE);
        assertEquals(List.of("noise", "signal"), Preprocessor.fit(t, y, Task.BINARY, 2,
                base.withSelection(FeatureSelection.VARIANCE, 1.0), 0).model().featureNames());
        Preprocessor.Fit mi = Preprocessor.fit(t, y, Task.BINARY, 2,
                base.withSelection(FeatureSelection.MUTUAL_INFORMATION, 0.3), 0);
        assertEquals(List.of("signal"), mi.model().featureNames());
        assertEquals(1, mi.model().transform(t)[0].length);
    }

    @Test
    void modelBasedSelectionKeepsAnInteractionThatMutualInformationMissesColumnByColumn() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        int n = 400;
        double[][] cols = new double[8][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 8; j++) {
                cols[j][i] = rnd.nextDouble() * 2 - 1;
            }
            y[i] = (cols[0][i] > 0) ^ (cols[1][i] > 0) ? 1 : 0; // XOR: neither column alone says anything
        }
        List<NumericColumn> columns = new java.util.ArrayList<>();
        for (int j = 0; j < 8; j++) {
            columns.add(new NumericColumn("x" + j, cols[j]));
        }
        Table t = new Table(columns);
        PreprocessSpec base = spec(Imputation.MEDIAN, false, Encoding.ONE_HOT, 1, Scaling.NONE);
        Preprocessor.Fit model = Preprocessor.fit(t, y, Task.BINARY, 2, base.withSelection(FeatureSelection.MODEL, 0.25), 0);
        assertEquals(List.of("x0", "x1"), model.model().featureNames());
        Preprocessor.Fit mi = Preprocessor.fit(t, y, Task.BINARY, 2,
                base.withSelection(FeatureSelection.MUTUAL_INFORMATION, 0.25), 0);
        assertTrue(!mi.model().featureNames().equals(List.of("x0", "x1")), mi.model().featureNames().toString());
    }

    @Test
    void dataWithAnotherColumnTypeIsRefused() {
        Preprocessor.Fit fit = Preprocessor.fit(table(), Y, Task.BINARY, 2, PreprocessSpec.defaults(), 0);
        Table wrong = new Table(List.of(CategoricalColumn.of("x", List.of("a")),
                CategoricalColumn.of("color", List.of("red"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.model().transform(wrong));
        assertTrue(e.getMessage().contains("'x' was numeric"), e.getMessage());
        Table missing = new Table(List.of(new NumericColumn("x", new double[] {1})));
        assertThrows(IllegalArgumentException.class, () -> fit.model().transform(missing));
    }

    @Test
    void fittedPreprocessorSurvivesJsonWithIdenticalOutput() {
        for (Encoding enc : Encoding.values()) {
            Preprocessor.Fit fit = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                    spec(Imputation.NONE, true, enc, 2, Scaling.ROBUST), 1);
            FittedPreprocessor back = PreprocessorJson.read(PreprocessorJson.write(fit.model()));
            double[][] a = fit.model().transform(table());
            double[][] b = back.transform(table());
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0.0, enc + " row " + i);
            }
            assertEquals(fit.model().featureNames(), back.featureNames());
        }
    }

    @Test
    void aPreprocessorDocumentWhosePartsDoNotFitTogetherIsRefusedWhenRead() {
        // before: each of these was read, and the first transform failed with an ArrayIndexOutOfBoundsException
        Preprocessor.Fit oneHot = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                spec(Imputation.MEDIAN, true, Encoding.ONE_HOT, 1, Scaling.NONE), 1);
        com.fasterxml.jackson.databind.node.ObjectNode doc = PreprocessorJson.write(oneHot.model());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("categorical").get(0)).put("width", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreprocessorJson.read(doc));
        assertTrue(e.getMessage().contains("column 'color'") && e.getMessage().contains("'slot'"), e.getMessage());

        com.fasterxml.jackson.databind.node.ObjectNode kept = PreprocessorJson.write(oneHot.model());
        ((com.fasterxml.jackson.databind.node.ArrayNode) kept.get("kept")).set(0,
                com.fasterxml.jackson.databind.node.IntNode.valueOf(99));
        ((com.fasterxml.jackson.databind.node.ArrayNode) kept.get("kept")).remove(1);
        e = assertThrows(IllegalArgumentException.class, () -> PreprocessorJson.read(kept));
        assertTrue(e.getMessage().contains("'kept'"), e.getMessage());

        Preprocessor.Fit target = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                spec(Imputation.MEDIAN, false, Encoding.TARGET, 1, Scaling.NONE), 1);
        com.fasterxml.jackson.databind.node.ObjectNode stats = PreprocessorJson.write(target.model());
        ((com.fasterxml.jackson.databind.node.ArrayNode) stats.get("categorical").get(0).get("target_values")).remove(0);
        e = assertThrows(IllegalArgumentException.class, () -> PreprocessorJson.read(stats));
        assertTrue(e.getMessage().contains("target statistics"), e.getMessage());

        for (Encoding enc : Encoding.values()) { // what write gives is read back
            Preprocessor.Fit fit = Preprocessor.fit(table(), Y, Task.BINARY, 2,
                    new PreprocessSpec(Imputation.MEDIAN, true, enc, 2, Scaling.NONE, FeatureSelection.VARIANCE, 1.0), 1);
            assertEquals(fit.model().featureNames(),
                    PreprocessorJson.read(PreprocessorJson.write(fit.model())).featureNames());
        }
    }
}
