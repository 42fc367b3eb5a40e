package org.automl4j.tabular;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.Column;
import org.automl4j.data.Table;
import org.automl4j.data.metrics.Metric;

/**
 * Permutation feature importance of a fitted {@link AutoMLModel} (Breiman 2001; scikit-learn's
 * {@code permutation_importance}, AutoGluon's {@code feature_importance}): how much the model's metric gets worse
 * when one input column's values are shuffled across the rows, breaking its link to the target while keeping its
 * distribution. Model-agnostic: the whole pipeline (preprocessing, ensemble or stacker) predicts each shuffled
 * table. Deterministic for a seed.
 */
public final class FeatureImportance {
    private FeatureImportance() {
    }

    /**
     * One input column's importance.
     *
     * @param feature    the column
     * @param importance the mean loss of score over the shuffles (in the metric's units; positive: the model
     *                   needs the column, about 0: it does not, negative: shuffling helped, i.e. noise)
     * @param stddev     the sample standard deviation of the loss over the shuffles (0 for one shuffle)
     */
    public record Entry(String feature, double importance, double stddev) {
    }

    /**
     * The importances of every input column, most important first.
     *
     * @param metric       the model's metric
     * @param baseline     its score on the unshuffled rows
     * @param rows         the rows scored (a sample when the table had more than the limit)
     * @param leftOut      rows left out because their target is missing or a class the model does not know
     * @param repeats      shuffles per column
     * @param features     the entries, by decreasing importance
     */
    public record Result(Metric metric, double baseline, int rows, int leftOut, int repeats, List<Entry> features) {
        public Result {
            features = List.copyOf(features);
        }
    }

    /**
     * Permutation importance on {@code table}, which holds the model's input columns and its target column.
     * Use rows the model was not fitted on (a held-out test set) to see what it relies on for new data.
     *
     * @param repeats shuffles per column (5 is common: more give a smaller standard deviation)
     * @param maxRows at most this many rows are scored (a seeded sample above it; AutoGluon's default is 5,000)
     * @param seed    the shuffles' and the sample's seed
     * @throws IllegalArgumentException if the target column is absent or of the wrong kind, no row has a target
     *                                  the model can score, a training column is missing, or a count is below 1
     */
    public static Result permutation(AutoMLModel model, Table table, int repeats, int maxRows, long seed) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows must be at least 2, got " + maxRows);
        }
        ModelTargets targets = ModelTargets.of(model, table, 2);
        int leftOut = targets.leftOut();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] rows = targets.rows();
        double[] y = targets.y();
        if (rows.length > maxRows) {
            int[] order = permutation(rows.length, rnd.split());
            int[] sampleRows = new int[maxRows];
            double[] sampleY = new double[maxRows];
            for (int k = 0; k < maxRows; k++) {
                sampleRows[k] = rows[order[k]];
                sampleY[k] = y[order[k]];
            }
            rows = sampleRows;
            y = sampleY;
        }
        Table base = table.selectColumns(model.schema().names()).selectRows(rows);
        double baseline = score(model, base, y);
        List<Entry> entries = new ArrayList<>();
        for (String feature : model.schema().names()) {
            Column column = base.column(feature);
            double[] losses = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                Table shuffled = base.with(column.select(permutation(base.rowCount(), rnd.split())));
                double s = score(model, shuffled, y);
                losses[r] = model.metric().greaterIsBetter() ? baseline - s : s - baseline;
            }
            entries.add(new Entry(feature, mean(losses), stddev(losses)));
        }
        entries.sort(Comparator.comparingDouble(Entry::importance).reversed());
        return new Result(model.metric(), baseline, rows.length, leftOut, repeats, entries);
    }

    private static double score(AutoMLModel model, Table table, double[] y) {
        return model.task().isClassification() ? model.metric().score(y, model.predictProba(table))
                : model.metric().score(y, model.predictValues(table));
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double stddev(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
