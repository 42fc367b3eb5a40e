package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.Op;

/** Random cells and single-edge mutations; every result is a valid cell of the space. */
public final class CellMutations {

    private CellMutations() {
    }

    /** A cell with each edge's operation drawn uniformly. */
    public static Cell random(SplittableRandom rng) {
        Op[] ops = Op.values();
        List<Op> e = new ArrayList<>(6);
        for (int i = 0; i < 6; i++) {
            e.add(ops[rng.nextInt(ops.length)]);
        }
        return new Cell(e);
    }

    /** {@code cell} with one edge, chosen uniformly, set to a different operation chosen uniformly. */
    public static Cell mutate(Cell cell, SplittableRandom rng) {
        List<Op> e = new ArrayList<>(cell.edges());
        int edge = rng.nextInt(6);
        Op[] ops = Op.values();
        int pick = rng.nextInt(ops.length - 1);
        if (pick >= e.get(edge).ordinal()) {
            pick++;
        }
        e.set(edge, ops[pick]);
        return new Cell(e);
    }
}
