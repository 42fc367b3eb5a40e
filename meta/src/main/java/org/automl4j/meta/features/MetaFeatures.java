package org.automl4j.meta.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.Column;
import org.automl4j.data.Dataset;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Task;
import org.automl4j.data.metrics.Metric;
import org.automl4j.data.split.Split;
import org.automl4j.data.split.Splits;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;

/**
 * Computes a dataset's meta-features, the description meta-learning compares datasets by:
 * <ul>
 *   <li>simple: rows, features, their logarithms and ratio, classes, missing cells and rows,
 *       categorical share, class imbalance (smallest over largest class) and majority share;</li>
 *   <li>statistical, over numeric columns (missing values skipped): skewness and excess kurtosis
 *       (population moments; mean, min, max over columns), mean absolute Pearson correlation between
 *       numeric columns (pairwise complete rows; at most {@link #MAX_CORRELATION_PAIRS} pairs, drawn with the
 *       seed when there are more);</li>
 *   <li>information-theoretic (bits), with numbers put into 10 quantile bins and missing values a bin
 *       of their own, the target binned the same way for regression: target entropy, mean and max
 *       mutual information of a feature with the target, mean feature entropy, noise-to-signal ratio
 *       {@code (mean feature entropy - mean MI) / mean MI}, equivalent number of features
 *       {@code target entropy / mean MI};</li>
 *   <li>landmarkers: 3-fold cross-validated scores (balanced accuracy, or R2 for regression) on a
 *       sample of at most 2,000 rows and {@link #LANDMARK_COLUMNS} columns of 1-nearest neighbour, a decision
 *       stump and a linear model (NaN with fewer than 3 rows, one per fold).</li>
 * </ul>
 * The statistical and information-theoretic ones use at most {@link #STAT_ROWS} rows (a seeded sample above).
 * Deterministic for a given seed. Naive Bayes, a landmarker of the literature, is left out: the
 * learner libraries used here do not offer a Gaussian naive Bayes.
 */
public final class MetaFeatures {

    static final int BINS = 10;
    static final int LANDMARK_ROWS = 2_000;
    /**
     * Feature columns the landmarkers learn from: a seeded sample of columns above it (wide data; every development
     * dataset has fewer), since a stump's cost grows with rows times columns.
     */
    static final int LANDMARK_COLUMNS = 100;
    /**
     * Rows the statistical and information-theoretic meta-features are computed on: a seeded sample above it
     * (every development dataset is smaller, so their values are exact), so that meta-learning costs seconds on
     * large data too.
     */
    static final int STAT_ROWS = 50_000;
    /**
     * Column pairs the mean absolute correlation averages: a seeded sample of pairs when there are more (wide
     * data; 45 numeric columns make 990 pairs).
     */
    static final int MAX_CORRELATION_PAIRS = 2_000;

    private MetaFeatures() {
    }

    /** The meta-features of {@code data}. */
    public static MetaFeatureVector compute(LabeledTable data, long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        simple(data, out);
        LabeledTable rows = sample(data, STAT_ROWS, seed);
        statistical(rows, seed, out);
        informationTheoretic(rows, out);
        landmarkers(data, seed, out);
        return new MetaFeatureVector(out);
    }

    // ------------------------------------------------------------------------------------------ simple

    static void simple(LabeledTable data, Map<String, Double> out) {
        int n = data.rows();
        int p = data.features().columnCount();
        long missingCells = 0;
        int categorical = 0;
        boolean[] rowMissing = new boolean[n];
        for (Column c : data.features().columns()) {
            if (c instanceof CategoricalColumn) {
                categorical++;
            }
            for (int i = 0; i < n; i++) {
                if (c.isMissing(i)) {
                    missingCells++;
                    rowMissing[i] = true;
                }
            }
        }
        int rowsWithMissing = 0;
        for (boolean b : rowMissing) {
            rowsWithMissing += b ? 1 : 0;
        }
        out.put("rows", (double) n);
        out.put("features", (double) p);
        out.put("log_rows", Math.log(n));
        out.put("log_features", Math.log(Math.max(1, p)));
        out.put("features_per_row", p / (double) n);
        out.put("missing_cell_ratio", p == 0 ? 0 : missingCells / ((double) n * p));
        out.put("missing_row_ratio", rowsWithMissing / (double) n);
        out.put("categorical_share", p == 0 ? 0 : categorical / (double) p);
        if (data.task().isClassification()) {
            int[] counts = data.classCounts();
            int min = Arrays.stream(counts).min().orElse(0);
            int max = Arrays.stream(counts).max().orElse(1);
            out.put("classes", (double) counts.length);
            out.put("class_imbalance", min / (double) max);
            out.put("majority_class_share", max / (double) n);
        } else {
            out.put("classes", 0.0);
            out.put("class_imbalance", Double.NaN);
            out.put("majority_class_share", Double.NaN);
        }
    }

