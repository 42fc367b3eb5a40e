package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.examples.Examples;
import org.automl4j.data.metrics.Metric;
import org.junit.jupiter.api.Test;

class ModelEvaluationTest {

    private static AutoMLOptions options(List<String> learners) {
        return AutoMLOptions.of(Duration.ofMinutes(10)).withSeed(1).withMaxPipelines(3).withLearners(learners)
                .withMeta(MetaLearning.off());
    }

    @Test
    void classificationScoresMatchTheConfusionMatrixAndUnknownClassesAreLeftOut() {
        Table iris = Examples.iris();
        AutoMLModel model = AutoML.fit(iris, "target", options(List.of("logistic"))).model();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < iris.rowCount(); i++) {
            labels.add(i == 0 ? "rose" : iris.column("target").text(i));
        }
        ModelEvaluation e = ModelEvaluation.of(model, iris.with(CategoricalColumn.of("target", labels)));
        assertEquals(149, e.rows());
        assertEquals(1, e.leftOut());
        assertEquals(Metric.BALANCED_ACCURACY, e.metric());
        long total = 0;
        long diagonal = 0;
        for (int c = 0; c < e.confusion().length; c++) {
            total += Arrays.stream(e.confusion()[c]).sum();
            diagonal += e.confusion()[c][c];
        }
        assertEquals(149, total);
        assertEquals((double) diagonal / total, e.scores().get(Metric.ACCURACY), 1e-12);
        // the model's predicted labels agree with the matrix's columns
        List<String> predicted = model.predictLabels(iris.selectRows(java.util.stream.IntStream.range(1, 150).toArray()));
        long setosaPredicted = predicted.stream().filter("setosa"::equals).count();
        long column0 = 0;
        for (long[] row : e.confusion()) {
            column0 += row[0];
        }
        assertEquals(setosaPredicted, column0);
        assertTrue(e.scores().keySet().containsAll(List.of(Metric.BALANCED_ACCURACY, Metric.LOG_LOSS, Metric.ROC_AUC)));
        assertTrue(e.undefined().isEmpty());
    }

    @Test
    void rocAucIsUndefinedWhenTheRowsHoldOneClassAndTheOtherMetricsStillScore() {
        Table iris = Examples.iris();
        AutoMLModel model = AutoML.fit(iris, "target", options(List.of("logistic"))).model();
        ModelEvaluation e = ModelEvaluation.of(model, iris.selectRows(new int[] {0, 1, 2, 3}));
        assertFalse(e.scores().containsKey(Metric.ROC_AUC));
        assertTrue(e.undefined().containsKey(Metric.ROC_AUC));
        assertEquals(1.0, e.scores().get(Metric.ACCURACY), 1e-12);
    }

    @Test
    void regressionGivesRmseMaeAndR2AndNeedsANumericTarget() {
        int n = 80;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 2 * i + (i % 2 == 0 ? 1 : -1);
        }
        Table t = new Table(List.of(new NumericColumn("x", x), new NumericColumn("y", y)));
        AutoMLModel model = AutoML.fit(t, "y", options(List.of("linear"))).model();
        ModelEvaluation e = ModelEvaluation.of(model, t);
        assertEquals(List.of(Metric.RMSE, Metric.MAE, Metric.R2), List.copyOf(e.scores().keySet()));
        assertEquals(1.0, e.scores().get(Metric.RMSE), 0.05);
        assertTrue(e.scores().get(Metric.R2) > 0.99);
        assertEquals(0, e.confusion().length);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add("v" + i);
        }
        Table wordy = t.with(CategoricalColumn.of("y", words));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ModelEvaluation.of(model, wordy));
        assertTrue(ex.getMessage().contains("must be numeric"), ex.getMessage());
    }
}
