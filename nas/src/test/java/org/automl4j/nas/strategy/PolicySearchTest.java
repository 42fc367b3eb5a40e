package org.automl4j.nas.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.automl4j.nas.space.Cell;
import org.junit.jupiter.api.Test;

class PolicySearchTest {

    @Test
    void aPeakedPolicyEndsOnceItHasNoNewCellAndAFlatOneDrawsDistinctCells() {
        double[][] peaked = new double[6][];
        double[][] flat = new double[6][];
        for (int e = 0; e < 6; e++) {
            peaked[e] = new double[] {0, 0, 1};
            flat[e] = new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3};
        }
        CellEvaluator edgesWithConv = (c, s) -> c.edges().stream().filter(o -> o.id().equals("nor_conv_3x3")).count();
        SearchHistory one = new PolicySearch(peaked).search(ReinforcePolicyTest.SPACE, edgesWithConv, 5, 1);
        assertEquals(1, one.evaluations().size(), "a policy sure of every edge has one cell to offer");
        assertEquals(6.0, one.best().score());
        SearchHistory many = new PolicySearch(flat).search(ReinforcePolicyTest.SPACE, edgesWithConv, 20, 1);
        assertEquals(20, many.evaluations().size());
        Set<Cell> classes = new HashSet<>();
        for (SearchHistory.Evaluation ev : many.evaluations()) {
            assertTrue(classes.add(ev.cell().canonical()), "no isomorphism class twice: " + ev.cell().encode());
        }
        assertEquals(many.evaluations(), new PolicySearch(flat).search(ReinforcePolicyTest.SPACE, edgesWithConv, 20, 1)
                .evaluations(), "deterministic by seed");
    }

    @Test
    void aPolicyThatDoesNotFitTheSpaceIsRejected() {
        double[][] two = new double[6][];
        for (int e = 0; e < 6; e++) {
            two[e] = new double[] {0.5, 0.5};
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PolicySearch(two).search(ReinforcePolicyTest.SPACE, (c, s) -> 0, 3, 1));
        assertTrue(e.getMessage().contains("has 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PolicySearch(new double[][] {{1}}));
        double[][] bad = two.clone();
        bad[0] = new double[] {0.7, 0.7};
        assertThrows(IllegalArgumentException.class, () -> new PolicySearch(bad));
    }
}
