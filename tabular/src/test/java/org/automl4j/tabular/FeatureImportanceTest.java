package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.examples.Examples;
import org.automl4j.data.metrics.Metric;
import org.junit.jupiter.api.Test;

class FeatureImportanceTest {

    private static AutoMLOptions options(List<String> learners) {
        return AutoMLOptions.of(Duration.ofMinutes(10)).withSeed(1).withMaxPipelines(4).withLearners(learners)
                .withMeta(MetaLearning.off());
    }

    /** y = 3 strong + 1 weak + noise; "noise" has nothing to do with y. */
    private static Table regression(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] strong = new double[n];
        double[] weak = new double[n];
        double[] noise = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            strong[i] = rnd.nextGaussian();
            weak[i] = rnd.nextGaussian();
            noise[i] = rnd.nextGaussian();
            y[i] = 3 * strong[i] + weak[i] + 0.1 * rnd.nextGaussian();
        }
        return new Table(List.of(new NumericColumn("noise", noise), new NumericColumn("weak", weak),
                new NumericColumn("strong", strong), new NumericColumn("y", y)));
    }

    @Test
    void theColumnsThatCarryTheSignalRankFirstAndNoiseIsNearZero() {
        AutoMLModel model = AutoML.fit(regression(300, 1), "y", options(List.of("linear"))).model();
        FeatureImportance.Result r = FeatureImportance.permutation(model, regression(200, 2), 5, 5000, 0);
        assertEquals(Metric.RMSE, r.metric());
        assertEquals(List.of("strong", "weak", "noise"), r.features().stream().map(FeatureImportance.Entry::feature).toList());
        // shuffling a standard-normal input of weight w adds about w * sqrt(2) to the RMSE in quadrature
        FeatureImportance.Entry strong = r.features().get(0);
        FeatureImportance.Entry noise = r.features().get(2);
        assertTrue(strong.importance() > 3, strong.toString());
        assertTrue(r.features().get(1).importance() > 0.3, r.features().get(1).toString());
        assertTrue(Math.abs(noise.importance()) < 0.05, noise.toString());
        assertTrue(strong.stddev() > 0);
        assertEquals(200, r.rows());
        assertEquals(0, r.leftOut());
    }

    @Test
    void theSameSeedGivesTheSameImportancesAndASampleCapsTheRows() {
        AutoMLModel model = AutoML.fit(regression(300, 1), "y", options(List.of("linear"))).model();
        Table data = regression(400, 3);
        FeatureImportance.Result a = FeatureImportance.permutation(model, data, 3, 100, 9);
        FeatureImportance.Result b = FeatureImportance.permutation(model, data, 3, 100, 9);
        assertEquals(a, b);
        assertEquals(100, a.rows());
    }

    @Test
    void classificationRowsOfUnknownClassesAreLeftOutAndCounted() {
        Table iris = Examples.iris();
        AutoMLModel model = AutoML.fit(iris, "target", options(List.of("logistic"))).model();
        List<String> labels = new ArrayList<>();
        CategoricalColumn target = (CategoricalColumn) iris.column("target");
        for (int i = 0; i < iris.rowCount(); i++) {
            labels.add(i < 5 ? "unknown-flower" : target.text(i));
        }
        Table data = iris.with(CategoricalColumn.of("target", labels));
        FeatureImportance.Result r = FeatureImportance.permutation(model, data, 2, 5000, 0);
        assertEquals(Metric.BALANCED_ACCURACY, r.metric());
        assertEquals(5, r.leftOut());
        assertEquals(145, r.rows());
        assertEquals(4, r.features().size());
        // the petal measurements separate the species; shuffling the most important costs accuracy
        assertTrue(r.features().get(0).feature().startsWith("petal"), r.features().toString());
        assertTrue(r.features().get(0).importance() > 0.1, r.features().toString());
    }

    @Test
    void dataWithoutTheTargetOrAColumnIsAClearError() {
        AutoMLModel model = AutoML.fit(regression(100, 1), "y", options(List.of("linear"))).model();
        Table noTarget = regression(50, 2).dropColumns(java.util.Set.of("y"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureImportance.permutation(model, noTarget, 2, 100, 0));
        assertTrue(e.getMessage().contains("no target column 'y'"), e.getMessage());
        Table noWeak = regression(50, 2).dropColumns(java.util.Set.of("weak"));
        e = assertThrows(IllegalArgumentException.class, () -> FeatureImportance.permutation(model, noWeak, 2, 100, 0));
        assertTrue(e.getMessage().contains("[weak]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureImportance.permutation(model, regression(50, 2), 0, 100, 0));
    }
}
