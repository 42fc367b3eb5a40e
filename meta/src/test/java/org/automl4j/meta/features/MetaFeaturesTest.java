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

    @Test
    void wideDataAveragesASeededSampleOfColumnPairsThatEstimatesTheCorrelation() {
        // 80 numeric columns make 3,160 pairs, more than the cap: every column is +-x, so each |r| is 1,
        // and the sample's mean must be exactly 1; with independent noise columns it must be near 0
        int n = 200;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
        }
        List<org.automl4j.data.Column> copies = new java.util.ArrayList<>();
        List<org.automl4j.data.Column> noise = new java.util.ArrayList<>();
        for (int j = 0; j < 80; j++) {
            double sign = j % 2 == 0 ? 1 : -1;
            double[] c = new double[n];
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = sign * x[i] * (j + 1);
                z[i] = rng.nextGaussian();
            }
            copies.add(new NumericColumn("c" + j, c));
            noise.add(new NumericColumn("z" + j, z));
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextDouble();
        }
        copies.add(new NumericColumn("y", y));
        noise.add(new NumericColumn("y", y));
        MetaFeatureVector same = MetaFeatures.compute(LabeledTable.of(new Table(copies), "y",
                org.automl4j.data.Task.REGRESSION), 0);
        assertEquals(1.0, same.get("mean_abs_correlation"), 1e-9);
        MetaFeatureVector indep = MetaFeatures.compute(LabeledTable.of(new Table(noise), "y",
                org.automl4j.data.Task.REGRESSION), 0);
        assertTrue(indep.get("mean_abs_correlation") < 0.1, indep.values().toString());

        List<int[]> pairs = MetaFeatures.correlationPairs(80, MetaFeatures.MAX_CORRELATION_PAIRS, 0);
        assertEquals(MetaFeatures.MAX_CORRELATION_PAIRS, pairs.size());
        assertEquals(pairs.size(), pairs.stream().map(p -> p[0] * 80 + p[1]).distinct().count(), "distinct pairs");
        assertTrue(pairs.stream().allMatch(p -> p[0] < p[1] && p[1] < 80));
        assertEquals(pairs.stream().map(Arrays::toString).toList(), MetaFeatures.correlationPairs(80,
                MetaFeatures.MAX_CORRELATION_PAIRS, 0).stream().map(Arrays::toString).toList(), "same seed, same pairs");
        assertEquals(45 * 44 / 2, MetaFeatures.correlationPairs(45, MetaFeatures.MAX_CORRELATION_PAIRS, 0).size(),
                "at most the cap: every pair");
    }

    @Test
    void rowsAboveTheCapAreASeededSampleAndSmallerTablesAreUsedWhole() {
        LabeledTable iris = LabeledTable.of(Examples.iris(), "target");
        assertTrue(MetaFeatures.sample(iris, 150, 0) == iris, "150 rows under a cap of 150: the table itself");
        LabeledTable s = MetaFeatures.sample(iris, 40, 7);
        assertEquals(40, s.rows());
        assertTrue(Arrays.equals(((NumericColumn) s.features().column(0)).toArray(),
                ((NumericColumn) MetaFeatures.sample(iris, 40, 7).features().column(0)).toArray()), "same seed, same rows");
    }

    @Test
    void theBundledKnowledgeBasesIrisEntryIsReproducedExactly() {
        // the caps must not change the meta-features of the datasets the bundled base was built from
        LabeledTable iris = LabeledTable.of(Examples.iris(), "target");
        org.automl4j.meta.kb.KnowledgeBase kb = org.automl4j.meta.kb.KnowledgeBase.bundled().orElseThrow();
        MetaFeatureVector known = kb.datasets().stream().filter(d -> d.name().equals("iris")).findFirst().orElseThrow()
                .metaFeatures();
        assertTrue(known.sameAs(MetaFeatures.compute(iris, 0)), known.values() + " vs " + MetaFeatures.compute(iris, 0).values());
    }

    @Test
    void skewnessKurtosisCorrelationAndLandmarkersDoNotDependOnTheScaleOfTheNumbers() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        int n = 60;
        double[] x = new double[n];
        double[] z = new double[n];
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            x[i] = Math.exp(rng.nextGaussian());
            z[i] = x[i] + rng.nextGaussian();
            labels.add(x[i] > 1 ? "p" : "q");
        }
        MetaFeatureVector plain = MetaFeatures.compute(scaledTable(x, z, labels, 1), 0);
        assertTrue(Double.isFinite(plain.get("skewness_mean")) && plain.get("landmark_stump") > 0.9, plain.values().toString());
        for (double scale : new double[] {1e200, 1e-200}) {
            MetaFeatureVector m = MetaFeatures.compute(scaledTable(x, z, labels, scale), 0);
            for (String f : List.of("skewness_mean", "kurtosis_mean", "mean_abs_correlation", "landmark_1nn",
                    "landmark_stump", "landmark_linear")) {
                assertEquals(plain.get(f), m.get(f), 1e-9 * Math.max(1, Math.abs(plain.get(f))), f + " at scale " + scale);
            }
        }
    }

    private static LabeledTable scaledTable(double[] x, double[] z, List<String> labels, double scale) {
        return LabeledTable.of(new Table(List.of(new NumericColumn("x", Arrays.stream(x).map(v -> v * scale).toArray()),
                new NumericColumn("z", Arrays.stream(z).map(v -> v * scale).toArray()), CategoricalColumn.of("y", labels))), "y");
    }

    @Test
    void skewnessAndKurtosisMatchThePopulationMomentsOfAHandComputedColumn() {
        // 0, 0, 0, 1: mean 1/4, m2 = 3/16, m3 = 3/32, m4 = 21/256; skewness = m3 / m2^1.5 = 2 / sqrt(3),
        // excess kurtosis = m4 / m2^2 - 3 = 7/3 - 3 = -2/3 (scipy.stats.skew and kurtosis give the same)
        double[] m = MetaFeatures.moments(new double[] {0, 0, Double.NaN, 0, 1});
        assertEquals(2 / Math.sqrt(3), m[0], 1e-12);
        assertEquals(-2.0 / 3, m[1], 1e-12);
    }

    @Test
    void aTwoRowTableHasMetaFeaturesWithLandmarkersNotApplicable() {
        LabeledTable two = LabeledTable.of(new Table(List.of(new NumericColumn("x", new double[] {1, 2}),
                CategoricalColumn.of("y", List.of("a", "b")))), "y");
        MetaFeatureVector m = MetaFeatures.compute(two, 0);
        assertEquals(2, m.get("rows"));
        assertEquals(1.0, m.get("target_entropy"), 1e-12);
        assertTrue(Double.isNaN(m.get("landmark_1nn")) && Double.isNaN(m.get("landmark_stump"))
                && Double.isNaN(m.get("landmark_linear")), m.values().toString());
    }

    /**
     * A regression entry: its {@code landmark_linear} follows the {@code linear} learner, so the base must be
     * updated when that learner changes (it was when the learner began standardising the target), or
     * leave-one-dataset-out ({@code MetaFeatureVector.sameAs}) no longer recognises the dataset. Runs where the
     * development datasets are (/work/shared/datasets).
     */
    @Test
    void theBundledKnowledgeBasesRegressionEntryIsReproduced() {
        java.nio.file.Path csv = java.nio.file.Path.of("/work/shared/datasets/diabetes_progression.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(csv), "no " + csv);
        LabeledTable data = LabeledTable.of(org.automl4j.data.io.CsvReader.readCsv(csv), "target");
        MetaFeatureVector known = org.automl4j.meta.kb.KnowledgeBase.bundled().orElseThrow().datasets().stream()
                .filter(d -> d.name().equals("diabetes_progression")).findFirst().orElseThrow().metaFeatures();
        MetaFeatureVector now = MetaFeatures.compute(data, 0);
        assertTrue(known.sameAs(now), known.get("landmark_linear") + " vs " + now.get("landmark_linear"));
    }
}
