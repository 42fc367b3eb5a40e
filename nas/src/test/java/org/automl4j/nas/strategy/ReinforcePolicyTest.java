package org.automl4j.nas.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.junit.jupiter.api.Test;

class ReinforcePolicyTest {
    static final CellSpace SPACE = CellSpace.of(Op.NONE, Op.SKIP, Op.CONV_3X3);

    @Test
    void rewardingConvolutionsMakesThemTheMostLikelyOperationOnEveryEdge() {
        ReinforcePolicy policy = new ReinforcePolicy(SPACE, 0.5, 0.9);
        assertEquals(1.0 / 3, policy.probabilities()[0][0], 1e-12, "starts uniform");
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            Cell c = policy.sample(rng);
            double reward = c.edges().stream().filter(o -> o == Op.CONV_3X3).count() / 6.0;
            policy.update(c, reward);
        }
        assertEquals(Cell.decode("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"),
                policy.mostLikely());
        for (double[] edge : policy.probabilities()) {
            assertTrue(edge[2] > 0.6, "convolution probability " + edge[2]);
            assertEquals(1, edge[0] + edge[1] + edge[2], 1e-9);
        }
    }

    @Test
    void badUpdatesAreRejectedWithTheReason() {
        ReinforcePolicy policy = new ReinforcePolicy(SPACE, 0.5, 0.9);
        Cell pool = Cell.decode("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy.update(pool, 0.5));
        assertTrue(e.getMessage().contains("not in the controller's space"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> policy.update(policy.mostLikely(), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ReinforcePolicy(SPACE, 0, 0.9));
    }
}
