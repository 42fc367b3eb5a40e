package org.automl4j.nas.space;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cell search space: the operations an edge may take (a subset of NAS-Bench-201's five, in the enum's
 * order). {@link #NB201} is the full space; smaller ones keep exhaustive tabulation affordable (none,
 * skip and 3x3 convolution give 729 cells in 261 isomorphism classes, one of them the disconnected cell).
 *
 * @param ops the operations, at least one, no repeats (stored in {@link Op}'s order)
 */
public record CellSpace(List<Op> ops) {

    /** All five operations: NAS-Bench-201's space (15,625 cells). */
    public static final CellSpace NB201 = new CellSpace(List.of(Op.values()));

    public CellSpace {
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a cell space needs at least one operation");
        }
        Set<Op> set = EnumSet.noneOf(Op.class);
        for (Op o : ops) {
            if (!set.add(java.util.Objects.requireNonNull(o, "operation"))) {
                throw new IllegalArgumentException("operation " + o.id() + " is listed twice; list each operation once");
            }
        }
        ops = List.copyOf(set);
    }

    /** The space of {@code ops}. */
    public static CellSpace of(Op... ops) {
        return new CellSpace(List.of(ops));
    }

    /**
     * Parses a comma-separated list of operation names, e.g. {@code none,skip_connect,nor_conv_3x3}, or
     * {@code nb201} for the full space.
     *
     * @throws IllegalArgumentException naming the unknown operation, or when no operation is listed
     */
    public static CellSpace parse(String s) {
        if (s.strip().equalsIgnoreCase("nb201")) {
            return NB201;
        }
        List<Op> ops = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                ops.add(Op.of(part.strip()));
            }
        }
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("no operation in '" + s + "'; give a comma-separated subset of none,"
                    + " skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3, or nb201 for all five");
        }
        return new CellSpace(ops);
    }

    /** The comma-separated operation names ({@link #parse}'s input). */
    public String encode() {
        return String.join(",", ops.stream().map(Op::id).toList());
    }

    /** Whether every edge of {@code cell} is an operation of this space. */
    public boolean contains(Cell cell) {
        return ops.containsAll(cell.edges());
    }

    /** Every cell of the space ({@code |ops|^6}), in a fixed order. */
    public List<Cell> cells() {
        List<Cell> out = new ArrayList<>();
        int k = ops.size();
        int total = (int) Math.pow(k, 6);
        for (int code = 0; code < total; code++) {
            List<Op> e = new ArrayList<>(6);
            int c = code;
            for (int i = 0; i < 6; i++) {
                e.add(ops.get(c % k));
                c /= k;
            }
            out.add(new Cell(e));
        }
        return out;
    }

    /**
     * One representative ({@link Cell#canonical()}) per isomorphism class of the space's cells, in the
     * order of {@link #cells()}; the disconnected cells form one class (all edges none) when {@code none}
     * is in the space.
     */
    public List<Cell> classes() {
        Set<Cell> out = new LinkedHashSet<>();
        for (Cell c : cells()) {
            out.add(c.canonical());
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "{" + encode() + "}";
    }
}
