package org.automl4j.nas.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.study.Study;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;

/**
 * Records every evaluation a strategy asks for as a trial of a {@link Study}, so NAS runs live in the
 * same storage as HPO studies (resumable listings, export, the dashboard). Each trial has the cell's
 * edges as categorical parameters {@code edge_0} .. {@code edge_5} (over the space's operations), the user
 * attributes {@value #ARCHITECTURE} (the cell's encoding) and {@value #ARCHITECTURE_DOT} (its Graphviz DOT
 * text), and the intermediate scores the wrapped {@link TrialCellEvaluator} reports; a pruned evaluation
 * ends the trial PRUNED (its value the last report), a failure ends it FAIL and is rethrown. The study gets
 * the user attribute {@value #KIND_ATTR} = {@value #KIND}. Not thread-safe: one strategy drives it.
 */
public final class StudyCellEvaluator implements CellEvaluator {
    /** Study user attribute naming what kind of study this is. */
    public static final String KIND_ATTR = "automl4j.kind";
    /** Its value for NAS studies. */
    public static final String KIND = "nas";
    /** Trial user attribute: the architecture's encoding. */
    public static final String ARCHITECTURE = "architecture";
    /** Trial user attribute: the architecture as Graphviz DOT. */
    public static final String ARCHITECTURE_DOT = "architecture_dot";

    private final Study study;
    private final CellSpace space;
    private final TrialCellEvaluator evaluator;
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();

    /** Records {@code evaluator}'s evaluations of cells of {@code space} in {@code study}. */
    public StudyCellEvaluator(Study study, CellSpace space, TrialCellEvaluator evaluator) {
        this.study = study;
        this.space = space;
        this.evaluator = evaluator;
        List<Object> ids = new ArrayList<>();
        for (Op o : space.ops()) {
            ids.add(o.id());
        }
        for (int e = 0; e < 6; e++) {
            distributions.put("edge_" + e, CategoricalDistribution.of(ids));
        }
        study.setUserAttr(KIND_ATTR, KIND);
    }

    /** The study trials go to. */
    public Study study() {
        return study;
    }

    @Override
    public double evaluate(Cell cell, long seed) {
        if (!space.contains(cell)) {
            throw new IllegalArgumentException("cell " + cell.encode() + " is not in the space " + space);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int e = 0; e < 6; e++) {
            params.put("edge_" + e, cell.edges().get(e).id());
        }
        study.enqueueTrial(params);
        Trial trial = study.ask(distributions);
        trial.setUserAttr(ARCHITECTURE, cell.encode());
        trial.setUserAttr(ARCHITECTURE_DOT, cell.toDot());
        trial.setUserAttr("seed", seed);
        TrialCellEvaluator.Outcome outcome;
        try {
            outcome = evaluator.evaluate(cell, seed, trial);
        } catch (RuntimeException | Error e) {
            study.tellFailure(trial.number(), e);
            throw e;
        }
        if (outcome.pruned()) {
            study.tell(trial.number(), TrialState.PRUNED);
        } else {
            study.tell(trial, outcome.score());
        }
        return outcome.score();
    }
}
