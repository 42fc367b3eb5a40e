package org.automl4j.learners.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.junit.jupiter.api.Test;

/** Row weights in LIBLINEAR's logistic regression, which takes them as class weights (more in {@code ClassWeightsTest}). */
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
}
