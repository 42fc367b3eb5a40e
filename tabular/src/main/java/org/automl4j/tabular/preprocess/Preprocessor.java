package org.automl4j.tabular.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.Column;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.tabular.preprocess.FittedPreprocessor.CategoricalStep;
import org.automl4j.tabular.preprocess.FittedPreprocessor.NumericStep;
import org.automl4j.tabular.preprocess.PreprocessSpec.Encoding;

/**
 * Fits a {@link PreprocessSpec} on training rows. Everything is learnt from the rows given, so fitting
 * inside each cross-validation fold keeps validation rows out of imputation values, scaling, target
 * statistics and feature selection. Target encoding of the training rows themselves is done
 * out-of-fold (5 folds), so a learner never sees a row's own target in its features.
 */
public final class Preprocessor {

    /** Smoothing of target statistics: a level's mean is pulled towards the prior as if it had this many more rows. */
    static final double TARGET_SMOOTHING = 10;
    private static final int TARGET_FOLDS = 5;

    private Preprocessor() {
    }

    /**
     * A fitted preprocessor and the training rows' feature matrix.
     *
     * @param model the fitted preprocessor, to apply to new data
     * @param x     the training rows, transformed (target encoding out-of-fold)
     */
    public record Fit(FittedPreprocessor model, double[][] x) {
    }

