package org.automl4j.learners.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.junit.jupiter.api.Test;

/** Row weights in LIBSVM's classifier, which takes them as class weights (each multiplies C for its class). */
class SvmClassWeightsTest {

    private static final List<String> NAMES = List.of("u", "v");

    private static Model fit(double[][] x, double[] y, double[] w) {
        return Learners.byName("svm").fit(new Dataset(x, y, w, Task.BINARY, List.of("a", "b"), NAMES), Map.of(), 1);
    }

    /** A rare class (10 %) shifted by one standard deviation: the unweighted SVM hardly ever predicts it. */
    private static double recallOfRareClass(boolean balanced) {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 600;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10 == 0 ? 1 : 0;
            x[i][0] = rnd.nextGaussian() + y[i];
            x[i][1] = rnd.nextGaussian();
            w[i] = y[i] == 1 ? 5 : 5.0 / 9; // n / (2 * rows of the class)
        }
        double[] p = fit(x, y, balanced ? w : null).predict(x);
        double found = 0;
        for (int i = 0; i < n; i += 10) {
            found += p[i];
        }
        return found / 60;
    }

    @Test
    void balancedWeightsRaiseTheRecallOfARareClass() {
        double unweighted = recallOfRareClass(false);
        double balanced = recallOfRareClass(true);
        assertTrue(unweighted < 0.2, "unweighted recall " + unweighted);
        assertTrue(balanced > 0.5, "balanced recall " + balanced + " (unweighted " + unweighted + ")");
    }

    @Test
    void aSavedWeightedModelPredictsAsBefore() {
        SplittableRandom rnd = new SplittableRandom(6);
        double[][] x = new double[200][2];
        double[] y = new double[200];
        double[] w = new double[200];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 5 == 0 ? 1 : 0;
            x[i][0] = rnd.nextGaussian() + y[i];
            x[i][1] = rnd.nextGaussian();
            w[i] = y[i] == 1 ? 2.5 : 0.625;
        }
        Model m = fit(x, y, w);
        Model loaded = Learners.byName("svm").load(m.toBytes());
        assertArrayEquals(m.predictProba(x), loaded.predictProba(x));
    }

    @Test
    void weightsOfOneChangeNothing() {
        double[][] x = new double[50][];
        double[] y = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i % 7, i % 5};
            y[i] = (i % 7 + i % 3) > 4 ? 1 : 0;
        }
        double[] ones = new double[50];
        Arrays.fill(ones, 1);
        assertArrayEquals(fit(x, y, null).predictProba(x), fit(x, y, ones).predictProba(x));
    }
}
