package org.automl4j.learners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.internal.TribuoModel;
import org.automl4j.space.Distribution;
import org.automl4j.space.SearchSpace;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every learner meets, on every task it supports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearnerContractTest {

    private static final long SEED = 7;
    private final Map<Task, Dataset[]> data = new HashMap<>();
    private final Map<String, Model> fitted = new HashMap<>();

    static Stream<Arguments> learnersAndTasks() {
        List<Arguments> out = new ArrayList<>();
        for (Learner l : Learners.all()) {
            for (Task t : Task.values()) {
                if (l.supports(t)) {
                    out.add(Arguments.of(l.name(), t));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> learnersAndUnsupportedTasks() {
        List<Arguments> out = new ArrayList<>();
        for (Learner l : Learners.all()) {
            for (Task t : Task.values()) {
                if (!l.supports(t)) {
                    out.add(Arguments.of(l.name(), t));
                }
            }
        }
        return out.stream();
    }

    private Dataset[] data(Task task) {
        return data.computeIfAbsent(task, t -> TestData.split(t, 300, 200, 11));
    }

    private Model model(String learner, Task task) {
        return fitted.computeIfAbsent(learner + "/" + task,
                k -> Learners.byName(learner).fit(data(task)[0], Map.of(), SEED));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void beatsTrivialBaselineClearly(String learner, Task task) {
        Dataset train = data(task)[0];
        Dataset test = data(task)[1];
        double[] predicted = model(learner, task).predict(test.x());
        if (task.isClassification()) {
            double accuracy = TestData.accuracy(predicted, test.y());
            double baseline = TestData.majorityAccuracy(train, test);
            assertTrue(accuracy >= baseline + 0.3, learner + " accuracy " + accuracy + " vs majority " + baseline);
        } else {
            double r2 = TestData.r2(predicted, test.y());
            assertTrue(r2 >= 0.6, learner + " R^2 " + r2 + " (predicting the mean scores 0)");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void probabilitiesHaveOneColumnPerClassAndRowsSumToOne(String learner, Task task) {
        Model m = model(learner, task);
        Dataset test = data(task)[1];
        if (!task.isClassification()) {
            assertThrows(UnsupportedOperationException.class, () -> m.predictProba(test.x()));
            return;
        }
        double[][] p = m.predictProba(test.x());
        double[] predicted = m.predict(test.x());
        assertEquals(test.rows(), p.length);
        for (int i = 0; i < p.length; i++) {
            assertEquals(test.classCount(), p[i].length);
            double sum = 0;
            for (double v : p[i]) {
                assertTrue(v >= 0 && v <= 1, "probability " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(TribuoModel.argmax(p[i]), (int) predicted[i], "predict must be the argmax of row " + i);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void probabilityColumnsFollowTheDatasetClassOrder(String learner, Task task) {
        if (!task.isClassification()) {
            return;
        }
        Dataset test = data(task)[1];
        double[][] p = model(learner, task).predictProba(test.x());
        double agree = 0;
        for (int i = 0; i < p.length; i++) {
            if (TribuoModel.argmax(p[i]) == test.label(i)) {
                agree++;
            }
        }
        assertTrue(agree / p.length > 0.8, learner + ": the most probable column matches the true class index in "
                + agree / p.length + " of the rows");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void sameSeedGivesIdenticalPredictions(String learner, Task task) {
        Dataset test = data(task)[1];
        Model again = Learners.byName(learner).fit(data(task)[0], Map.of(), SEED);
        assertArrayEquals(model(learner, task).predict(test.x()), again.predict(test.x()));
        if (task.isClassification()) {
            assertArrayEquals(model(learner, task).predictProba(test.x()), again.predictProba(test.x()));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void bytesRoundTripGivesIdenticalPredictions(String learner, Task task) {
        Model m = model(learner, task);
        Dataset test = data(task)[1];
        Model loaded = Learners.load(learner, m.toBytes());
        assertEquals(learner, loaded.learner());
        assertEquals(task, loaded.task());
        assertEquals(m.params(), loaded.params());
        assertArrayEquals(m.predict(test.x()), loaded.predict(test.x()));
        if (task.isClassification()) {
            assertArrayEquals(m.predictProba(test.x()), loaded.predictProba(test.x()));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void modelRecordsLearnerTaskAndFullParameters(String learner, Task task) {
        Model m = model(learner, task);
        Learner l = Learners.byName(learner);
        assertEquals(learner, m.learner());
        assertEquals(task, m.task());
        assertEquals(l.defaults(task).keySet(), m.params().keySet());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void defaultsLieInsideTheSearchSpaceAndCoverIt(String learner, Task task) {
        Learner l = Learners.byName(learner);
        SearchSpace space = l.searchSpace(task);
        Map<String, Object> defaults = l.defaults(task);
        assertFalse(space.parameters().isEmpty());
        for (Map.Entry<String, Distribution> e : space.parameters().entrySet()) {
            if (space.isActive(e.getKey(), defaults)) {
                assertTrue(defaults.containsKey(e.getKey()), learner + " has no default for " + e.getKey());
            }
        }
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
            Distribution d = space.parameters().get(e.getKey());
            assertTrue(d != null && d.contains(e.getValue()), learner + " default " + e + " is outside " + d);
        }
        l.budgetParameter().ifPresent(b -> assertTrue(space.parameters().containsKey(b), b + " is not in the space"));
        assertEquals(l.capabilities().iterative(), l.budgetParameter().isPresent());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void rejectsUnknownParameterAndValueOutsideTheSpace(String learner, Task task) {
        Learner l = Learners.byName(learner);
        Dataset train = data(task)[0];
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> l.fit(train, Map.of("no_such_parameter", 1), SEED));
        assertTrue(unknown.getMessage().contains("no_such_parameter"), unknown.getMessage());
        Map.Entry<String, Distribution> first = l.searchSpace(task).parameters().entrySet().iterator().next();
        assertThrows(IllegalArgumentException.class, () -> l.fit(train, Map.of(first.getKey(), "not a value"), SEED));
    }

    /** The regression learners. */
    static Stream<String> regressionLearners() {
        return Learners.all().stream().filter(l -> l.supports(Task.REGRESSION)).map(Learner::name);
    }

    /**
     * A cross-validation fold of a nearly constant target (all rows but one alike, the odd one in the
     * validation part) trains on a constant target; before, the SVM failed on it ("Variance must be positive"),
     * LightGBM's forests grew no tree and predicted 0, and the elastic net predicted the constant plus 1.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("regressionLearners")
    void aConstantRegressionTargetFitsAndIsPredicted(String learner) {
        Dataset train = data(Task.REGRESSION)[0];
        double[] y = new double[train.rows()];
        java.util.Arrays.fill(y, 2.5);
        Dataset flat = new Dataset(train.x(), y, null, Task.REGRESSION, List.of(), train.featureNames());
        double[] p = Learners.byName(learner).fit(flat, Map.of(), SEED).predict(data(Task.REGRESSION)[1].x());
        for (double v : p) {
            assertEquals(2.5, v, 0.25, learner);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void missingValuesAreHandledOrClearlyRefused(String learner, Task task) {
        Learner l = Learners.byName(learner);
        Dataset train = data(task)[0];
        double[][] x = new double[train.rows()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = train.x()[i].clone();
            if (i % 7 == 0) {
                x[i][2] = Double.NaN;
            }
        }
        Dataset withNaN = new Dataset(x, train.y(), null, task, train.classes(), train.featureNames());
        if (l.capabilities().handlesMissing()) {
            Model m = l.fit(withNaN, Map.of(), SEED);
            assertEquals(x.length, m.predict(x).length);
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> l.fit(withNaN, Map.of(), SEED));
            assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("x2"), e.getMessage());
        }
    }

    /**
     * Before, a NaN in a row to predict gave a NullPointerException (logistic, svm classifiers), "Thread pool went
     * bang" (knn classifier), NaN (svm regression) or a prediction (knn regression) from learners that refuse NaN
     * when fitting. XGBoost, which refuses NaN in fitting through Tribuo, predicts it natively (default branches).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void missingValuesInRowsToPredictAreHandledOrClearlyRefused(String learner, Task task) {
        Model m = model(learner, task);
        double[][] x = new double[3][];
        for (int i = 0; i < x.length; i++) {
            x[i] = data(task)[1].x()[i].clone();
        }
        x[1][2] = Double.NaN;
        if (Learners.byName(learner).capabilities().handlesMissing() || learner.equals("xgboost")) {
            assertTrue(java.util.Arrays.stream(m.predict(x)).allMatch(Double::isFinite), learner);
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(x));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("x2"), e.getMessage());
        if (task.isClassification()) {
            assertThrows(IllegalArgumentException.class, () -> m.predictProba(x));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndUnsupportedTasks")
    void unsupportedTaskIsRefused(String learner, Task task) {
        Learner l = Learners.byName(learner);
        assertThrows(IllegalArgumentException.class, () -> l.searchSpace(task));
        assertThrows(IllegalArgumentException.class, () -> l.fit(data(task)[0], Map.of(), SEED));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("learnersAndTasks")
    void rowsWithTheWrongNumberOfFeaturesAreRefused(String learner, Task task) {
        Model m = model(learner, task);
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[][] {{1, 2}}));
    }
}
