package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.automl4j.sampler.Samplers;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** Misuse of the ask/tell and enqueue life cycle is refused with a message, or handled as documented. */
class StudyLifecycleTest {

    private static Study study() {
        return Study.builder().name("life").sampler(Samplers.random(1)).build();
    }

    @Test
    void tellingAnEnqueuedTrialThatNoWorkerStartedIsRefusedAndItStaysEnqueued() {
        Study s = study();
        FrozenTrial waiting = s.enqueueTrial(Map.of("x", 0.5));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.tell(waiting.number(), 1.0));
        assertTrue(e.getMessage().contains("WAITING"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> s.tell(waiting.number(), TrialState.PRUNED));
        assertEquals(List.of(), s.trials(TrialState.COMPLETE, TrialState.PRUNED));
        s.optimize(t -> t.suggestFloat("x", 0, 1), 1);
        FrozenTrial ran = s.trials().get(0);
        assertEquals(TrialState.COMPLETE, ran.state());
        assertEquals(0.5, ran.value(), 0.0, "the enqueued parameters were evaluated, not a told value");
    }
}
