package org.automl4j.data.metrics;

import java.util.Locale;
import org.automl4j.data.Task;

/**
 * Scores of predictions. Classification metrics take the true class indices {@code yTrue} (0 ..
 * k-1, as doubles) and class probabilities {@code proba} (n x k, one column per class, also for binary
 * tasks); metrics of hard predictions (accuracy, balanced accuracy, macro F1) take the arg-max class
 * (the first on ties), and also accept predicted class indices through
 * {@link #score(double[], double[])}. Regression metrics take the true values and the predictions.
 * Definitions follow scikit-learn.
 */
public enum Metric {
    /** Share of rows whose predicted class is the true one. */
    ACCURACY(true, true, true) {
        @Override
        double labels(int[] t, int[] p, int k) {
            return ClassificationMetrics.accuracy(t, p);
        }
    },
    /** Mean over the classes present in {@code yTrue} of the recall (the default for classification). */
    BALANCED_ACCURACY(true, true, true) {
        @Override
        double labels(int[] t, int[] p, int k) {
            return ClassificationMetrics.balancedAccuracy(t, p, k);
        }
    },
    /** Mean negative log of the true class's probability, clipped to [1e-15, 1 - 1e-15]; lower is better. */
    LOG_LOSS(true, false, false) {
        @Override
        double proba(int[] t, double[][] proba) {
            return ClassificationMetrics.logLoss(t, proba);
        }
    },
    /**
     * Area under the ROC curve (ties count one half): of the positive class (index 1) for binary
     * tasks, macro one-vs-rest over the classes for multiclass (classes absent from {@code yTrue} are
     * skipped). Undefined, and an error, when {@code yTrue} holds a single class.
     */
    ROC_AUC(true, true, false) {
        @Override
        double proba(int[] t, double[][] proba) {
            return ClassificationMetrics.rocAuc(t, proba);
        }
    },
    /** Unweighted mean of per-class F1 over the classes in {@code yTrue} or the predictions. */
    F1_MACRO(true, true, true) {
        @Override
        double labels(int[] t, int[] p, int k) {
            return ClassificationMetrics.macroF1(t, p, k);
        }
    },
    /** Root mean squared error (the default for regression); lower is better. */
    RMSE(false, false, false) {
        @Override
        double values(double[] t, double[] p) {
            return RegressionMetrics.rmse(t, p);
        }
    },
    /** Mean absolute error; lower is better. */
    MAE(false, false, false) {
        @Override
        double values(double[] t, double[] p) {
            return RegressionMetrics.mae(t, p);
        }
    },
    /** Coefficient of determination: 1 - SS_res / SS_tot (1 for perfect predictions of a constant target, else 0 then). */
    R2(false, true, false) {
        @Override
        double values(double[] t, double[] p) {
            return RegressionMetrics.r2(t, p);
        }
    };

    private final boolean classification;
    private final boolean greaterIsBetter;
    private final boolean fromLabels;

    Metric(boolean classification, boolean greaterIsBetter, boolean fromLabels) {
        this.classification = classification;
        this.greaterIsBetter = greaterIsBetter;
        this.fromLabels = fromLabels;
    }

    /** Whether larger scores are better. */
    public boolean greaterIsBetter() {
        return greaterIsBetter;
    }

    /** Whether this metric scores classification (else regression). */
    public boolean isClassification() {
        return classification;
    }

    /** The lower-case name, as in scikit-learn's scorers ({@code balanced_accuracy}, {@code rmse}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric with this {@link #id()} or constant name (any case). */
    public static Metric of(String name) {
        for (Metric m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no metric named '" + name + "'; the metrics are "
                + java.util.Arrays.stream(values()).map(Metric::id).toList());
    }

    /** The default metric of a task: balanced accuracy for classification, RMSE for regression. */
    public static Metric defaultFor(Task task) {
        return task.isClassification() ? BALANCED_ACCURACY : RMSE;
    }

    /** Whether this metric suits {@code task}. */
    public boolean supports(Task task) {
        return classification == task.isClassification();
    }

    /**
     * The score of class probabilities.
     *
     * @param yTrue the true class index of each row
     * @param proba n x k class probabilities
     * @throws IllegalArgumentException for regression metrics, mismatched lengths or bad class indices
     */
    public double score(double[] yTrue, double[][] proba) {
        if (!classification) {
            throw new IllegalArgumentException(this + " scores regression predictions; call score(yTrue, pred)");
        }
        if (yTrue.length != proba.length) {
            throw new IllegalArgumentException(this + ": yTrue has " + yTrue.length + " rows but proba has "
                    + proba.length);
        }
        if (yTrue.length == 0) {
            throw new IllegalArgumentException(this + ": no rows to score");
        }
        int k = proba[0].length;
        int[] t = ClassificationMetrics.classes(yTrue, k);
        if (fromLabels) {
            return labels(t, ClassificationMetrics.argMax(proba), k);
        }
        return proba(t, proba);
    }

    /**
     * The score of predictions: values for regression metrics, predicted class indices for accuracy,
     * balanced accuracy and macro F1.
     *
     * @throws IllegalArgumentException for log loss and ROC AUC (they need probabilities) and mismatched lengths
     */
    public double score(double[] yTrue, double[] pred) {
        if (yTrue.length != pred.length) {
            throw new IllegalArgumentException(this + ": yTrue has " + yTrue.length + " rows but pred has "
                    + pred.length);
        }
        if (yTrue.length == 0) {
            throw new IllegalArgumentException(this + ": no rows to score");
        }
        if (!classification) {
            return values(yTrue, pred);
        }
        if (!fromLabels) {
            throw new IllegalArgumentException(this + " needs class probabilities; call score(yTrue, proba)");
        }
        int k = 0;
        for (int i = 0; i < yTrue.length; i++) {
            for (double v : new double[] {yTrue[i], pred[i]}) {
                if (v >= 0 && v < Integer.MAX_VALUE) { // NaN and the like: named by classes() below
                    k = Math.max(k, (int) v + 1);
                }
            }
        }
        return labels(ClassificationMetrics.classes(yTrue, k), ClassificationMetrics.classes(pred, k), k);
    }

    double labels(int[] yTrue, int[] pred, int k) {
        throw new AssertionError(this);
    }

    double proba(int[] yTrue, double[][] proba) {
        throw new AssertionError(this);
    }

    double values(double[] yTrue, double[] pred) {
        throw new AssertionError(this);
    }
}
