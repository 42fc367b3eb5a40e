package org.automl4j.nas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automl4j.budget.Budget;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.Op;
import org.automl4j.nas.strategy.CellStrategy;
import org.automl4j.nas.strategy.RandomSearch;
import org.automl4j.nas.strategy.RegularizedEvolution;
import org.automl4j.nas.strategy.ReinforceController;
import org.automl4j.nas.strategy.SearchHistory;
import org.automl4j.nas.strategy.StudyCellEvaluator;
import org.automl4j.pruner.Pruners;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

class TabulatedBenchmarkTest {
    static final String CONV = "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|nor_conv_3x3~1|none~2|";
    /** The same function as CONV: nodes 1 and 2 swapped. */
    static final String CONV_SWAPPED = "|none~0|+|nor_conv_3x3~0|none~1|+|none~0|none~1|nor_conv_3x3~2|";
    static final String SKIP = "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|";

    static TabulatedBenchmark tiny() throws IOException {
        String csv = "# a tiny table\n# space: none,skip_connect,nor_conv_3x3 (2 classes here)\n" + DigitsCellTable.HEADER + "\n"
                + CONV + ",0,0.90,0.88,1000,500,5000,0.5;0.7;0.9\n"
                + CONV + ",1,0.80,0.86,1000,500,5000,0.6;0.7;0.8\n"
                + SKIP + ",0,0.30,0.31,500,200,400,0.2;0.25;0.3\n"
                + SKIP + ",1,0.32,0.30,500,200,400,0.2;0.3;0.32\n";
        return TabulatedBenchmark.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "tiny.csv");
    }

    @Test
    void isomorphicCellsShareAnEntryAndQueriesDrawASeed() throws IOException {
        TabulatedBenchmark t = tiny();
        assertEquals(2, t.architectures().size());
        Cell conv = Cell.decode(CONV);
        Cell swapped = Cell.decode(CONV_SWAPPED);
        assertEquals(t.entries(conv), t.entries(swapped));
        Set<Double> seen = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            double v = t.evaluate(swapped, seed);
            assertEquals(v, t.evaluate(conv, seed), "the same seed draws the same run");
            seen.add(v);
        }
        assertEquals(Set.of(0.90, 0.80), seen, "both seeds are drawn");
        assertEquals(0.85, t.meanValidation(conv), 1e-12);
        assertEquals(0.87, t.meanTest(conv), 1e-12);
        assertEquals(List.of(conv.canonical(), Cell.decode(SKIP).canonical()), t.ranking());
        assertEquals(Set.of(conv.canonical()), t.top(0.05));
        assertEquals(1.4, t.totalCpuSeconds(), 1e-12);
        assertTrue(!t.isComplete(), "two of the space's 261 classes");
    }

    @Test
    void aCellOutsideTheTableAndMalformedRowsAreNamed() throws IOException {
        TabulatedBenchmark t = tiny();
        Cell pool = Cell.decode("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|avg_pool_3x3~1|none~2|");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.evaluate(pool, 0));
        assertTrue(e.getMessage().contains(pool.encode()) && e.getMessage().contains("none,skip_connect,nor_conv_3x3"),
                e.getMessage());
        String bad = "# space: none,skip_connect\n" + DigitsCellTable.HEADER + "\n" + SKIP + ",0,0.3,0.3,1,1,1\n";
        e = assertThrows(IllegalArgumentException.class, () -> TabulatedBenchmark.read(
                new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "bad.csv"));
        assertTrue(e.getMessage().contains("bad.csv, line 3") && e.getMessage().contains("8 fields"), e.getMessage());
    }

    @Test
    void replayingTheCurveLetsAPrunerStopAWeakArchitecture() throws IOException {
        TabulatedBenchmark t = tiny();
        Study study = Study.builder().direction(Direction.MAXIMIZE).budget(Budget.epochs(3))
                .pruner(Pruners.threshold(0.4, Double.POSITIVE_INFINITY, 0)).build();
        StudyCellEvaluator rec = new StudyCellEvaluator(study, DigitsCellTable.SPACE, t);
        rec.evaluate(Cell.decode(CONV), 0);
        rec.evaluate(Cell.decode(SKIP), 0);
        assertEquals(TrialState.COMPLETE, study.trials().get(0).state());
        assertEquals(3, study.trials().get(0).intermediateValues().size());
        assertEquals(TrialState.PRUNED, study.trials().get(1).state());
        assertEquals(1, study.trials().get(1).intermediateValues().size(), "stopped after the first epoch");
    }

    @Test
    void theBundledTableCoversEveryClassOfItsSpaceForThreeSeeds() {
        TabulatedBenchmark t = TabulatedBenchmark.digits();
        assertEquals(DigitsCellTable.SPACE, t.space());
        assertEquals(261, t.architectures().size());
        assertTrue(t.isComplete());
        for (Cell c : t.architectures()) {
            assertEquals(List.of(0L, 1L, 2L), t.entries(c).stream().map(TabulatedBenchmark.Entry::seed).toList());
            assertEquals(DigitsCellTable.CONFIG.epochs(), t.entries(c).get(0).validationCurve().size());
        }
        Cell empty = new Cell(List.of(Op.NONE, Op.NONE, Op.NONE, Op.NONE, Op.NONE, Op.NONE));
        assertTrue(t.meanValidation(empty) < 0.2, "the disconnected cell is at chance: " + t.meanValidation(empty));
        Cell allConv = Cell.decode("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        Cell allSkip = Cell.decode("|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|");
        assertTrue(t.meanValidation(allConv) > t.meanValidation(allSkip) + 0.2,
                "convolutions matter: " + t.meanValidation(allConv) + " vs " + t.meanValidation(allSkip));
        assertEquals(14, t.top(0.05).size(), "ceil(5% of 261) = 14 (more only on ties)");
    }

    /** Evaluations until a cell of {@code top} is first evaluated (budget + 1 if never). */
    private static int evaluationsToTop(SearchHistory h, Set<Cell> top) {
        for (int i = 0; i < h.evaluations().size(); i++) {
            if (top.contains(h.evaluations().get(i).cell().canonical())) {
                return i + 1;
            }
        }
        return h.evaluations().size() + 1;
    }

    private static double medianEvaluationsToTop(CellStrategy s, TabulatedBenchmark t, Set<Cell> top) {
        double[] v = new double[20];
        for (int seed = 0; seed < 20; seed++) {
            v[seed] = evaluationsToTop(s.search(t.space(), t, 150, seed), top);
        }
        java.util.Arrays.sort(v);
        return (v[9] + v[10]) / 2;
    }

    @Test
    void evolutionAndTheControllerFindATopFivePercentCellInFewerEvaluationsThanRandomSearch() {
        TabulatedBenchmark t = TabulatedBenchmark.digits();
        Set<Cell> top = t.top(0.05);
        double random = medianEvaluationsToTop(new RandomSearch(), t, top);
        double evolution = medianEvaluationsToTop(new RegularizedEvolution(20, 5), t, top);
        double controller = medianEvaluationsToTop(new ReinforceController(0.5, 0.9), t, top);
        assertTrue(evolution < random, "evolution " + evolution + " vs random " + random);
        assertTrue(controller < random, "REINFORCE " + controller + " vs random " + random);
    }
}
