package org.automl4j.tabular.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learner;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;

/**
 * Stacking (Wolpert, 1992) with a simple meta-learner: L2 logistic regression ({@code logistic},
 * {@code C = 1}) for classification, elastic net ({@code linear}, its defaults) for regression,
 * fitted on the base models' out-of-fold predictions. The meta-features are each model's outputs
 * side by side: the class probabilities (for a binary task only the second class's), or the
 * predicted value. Deterministic given the seed.
 */
public final class Stacking {

    /** The meta-learner's parameters for classification. */
    static final Map<String, Object> LOGISTIC = Map.of("C", 1.0, "penalty", "l2");

    private Stacking() {
    }

    /** The meta-learner for {@code task}. */
    public static Learner metaLearner(Task task) {
        return Learners.byName(task.isClassification() ? "logistic" : "linear");
    }

    /**
     * The meta-features: {@code models} (each rows x outputs, the same shape) side by side; for a binary
     * task only the probability of class 1 of each model.
     */
    public static double[][] features(List<double[][]> models, Task task) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("stacking needs at least one model");
        }
        int n = models.get(0).length;
        int k = n == 0 ? 0 : models.get(0)[0].length;
        int per = task == Task.BINARY ? 1 : k;
        int from = task == Task.BINARY ? 1 : 0;
        double[][] x = new double[n][models.size() * per];
        for (int m = 0; m < models.size(); m++) {
            double[][] p = models.get(m);
            if (p.length != n || (n > 0 && p[0].length != k)) {
                throw new IllegalArgumentException("all models' predictions need the same shape " + n + " x " + k);
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(p[i], from, x[i], m * per, per);
            }
        }
        return x;
    }

    /**
     * Fits the meta-learner on the models' out-of-fold predictions.
     *
     * @param y       targets (class indices or values), one per row
     * @param weights row weights (e.g. balanced classes), or null
     * @param classes the class labels (empty for regression)
     */
    public static Model fit(List<double[][]> models, double[] y, double[] weights, Task task, List<String> classes,
            long seed) {
        Objects.requireNonNull(y, "y");
        double[][] x = features(models, task);
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " rows of predictions but " + y.length + " targets");
        }
        Dataset ds = new Dataset(x, y, weights, task, classes, featureNames(x.length == 0 ? 0 : x[0].length));
        Learner meta = metaLearner(task);
        return meta.fit(ds, task.isClassification() ? LOGISTIC : Map.of(), seed);
    }

    /** The stacked outputs: class probabilities (rows x classes), or values as a one-column matrix. */
    public static double[][] predict(Model meta, List<double[][]> models, Task task) {
        double[][] x = features(models, task);
        if (task.isClassification()) {
            return meta.predictProba(x);
        }
        double[] v = meta.predict(x);
        double[][] out = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }

    private static List<String> featureNames(int d) {
        List<String> names = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            names.add("m" + j);
        }
        return names;
    }
}
