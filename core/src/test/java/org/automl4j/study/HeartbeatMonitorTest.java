package org.automl4j.study;

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
}
