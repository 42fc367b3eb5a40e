package org.automl4j.tabular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.data.Table;
import org.automl4j.data.metrics.Metric;

/**
 * A fitted {@link AutoMLModel} scored on rows with their target (AutoGluon's {@code evaluate}, H2O's
 * {@code model_performance}): every metric of the task, and for classification the confusion matrix. Rows whose
 * target is missing or a class the model does not know are left out and counted.
 *
 * @param metric    the metric the model was tuned for
 * @param scores    each metric of the task by its score; a metric undefined on these rows (ROC AUC with one
 *                  class present) is absent and its reason is in {@code undefined}
 * @param undefined why a metric has no score
 * @param rows      the rows scored
 * @param leftOut   the rows left out
 * @param classes   the model's classes (empty for regression)
 * @param confusion rows: true class, columns: predicted class, in the order of {@code classes} (empty for
 *                  regression)
 */
public record ModelEvaluation(Metric metric, Map<Metric, Double> scores, Map<Metric, String> undefined, int rows,
        int leftOut, List<String> classes, long[][] confusion) {

    private static final List<Metric> CLASSIFICATION = List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY,
            Metric.F1_MACRO, Metric.LOG_LOSS, Metric.ROC_AUC);
    private static final List<Metric> REGRESSION = List.of(Metric.RMSE, Metric.MAE, Metric.R2);

    public ModelEvaluation {
        scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        undefined = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(undefined));
        classes = List.copyOf(classes);
    }

    /**
     * Scores {@code model} on {@code table}, which holds the model's input columns and its target column.
     *
     * @throws IllegalArgumentException if the target or a training column is absent, the target is not numeric
     *     for regression, or no row can be scored
     */
    public static ModelEvaluation of(AutoMLModel model, Table table) {
        ModelTargets targets = ModelTargets.of(model, table, 1);
        Table rows = table.selectRows(targets.rows());
        double[] y = targets.y();
        Map<Metric, Double> scores = new LinkedHashMap<>();
        Map<Metric, String> undefined = new LinkedHashMap<>();
        if (!model.task().isClassification()) {
            double[] pred = model.predictValues(rows);
            for (Metric m : REGRESSION) {
                scores.put(m, m.score(y, pred));
            }
            return new ModelEvaluation(model.metric(), scores, undefined, y.length, targets.leftOut(), List.of(),
                    new long[0][]);
        }
        double[][] proba = model.predictProba(rows);
        for (Metric m : CLASSIFICATION) {
            try {
                scores.put(m, m.score(y, proba));
            } catch (IllegalArgumentException e) {
                undefined.put(m, e.getMessage());
            }
        }
        int k = model.classes().size();
        long[][] confusion = new long[k][k];
        for (int i = 0; i < y.length; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (proba[i][c] > proba[i][best]) {
                    best = c;
                }
            }
            confusion[(int) y[i]][best]++;
        }
        return new ModelEvaluation(model.metric(), scores, undefined, y.length, targets.leftOut(), model.classes(),
                confusion);
    }
}
