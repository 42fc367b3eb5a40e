package org.automl4j.metagrad.fewshot;

/**
 * How query performance evolves over adaptation steps, averaged over tasks: index {@code k} is after
 * {@code k} SGD steps (index 0: the initialisation itself).
 *
 * @param loss          mean query loss per step (MSE for regression, cross-entropy for classification)
 * @param accuracy      mean query accuracy per step (classification; NaN for regression)
 * @param finalLosses   each task's query loss after the last step
 * @param finalAccuracy each task's query accuracy after the last step (NaN for regression)
 */
public record Curve(double[] loss, double[] accuracy, double[] finalLosses, double[] finalAccuracy) {

    /** Adaptation steps covered (array length minus one). */
    public int steps() {
        return loss.length - 1;
    }

    /** Mean query loss after the last step. */
    public double finalLoss() {
        return loss[loss.length - 1];
    }

    /** Mean query accuracy after the last step (NaN for regression). */
    public double finalAccuracyMean() {
        return accuracy[accuracy.length - 1];
    }

    /** Half-width of a normal 95 % confidence interval of the final mean loss over tasks. */
    public double finalLossCi95() {
        return ci95(finalLosses);
    }

    /** Half-width of a normal 95 % confidence interval of the final mean accuracy over tasks. */
    public double finalAccuracyCi95() {
        return ci95(finalAccuracy);
    }

    private static double ci95(double[] v) {
        int n = v.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return 1.96 * Math.sqrt(ss / (n - 1) / n);
    }
}
