package org.automl4j.tabular.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.Column;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;

/**
 * A preprocessor fitted on training rows: per numeric column its fill value, indicator and scaling;
 * per categorical column its encoding; then the kept output columns. Applies to any table with the
 * training columns (extra columns are ignored; unknown categorical levels count as rare, or as all-zero
 * one-hot rows when there is no rare slot). Immutable; all state is plain values, so it can be written
 * as JSON and read back without Java deserialisation.
 *
 * @param spec         what was asked for
 * @param numeric      the numeric columns' steps, in output order
 * @param categorical  the categorical columns' steps, in output order after the numeric ones
 * @param kept         indices of the encoded columns kept by feature selection, ascending (all when none)
 * @param featureNames names of the output columns (after selection)
 */
public record FittedPreprocessor(PreprocessSpec spec, List<NumericStep> numeric, List<CategoricalStep> categorical,
        int[] kept, List<String> featureNames) {

    public FittedPreprocessor {
        Objects.requireNonNull(spec, "spec");
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
        kept = kept.clone();
        featureNames = List.copyOf(featureNames);
    }

    /**
     * One numeric column: {@code out = (fill(x) - center) / scale}, plus an indicator column when
     * {@code indicator}.
     *
     * @param column    the input column
     * @param fill      the value replacing NaN, or NaN to keep missing values (for learners that handle them)
     * @param indicator whether a 0/1 "was missing" column follows
     * @param center    subtracted before scaling (0 for none)
     * @param scale     divided by after centring (1 for none)
     */
    public record NumericStep(String column, double fill, boolean indicator, double center, double scale) {
        int width() {
            return indicator ? 2 : 1;
        }
    }

    /**
     * One categorical column.
     *
     * @param column   the input column
     * @param encoding how it is encoded
     * @param levels   the training levels, by training code
     * @param slot     ONE_HOT: output slot of each level ({@code -1} = rare slot); ORDINAL: the value of each level
     * @param rareSlot ONE_HOT: the slot of rare and unknown levels, or -1 if none
     * @param missingSlot ONE_HOT: the slot of missing values, or -1 if none
     * @param width    number of output columns
     * @param targetValues TARGET: per level, the smoothed target statistic per output column
     * @param targetMissing TARGET: the statistic for missing values
     * @param targetPrior TARGET: the statistic for unknown levels (the overall mean)
     * @param keepNaN  ORDINAL: whether missing and unknown levels are NaN (else -1)
     */
    public record CategoricalStep(String column, PreprocessSpec.Encoding encoding, List<String> levels, int[] slot,
            int rareSlot, int missingSlot, int width, double[][] targetValues, double[] targetMissing,
            double[] targetPrior, boolean keepNaN) {
        public CategoricalStep {
            levels = List.copyOf(levels);
        }
    }

    /** Number of encoded columns before feature selection. */
    int encodedWidth() {
        int w = 0;
        for (NumericStep s : numeric) {
            w += s.width();
        }
        for (CategoricalStep s : categorical) {
            w += s.width();
        }
        return w;
    }

    /**
     * The feature matrix of {@code table} (rows x {@link #featureNames()}).
     *
     * @throws IllegalArgumentException if a training column is missing or has another kind
     */
    public double[][] transform(Table table) {
        double[][] encoded = encode(table, null);
        return select(encoded);
    }

    double[][] select(double[][] encoded) {
        if (kept.length == encodedWidth()) {
            return encoded;
        }
        double[][] out = new double[encoded.length][kept.length];
        for (int i = 0; i < encoded.length; i++) {
            for (int j = 0; j < kept.length; j++) {
                out[i][j] = encoded[i][kept[j]];
            }
        }
        return out;
    }

    /**
     * Encodes all columns; {@code trainingTarget}, when given, replaces target-encoded values by the
     * out-of-fold values computed at fit time.
     */
    double[][] encode(Table table, double[][][] trainingTarget) {
        int n = table.rowCount();
        int width = encodedWidth();
        double[][] out = new double[n][width];
        int col = 0;
        for (NumericStep s : numeric) {
            Column c = table.column(s.column());
            if (!(c instanceof NumericColumn nc)) {
                throw new IllegalArgumentException("column '" + s.column() + "' was numeric in training but is "
                        + c.type() + " here; give the model data with the training schema");
            }
            for (int i = 0; i < n; i++) {
                double v = nc.get(i);
                boolean missing = Double.isNaN(v);
                if (missing) {
                    v = s.fill();
                }
                out[i][col] = Double.isNaN(v) ? v : (v - s.center()) / s.scale();
                if (s.indicator()) {
                    out[i][col + 1] = missing ? 1 : 0;
                }
            }
            col += s.width();
        }
        int t = 0;
        for (CategoricalStep s : categorical) {
            Column c = table.column(s.column());
            if (!(c instanceof CategoricalColumn cc)) {
                throw new IllegalArgumentException("column '" + s.column() + "' was categorical in training but is "
                        + c.type() + " here; give the model data with the training schema");
            }
            int[] map = levelMap(s.levels(), cc.levels());
            for (int i = 0; i < n; i++) {
                int code = cc.code(i);
                int lvl = code < 0 ? -2 : map[code]; // -2 missing, -1 unknown
                switch (s.encoding()) {
                    case ONE_HOT -> {
                        int slot = lvl == -2 ? s.missingSlot() : lvl == -1 ? s.rareSlot()
                                : s.slot()[lvl] >= 0 ? s.slot()[lvl] : s.rareSlot();
                        if (slot >= 0) {
                            out[i][col + slot] = 1;
                        }
                    }
                    case ORDINAL -> out[i][col] = lvl >= 0 ? s.slot()[lvl] : s.keepNaN() ? Double.NaN : -1;
                    case TARGET -> {
                        double[] v = trainingTarget != null ? trainingTarget[t][i]
                                : lvl == -2 ? s.targetMissing() : lvl == -1 ? s.targetPrior() : s.targetValues()[lvl];
                        System.arraycopy(v, 0, out[i], col, s.width());
                    }
                    default -> throw new AssertionError(s.encoding());
                }
            }
            if (s.encoding() == PreprocessSpec.Encoding.TARGET) {
                t++;
            }
            col += s.width();
        }
        return out;
    }

    /** For each level of {@code actual}, its index among {@code training} levels, or -1. */
    static int[] levelMap(List<String> training, List<String> actual) {
        java.util.Map<String, Integer> idx = new java.util.HashMap<>();
        for (int i = 0; i < training.size(); i++) {
            idx.put(training.get(i), i);
        }
        int[] map = new int[actual.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = idx.getOrDefault(actual.get(i), -1);
        }
        return map;
    }

    /** The input columns this preprocessor reads. */
    public List<String> inputColumns() {
        List<String> out = new ArrayList<>();
        numeric.forEach(s -> out.add(s.column()));
        categorical.forEach(s -> out.add(s.column()));
        return out;
    }
}
