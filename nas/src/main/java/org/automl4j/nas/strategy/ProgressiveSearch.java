package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.automl4j.surrogate.RegressionForest;

/**
 * Progressive search (after Liu et al.'s PNAS, 2018): cells grow from simple to complex. Start by
 * evaluating every connected cell with at most two operations (a direct edge or a two-edge path); then
 * expand the best {@code beam} evaluated cells that can still grow by one or two more edges (two, because a single
 * new edge off the input-output paths is dead and changes nothing), rank the expansions with a surrogate
 * (SMAC's random forest on the edges' one-hot encoding, fitted to everything evaluated so far), and
 * evaluate the {@code beam} most promising. Cells are compared by their isomorphism class, so no class
 * is evaluated twice.
 */
public final class ProgressiveSearch implements CellStrategy {
    private final int beam;

    /** With the number of cells kept and evaluated per level (PNAS's K). */
    public ProgressiveSearch(int beam) {
        if (beam < 1) {
            throw new IllegalArgumentException("beam must be at least 1, got " + beam);
        }
        this.beam = beam;
    }

    @Override
    public String name() {
        return "progressive";
    }

    @Override
    public SearchHistory search(CellSpace space, CellEvaluator evaluator, int budget, long seed) {
        List<SearchHistory.Evaluation> out = new ArrayList<>();
        try {
            run(space, evaluator, budget, seed, out);
        } catch (SearchStoppedException stop) {
            // return what was evaluated
        }
        return new SearchHistory(name(), out);
    }

    private void run(CellSpace space, CellEvaluator evaluator, int budget, long seed, List<SearchHistory.Evaluation> out) {
        if (!space.ops().contains(Op.NONE) || space.ops().size() < 2) {
            throw new IllegalArgumentException("progressive search grows cells from the empty cell, so the space needs"
                    + " none and at least one other operation, got " + space);
        }
        Set<Cell> seen = new HashSet<>();
        List<Cell> level = new ArrayList<>();
        Cell empty = new Cell(List.of(Op.NONE, Op.NONE, Op.NONE, Op.NONE, Op.NONE, Op.NONE));
        for (Cell c : grow(space, empty)) {
            if (c.isConnected() && seen.add(c.canonical())) {
                level.add(c);
            }
        }
        for (Cell c : level) {
            if (out.size() >= budget) {
                return;
            }
            out.add(new SearchHistory.Evaluation(c, evaluator.evaluate(c, seed + out.size())));
        }
        while (out.size() < budget) {
            // parents: the best evaluated cells that can still grow into something unseen
            List<SearchHistory.Evaluation> ranked = new ArrayList<>(out);
            ranked.sort(Comparator.comparingDouble((SearchHistory.Evaluation e) -> -e.score()));
            Set<Cell> expansions = new LinkedHashSet<>();
            int parents = 0;
            for (SearchHistory.Evaluation parent : ranked) {
                if (parents >= beam) {
                    break;
                }
                int before = expansions.size();
                for (Cell child : grow(space, parent.cell())) {
                    if (child.isConnected() && !seen.contains(child.canonical())) {
                        expansions.add(child);
                    }
                }
                if (expansions.size() > before) {
                    parents++;
                }
            }
            if (expansions.isEmpty()) {
                break; // every class reachable from evaluated cells has been evaluated
            }
            List<Cell> order = rank(new ArrayList<>(expansions), out, seed);
            int evaluated = 0;
            for (Cell c : order) {
                if (out.size() >= budget || evaluated >= beam) {
                    break;
                }
                if (!seen.add(c.canonical())) {
                    continue;
                }
                out.add(new SearchHistory.Evaluation(c, evaluator.evaluate(c, seed + out.size())));
                evaluated++;
            }
        }
        return;
    }

    /** Candidates by the surrogate's predicted score, best first (ties by encoding). */
    private static List<Cell> rank(List<Cell> candidates, List<SearchHistory.Evaluation> history, long seed) {
        double[][] x = new double[history.size()][];
        double[] y = new double[history.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = oneHot(history.get(i).cell());
            y[i] = history.get(i).score();
        }
        RegressionForest forest = RegressionForest.fit(x, y, new int[6 * Op.values().length],
                RegressionForest.Options.builder().nTrees(32).maxFeatures(1.0).minSamplesLeaf(1).seed(seed).build());
        candidates.sort(Comparator.comparingDouble((Cell c) -> -forest.predict(oneHot(c)).mean())
                .thenComparing(Cell::encode));
        return candidates;
    }

    /** {@code parent} with one or two of its {@code none} edges given an operation of {@code space}, in a fixed order. */
    static List<Cell> grow(CellSpace space, Cell parent) {
        List<Cell> out = new ArrayList<>();
        List<Op> ops = new ArrayList<>(space.ops());
        ops.remove(Op.NONE);
        for (int e = 0; e < 6; e++) {
            if (parent.edges().get(e) != Op.NONE) {
                continue;
            }
            for (Op o : ops) {
                List<Op> one = new ArrayList<>(parent.edges());
                one.set(e, o);
                out.add(new Cell(one));
                for (int f = e + 1; f < 6; f++) {
                    if (parent.edges().get(f) != Op.NONE) {
                        continue;
                    }
                    for (Op p : ops) {
                        List<Op> two = new ArrayList<>(one);
                        two.set(f, p);
                        out.add(new Cell(two));
                    }
                }
            }
        }
        return out;
    }

    static double[] oneHot(Cell c) {
        int k = Op.values().length;
        double[] v = new double[6 * k];
        for (int e = 0; e < 6; e++) {
            v[e * k + c.edges().get(e).ordinal()] = 1;
        }
        return v;
    }
}
