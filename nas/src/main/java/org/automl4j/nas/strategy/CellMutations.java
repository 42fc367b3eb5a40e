package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;

/** Random cells and single-edge mutations; every result is a valid cell of the space given (NAS-Bench-201's by default). */
public final class CellMutations {

    private CellMutations() {
    }

    /** A cell of the full space with each edge's operation drawn uniformly. */
    public static Cell random(SplittableRandom rng) {
        return random(CellSpace.NB201, rng);
    }

    /** A cell of {@code space} with each edge's operation drawn uniformly from the space's. */
    public static Cell random(CellSpace space, SplittableRandom rng) {
        List<Op> ops = space.ops();
        List<Op> e = new ArrayList<>(6);
        for (int i = 0; i < 6; i++) {
            e.add(ops.get(rng.nextInt(ops.size())));
        }
        return new Cell(e);
    }

    /** {@code cell} with one edge, chosen uniformly, set to a different operation chosen uniformly. */
    public static Cell mutate(Cell cell, SplittableRandom rng) {
        return mutate(CellSpace.NB201, cell, rng);
    }

    /**
     * {@code cell} (a cell of {@code space}) with one edge, chosen uniformly, set to a different operation
     * of {@code space} chosen uniformly.
     *
     * @throws IllegalArgumentException if the cell is not in the space or the space has a single operation
     */
    public static Cell mutate(CellSpace space, Cell cell, SplittableRandom rng) {
        List<Op> ops = space.ops();
        if (ops.size() < 2) {
            throw new IllegalArgumentException("cannot mutate in a space with one operation: " + space);
        }
        if (!space.contains(cell)) {
            throw new IllegalArgumentException("cell " + cell.encode() + " is not in the space " + space);
        }
        List<Op> e = new ArrayList<>(cell.edges());
        int edge = rng.nextInt(6);
        int pick = rng.nextInt(ops.size() - 1);
        if (pick >= ops.indexOf(e.get(edge))) {
            pick++;
        }
        e.set(edge, ops.get(pick));
        return new Cell(e);
    }
}
