package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.automl4j.sampler.Samplers;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** A trial that {@code optimize} runs but that something else finishes first: the record stands, the run goes on. */
class StudyFinishedElsewhereTest {

    @Test
    void aTellFromAnotherHandleDuringTheObjectiveKeepsThatRecordAndTheRunGoesOn() {
        InMemoryStorage storage = new InMemoryStorage();
        Study running = Study.builder().name("shared").storage(storage).sampler(Samplers.random(1)).build();
        Study other = Study.builder().name("shared").storage(storage).loadIfExists(true).build();
        running.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            if (t.number() == 1) {
                other.tell(1, 42.0); // e.g. an operator's ask/tell client, or another process
            }
            return x;
        }, 4);
        List<FrozenTrial> trials = running.trials();
        assertEquals(4, trials.size(), "the run was not ended by the other handle's tell");
        assertEquals(42.0, trials.get(1).value(), 0.0, "the first record stands");
        assertEquals(List.of(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.COMPLETE, TrialState.COMPLETE),
                trials.stream().map(FrozenTrial::state).toList());
    }

    @Test
    void trialsFailedAsStaleByAnotherWorkerDoNotCountAsTheObjectivesInitialFailures() {
        InMemoryStorage storage = new InMemoryStorage();
        Study running = Study.builder().name("slow").storage(storage).sampler(Samplers.random(1)).build();
        running.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            if (t.number() < 3) { // another worker thought this one dead and failed it, as StaleTrial does
                storage.finishTrial("slow", t.number(), TrialState.FAIL, List.of(),
                        TrialFailure.of("StaleTrial", "no heartbeat for 60 s"));
            }
            return x;
        }, OptimizeOptions.trials(5).withMaxInitialFailures(3));
        List<FrozenTrial> trials = running.trials();
        assertEquals(5, trials.size(), "no StudySetupException: the objective itself never failed");
        assertEquals(3, trials.stream().filter(t -> t.state() == TrialState.FAIL).count());
    }
}
