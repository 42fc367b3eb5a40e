package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;

/** Uniformly random cells: the baseline every strategy must beat. */
public final class RandomSearch implements CellStrategy {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public SearchHistory search(CellSpace space, CellEvaluator evaluator, int budget, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<SearchHistory.Evaluation> out = new ArrayList<>();
        try {
            for (int i = 0; i < budget; i++) {
                Cell c = CellMutations.random(space, rng);
                out.add(new SearchHistory.Evaluation(c, evaluator.evaluate(c, seed + i)));
            }
        } catch (SearchStoppedException stop) {
            // return what was evaluated
        }
        return new SearchHistory(name(), out);
    }
}
