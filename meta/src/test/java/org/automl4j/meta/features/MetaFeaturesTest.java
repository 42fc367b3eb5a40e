package org.automl4j.meta.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.examples.Examples;
import org.automl4j.data.io.CsvReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MetaFeaturesTest {

    /** x = 1..4, c = a, a, b, (missing), target = yes, yes, no, no. */
    private static LabeledTable tiny() {
        Table t = new Table(List.of(new NumericColumn("x", new double[] {1, 2, 3, 4}),
                CategoricalColumn.of("c", Arrays.asList("a", "a", "b", null)),
                CategoricalColumn.of("target", List.of("yes", "yes", "no", "no"))));
        return LabeledTable.of(t, "target");
    }

    @Test
    void simpleStatisticalAndInformationFeaturesMatchHandComputedValues() {
        MetaFeatureVector m = MetaFeatures.compute(tiny(), 0);
        assertEquals(4, m.get("rows"));
        assertEquals(2, m.get("features"));
        assertEquals(0.125, m.get("missing_cell_ratio"), 1e-12, "1 of 8 cells");
        assertEquals(0.25, m.get("missing_row_ratio"), 1e-12);
        assertEquals(0.5, m.get("categorical_share"), 1e-12);
        assertEquals(2, m.get("classes"));
        assertEquals(1.0, m.get("class_imbalance"), 1e-12);
        // x: symmetric -> skewness 0; m2 = 1.25, m4 = 2.5625 -> excess kurtosis 2.5625 / 1.5625 - 3 = -1.36
        assertEquals(0.0, m.get("skewness_mean"), 1e-12);
        assertEquals(-1.36, m.get("kurtosis_mean"), 1e-12);
        assertTrue(Double.isNaN(m.get("mean_abs_correlation")), "one numeric column has no pairs");
        // H(target) = 1 bit; c codes {0,0,1,2}: H = 1.5, MI = 1; x in distinct bins: H = 2, MI = 1
        assertEquals(1.0, m.get("target_entropy"), 1e-12);
        assertEquals(1.0, m.get("mean_mutual_information"), 1e-12);
        assertEquals(1.75, m.get("mean_feature_entropy"), 1e-12);
        assertEquals(0.75, m.get("noise_signal_ratio"), 1e-12);
        assertEquals(1.0, m.get("equivalent_features"), 1e-12);
    }

    @Test
    void landmarkersOnIrisRankTheLearnersAsExpectedAndRepeatForASeed() {
        LabeledTable iris = LabeledTable.of(Examples.iris(), "target");
        MetaFeatureVector a = MetaFeatures.compute(iris, 5);
        assertTrue(a.get("landmark_1nn") > 0.85, a.values().toString());
        assertTrue(a.get("landmark_linear") > 0.8, a.values().toString());
        // a stump separates one species of three: balanced accuracy near 2/3
        assertTrue(a.get("landmark_stump") > 0.55 && a.get("landmark_stump") < 0.8, a.values().toString());
        assertEquals(a, MetaFeatures.compute(iris, 5));
        assertEquals(4, a.get("features"));
    }

    @Test
    void adultTakesUnderFiveSecondsWhenTheSharedDatasetsArePresent() {
        Path adult = Path.of("../../shared/datasets/adult.csv");
        Assumptions.assumeTrue(Files.isRegularFile(adult), "the shared datasets are not beside the project");
        LabeledTable data = LabeledTable.of(new CsvReader().read(adult), "target");
        long t0 = System.nanoTime();
        MetaFeatureVector m = MetaFeatures.compute(data, 0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("adult meta-features in %.2f s: %s%n", seconds, m.values());
        assertEquals(48842, m.get("rows"));
    }
}
