package org.automl4j.learners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Row weights in the learners whose libraries take class weights instead (LIBLINEAR's logistic regression, LIBSVM)
 * or ignore them (Tribuo's k-NN vote, whose class votes are scaled instead):
 * each class gets its rows' mean weight, so balanced class weights (the default pipelines' for balanced accuracy)
 * change what is predicted.
 */
class ClassWeightsTest {

    private static final List<String> NAMES = List.of("u", "v");

    private static Model fit(String learner, double[][] x, double[] y, double[] w) {
        return Learners.byName(learner).fit(new Dataset(x, y, w, Task.BINARY, List.of("a", "b"), NAMES), Map.of(), 1);
    }

    /** A rare class (10 %) shifted by one standard deviation, which an unweighted model hardly ever predicts. */
    private static double recallOfRareClass(String learner, boolean balanced) {
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
        double[] p = fit(learner, x, y, balanced ? w : null).predict(x);
        double found = 0;
        for (int i = 0; i < n; i += 10) {
            found += p[i];
        }
        return found / 60;
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "svm", "knn"})
    void balancedWeightsRaiseTheRecallOfARareClass(String learner) {
        // before: weights ignored, 0.10 (logistic) and 0.12 (svm) either way; svm given LIBSVM's class weights
        // without shifting its Platt-calibrated probabilities: 0.0
        double unweighted = recallOfRareClass(learner, false);
        double balanced = recallOfRareClass(learner, true);
        assertTrue(unweighted < 0.2, "unweighted recall " + unweighted);
        assertTrue(balanced > 0.5, "balanced recall " + balanced + " (unweighted " + unweighted + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "svm", "knn"})
    void aSavedWeightedModelPredictsAsBefore(String learner) {
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
        Model m = fit(learner, x, y, w);
        Model loaded = Learners.byName(learner).load(m.toBytes());
        assertArrayEquals(m.predictProba(x), loaded.predictProba(x));
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "svm", "knn"})
    void weightsOfOneChangeNothing(String learner) {
        double[][] x = new double[50][];
        double[] y = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i % 7, i % 5};
            y[i] = (i % 7 + i % 3) > 4 ? 1 : 0;
        }
        double[] ones = new double[50];
        Arrays.fill(ones, 1);
        assertArrayEquals(fit(learner, x, y, null).predictProba(x), fit(learner, x, y, ones).predictProba(x));
    }
}
