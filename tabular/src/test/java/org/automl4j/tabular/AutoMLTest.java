package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.examples.Examples;
import org.automl4j.data.split.Split;
import org.automl4j.data.split.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end fits on small data. Each search is limited by a pipeline count (the time limit is far
 * away), so results are exactly reproducible and nothing depends on the machine's speed.
 */
class AutoMLTest {

    private static AutoMLOptions options(int pipelines, List<String> learners) {
        return AutoMLOptions.of(Duration.ofMinutes(10)).withSeed(3).withMaxPipelines(pipelines).withLearners(learners);
    }

    @Test
    void irisFitPredictsHeldOutFlowersAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        Table iris = Examples.iris();
        LabeledTable all = LabeledTable.of(iris, "target");
        Split split = Splits.stratifiedHoldout(all.labels(), all.classes(), 0.25, 0);
        Table train = iris.selectRows(split.train());
        Table test = iris.selectRows(split.test());
        AutoMLResult r = AutoML.fit(train, "target", options(8, List.of("lightgbm", "logistic", "knn", "tree")));
        assertEquals(Task.MULTICLASS, r.model().task());
        assertEquals(8, r.trials());
        assertTrue(r.ensembleScore() >= 0.9, "cross-validated balanced accuracy " + r.ensembleScore());
        assertTrue(r.ensembleScore() >= r.bestSingleScore() - 1e-12, "ensemble selection starts from the best model");
        assertEquals(8, r.leaderboard().size());
        double weights = r.leaderboard().stream().mapToDouble(LeaderboardEntry::weight).sum();
        assertEquals(1.0, weights, 1e-9, "the ensemble members' weights are on the leaderboard");

        List<String> predicted = r.model().predictLabels(test);
        List<String> truth = new ArrayList<>();
        CategoricalColumn target = (CategoricalColumn) test.column("target");
        for (int i = 0; i < test.rowCount(); i++) {
            truth.add(target.level(i));
        }
        long right = 0;
        for (int i = 0; i < truth.size(); i++) {
            right += predicted.get(i).equals(truth.get(i)) ? 1 : 0;
        }
        assertTrue(right >= 0.9 * truth.size(), right + " of " + truth.size() + " held-out flowers right");

        Path file = dir.resolve("iris.automl4j");
        r.model().save(file);
        AutoMLModel back = AutoMLModel.load(file);
        double[][] a = r.model().predictProba(test);
        double[][] b = back.predictProba(test);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "row " + i + " predicts the same after loading");
        }
        assertEquals(r.model().provenance().dataFingerprint(), back.provenance().dataFingerprint());
        assertEquals(64, back.provenance().dataFingerprint().length());
    }

    @Test
    void sameSeedAndPipelineCountGiveTheSameLeaderboard() {
        Table iris = Examples.iris();
        AutoMLResult a = AutoML.fit(iris, "target", options(6, List.of("tree", "logistic")));
        AutoMLResult b = AutoML.fit(iris, "target", options(6, List.of("tree", "logistic")));
        assertEquals(a.leaderboard().stream().map(e -> e.pipeline() + " " + e.score()).toList(),
                b.leaderboard().stream().map(e -> e.pipeline() + " " + e.score()).toList());
    }

    @Test
    void regressionWithMissingValuesAndACategoricalColumnFitsAndRefusesAWrongSchema() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 300;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        List<String> group = new ArrayList<>();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = rng.nextDouble() * 10;
            x2[i] = i % 17 == 0 ? Double.NaN : rng.nextDouble();
            String g = List.of("a", "b", "c").get(i % 3);
            group.add(g);
            y[i] = 3 * x1[i] + (g.equals("b") ? 5 : 0) + rng.nextDouble();
        }
        Table t = new Table(List.of(new NumericColumn("x1", x1), new NumericColumn("x2", x2),
                CategoricalColumn.of("group", group), new NumericColumn("y", y)));
        AutoMLResult r = AutoML.fit(t, "y", options(6, List.of("linear", "lightgbm")));
        assertEquals(Task.REGRESSION, r.model().task());
        assertTrue(r.ensembleScore() < 1.5, "cross-validated RMSE " + r.ensembleScore() + " (sd of y is ~9)");
        double[] pred = r.model().predictValues(t.selectRows(new int[] {0, 1}));
        assertEquals(2, pred.length);
        Table wrong = t.dropColumns(java.util.Set.of("x1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.model().predictValues(wrong));
        assertTrue(e.getMessage().contains("x1"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAModelIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.automl4j");
        Files.writeString(junk, "not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoMLModel.load(junk));
        assertTrue(e.getMessage().contains("not an automl4j model file"), e.getMessage());
    }
}
