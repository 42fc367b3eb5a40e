package org.automl4j.nas.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.automl4j.deep.DeepEngine;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.ChainArchitecture;
import org.automl4j.nas.space.Op;
import org.junit.jupiter.api.Test;

class NetworkBuildersTest {
    private static final DeepEngine ENGINE = DeepEngine.start();

    /** Initialises {@code block} for {@code in} and runs it once (inference mode); returns the output shape. */
    private static Shape run(Block block, Shape in) {
        try (NDManager m = ENGINE.newManager()) {
            block.initialize(m, DataType.FLOAT32, in);
            NDArray x = m.randomUniform(0f, 1f, in);
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            Shape s = y.getShape();
            assertArrayEquals(block.getOutputShapes(new Shape[] {in})[0].getShape(), s.getShape(),
                    "the declared output shape is the real one");
            return s;
        }
    }

    @Test
    void everyEdgeOperationKeepsTheShape() {
        Shape in = new Shape(2, 4, 6, 6);
        for (Op op : Op.values()) {
            assertEquals(in, run(CellOps.of(op, 4), in), op.id());
        }
    }

    @Test
    void noneIsZeroAndSkipIsTheIdentity() {
        try (NDManager m = ENGINE.newManager()) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(1, 2, 3, 3));
            Block none = CellOps.zero();
            Block skip = CellOps.identity();
            none.initialize(m, DataType.FLOAT32, x.getShape());
            skip.initialize(m, DataType.FLOAT32, x.getShape());
            ParameterStore ps = new ParameterStore(m, false);
            assertEquals(0f, none.forward(ps, new NDList(x), false).singletonOrThrow().abs().sum().getFloat());
            assertTrue(skip.forward(ps, new NDList(x), false).singletonOrThrow().contentEquals(x));
        }
    }

    @Test
    void aCellBlockOnlyBuildsItsLiveEdges() {
        // 1->2 is none, so 1 and 2 are not connected; 0->1 leads nowhere (1->3 none): dead
        Cell c = Cell.decode("|nor_conv_3x3~0|+|skip_connect~0|none~1|+|none~0|none~1|nor_conv_1x1~2|");
        CellBlock b = CellBlock.of(c, 3);
        long live = b.edges().stream().filter(e -> e != null).count();
        assertEquals(2, live, "the dead 0->1 edge gets no block");
        assertEquals(new Shape(2, 3, 5, 5), run(b, new Shape(2, 3, 5, 5)));
        CellBlock empty = CellBlock.of(Cell.decode("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"), 3);
        assertNull(empty.edges().get(3));
        assertEquals(new Shape(1, 3, 4, 4), run(empty, new Shape(1, 3, 4, 4)));
    }

    @Test
    void aCellNetworkGivesOneLogitPerClassForEveryImage() {
        Cell c = Cell.decode("|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|");
        assertEquals(new Shape(3, 10), run(new CellNetworkSpec(4, 2, 2).build(c, 10), new Shape(3, 1, 8, 8)));
        assertEquals(new Shape(2, 7), run(new CellNetworkSpec(2, 1, 3).build(c, 7), new Shape(2, 3, 28, 28)));
    }

    @Test
    void theResidualReductionHalvesTheResolutionAndSetsTheChannels() {
        assertEquals(new Shape(2, 8, 4, 4), run(CellNetworkSpec.reduction(8), new Shape(2, 4, 8, 8)));
        assertEquals(new Shape(2, 8, 4, 4), run(CellNetworkSpec.reduction(8), new Shape(2, 4, 7, 7)), "odd sizes round up");
    }

    @Test
    void chainNetworksBuildConvolutionsDenseLayersAndSkipsWithProjections() {
        ChainArchitecture conv = ChainArchitecture.decode(
                "conv8k3-relu-bn > conv8k5-relu-skip > conv4k1-tanh-skip > dense16-relu-d0.25 > dense16-sigmoid-bn-skip");
        assertEquals(new Shape(5, 10), run(ChainNetworks.build(conv, new int[] {1, 8, 8}, 10), new Shape(5, 1, 8, 8)));
        ChainArchitecture mlp = ChainArchitecture.decode("dense32-relu-bn > dense32-relu-skip > dense8-none-skip");
        assertEquals(new Shape(4, 3), run(ChainNetworks.build(mlp, new int[] {6}, 3), new Shape(4, 6)));
        ChainArchitecture convOnly = ChainArchitecture.decode("conv2k3-relu");
        assertEquals(new Shape(1, 4), run(ChainNetworks.build(convOnly, new int[] {1, 5, 5}, 4), new Shape(1, 1, 5, 5)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChainNetworks.build(conv, new int[] {64}, 10));
        assertTrue(e.getMessage().contains("feature vector"), e.getMessage());
    }

    @Test
    void cellBlocksNeedSixEdges() {
        assertThrows(IllegalArgumentException.class, () -> new CellBlock(List.of(CellOps.identity())));
    }
}
