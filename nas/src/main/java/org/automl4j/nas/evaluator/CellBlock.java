package org.automl4j.nas.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.Op;

/**
 * A NAS-Bench-201 cell as a DJL block: nodes 0 (the input) to 3 (the output), node {@code j} the sum of
 * its incoming edges {@code i -> j}, each edge a block mapping {@code (N, C, H, W)} to the same shape.
 * Edges are given in {@link Cell}'s order (0->1, 0->2, 1->2, 0->3, 1->3, 2->3); a {@code null} edge is
 * absent (the {@code none} operation). A node without any incoming edge is absent too, and edges leaving
 * it contribute nothing; if the output node is absent the cell outputs zeros. The edge blocks can be
 * anything shape-preserving: {@link #of(Cell, int)} uses {@link CellOps}, a DARTS mixed operation or a
 * supernet's shared blocks fit the same slots.
 */
public final class CellBlock extends AbstractBlock {
    private static final int[][] EDGES = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};

    private final List<Block> edges;

    /**
     * A cell over six edge blocks (null for none), in {@link Cell}'s edge order.
     *
     * @throws IllegalArgumentException if there are not six
     */
    public CellBlock(List<Block> edgeBlocks) {
        if (edgeBlocks.size() != 6) {
            throw new IllegalArgumentException("a cell has 6 edges, got " + edgeBlocks.size() + " blocks");
        }
        List<Block> kept = new ArrayList<>(6);
        for (int e = 0; e < 6; e++) {
            Block b = edgeBlocks.get(e);
            kept.add(b == null ? null : addChildBlock("e" + EDGES[e][0] + EDGES[e][1], b));
        }
        this.edges = Collections.unmodifiableList(kept);
    }

    /**
     * The cell {@code cell} with fresh {@link CellOps} blocks on {@code channels} channels. Built from the
     * canonical form, so dead edges (which cannot change the output) get no block and cost nothing.
     */
    public static CellBlock of(Cell cell, int channels) {
        Cell c = cell.canonical();
        List<Block> blocks = new ArrayList<>(6);
        for (Op op : c.edges()) {
            blocks.add(op == Op.NONE ? null : CellOps.of(op, channels));
        }
        return new CellBlock(blocks);
    }

    /** The six edge blocks in {@link Cell}'s order (null for none). */
    public List<Block> edges() {
        return edges;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray[] node = new NDArray[4];
        node[0] = x;
        for (int e = 0; e < 6; e++) {
            Block b = edges.get(e);
            NDArray src = node[EDGES[e][0]];
            if (b == null || src == null) {
                continue;
            }
            NDArray out = b.forward(store, new NDList(src), training, params).singletonOrThrow();
            int to = EDGES[e][1];
            node[to] = node[to] == null ? out : node[to].add(out);
        }
        return new NDList(node[3] == null ? x.zerosLike() : node[3]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block b : edges) {
            if (b != null) {
                b.initialize(manager, dataType, inputShapes);
            }
        }
    }
}