    // ------------------------------------------------------------------------------------- statistical

    static void statistical(LabeledTable data, long seed, Map<String, Double> out) {
        List<double[]> numeric = new ArrayList<>();
        for (Column c : data.features().columns()) {
            if (c instanceof NumericColumn nc) {
                numeric.add(scaled(nc.toArray())); // once per column: the correlations below use each column often
            }
        }
        double[] skew = new double[numeric.size()];
        double[] kurt = new double[numeric.size()];
        for (int j = 0; j < numeric.size(); j++) {
            double[] m = moments(numeric.get(j));
            skew[j] = m[0];
            kurt[j] = m[1];
        }
        summarise("skewness", skew, out);
        summarise("kurtosis", kurt, out);
        double sum = 0;
        int pairs = 0;
        for (int[] ab : correlationPairs(numeric.size(), MAX_CORRELATION_PAIRS, seed)) {
            double r = pearson(numeric.get(ab[0]), numeric.get(ab[1]));
            if (!Double.isNaN(r)) {
                sum += Math.abs(r);
                pairs++;
            }
        }
        out.put("mean_abs_correlation", pairs == 0 ? Double.NaN : sum / pairs);
    }

    /**
     * The column pairs {@code (a, b)}, {@code a < b}, of {@code columns} columns: all of them when there are at most
     * {@code max}, else {@code max} distinct pairs drawn with {@code seed}, in a fixed order.
     */
    static List<int[]> correlationPairs(int columns, int max, long seed) {
        long all = (long) columns * (columns - 1) / 2;
        List<int[]> out = new ArrayList<>();
        if (all <= max) {
            for (int a = 0; a < columns; a++) {
                for (int b = a + 1; b < columns; b++) {
                    out.add(new int[] {a, b});
                }
            }
            return out;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (out.size() < max) {
            int a = rng.nextInt(columns);
            int b = rng.nextInt(columns);
            if (a != b && seen.add((long) Math.min(a, b) * columns + Math.max(a, b))) {
                out.add(new int[] {Math.min(a, b), Math.max(a, b)});
            }
        }
        return out;
    }

    /** {@code data} itself when it has at most {@code max} rows, else {@code max} rows drawn with {@code seed}, in order. */
    static LabeledTable sample(LabeledTable data, int max, long seed) {
        return data.rows() <= max ? data : data.selectRows(subset(data.rows(), max, seed));
    }

    /** Indices {@code 0..n-1} when {@code n <= max}, else {@code max} of them drawn with {@code seed}; ascending. */
    static int[] subset(int n, int max, long seed) {
        if (n <= max) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] out = Arrays.copyOf(permutation(n, new SplittableRandom(seed)), max);
        Arrays.sort(out);
        return out;
    }

    private static void summarise(String name, double[] v, Map<String, Double> out) {
        double[] finite = Arrays.stream(v).filter(Double::isFinite).toArray();
        out.put(name + "_mean", finite.length == 0 ? Double.NaN : Arrays.stream(finite).average().orElseThrow());
        out.put(name + "_min", finite.length == 0 ? Double.NaN : Arrays.stream(finite).min().orElseThrow());
        out.put(name + "_max", finite.length == 0 ? Double.NaN : Arrays.stream(finite).max().orElseThrow());
    }

