package org.automl4j.learners.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Row weights in LIBLINEAR's logistic regression, which takes them as class weights. */
class LogisticLearnerTest {

    private static final List<String> NAMES = List.of("u", "v");

    private static Model fit(double[][] x, double[] y, double[] w) {
        return Learners.byName("logistic").fit(new Dataset(x, y, w, Task.BINARY, List.of("a", "b"), NAMES), Map.of(),
                1);
    }

    @Test
    void rowWeightsConstantWithinEachClassWeighTheClasses() {
        // identical rows, half labelled a with weight 10, half b with weight 1: the weighted share of a is 10/11
        double[][] x = new double[100][];
        double[] y = new double[100];
        double[] w = new double[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {1, 2};
            y[i] = i % 2;
            w[i] = i % 2 == 0 ? 10 : 1;
        }
        double p = fit(x, y, w).predictProba(new double[][] {{1, 2}})[0][0];
        assertEquals(10.0 / 11, p, 0.02); // before: 0.5, the weights were ignored
    }

    @Test
    void balancedWeightsRaiseTheRecallOfARareClass() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 600;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10 == 0 ? 1 : 0;
            x[i][0] = rnd.nextGaussian() + y[i];
            x[i][1] = rnd.nextGaussian();
            w[i] = y[i] == 1 ? 5 : 5.0 / 9; // n / (2 * class rows)
        }
        double[] p = fit(x, y, w).predict(x);
        double found = 0;
        for (int i = 0; i < n; i += 10) {
            found += p[i];
        }
        assertTrue(found / 60 > 0.5, "recall of the rare class " + found / 60); // before: 0.1, as unweighted
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
