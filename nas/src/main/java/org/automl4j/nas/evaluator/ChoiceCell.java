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
import java.util.List;
import java.util.function.Supplier;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.Op;

/**
 * A cell whose every edge holds one {@link CellOps} block per candidate operation, for weight sharing.
 * In {@link Mode#SAMPLED} mode each edge runs only the operation the current {@link Cell} (from a supplier,
 * set by the owner before each forward pass) puts there, as an ENAS sub-network; in {@link Mode#MIXED} mode
 * each edge is the softmax-weighted sum of all its operations with the architecture weights from a supplier
 * (a {@code 6 x ops} array), as in DARTS. Nodes sum their incoming edges as in {@link CellBlock}.
 */
final class ChoiceCell extends AbstractBlock {
    private static final int[][] EDGES = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};

    enum Mode { SAMPLED, MIXED }

    private final List<Op> ops;
    private final List<List<Block>> blocks;
    private final Mode mode;
    private final Supplier<Cell> active;
    private final Supplier<NDArray> alphas;

    ChoiceCell(List<Op> ops, int channels, Mode mode, Supplier<Cell> active, Supplier<NDArray> alphas) {
        this.ops = List.copyOf(ops);
        this.mode = mode;
        this.active = active;
        this.alphas = alphas;
        List<List<Block>> bs = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            List<Block> edge = new ArrayList<>();
            for (Op op : this.ops) {
                edge.add(addChildBlock("e" + EDGES[e][0] + EDGES[e][1] + "_" + op.id(), CellOps.of(op, channels)));
            }
            bs.add(edge);
        }
        this.blocks = bs;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray[] node = new NDArray[4];
        node[0] = x;
        Cell cell = mode == Mode.SAMPLED ? active.get().canonical() : null;
        NDArray weights = null;
        if (mode == Mode.MIXED) {
            weights = alphas.get().softmax(1);
            weights.attach(x.getManager()); // freed with the batch's scope, not kept for the whole search
        }
        for (int e = 0; e < 6; e++) {
            NDArray src = node[EDGES[e][0]];
            if (src == null) {
                continue;
            }
            NDArray out = null;
            if (mode == Mode.SAMPLED) {
                Op op = cell.edges().get(e);
                if (op == Op.NONE) {
                    continue;
                }
                int k = ops.indexOf(op);
                out = blocks.get(e).get(k).forward(store, new NDList(src), training, params).singletonOrThrow();
            } else {
                for (int k = 0; k < ops.size(); k++) {
                    if (ops.get(k) == Op.NONE) {
                        continue; // contributes w * 0
                    }
                    NDArray y = blocks.get(e).get(k).forward(store, new NDList(src), training, params).singletonOrThrow()
                            .mul(weights.get(e, k));
                    out = out == null ? y : out.add(y);
                }
                if (out == null) {
                    continue;
                }
            }
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
        for (List<Block> edge : blocks) {
            for (Block b : edge) {
                b.initialize(manager, dataType, inputShapes);
            }
        }
    }
}