    /**
     * Fits {@code spec} on {@code features} with targets {@code y} (class index or value).
     *
     * @param classCount number of classes (ignored for regression)
     * @param seed       for the out-of-fold split of target encoding
     */
    public static Fit fit(Table features, double[] y, Task task, int classCount, PreprocessSpec spec, long seed) {
        if (features.rowCount() != y.length) {
            throw new IllegalArgumentException("features have " + features.rowCount() + " rows but there are "
                    + y.length + " targets");
        }
        int n = y.length;
        List<NumericStep> numeric = new ArrayList<>();
        List<CategoricalStep> categorical = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> scaledNumeric = new ArrayList<>();
        for (Column c : features.columns()) {
            if (c instanceof NumericColumn nc) {
                NumericStep s = numericStep(nc, spec);
                numeric.add(s);
                names.add(nc.name());
                if (s.indicator()) {
                    names.add(nc.name() + "__missing");
                }
            }
        }
        int targetWidth = task == Task.MULTICLASS ? classCount : 1;
        List<double[][]> oof = new ArrayList<>();
        int[] fold = spec.encoding() == Encoding.TARGET ? folds(n, seed) : null;
        for (Column c : features.columns()) {
            if (c instanceof CategoricalColumn cc) {
                CategoricalStep s = categoricalStep(cc, spec, y, task, targetWidth, fold, oof);
                categorical.add(s);
                names.addAll(outputNames(s));
            }
        }
        FittedPreprocessor all = new FittedPreprocessor(spec, numeric, categorical, range(names.size()), names);
        double[][] encoded = all.encode(features, oof.isEmpty() ? null : oof.toArray(double[][][]::new));
        int[] kept = switch (spec.selection()) {
            case NONE -> range(names.size());
            case VARIANCE -> nonConstant(encoded);
            case MUTUAL_INFORMATION -> topByMutualInformation(encoded, y, task, spec.selectFraction());
            case MODEL -> topByModelGain(encoded, y, task, classCount, spec.selectFraction(), seed);
        };
        List<String> keptNames = new ArrayList<>(kept.length);
        for (int k : kept) {
            keptNames.add(names.get(k));
        }
        FittedPreprocessor model = new FittedPreprocessor(spec, numeric, categorical, kept, keptNames);
        return new Fit(model, model.select(encoded));
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    // --------------------------------------------------------------------------------------- numeric

    /** The most frequent of sorted values, the smallest on ties; 0 when there are none. */
    static double mostFrequent(double[] sorted) {
        double best = 0;
        int bestCount = 0;
        for (int i = 0; i < sorted.length;) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = sorted[i];
            }
            i = j;
        }
        return best;
    }

    static NumericStep numericStep(NumericColumn c, PreprocessSpec spec) {
        double[] present = Arrays.stream(c.toArray()).filter(v -> !Double.isNaN(v)).sorted().toArray();
        boolean anyMissing = present.length < c.size();
        double fill = switch (spec.imputation()) {
            case NONE -> Double.NaN;
            case MEAN -> present.length == 0 ? 0 : Arrays.stream(present).average().orElse(0);
            case MEDIAN -> present.length == 0 ? 0 : quantile(present, 0.5);
            case MOST_FREQUENT -> mostFrequent(present);
        };
        double center = 0;
        double scale = 1;
        if (present.length > 0) {
            switch (spec.scaling()) {
                case NONE -> { }
                case STANDARD -> {
                    double mean = Arrays.stream(present).average().orElse(0);
                    if (!Double.isFinite(mean)) { // the sum overflowed
                        mean = 0;
                        for (double v : present) {
                            mean += v / present.length;
                        }
                    }
                    double var = 0;
                    for (double v : present) {
                        var += (v - mean) * (v - mean);
                    }
                    center = mean;
                    scale = Double.isFinite(var) ? nonZero(Math.sqrt(var / present.length))
                            : nonZero(scaledDeviation(present, mean));
                }
                case ROBUST -> {
                    center = quantile(present, 0.5);
                    scale = nonZero(quantile(present, 0.75) - quantile(present, 0.25));
                }
                case MIN_MAX -> {
                    center = present[0];
                    scale = nonZero(present[present.length - 1] - present[0]);
                }
                default -> throw new AssertionError(spec.scaling());
            }
        }
        return new NumericStep(c.name(), fill, spec.missingIndicators() && anyMissing, center, scale);
    }

    /** The standard deviation about {@code mean} when squared deviations overflow (values beyond 1e154). */
    private static double scaledDeviation(double[] values, double mean) {
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v - mean));
        }
        double var = 0;
        for (double v : values) {
            double d = (v - mean) / largest;
            var += d * d;
        }
        return largest * Math.sqrt(var / values.length);
    }

    private static double nonZero(double s) {
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    /** Linear-interpolation quantile of sorted values (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    // ----------------------------------------------------------------------------------- categorical

    private static CategoricalStep categoricalStep(CategoricalColumn c, PreprocessSpec spec, double[] y, Task task,
            int targetWidth, int[] fold, List<double[][]> oof) {
        int[] counts = c.levelCounts();
        int k = counts.length;
        boolean anyMissing = c.missingCount() > 0;
        switch (spec.encoding()) {
            case ONE_HOT -> {
                int[] slot = new int[k];
                int next = 0;
                boolean anyRare = false;
                for (int l = 0; l < k; l++) {
                    if (counts[l] >= Math.max(1, spec.rareLevelMinCount())) {
                        slot[l] = next++;
                    } else {
                        slot[l] = -1;
                        anyRare = true;
                    }
                }
                // rare slot also takes levels unseen in training; only when training had rare levels
                int rare = anyRare ? next++ : -1;
                int missing = anyMissing ? next++ : -1;
                return new CategoricalStep(c.name(), Encoding.ONE_HOT, c.levels(), slot, rare, missing, next, null,
                        null, null, false);
            }
            case ORDINAL -> {
                // codes by descending frequency, so trees split frequent levels apart first; ties by level order
                Integer[] order = new Integer[k];
                for (int l = 0; l < k; l++) {
                    order[l] = l;
                }
                Arrays.sort(order, (a, b) -> counts[b] != counts[a] ? Integer.compare(counts[b], counts[a])
                        : Integer.compare(a, b));
                int[] value = new int[k];
                for (int r = 0; r < k; r++) {
                    value[order[r]] = r;
                }
                return new CategoricalStep(c.name(), Encoding.ORDINAL, c.levels(), value, -1, -1, 1, null, null, null,
                        spec.imputation() == PreprocessSpec.Imputation.NONE);
            }
            case TARGET -> {
                int n = y.length;
                double[][] stats = targetStats(c, y, task, targetWidth, null, -1);
                double[] prior = stats[k + 1];
                double[][] perRow = new double[n][];
                for (int f = 0; f < TARGET_FOLDS; f++) {
                    double[][] foldStats = targetStats(c, y, task, targetWidth, fold, f);
                    for (int i = 0; i < n; i++) {
                        if (fold[i] == f) {
                            int code = c.code(i);
                            perRow[i] = code < 0 ? foldStats[k] : foldStats[code];
                        }
                    }
                }
                oof.add(perRow);
                return new CategoricalStep(c.name(), Encoding.TARGET, c.levels(), new int[0], -1, -1, targetWidth,
                        Arrays.copyOf(stats, k), stats[k], prior, false);
            }
            default -> throw new AssertionError(spec.encoding());
        }
    }

    /**
     * Smoothed target statistics per level (rows 0..k-1), for missing (row k) and the prior (row k+1),
     * from rows whose fold is not {@code skipFold} (all rows when {@code fold} is null).
     */
    static double[][] targetStats(CategoricalColumn c, double[] y, Task task, int width, int[] fold, int skipFold) {
        int k = c.levels().size();
        double[][] sum = new double[k + 1][width];
        double[] count = new double[k + 1];
        double[] total = new double[width];
        double all = 0;
        for (int i = 0; i < y.length; i++) {
            if (fold != null && fold[i] == skipFold) {
                continue;
            }
            int code = c.code(i);
            int row = code < 0 ? k : code;
            double[] t = targetVector(y[i], task, width);
            for (int j = 0; j < width; j++) {
                sum[row][j] += t[j];
                total[j] += t[j];
            }
            count[row]++;
            all++;
        }
        double[][] out = new double[k + 2][width];
        for (int j = 0; j < width; j++) {
            double prior = all == 0 ? 0 : total[j] / all;
            out[k + 1][j] = prior;
            for (int r = 0; r <= k; r++) {
                out[r][j] = (sum[r][j] + TARGET_SMOOTHING * prior) / (count[r] + TARGET_SMOOTHING);
            }
        }
        return out;
    }

    private static double[] targetVector(double y, Task task, int width) {
        double[] t = new double[width];
        if (task == Task.MULTICLASS) {
            t[(int) y] = 1;
        } else {
            t[0] = y; // binary: class index 0/1, so the mean is P(class 1); regression: the value
        }
        return t;
    }

    private static int[] folds(int n, long seed) {
        int[] perm = range(n);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        int[] fold = new int[n];
        for (int r = 0; r < n; r++) {
            fold[perm[r]] = r % TARGET_FOLDS;
        }
        return fold;
    }

    private static List<String> outputNames(CategoricalStep s) {
        List<String> out = new ArrayList<>();
        switch (s.encoding()) {
            case ONE_HOT -> {
                String[] slotNames = new String[s.width()];
                for (int l = 0; l < s.levels().size(); l++) {
                    if (s.slot()[l] >= 0) {
                        slotNames[s.slot()[l]] = s.column() + "=" + s.levels().get(l);
                    }
                }
                if (s.rareSlot() >= 0) {
                    slotNames[s.rareSlot()] = s.column() + "=__rare";
                }
                if (s.missingSlot() >= 0) {
                    slotNames[s.missingSlot()] = s.column() + "=__missing";
                }
                out.addAll(Arrays.asList(slotNames));
            }
            case ORDINAL -> out.add(s.column());
            case TARGET -> {
                if (s.width() == 1) {
                    out.add(s.column() + "__target");
                } else {
                    for (int j = 0; j < s.width(); j++) {
                        out.add(s.column() + "__target" + j);
                    }
                }
            }
            default -> throw new AssertionError(s.encoding());
        }
        return out;
    }

    // ------------------------------------------------------------------------------------- selection

    /** Columns whose non-missing values are not all equal. Keeps at least one column. */
    static int[] nonConstant(double[][] x) {
        int p = x.length == 0 ? 0 : x[0].length;
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double first = Double.NaN;
            boolean varies = false;
            for (double[] row : x) {
                double v = row[j];
                if (Double.isNaN(v)) {
                    continue;
                }
                if (Double.isNaN(first)) {
                    first = v;
                } else if (v != first) {
                    varies = true;
                    break;
                }
            }
            if (varies) {
                keep.add(j);
            }
        }
        if (keep.isEmpty() && p > 0) {
            keep.add(0);
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parameters of the quick model that ranks features for model-based selection. */
    static final Map<String, Object> SELECTION_MODEL = Map.of("n_estimators", 50, "num_leaves", 15,
            "learning_rate", 0.1, "min_child_samples", 5);

    /**
     * The {@code fraction} of columns with the largest total split gain in a quick LightGBM model (50 trees of
     * 15 leaves, as scikit-learn's {@code SelectFromModel} uses a forest's importances), in their original
     * order; ties keep the earlier column. Missing values need no imputation: LightGBM handles them.
     */
    static int[] topByModelGain(double[][] x, double[] y, Task task, int classCount, double fraction, long seed) {
        int n = x.length;
        int p = n == 0 ? 0 : x[0].length;
        int keep = Math.max(1, (int) Math.ceil(fraction * p));
        if (keep >= p) {
            return range(p);
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; task.isClassification() && c < classCount; c++) {
            classes.add("c" + c);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + j);
        }
        org.automl4j.learners.Model m = org.automl4j.learners.Learners.byName("lightgbm")
                .fit(new org.automl4j.data.Dataset(x, y, null, task, classes, names), SELECTION_MODEL, seed);
        double[] gain = ((org.automl4j.learners.FeatureImportances) m).featureImportances();
        return topByScore(gain, keep);
    }

    /** The {@code keep} columns with the highest scores, in column order; ties keep the earlier column. */
    static int[] topByScore(double[] score, int keep) {
        Integer[] order = new Integer[score.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
        int[] kept = new int[keep];
        for (int j = 0; j < keep; j++) {
            kept[j] = order[j];
        }
        Arrays.sort(kept);
        return kept;
    }

    /**
     * The {@code fraction} of columns with the highest mutual information with the target (features and,
     * for regression, the target put into 10 quantile bins; missing values are a bin of their own),
     * in their original order; ties keep the earlier column.
     */
    static int[] topByMutualInformation(double[][] x, double[] y, Task task, double fraction) {
        int n = x.length;
        int p = n == 0 ? 0 : x[0].length;
        int keep = Math.max(1, (int) Math.ceil(fraction * p));
        if (keep >= p) {
            return range(p);
        }
        int[] target = task.isClassification() ? Arrays.stream(y).mapToInt(v -> (int) v).toArray() : bins(y, 10);
        double[] mi = new double[p];
        double[] col = new double[n];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                col[i] = x[i][j];
            }
            mi[j] = mutualInformation(bins(col, 10), target);
        }
        return topByScore(mi, keep);
    }

    /** Quantile bin of each value (0..bins-1), equal values in one bin; NaN gets bin {@code bins}. */
    static int[] bins(double[] v, int bins) {
        double[] present = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
        double[] edges = new double[bins - 1];
        for (int b = 1; b < bins; b++) {
            edges[b - 1] = present.length == 0 ? 0 : quantile(present, b / (double) bins);
        }
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                out[i] = bins;
            } else {
                int b = 0;
                while (b < edges.length && v[i] > edges[b]) {
                    b++;
                }
                out[i] = b;
            }
        }
        return out;
    }

    /** Mutual information (nats) between two discrete variables. */
    static double mutualInformation(int[] a, int[] b) {
        int n = a.length;
        java.util.Map<Long, Integer> joint = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> ca = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> cb = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            joint.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1, Integer::sum);
            ca.merge(a[i], 1, Integer::sum);
            cb.merge(b[i], 1, Integer::sum);
        }
        double mi = 0;
        for (java.util.Map.Entry<Long, Integer> e : joint.entrySet()) {
            int ai = (int) (e.getKey() >> 32);
            int bi = (int) (long) e.getKey();
            double pxy = e.getValue() / (double) n;
            mi += pxy * Math.log(pxy / ((ca.get(ai) / (double) n) * (cb.get(bi) / (double) n)));
        }
        return mi;
    }
}
