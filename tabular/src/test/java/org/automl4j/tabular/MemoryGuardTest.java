package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.Column;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.junit.jupiter.api.Test;

class MemoryGuardTest {

    @Test
    void anOutOfMemoryErrorInsideAFitBecomesAPipelineFailureAndTheHeapIsUsableAfterwards() {
        MemoryGuard guard = new MemoryGuard();
        long tooMany = Runtime.getRuntime().maxMemory() / 8 + 10_000_000L;
        MemoryGuard.PipelineMemoryException e = assertThrows(MemoryGuard.PipelineMemoryException.class,
                () -> guard.run("pipeline 7 (knn)", () -> new long[(int) Math.min(Integer.MAX_VALUE - 16, tooMany)]));
        assertTrue(e.getMessage().startsWith("pipeline 7 (knn) ran out of memory"), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
        assertEquals(1_000_000, new double[1_000_000].length);
    }

    @Test
    void aFitEstimatedAboveTheFreeHeapIsRefusedWithWhatToDo() {
        MemoryGuard guard = new MemoryGuard(10L << 20, () -> 2L << 20);
        guard.check("lightgbm", 10_000, 100); // 8 MB x 1.0 > 8 MB free? no: exactly 8,000,000 bytes
        MemoryGuard.PipelineMemoryException e = assertThrows(MemoryGuard.PipelineMemoryException.class,
                () -> guard.check("random_forest", 10_000, 100));
        assertTrue(e.getMessage().contains("not enough heap for random_forest on 10,000 x 100"), e.getMessage());
        assertTrue(e.getMessage().contains("--learners"), e.getMessage());
    }

    @Test
    void aPipelineThatWouldExhaustTheHeapFailsAloneAndTheFitGoesOn() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 2000;
        int p = 50;
        List<Column> cols = new ArrayList<>();
        double[] y = new double[n];
        double[][] x = new double[p][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[j][i] = rnd.nextGaussian();
            }
            y[i] = x[0][i] + 0.5 * x[1][i] + 0.1 * rnd.nextGaussian();
        }
        for (int j = 0; j < p; j++) {
            cols.add(new NumericColumn("x" + j, x[j]));
        }
        cols.add(new NumericColumn("y", y));
        LabeledTable data = LabeledTable.of(new Table(cols), "y");
        // the training folds' matrix is about 1,600 x 50 doubles = 0.64 MB: LightGBM (x1) fits in 2 MB,
        // a regression tree (x6, about 3.8 MB) does not
        MemoryGuard guard = new MemoryGuard(2L << 20, () -> 0L);
        AutoMLResult r = AutoML.fitGuarded(data, AutoMLOptions.of(Duration.ofMinutes(10)).withSeed(1).withMaxPipelines(4)
                .withLearners(List.of("tree", "lightgbm")), guard);
        List<LeaderboardEntry> tree = r.leaderboard().stream().filter(e -> e.learner().equals("tree")).toList();
        assertTrue(!tree.isEmpty() && tree.stream().allMatch(e -> e.state().equals("FAIL")), r.leaderboardTable(10));
        assertTrue(r.leaderboard().stream().anyMatch(e -> e.learner().equals("lightgbm") && e.state().equals("COMPLETE")),
                r.leaderboardTable(10));
        assertTrue(r.model().members().stream().allMatch(m -> m.config().learner().equals("lightgbm")));
    }
}
