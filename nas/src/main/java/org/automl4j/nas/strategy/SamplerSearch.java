package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.automl4j.sampler.Sampler;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;

/**
 * Bayesian optimisation of cells through the HPO samplers: each edge is a categorical parameter
 * ({@code edge_0} .. {@code edge_5}) of a study, so TPE, SMAC or any other sampler drives the search.
 */
public final class SamplerSearch implements CellStrategy {
    private final String name;
    private final LongFunction<Sampler> sampler;

    /** A search named {@code name} with the sampler {@code sampler.apply(seed)} makes. */
    public SamplerSearch(String name, LongFunction<Sampler> sampler) {
        this.name = name;
        this.sampler = sampler;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SearchHistory search(CellSpace space, CellEvaluator evaluator, int budget, long seed) {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler.apply(seed)).build();
        List<SearchHistory.Evaluation> out = new ArrayList<>();
        List<Object> ops = new ArrayList<>();
        for (Op o : space.ops()) {
            ops.add(o.id());
        }
        study.optimize(t -> {
            List<Op> edges = new ArrayList<>(6);
            for (int e = 0; e < 6; e++) {
                edges.add(Op.of((String) t.suggestCategorical("edge_" + e, ops)));
            }
            Cell c = new Cell(edges);
            double score;
            try {
                score = evaluator.evaluate(c, seed + t.number());
            } catch (SearchStoppedException stop) {
                study.stop();
                throw stop;
            }
            out.add(new SearchHistory.Evaluation(c, score));
            return score;
        }, budget);
        return new SearchHistory(name, out);
    }
}
