package org.automl4j.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.study.Study;
import org.junit.jupiter.api.Test;

class FrozenTrialParamsTest {

    @Test
    void addedTrialsKeepParametersAsTheirDistributionsGiveThemOut() {
        // Before: the caller's objects were kept, so bestParams() returned 1 (Integer) for a float, 10.0 (Double)
        // or 3L (Long) for an int, and 1.0 for the categorical choice 1: a cast such as (Integer) failed.
        Study study = Study.builder().sampler(Samplers.tpe(1)).build();
        study.addTrial(FrozenTrial.builder().number(0).state(TrialState.COMPLETE).values(0.5)
                .param("x", FloatDistribution.stepped(0, 1, 0.1), 1)
                .param("i", IntDistribution.of(0, 10), 10.0)
                .param("j", IntDistribution.stepped(1, 9, 2), 3L)
                .param("c", CategoricalDistribution.of(1, "1", 2.5, true), 1.0).build());
        Map<String, Object> best = study.bestParams();
        assertEquals(Double.valueOf(1.0), best.get("x"));
        assertEquals(Integer.valueOf(10), best.get("i"));
        assertEquals(Integer.valueOf(3), best.get("j"));
        assertEquals(Integer.valueOf(1), best.get("c"));
        study.optimize(t -> t.suggestFloat("x", 0, 1, 0.1) + t.suggestInt("i", 0, 10), 3);
        study.trials().forEach(t -> assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.failure())));
    }
}
