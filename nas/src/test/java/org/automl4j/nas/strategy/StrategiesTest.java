package org.automl4j.nas.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.automl4j.sampler.Samplers;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    /**
     * A synthetic benchmark with structure like NAS-Bench-201's: 3x3 convolutions on live edges help most,
     * 1x1 a little, pooling and skips little; a disconnected cell scores 0. Deterministic, in [0, 1].
     */
    static double synthetic(Cell cell) {
        Cell c = cell.canonical();
        if (!c.isConnected()) {
            return 0;
        }
        double s = 0.1;
        for (Op o : c.edges()) {
            s += switch (o) {
                case CONV_3X3 -> 0.15;
                case CONV_1X1 -> 0.08;
                case SKIP -> 0.03;
                case AVG_POOL_3X3 -> 0.01;
                case NONE -> 0;
            };
        }
        return s;
    }

    private static List<CellStrategy> strategies() {
        return List.of(new RandomSearch(), new RegularizedEvolution(20, 5), new ReinforceController(0.5, 0.9),
                new SamplerSearch("tpe", Samplers::tpe), new ProgressiveSearch(8));
    }

    @Test
    void mutationsChangeExactlyOneEdgeAndStayInTheSpace() {
        SplittableRandom rng = new SplittableRandom(1);
        Cell c = CellMutations.random(rng);
        for (int i = 0; i < 500; i++) {
            Cell m = CellMutations.mutate(c, rng);
            int diff = 0;
            for (int e = 0; e < 6; e++) {
                diff += m.edges().get(e) == c.edges().get(e) ? 0 : 1;
            }
            assertEquals(1, diff);
            assertEquals(m, Cell.decode(m.encode()), "a mutation is a valid cell of the space");
            c = m;
        }
    }

    @Test
    void everyStrategyRunsIsDeterministicBySeedAndImproves() {
        for (CellStrategy s : strategies()) {
            SearchHistory a = s.search((cell, seed) -> synthetic(cell), 60, 7);
            SearchHistory b = s.search((cell, seed) -> synthetic(cell), 60, 7);
            assertEquals(60, a.evaluations().size(), s.name());
            assertEquals(a, b, s.name() + " is deterministic for a seed");
            if (!s.name().equals("progressive")) { // progressive search is deterministic given its evaluations
                assertNotEquals(a, s.search((cell, seed) -> synthetic(cell), 60, 8), s.name() + " depends on the seed");
            }
            List<Double> curve = a.bestSoFar();
            assertTrue(curve.get(59) > curve.get(0) || curve.get(0) >= 0.9, s.name() + " " + curve);
        }
    }

    @Test
    void evolutionAndTheControllerFindNearOptimalCellsSoonerThanRandomSearch() {
        double optimum = synthetic(new Cell(List.of(Op.CONV_3X3, Op.CONV_3X3, Op.CONV_3X3, Op.CONV_3X3, Op.CONV_3X3,
                Op.CONV_3X3)));
        double target = optimum - 0.08; // one 3x3 short of the optimum at most
        for (CellStrategy s : List.of(new RegularizedEvolution(20, 5), new ReinforceController(0.5, 0.9))) {
            double[] ours = new double[11];
            double[] random = new double[11];
            for (int seed = 0; seed < 11; seed++) {
                ours[seed] = firstReaching(s.search((c, x) -> synthetic(c), 400, seed), target);
                random[seed] = firstReaching(new RandomSearch().search((c, x) -> synthetic(c), 400, seed), target);
            }
            Arrays.sort(ours);
            Arrays.sort(random);
            assertTrue(ours[5] < random[5], s.name() + ": median evaluations " + ours[5] + " vs random " + random[5]);
        }
    }

    @Test
    void progressiveSearchNeverEvaluatesAnIsomorphismClassTwiceAndGrowsCells() {
        SearchHistory h = new ProgressiveSearch(5).search((c, x) -> synthetic(c), 120, 0);
        java.util.Set<Cell> classes = new java.util.HashSet<>();
        for (SearchHistory.Evaluation e : h.evaluations()) {
            assertTrue(classes.add(e.cell().canonical()), "evaluated twice: " + e.cell().encode());
        }
        // the first level: 4 direct edges 0->3 and 16 two-edge paths (0->1->3 and 0->2->3 are one class)
        assertEquals(20, h.evaluations().stream().limit(20)
                .filter(e -> e.cell().edges().stream().filter(o -> o != Op.NONE).count() <= 2).count(),
                "it starts from the simplest cells");
        assertTrue(h.best().score() >= 0.9 - 1e-9, "it reaches the all-3x3 cell region: " + h.best());
    }

    @Test
    void inARestrictedSpaceEveryStrategyProposesOnlyItsOperations() {
        CellSpace space = CellSpace.of(Op.NONE, Op.SKIP, Op.CONV_3X3);
        SplittableRandom rng = new SplittableRandom(3);
        Cell c = CellMutations.random(space, rng);
        for (int i = 0; i < 300; i++) {
            Cell m = CellMutations.mutate(space, c, rng);
            assertTrue(space.contains(m), m.encode());
            assertNotEquals(c, m);
            c = m;
        }
        for (CellStrategy s : strategies()) {
            SearchHistory h = s.search(space, (cell, seed) -> {
                assertTrue(space.contains(cell), s.name() + " proposed " + cell.encode());
                return synthetic(cell);
            }, 40, 2);
            assertEquals(40, h.evaluations().size(), s.name());
        }
        assertThrows(IllegalArgumentException.class, () -> CellMutations.mutate(space,
                Cell.decode("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|"), rng));
    }

    @Test
    void evolutionInAOneOperationSpaceIsRefusedBeforeEvaluatingAnything() {
        CellSpace one = CellSpace.of(Op.CONV_3X3);
        int[] calls = {0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegularizedEvolution(2, 1).search(one, (cell, seed) -> ++calls[0], 3, 0));
        assertTrue(e.getMessage().contains("at least two operations"), e.getMessage());
        assertEquals(0, calls[0], "no architecture is trained before the refusal");
        assertEquals(2, new RegularizedEvolution(2, 1).search(one, (cell, seed) -> 1.0, 2, 0).evaluations().size(),
                "a budget within the population needs no mutation");
    }

    @Test
    void aStoppedSearchReturnsTheEvaluationsMadeSoFar() {
        for (CellStrategy s : strategies()) {
            int[] calls = {0};
            SearchHistory h = s.search((cell, seed) -> {
                if (++calls[0] > 7) {
                    throw new SearchStoppedException("test");
                }
                return synthetic(cell);
            }, 30, 1);
            assertEquals(7, h.evaluations().size(), s.name());
        }
    }

    @Test
    void theSpaceCountsItsIsomorphismClasses() {
        assertEquals(261, CellSpace.of(Op.NONE, Op.SKIP, Op.CONV_3X3).classes().size());
        assertEquals(729, CellSpace.parse("none, skip_connect ,nor_conv_3x3").cells().size());
        assertEquals(CellSpace.NB201, CellSpace.parse("nb201"));
        assertEquals(8_765, CellSpace.NB201.classes().size(), "8,764 connected classes and the empty cell");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CellSpace.parse("none,none"));
        assertTrue(e.getMessage().contains("twice"));
    }

    private static double firstReaching(SearchHistory h, double target) {
        List<Double> c = h.bestSoFar();
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i) >= target) {
                return i + 1;
            }
        }
        return c.size() + 1;
    }
}
