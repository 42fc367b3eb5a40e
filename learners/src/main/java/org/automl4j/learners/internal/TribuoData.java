package org.automl4j.learners.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Converts automl4j {@link Dataset}s to Tribuo datasets and examples. Tribuo features are named;
 * column {@code j} becomes feature {@code f<j>} zero-padded, so that Tribuo's lexicographic feature
 * order equals column order (no per-row sorting work, no clash between duplicate user names). All
 * values are kept, zeros included. Internal; not API.
 */
public final class TribuoData {

    private static final LabelFactory LABELS = new LabelFactory();
    private static final RegressionFactory REGRESSORS = new RegressionFactory();
    /** The single output dimension name of regression targets. */
    public static final String TARGET = "y";

    private TribuoData() {
    }

    /** Tribuo feature names for {@code d} columns. */
    public static String[] featureNames(int d) {
        int width = Math.max(4, Integer.toString(Math.max(0, d - 1)).length());
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            String s = Integer.toString(j);
            names[j] = "f" + "0".repeat(width - s.length()) + s;
        }
        return names;
    }

    /**
     * @throws IllegalArgumentException naming the first cell that is NaN, since Tribuo learners do
     *     not handle missing values
     */
    public static void requireNoMissing(Dataset data, String learner) {
        requireNoMissing(data.x(), data.featureNames(), learner);
    }

    /**
     * As {@link #requireNoMissing(Dataset, String)} for rows to predict: Tribuo's models fail on a NaN in unclear
     * ways (a NullPointerException from LIBLINEAR and LIBSVM classifiers, "Thread pool went bang" from kNN, which
     * then leaves a thread pool running) or return NaN.
     *
     * @param featureNames the names of the columns, for the message
     * @throws IllegalArgumentException naming the first cell that is NaN
     */
    public static void requireNoMissing(double[][] x, List<String> featureNames, String learner) {
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            for (int j = 0; j < row.length; j++) {
                if (Double.isNaN(row[j])) {
                    throw new IllegalArgumentException(learner + " does not handle missing values, but x[" + i + "]["
                            + j + "] (feature '" + (j < featureNames.size() ? featureNames.get(j) : "?")
                            + "') is NaN; impute first or use lightgbm");
                }
            }
        }
    }

    /**
     * The rows {@code learner} is given: for XGBoost, whose native library computes in float and refuses
     * the infinities that values beyond float's range become, those values clamped to
     * {@code +-Float.MAX_VALUE} (a copy; the order of the others is kept); for other learners {@code x}
     * itself.
     */
    public static double[][] inputsFor(String learner, double[][] x) {
        if (!"xgboost".equals(learner)) {
            return x;
        }
        double[][] clamped = x;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double v = x[i][j];
                if (Math.abs(v) > Float.MAX_VALUE && !Double.isNaN(v)) {
                    if (clamped == x) {
                        clamped = new double[x.length][];
                        for (int r = 0; r < x.length; r++) {
                            clamped[r] = x[r].clone();
                        }
                    }
                    clamped[i][j] = Math.copySign(Float.MAX_VALUE, v);
                }
            }
        }
        return clamped;
    }

    /** A Tribuo classification dataset with labels named by {@code data.classes()}. */
    public static MutableDataset<Label> classification(Dataset data, String learner) {
        if (!data.task().isClassification()) {
            throw new IllegalArgumentException(learner + ": expected a classification dataset but got " + data.task());
        }
        requireNoMissing(data, learner);
        Label[] labels = new Label[data.classCount()];
        for (int c = 0; c < labels.length; c++) {
            labels[c] = new Label(data.classes().get(c));
        }
        String[] names = featureNames(data.features());
        double[][] x = inputsFor(learner, data.x());
        List<Example<Label>> examples = new ArrayList<>(data.rows());
        for (int i = 0; i < data.rows(); i++) {
            examples.add(example(labels[data.label(i)], names, x[i], weight(data, i)));
        }
        return dataset(examples, LABELS);
    }

    /**
     * Class weights for trainers that take one weight per class but ignore Tribuo's example weights (LIBLINEAR and
     * LIBSVM, whose weight multiplies {@code C} for the class's rows): each class's mean row weight, so row weights
     * that are the same within each class (balanced class weights) act exactly as row weights; the variation of
     * weights within a class is not used.
     *
     * @return the weights by label, or an empty map when {@code data} has no row weights
     */
    public static Map<Label, Float> labelWeights(Dataset data) {
        if (data.weights() == null) {
            return Map.of();
        }
        double[] sum = new double[data.classCount()];
        int[] count = new int[data.classCount()];
        for (int i = 0; i < data.rows(); i++) {
            sum[data.label(i)] += data.weights()[i];
            count[data.label(i)]++;
        }
        Map<Label, Float> weights = new HashMap<>();
        for (int c = 0; c < sum.length; c++) {
            if (count[c] > 0) {
                weights.put(new Label(data.classes().get(c)), (float) (sum[c] / count[c]));
            }
        }
        return weights;
    }

    /** A Tribuo regression dataset with one output dimension {@link #TARGET}. */
    public static MutableDataset<Regressor> regression(Dataset data, String learner) {
        if (data.task() != Task.REGRESSION) {
            throw new IllegalArgumentException(learner + ": expected a regression dataset but got " + data.task());
        }
        requireNoMissing(data, learner);
        String[] names = featureNames(data.features());
        double[][] x = inputsFor(learner, data.x());
        List<Example<Regressor>> examples = new ArrayList<>(data.rows());
        for (int i = 0; i < data.rows(); i++) {
            examples.add(example(new Regressor(TARGET, data.y()[i]), names, x[i], weight(data, i)));
        }
        return dataset(examples, REGRESSORS);
    }

    /** Unlabelled examples for prediction. */
    public static List<Example<Label>> unlabelledClassification(double[][] x, int features) {
        return unlabelled(x, features, LabelFactory.UNKNOWN_LABEL);
    }

    /** Unlabelled examples for prediction. */
    public static List<Example<Regressor>> unlabelledRegression(double[][] x, int features) {
        return unlabelled(x, features, RegressionFactory.UNKNOWN_REGRESSOR);
    }

    private static <T extends org.tribuo.Output<T>> List<Example<T>> unlabelled(double[][] x, int features, T unknown) {
        String[] names = featureNames(features);
        List<Example<T>> examples = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != features) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features but the model was"
                        + " fitted on " + features);
            }
            examples.add(example(unknown, names, x[i], 1f));
        }
        return examples;
    }

    private static float weight(Dataset data, int i) {
        return data.weights() == null ? 1f : (float) data.weights()[i];
    }

    private static <T extends org.tribuo.Output<T>> Example<T> example(T output, String[] names, double[] row,
            float weight) {
        // names are sorted, so ArrayExample's sort is a linear pass; Tribuo copies both arrays
        ArrayExample<T> example = new ArrayExample<>(output, names, withoutNegativeZero(row));
        example.setWeight(weight);
        return example;
    }

    /**
     * {@code row} with -0.0 made 0.0 (a copy when there is one): Tribuo's extra trees count a feature of
     * zeros and negative zeros as two values and fail drawing a threshold in their empty range ("bound must
     * be positive").
     */
    static double[] withoutNegativeZero(double[] row) {
        double[] out = row;
        for (int j = 0; j < row.length; j++) {
            if (row[j] == 0 && Double.doubleToRawLongBits(row[j]) != 0) {
                out = out == row ? row.clone() : out;
                out[j] = 0.0;
            }
        }
        return out;
    }

    private static <T extends org.tribuo.Output<T>> MutableDataset<T> dataset(List<Example<T>> examples,
            OutputFactory<T> factory) {
        SimpleDataSourceProvenance provenance = new SimpleDataSourceProvenance("automl4j dataset", factory);
        return new MutableDataset<>(new ListDataSource<>(examples, factory, provenance));
    }
}
