package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;

/** The heartbeat thread's work, called directly (its timer beats once an hour here, so never in a test). */
class HeartbeatMonitorTest {

    private static final Heartbeat HOURLY = new Heartbeat(Duration.ofHours(1), Duration.ofHours(2), 0);

    @Test
    void aTrialFinishedElsewhereIsNoLongerBeatenForAndTheTimerStops() {
        InMemoryStorage storage = new InMemoryStorage();
        storage.createStudy("s", List.of(Direction.MINIMIZE));
        HeartbeatMonitor monitor = new HeartbeatMonitor("s", storage, HOURLY);
        int n = storage.createTrial("s", FrozenTrial.builder().state(TrialState.RUNNING).build()).number();
        monitor.started(n);
        assertTrue(monitor.isBeating());
        monitor.beat();
        assertTrue(monitor.isBeating(), "a RUNNING trial is beaten for");
        // another Study object on the same stored study tells it
        storage.finishTrial("s", n, TrialState.COMPLETE, List.of(1.0), null);
        monitor.beat();
        assertFalse(monitor.isBeating(), "nothing left to beat for: the timer stops instead of writing forever");
    }

    @Test
    void aFirstHeartbeatThatCannotBeWrittenLeavesTheTrialRunningAndBeatenForInsteadOfOrphaned() {
        InMemoryStorage real = new InMemoryStorage();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger(1);
        org.automl4j.storage.Storage busyOnce = (org.automl4j.storage.Storage) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.automl4j.storage.Storage.class}, (proxy, m, args) -> {
                    if (m.getName().equals("recordHeartbeat") && failures.getAndDecrement() > 0) {
                        throw new org.automl4j.storage.StorageException("database is locked");
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Study s = Study.builder().name("s").storage(busyOnce).heartbeat(HOURLY).build();
        org.automl4j.trial.Trial t = s.ask();
        assertEquals(TrialState.RUNNING, real.trial("s", t.number()).state());
        assertEquals(TrialState.COMPLETE, s.tell(t, 1.0).state());
        assertEquals(1, real.trialCount("s"), "no orphaned RUNNING trial");
    }
}