    /** Population skewness and excess kurtosis of the non-missing values (NaN when constant or empty). */
    static double[] moments(double[] x) {
        int e = exponent(x);
        double mean = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                mean += Math.scalb(v, -e);
                n++;
            }
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                double d = Math.scalb(v, -e) - mean;
                m2 += d * d;
                m3 += d * d * d;
                m4 += d * d * d * d;
            }
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        if (m2 == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {m3 / Math.pow(m2, 1.5), m4 / (m2 * m2) - 3};
    }

    /**
     * The binary exponent of the largest magnitude among the non-missing values of {@code x} (0 when there is
     * none, or all are 0). Multiplying by {@code 2^-exponent} is exact, so it changes no moment, correlation or
     * standardised value of ordinary data, while squares and fourth powers of values near 1e200 no longer
     * overflow, nor those of values near 1e-200 underflow (which made these scale-free statistics NaN).
     */
    static int exponent(double[] x) {
        double max = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max == 0 ? 0 : Math.getExponent(max);
    }

    /** {@code x} times {@code 2^-exponent(x)}: the same values, exactly, with the largest magnitude in [1, 2). */
    static double[] scaled(double[] x) {
        int e = exponent(x);
        if (e == 0) {
            return x;
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.scalb(x[i], -e);
        }
        return out;
    }

    /**
     * Pearson correlation over rows where both are present; NaN if fewer than 2 or one is constant. Give it
     * {@link #scaled} columns: squares of values near 1e200 overflow, those of values near 1e-200 underflow.
     */
    static double pearson(double[] a, double[] b) {
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                sa += a[i];
                sb += b[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double ma = sa / n;
        double mb = sb / n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                cov += (a[i] - ma) * (b[i] - mb);
                va += (a[i] - ma) * (a[i] - ma);
                vb += (b[i] - mb) * (b[i] - mb);
            }
        }
        return va == 0 || vb == 0 ? Double.NaN : cov / Math.sqrt(va * vb);
    }

    // ---------------------------------------------------------------------------- information theory

    static void informationTheoretic(LabeledTable data, Map<String, Double> out) {
        int[] target = data.task().isClassification() ? data.labels() : bins(data.y());
        double hTarget = entropy(target);
        double sumMi = 0;
        double maxMi = 0;
        double sumH = 0;
        int p = 0;
        for (Column c : data.features().columns()) {
            int[] codes = codes(c);
            double mi = mutualInformation(codes, target);
            sumMi += mi;
            maxMi = Math.max(maxMi, mi);
            sumH += entropy(codes);
            p++;
        }
        double meanMi = p == 0 ? 0 : sumMi / p;
        double meanH = p == 0 ? 0 : sumH / p;
        out.put("target_entropy", hTarget);
        out.put("mean_mutual_information", meanMi);
        out.put("max_mutual_information", maxMi);
        out.put("mean_feature_entropy", meanH);
        out.put("noise_signal_ratio", meanMi > 0 ? (meanH - meanMi) / meanMi : Double.NaN);
        out.put("equivalent_features", meanMi > 0 ? hTarget / meanMi : Double.NaN);
    }

    /** Category codes (missing as its own code) or quantile bins of a column. */
    static int[] codes(Column c) {
        if (c instanceof CategoricalColumn cc) {
            int[] out = new int[cc.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = cc.code(i) < 0 ? cc.levels().size() : cc.code(i);
            }
            return out;
        }
        return bins(((NumericColumn) c).toArray());
    }

    /** Quantile bins 0..BINS-1 of the non-missing values (equal values share a bin); NaN gets bin BINS. */
    static int[] bins(double[] v) {
        double[] sorted = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
        double[] edges = new double[BINS - 1];
        for (int b = 1; b < BINS; b++) {
            edges[b - 1] = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) ((long) b * sorted.length / BINS))];
        }
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                out[i] = BINS;
            } else {
                int pos = Arrays.binarySearch(edges, v[i]);
                int b = pos >= 0 ? pos : -pos - 1;
                while (b < edges.length && edges[b] == v[i]) {
                    b++;
                }
                out[i] = Math.min(b, BINS - 1);
            }
        }
        return out;
    }

    /** Largest table of joint counts kept as an array (codes are small: bins, category codes, class indices). */
    private static final int MAX_DENSE_CELLS = 1 << 22;

    /** Shannon entropy in bits of codes (counted in an array when they are small and non-negative). */
    static double entropy(int[] x) {
        int max = 0;
        int min = 0;
        for (int v : x) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (min < 0 || max + 1L > MAX_DENSE_CELLS) {
            Map<Integer, Integer> counts = new HashMap<>();
            for (int v : x) {
                counts.merge(v, 1, Integer::sum);
            }
            return entropyOf(counts.values().stream().mapToInt(Integer::intValue).toArray(), x.length);
        }
        int[] counts = new int[max + 1];
        for (int v : x) {
            counts[v]++;
        }
        return entropyOf(counts, x.length);
    }

    /** Mutual information in bits of two equally long arrays of codes. */
    static double mutualInformation(int[] a, int[] b) {
        int ma = 0;
        int mb = 0;
        int min = 0;
        for (int i = 0; i < a.length; i++) {
            ma = Math.max(ma, a[i]);
            mb = Math.max(mb, b[i]);
            min = Math.min(min, Math.min(a[i], b[i]));
        }
        double hJoint;
        if (min < 0 || (ma + 1L) * (mb + 1L) > MAX_DENSE_CELLS) {
            Map<Long, Integer> joint = new HashMap<>();
            for (int i = 0; i < a.length; i++) {
                joint.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1, Integer::sum);
            }
            hJoint = entropyOf(joint.values().stream().mapToInt(Integer::intValue).toArray(), a.length);
        } else {
            int[] joint = new int[(ma + 1) * (mb + 1)];
            for (int i = 0; i < a.length; i++) {
                joint[a[i] * (mb + 1) + b[i]]++;
            }
            hJoint = entropyOf(joint, a.length);
        }
        return Math.max(0, entropy(a) + entropy(b) - hJoint);
    }

    /** Entropy in bits of counts out of {@code n} (zero counts ignored). */
    private static double entropyOf(int[] counts, int n) {
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double q = c / (double) n;
                h -= q * Math.log(q) / Math.log(2);
            }
        }
        return h;
    }

    // ------------------------------------------------------------------------------------ landmarkers

    static void landmarkers(LabeledTable data, long seed, Map<String, Double> out) {
        LabeledTable sample = sample(data, LANDMARK_ROWS, seed);
        if (sample.rows() < 3) {
            // 3-fold cross-validation needs a row per fold: the landmarkers do not apply (NaN, like a failed fit)
            out.put("landmark_1nn", Double.NaN);
            out.put("landmark_stump", Double.NaN);
            out.put("landmark_linear", Double.NaN);
            return;
        }
        Dataset ds = numeric(sample, subset(sample.features().columnCount(), LANDMARK_COLUMNS, seed));
        boolean cls = data.task().isClassification();
        List<Split> folds;
        try {
            folds = cls ? Splits.stratifiedKFold(sample.labels(), sample.classes(), 3, seed)
                    : Splits.kFold(sample.rows(), 3, seed);
        } catch (IllegalArgumentException e) {
            folds = Splits.kFold(sample.rows(), 3, seed); // a class too small to stratify
        }
        out.put("landmark_1nn", cv(ds, "knn", Map.of("n_neighbors", 1), folds, seed));
        out.put("landmark_stump", cv(ds, "tree", Map.of("max_depth", 1), folds, seed));
        out.put("landmark_linear", cv(ds, cls ? "logistic" : "linear", Map.of(), folds, seed));
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Standardised numbers (median-imputed) and standardised category codes (missing as a code). */
    /** The feature columns {@code columns} of {@code t} as standardized numbers (medians for missing values, codes for categories). */
    static Dataset numeric(LabeledTable t, int[] columns) {
        int n = t.rows();
        int p = columns.length;
        double[][] x = new double[n][p];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            Column c = t.features().column(columns[j]);
            names.add(c.name());
            double[] v = new double[n];
            if (c instanceof NumericColumn nc) {
                double[] present = Arrays.stream(nc.toArray()).filter(d -> !Double.isNaN(d)).sorted().toArray();
                double median = present.length == 0 ? 0 : present[present.length / 2];
                for (int i = 0; i < n; i++) {
                    v[i] = Double.isNaN(nc.get(i)) ? median : nc.get(i);
                }
            } else {
                int[] codes = codes(c);
                for (int i = 0; i < n; i++) {
                    v[i] = codes[i];
                }
            }
            double[] w = scaled(v);
            double mean = Arrays.stream(w).average().orElse(0);
            double sd = Math.sqrt(Arrays.stream(w).map(d -> (d - mean) * (d - mean)).average().orElse(0));
            for (int i = 0; i < n; i++) {
                x[i][j] = sd > 0 ? (w[i] - mean) / sd : 0;
            }
        }
        return new Dataset(x, t.y(), null, t.task(), t.classes(), names);
    }

    private static double cv(Dataset ds, String learner, Map<String, Object> params, List<Split> folds, long seed) {
        boolean cls = ds.task().isClassification();
        double sum = 0;
        for (Split f : folds) {
            Dataset train = ds.select(f.train());
            Dataset test = ds.select(f.test());
            try {
                Model m = Learners.byName(learner).fit(train, params, seed);
                sum += cls ? Metric.BALANCED_ACCURACY.score(test.y(), m.predictProba(test.x()))
                        : Metric.R2.score(test.y(), m.predict(test.x()));
            } catch (IllegalArgumentException e) {
                return Double.NaN; // e.g. a training fold with a single class
            }
        }
        return sum / folds.size();
    }
}
