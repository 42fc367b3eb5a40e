package org.automl4j.nas.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A NAS-Bench-201 cell: nodes 0 (input) to 3 (output); node j sums its incoming edges i -> j (i < j),
 * each carrying one {@link Op}. The six edges, in NAS-Bench-201's order: 0->1, 0->2, 1->2, 0->3, 1->3,
 * 2->3. Records compare by their edges; {@link #canonical()} gives the representative of the cell's
 * isomorphism class, so that cells computing the same function count once:
 * <ul>
 *   <li>an edge that no input reaches, or that reaches no output, through non-{@code none} edges is
 *       dead and becomes {@code none};</li>
 *   <li>when edge 1->2 is {@code none}, nodes 1 and 2 are interchangeable, and the lexicographically
 *       smaller labelling is chosen.</li>
 * </ul>
 *
 * @param edges the six operations, in the order above
 */
public record Cell(List<Op> edges) {

    /** Source and target node of each edge, in order. */
    static final int[][] EDGES = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};

    public Cell {
        edges = List.copyOf(edges);
        if (edges.size() != 6) {
            throw new IllegalArgumentException("a cell has 6 edges (0->1, 0->2, 1->2, 0->3, 1->3, 2->3), got " + edges.size());
        }
        for (Op o : edges) {
            Objects.requireNonNull(o, "edge operation");
        }
    }

    /** The operation on edge {@code from -> to}. */
    public Op edge(int from, int to) {
        for (int e = 0; e < 6; e++) {
            if (EDGES[e][0] == from && EDGES[e][1] == to) {
                return edges.get(e);
            }
        }
        throw new IllegalArgumentException("no edge " + from + "->" + to + " in a cell");
    }

    /** Whether the output depends on the input at all (some path of non-{@code none} edges from 0 to 3). */
    public boolean isConnected() {
        return live()[3];
    }

    /** reachable[j]: node j is reached from node 0 through non-none edges. */
    private boolean[] live() {
        boolean[] reach = new boolean[4];
        reach[0] = true;
        for (int e = 0; e < 6; e++) {
            if (edges.get(e) != Op.NONE && reach[EDGES[e][0]]) {
                reach[EDGES[e][1]] = true;
            }
        }
        return reach;
    }

    private boolean[] coLive() {
        boolean[] reachesOut = new boolean[4];
        reachesOut[3] = true;
        for (int e = 5; e >= 0; e--) {
            if (edges.get(e) != Op.NONE && reachesOut[EDGES[e][1]]) {
                reachesOut[EDGES[e][0]] = true;
            }
        }
        return reachesOut;
    }

    /** The representative of this cell's isomorphism class (see the class comment). */
    public Cell canonical() {
        boolean[] in = live();
        boolean[] out = coLive();
        List<Op> pruned = new ArrayList<>(edges);
        for (int e = 0; e < 6; e++) {
            if (!in[EDGES[e][0]] || !out[EDGES[e][1]]) {
                pruned.set(e, Op.NONE);
            }
        }
        if (pruned.get(2) == Op.NONE) {
            // swap nodes 1 and 2: 0->1 <-> 0->2, 1->3 <-> 2->3
            List<Op> swapped = List.of(pruned.get(1), pruned.get(0), Op.NONE, pruned.get(3), pruned.get(5), pruned.get(4));
            if (compare(swapped, pruned) < 0) {
                pruned = new ArrayList<>(swapped);
            }
        }
        return new Cell(pruned);
    }

    private static int compare(List<Op> a, List<Op> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Integer.compare(a.get(i).ordinal(), b.get(i).ordinal());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether {@code other} computes the same function up to isomorphism. */
    public boolean isIsomorphicTo(Cell other) {
        return canonical().equals(other.canonical());
    }

    /** NAS-Bench-201's string: {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}. */
    public String encode() {
        return "|" + edges.get(0).id() + "~0|+|" + edges.get(1).id() + "~0|" + edges.get(2).id() + "~1|+|"
                + edges.get(3).id() + "~0|" + edges.get(4).id() + "~1|" + edges.get(5).id() + "~2|";
    }

    /**
     * Parses NAS-Bench-201's string form.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Cell decode(String s) {
        String[] nodes = s.strip().split("\\+");
        if (nodes.length != 3) {
            throw new IllegalArgumentException("a cell string has 3 node groups separated by '+', got '" + s + "'");
        }
        Op[] ops = new Op[6];
        int e = 0;
        for (int j = 0; j < 3; j++) {
            String[] parts = nodes[j].replaceAll("^\\||\\|$", "").split("\\|");
            if (parts.length != j + 1) {
                throw new IllegalArgumentException("node " + (j + 1) + " of '" + s + "' needs " + (j + 1) + " inputs, got "
                        + parts.length);
            }
            for (int i = 0; i <= j; i++) {
                String[] opFrom = parts[i].split("~");
                if (opFrom.length != 2 || !opFrom[1].equals(Integer.toString(i))) {
                    throw new IllegalArgumentException("'" + parts[i] + "' in '" + s + "' should be op~" + i);
                }
                ops[e++] = Op.of(opFrom[0]);
            }
        }
        return new Cell(List.of(ops));
    }

    /** Every cell of the space (5^6 = 15,625), in a fixed order. */
    public static List<Cell> all() {
        List<Cell> out = new ArrayList<>(15_625);
        Op[] ops = Op.values();
        for (int code = 0; code < 15_625; code++) {
            Op[] e = new Op[6];
            int c = code;
            for (int i = 0; i < 6; i++) {
                e[i] = ops[c % 5];
                c /= 5;
            }
            out.add(new Cell(List.of(e)));
        }
        return out;
    }

    /** A text diagram: one line per node with its inputs. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (int j = 1; j <= 3; j++) {
            sb.append("node ").append(j).append(j == 3 ? " (output)" : "").append(" =");
            boolean any = false;
            for (int i = 0; i < j; i++) {
                Op o = edge(i, j);
                if (o != Op.NONE) {
                    sb.append(any ? " +" : "").append(' ').append(o.id()).append("(").append(i == 0 ? "input" : "node " + i)
                            .append(")");
                    any = true;
                }
            }
            sb.append(any ? "" : " 0").append('\n');
        }
        return sb.toString();
    }

    /** A Graphviz DOT digraph of the cell (none edges left out). */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph cell {\n  rankdir=LR;\n  n0 [label=\"input\"];\n  n1 [label=\"1\"];\n"
                + "  n2 [label=\"2\"];\n  n3 [label=\"output\"];\n");
        for (int e = 0; e < 6; e++) {
            if (edges.get(e) != Op.NONE) {
                sb.append("  n").append(EDGES[e][0]).append(" -> n").append(EDGES[e][1]).append(" [label=\"")
                        .append(edges.get(e).id()).append("\"];\n");
            }
        }
        return sb.append("}\n").toString();
    }
}
