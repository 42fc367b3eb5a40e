package org.automl4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MultiFidelityBenchmarkTest {

    @Test
    void runStopsOnceTheEpochBudgetIsSpentAndTracksTheIncumbent() {
        MultiFidelityBenchmark.Run r = MultiFidelityBenchmark.run("random", "none", 3, 810);
        assertEquals(810, r.epochsUsed(), "without pruning every trial trains 81 epochs: 10 trials");
        assertEquals(10, r.trials());
        assertEquals(10, r.completeTrials());
        double at810 = r.trueRegretAt().get(810);
        assertTrue(at810 >= 0 && Double.isFinite(at810), "regret " + at810);
        assertEquals(at810, r.trueRegretAt().get(8100), "nothing happens after the budget is spent");
    }

    @Test
    void sameSeedGivesTheSameRun() {
        assertEquals(MultiFidelityBenchmark.run("tpe", "none", 1, 1620).trueRegretAt(),
                MultiFidelityBenchmark.run("tpe", "none", 1, 1620).trueRegretAt());
    }
}
