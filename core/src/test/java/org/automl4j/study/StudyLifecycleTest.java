package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

    @Test
    void enqueuedTextForAFloatParameterFailsItsTrialNamingTheTypeNotARange() {
        Study s = study();
        s.enqueueTrial(Map.of("x", "0.5"));
        s.optimize(t -> t.suggestFloat("x", 0, 1), 1);
        FrozenTrial t = s.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        String m = t.failure().message();
        assertTrue(m.contains("\"0.5\" (String)") && m.contains("enqueue a number"), m);
    }

    @Test
    void enqueuedCategoricalValueOutsideTheChoicesNamesTheChoices() {
        Study s = study();
        s.enqueueTrial(Map.of("c", "z"));
        s.optimize(t -> t.suggestCategorical("c", List.of("a", "b")).hashCode(), 1);
        String m = s.trials().get(0).failure().message();
        assertTrue(m.contains("one of the choices [a, b]"), m);
    }

    @Test
    void enqueueingAParameterWithoutANameOrWithANonValueIsRefusedAtOnce() {
        Study s = study();
        Map<String, Object> noName = new java.util.HashMap<>();
        noName.put(null, 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.enqueueTrial(noName));
        assertTrue(e.getMessage().contains("no name"), e.getMessage());
        Map<String, Object> nullValue = new java.util.HashMap<>();
        nullValue.put("x", null);
        e = assertThrows(IllegalArgumentException.class, () -> s.enqueueTrial(nullValue));
        assertTrue(e.getMessage().contains("'x' is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.enqueueTrial(Map.of("x", List.of(1))));
        assertTrue(e.getMessage().contains("number, string or boolean"), e.getMessage());
        assertThrows(NullPointerException.class, () -> s.enqueueTrial(Map.of("x", 0.5), null));
        assertEquals(List.of(), s.trials(), "nothing was enqueued");
    }

    @Test
    void heartbeatIntervalUnderAMillisecondIsRefusedBecauseStoragesCountMilliseconds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Heartbeat(Duration.ofNanos(500), Duration.ofNanos(900), 0));
        assertTrue(e.getMessage().contains("at least 1 ms"), e.getMessage());
    }

    @Test
    void heartbeatGraceBeyondAHundredYearsIsRefusedInsteadOfOverflowingLater() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Heartbeat(Duration.ofDays(1), Duration.ofDays(200_000), 0));
        assertTrue(e.getMessage().contains("at most 36500 days"), e.getMessage());
    }

    @Test
    void heartbeatNeedsAPositiveIntervalAndAGraceLongerThanIt() {
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(Duration.ZERO, Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(Duration.ofSeconds(-1), Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(Duration.ofSeconds(2), Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(4), -1));
        assertThrows(NullPointerException.class, () -> Heartbeat.every(null));
        assertEquals(Duration.ofSeconds(4), Heartbeat.every(Duration.ofSeconds(1)).grace());
    }

    @Test
    void addTrialRefusesAFailTrialWithValuesAndAPrunedTrialWithTheWrongNumberOfValues() {
        Study s = study();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.addTrial(FrozenTrial.builder().state(TrialState.FAIL).values(1.0).build()));
        assertTrue(e.getMessage().contains("FAIL trial"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> s.addTrial(FrozenTrial.builder().state(TrialState.PRUNED).values(1.0, 2.0).build()));
        assertTrue(e.getMessage().contains("PRUNED trial"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.addTrial(FrozenTrial.builder().state(TrialState.COMPLETE).build()));
        assertThrows(IllegalArgumentException.class,
                () -> s.addTrial(FrozenTrial.builder().state(TrialState.COMPLETE).values(1.0, 2.0).build()));
        assertEquals(List.of(), s.trials());
        assertEquals(TrialState.PRUNED, s.addTrial(FrozenTrial.builder().state(TrialState.PRUNED).values(0.5).build()).state());
        assertEquals(TrialState.PRUNED, s.addTrial(FrozenTrial.builder().state(TrialState.PRUNED).build()).state());
    }

    @Test
    void enqueueIfAbsentSkipsParametersAlreadyEnqueuedOrEvaluated() {
        Study s = study();
        FrozenTrial first = s.enqueueTrialIfAbsent(Map.of("x", 0.5, "n", 3), Map.of());
        assertEquals(first.number(), s.enqueueTrialIfAbsent(Map.of("x", 0.5, "n", 3.0), Map.of()).number(),
                "the same parameters, still waiting: skipped (3.0 is the int 3)");
        s.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestInt("n", 0, 5), 1);
        assertEquals(first.number(), s.enqueueTrialIfAbsent(Map.of("x", 0.5, "n", 3), Map.of()).number(),
                "evaluated already: skipped, as when a resumed script enqueues its starting points again");
        FrozenTrial other = s.enqueueTrialIfAbsent(Map.of("x", 0.5), Map.of());
        assertEquals(TrialState.WAITING, other.state(), "other names are other parameters");
        assertEquals(TrialState.WAITING, s.enqueueTrialIfAbsent(Map.of("x", 0.25, "n", 3), Map.of()).state());
        assertEquals(3, s.trials().size());
        s.enqueueTrial(Map.of("x", 0.25, "n", 3));
        assertEquals(4, s.trials().size(), "enqueueTrial itself always enqueues");
    }

    @Test
    void tellFailureWithoutAnErrorSaysHowToFailATrialWithoutOneAndLeavesItRunning() {
        Study s = study();
        int n = s.ask().number();
        NullPointerException e = assertThrows(NullPointerException.class, () -> s.tellFailure(n, null));
        assertTrue(e.getMessage().contains("TrialState.FAIL"), e.getMessage());
        assertEquals(TrialState.RUNNING, s.storage().trial("life", n).state());
        assertEquals(TrialState.FAIL, s.tell(n, TrialState.FAIL).state());
    }

    @Test
    void continuationOfAnEnqueuedTrialThatFailedEarlyRunsTheWholeEnqueuedConfiguration() {
        Study s = study();
        s.enqueueTrial(Map.of("x", 0.25, "n", 7));
        org.automl4j.trial.Trial t = s.ask();
        t.suggestFloat("x", 0, 1);
        s.tellFailure(t.number(), new IllegalStateException("out of GPU memory before n was suggested"));
        FrozenTrial again = s.enqueueContinuation(t.number());
        s.optimize(r -> r.suggestFloat("x", 0, 1) + r.suggestInt("n", 0, 100), 1);
        FrozenTrial ran = s.storage().trial("life", again.number());
        assertEquals(Map.of("x", 0.25, "n", 7), ran.params(), "n as enqueued, not sampled afresh");
    }
}
