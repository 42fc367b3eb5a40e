package org.automl4j.nas.strategy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;

/**
 * Regularised (aging) evolution (Real et al., 2019): a population of {@code population} cells, each step
 * takes the best of {@code sample} random members, evaluates a mutation of it and adds the child while
 * the oldest member dies, so every architecture must keep being re-discovered to survive.
 */
public final class RegularizedEvolution implements CellStrategy {
    private final int population;
    private final int sample;

    /** With a population and a tournament size (the paper's small-space settings: 20 and 5). */
    public RegularizedEvolution(int population, int sample) {
        if (population < 2 || sample < 1 || sample > population) {
            throw new IllegalArgumentException("need population >= 2 and 1 <= sample <= population, got " + population
                    + " and " + sample);
        }
        this.population = population;
        this.sample = sample;
    }

    @Override
    public String name() {
        return "evolution";
    }

    @Override
    public SearchHistory search(CellSpace space, CellEvaluator evaluator, int budget, long seed) {
        if (budget > population && space.ops().size() < 2) {
            // refused before the population is evaluated, not at the first mutation after it
            throw new IllegalArgumentException("evolution mutates cells after the first " + population + " evaluations, so"
                    + " the space needs at least two operations, got " + space + "; a one-operation space holds a single"
                    + " cell: widen the space or evaluate that cell once");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<SearchHistory.Evaluation> out = new ArrayList<>();
        Deque<SearchHistory.Evaluation> alive = new ArrayDeque<>();
        try {
            for (int i = 0; i < budget; i++) {
                Cell c;
                if (alive.size() < population) {
                    c = CellMutations.random(space, rng);
                } else {
                    List<SearchHistory.Evaluation> members = new ArrayList<>(alive);
                    SearchHistory.Evaluation parent = null;
                    for (int k = 0; k < sample; k++) {
                        SearchHistory.Evaluation m = members.get(rng.nextInt(members.size()));
                        if (parent == null || m.score() > parent.score()) {
                            parent = m;
                        }
                    }
                    c = CellMutations.mutate(space, parent.cell(), rng);
                }
                SearchHistory.Evaluation e = new SearchHistory.Evaluation(c, evaluator.evaluate(c, seed + i));
                out.add(e);
                alive.addLast(e);
                if (alive.size() > population) {
                    alive.removeFirst();
                }
            }
        } catch (SearchStoppedException stop) {
            // return what was evaluated
        }
        return new SearchHistory(name(), out);
    }
}
