package org.automl4j.study;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.automl4j.storage.Storage;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One study's heartbeats in this process: records a heartbeat for each of its running trials on a
 * daemon thread, and finds the stale trials of dead workers. The thread exists only while trials run.
 */
final class HeartbeatMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatMonitor.class);

    private final String study;
    private final Storage storage;
    private final Heartbeat config;
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> task;
    private long lastStaleCheck = Long.MIN_VALUE;

    HeartbeatMonitor(String study, Storage storage, Heartbeat config) {
        this.study = study;
        this.storage = storage;
        this.config = config;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "automl4j-heartbeat-" + study);
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
    }

    Heartbeat config() {
        return config;
    }

    /**
     * A trial of this process started: beat now and keep beating until {@link #stopped}. A first heartbeat
     * that cannot be written (a busy database) is logged and left to the next beat: throwing would leave the
     * trial RUNNING with no worker and no heartbeat, which no other worker ever fails as stale.
     */
    synchronized void started(int number) {
        try {
            storage.recordHeartbeat(study, number);
        } catch (RuntimeException e) {
            LOG.warn("study '{}': could not record the first heartbeat of trial {} (the next beat tries again): {}",
                    study, number, e.toString());
        }
        running.add(number);
        if (task == null) {
            long ms = Math.max(1, config.interval().toMillis());
            task = timer.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** A trial of this process finished. */
    synchronized void stopped(int number) {
        running.remove(number);
        if (running.isEmpty() && task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /**
     * Records a heartbeat for each running trial. A trial that is finished in the storage (told by another
     * Study object or process, or failed as stale) is no longer beaten for, so the thread ends with the last
     * one instead of writing for it forever.
     */
    void beat() {
        for (int n : running) {
            try {
                if (storage.trial(study, n).state().isFinished()) {
                    stopped(n);
                    continue;
                }
                storage.recordHeartbeat(study, n);
            } catch (RuntimeException e) {
                LOG.warn("study '{}': could not record the heartbeat of trial {}: {}", study, n, e.toString());
            }
        }
    }

    /** Whether heartbeats are scheduled (some trial of this process is running). */
    synchronized boolean isBeating() {
        return task != null;
    }

    /**
     * The stale trials of other workers, at most once per heartbeat interval (empty in between), so
     * that starting many short trials does not query the storage each time.
     */
    List<FrozenTrial> staleTrials() {
        long now = System.nanoTime();
        synchronized (this) {
            if (lastStaleCheck != Long.MIN_VALUE && now - lastStaleCheck < config.interval().toNanos()) {
                return List.of();
            }
            lastStaleCheck = now;
        }
        return staleTrialsNow();
    }

    /** The stale trials of other workers, asked of the storage now; this process's running trials are alive. */
    List<FrozenTrial> staleTrialsNow() {
        return storage.staleTrials(study, config.grace()).stream().filter(t -> !running.contains(t.number())).toList();
    }

    /**
     * The WAITING trial that retries {@code stale}, or null when it has used up its retries: the stale
     * trial's parameters fixed, including enqueued ones ({@value LiveTrial#FIXED_PARAMS}) its worker died
     * before suggesting (else the retry would sample them afresh and run another configuration), its user
     * attributes, and {@value Heartbeat#RETRY_OF} / {@value Heartbeat#RETRY_COUNT}.
     */
    FrozenTrial retryOf(FrozenTrial stale) {
        Object c = stale.systemAttrs().get(Heartbeat.RETRY_COUNT);
        int count = c instanceof Number num ? num.intValue() : 0;
        if (count >= config.maxRetries()) {
            return null;
        }
        FrozenTrial.Builder b = FrozenTrial.builder().state(TrialState.WAITING)
                .systemAttr(LiveTrial.FIXED_PARAMS, LiveTrial.configurationOf(stale))
                .systemAttr(Heartbeat.RETRY_OF, stale.number())
                .systemAttr(Heartbeat.RETRY_COUNT, count + 1);
        stale.userAttrs().forEach(b::userAttr);
        return b.build();
    }
}
