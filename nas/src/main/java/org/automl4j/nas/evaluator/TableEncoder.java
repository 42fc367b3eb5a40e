package org.automl4j.nas.evaluator;

import java.util.ArrayList;
import java.util.List;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.Column;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;

/**
 * Turns a classification table into network input: numeric columns standardised with the training rows'
 * mean and standard deviation (a missing value becomes the mean, i.e. 0), categorical and boolean columns
 * one-hot encoded over the training levels (missing or unseen: all zeros). Fitted once on the training
 * part, then applied to every part.
 */
public final class TableEncoder {
    private final List<String> names;
    private final double[] mean;
    private final double[] std;
    private final List<List<String>> levels;
    private final int width;

    private TableEncoder(List<String> names, double[] mean, double[] std, List<List<String>> levels) {
        this.names = names;
        this.mean = mean;
        this.std = std;
        this.levels = levels;
        int w = 0;
        for (List<String> l : levels) {
            w += l == null ? 1 : l.size();
        }
        this.width = w;
    }

    /**
     * Fits the encoding on {@code train}.
     *
     * @throws IllegalArgumentException for a regression task (networks here classify)
     */
    public static TableEncoder fit(LabeledTable train) {
        if (!train.task().isClassification()) {
            throw new IllegalArgumentException("the target '" + train.targetName() + "' is numeric with many values"
                    + " (regression); NAS here searches classifiers: give a class column");
        }
        List<String> names = new ArrayList<>();
        List<Column> cols = train.features().columns();
        double[] mean = new double[cols.size()];
        double[] std = new double[cols.size()];
        List<List<String>> levels = new ArrayList<>();
        for (int j = 0; j < cols.size(); j++) {
            Column c = cols.get(j);
            names.add(c.name());
            if (c instanceof NumericColumn n) {
                double s = 0;
                double s2 = 0;
                int k = 0;
                for (int i = 0; i < n.size(); i++) {
                    if (!n.isMissing(i)) {
                        s += n.get(i);
                        s2 += n.get(i) * n.get(i);
                        k++;
                    }
                }
                mean[j] = k == 0 ? 0 : s / k;
                double var = k == 0 ? 0 : s2 / k - mean[j] * mean[j];
                std[j] = var > 1e-24 ? Math.sqrt(var) : 1;
                levels.add(null);
            } else {
                levels.add(List.copyOf(((CategoricalColumn) c).levels()));
            }
        }
        return new TableEncoder(names, mean, std, levels);
    }

    /** Input values per row. */
    public int width() {
        return width;
    }

    /** The rows of {@code table} (same feature columns as the training table) encoded, with their classes. */
    public Samples encode(LabeledTable table) {
        List<Column> cols = table.features().columns();
        if (cols.size() != names.size()) {
            throw new IllegalArgumentException("the table has " + cols.size() + " feature columns, the encoder was fitted"
                    + " on " + names.size());
        }
        double[][] x = new double[table.rows()][width];
        int offset = 0;
        for (int j = 0; j < cols.size(); j++) {
            Column c = cols.get(j);
            if (levels.get(j) == null) {
                NumericColumn n = (NumericColumn) c;
                for (int i = 0; i < x.length; i++) {
                    x[i][offset] = n.isMissing(i) ? 0 : (n.get(i) - mean[j]) / std[j];
                }
                offset++;
            } else {
                List<String> l = levels.get(j);
                for (int i = 0; i < x.length; i++) {
                    int k = c.isMissing(i) ? -1 : l.indexOf(c.text(i));
                    if (k >= 0) {
                        x[i][offset + k] = 1;
                    }
                }
                offset += l.size();
            }
        }
        return Samples.ofRows(x, table.labels(), table.classCount());
    }
}
