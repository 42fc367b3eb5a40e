package org.automl4j.learners;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;

/** Small synthetic datasets for learner tests. */
final class TestData {

    static final int FEATURES = 4;

    private TestData() {
    }

    /** Train and test sets for {@code task}. */
    static Dataset[] split(Task task, int train, int test, long seed) {
        Dataset all = make(task, train + test, seed);
        int[] a = new int[train];
        int[] b = new int[test];
        for (int i = 0; i < train; i++) {
            a[i] = i;
        }
        for (int i = 0; i < test; i++) {
            b[i] = train + i;
        }
        return new Dataset[] {all.select(a), all.select(b)};
    }

    /**
     * Binary: two Gaussian blobs; multiclass: three blobs on a triangle; regression: a noisy linear
     * function. Two informative and two noise features.
     */
    static Dataset make(Task task, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][FEATURES];
        double[] y = new double[n];
        double[][] centers = task == Task.BINARY ? new double[][] {{-1.5, -1.5}, {1.5, 1.5}}
                : new double[][] {{-2, 0}, {2, 0}, {0, 3}};
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = gaussian(rng);
            }
            if (task == Task.REGRESSION) {
                y[i] = 3 * x[i][0] - 2 * x[i][1] + x[i][2] + 0.5 * gaussian(rng);
            } else {
                int c = rng.nextInt(centers.length);
                y[i] = c;
                x[i][0] += centers[c][0];
                x[i][1] += centers[c][1];
            }
        }
        List<String> classes = switch (task) {
            case BINARY -> List.of("no", "yes");
            case MULTICLASS -> List.of("red", "green", "blue");
            case REGRESSION -> List.of();
        };
        List<String> names = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            names.add("x" + j);
        }
        return new Dataset(x, y, null, task, classes, names);
    }

    /** A dataset of the given shape with random features and a learnable target. */
    static Dataset wide(Task task, int rows, int features, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[rows][features];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < features; j++) {
                x[i][j] = gaussian(rng);
                s += (j % 3 == 0 ? 1 : -0.5) * x[i][j] / Math.sqrt(features);
            }
            s += 0.3 * gaussian(rng);
            y[i] = switch (task) {
                case BINARY -> s > 0 ? 1 : 0;
                case MULTICLASS -> s < -0.4 ? 0 : s < 0.4 ? 1 : 2;
                case REGRESSION -> s;
            };
        }
        List<String> classes = switch (task) {
            case BINARY -> List.of("0", "1");
            case MULTICLASS -> List.of("a", "b", "c");
            case REGRESSION -> List.of();
        };
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("f" + j);
        }
        return new Dataset(x, y, null, task, classes, names);
    }

    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    static double accuracy(double[] predicted, double[] y) {
        int ok = 0;
        for (int i = 0; i < y.length; i++) {
            if (predicted[i] == y[i]) {
                ok++;
            }
        }
        return ok / (double) y.length;
    }

    static double majorityAccuracy(Dataset train, Dataset test) {
        int[] counts = new int[train.classCount()];
        for (int i = 0; i < train.rows(); i++) {
            counts[train.label(i)]++;
        }
        int best = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[best]) {
                best = c;
            }
        }
        int ok = 0;
        for (int i = 0; i < test.rows(); i++) {
            if (test.label(i) == best) {
                ok++;
            }
        }
        return ok / (double) test.rows();
    }

    static double r2(double[] predicted, double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < y.length; i++) {
            ssRes += (y[i] - predicted[i]) * (y[i] - predicted[i]);
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        return 1 - ssRes / ssTot;
    }
}
