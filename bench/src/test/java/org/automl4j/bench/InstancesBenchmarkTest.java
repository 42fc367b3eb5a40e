package org.automl4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.automl4j.problems.BenchmarkProblem;
import org.automl4j.problems.Problems;
import org.junit.jupiter.api.Test;

class InstancesBenchmarkTest {

    @Test
    void withoutAPrunerEveryTrialEvaluatesEveryInstanceUntilTheBudgetIsSpent() {
        BenchmarkProblem branin = Problems.byName("branin");
        InstancesBenchmark.Run r = InstancesBenchmark.run(branin, 5, "none", 0, 10, 200);
        assertEquals(200, r.evaluations());
        assertEquals(20, r.trials());
        assertEquals(20, r.complete());
        double regret = r.regretAt().get(200);
        assertTrue(regret >= 0 && Double.isFinite(regret), "regret " + regret);
    }

    @Test
    void theWilcoxonPrunerStopsTrialsEarlySoMoreAreTriedOnTheSameBudget() {
        BenchmarkProblem branin = Problems.byName("branin");
        InstancesBenchmark.Run none = InstancesBenchmark.run(branin, 5, "none", 1, 10, 400);
        InstancesBenchmark.Run wilcoxon = InstancesBenchmark.run(branin, 5, "wilcoxon", 1, 10, 400);
        assertEquals(400, wilcoxon.evaluations());
        assertTrue(wilcoxon.trials() > none.trials() + 5, none.trials() + " vs " + wilcoxon.trials());
        assertEquals(wilcoxon.regretAt(), InstancesBenchmark.run(branin, 5, "wilcoxon", 1, 10, 400).regretAt());
    }
}
