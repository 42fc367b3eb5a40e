package org.automl4j.study;

import java.time.Duration;
import java.util.Objects;

/**
 * How a study detects dead workers: each worker records a heartbeat for its running trials every
 * {@code interval}; a RUNNING trial whose last heartbeat is more than {@code grace} old belongs to a
 * worker that died (killed, out of memory, machine lost), and the next worker to start a trial marks it
 * FAIL. With {@code maxRetries > 0}, the failed trial's parameters are enqueued again (system attribute
 * {@code retry_of} names the failed trial), up to that many times per original trial.
 *
 * <p>Workers compare times by their storage's clock: keep the machines' clocks synchronised (NTP) and
 * the grace well above any skew and any pause of a live worker (a long GC).
 *
 * @param interval   time between heartbeats, at least 1 ms
 * @param grace      how old a heartbeat may get before its trial is stale; more than {@code interval}, at most
 *                   36,500 days
 * @param maxRetries how many times a stale trial's parameters are tried again, 0 or more
 */
public record Heartbeat(Duration interval, Duration grace, int maxRetries) {

    /** System attribute of a retried trial: the number of the stale trial it repeats. */
    public static final String RETRY_OF = "retry_of";

    /** System attribute of a retried trial: how many times the original trial has been retried. */
    public static final String RETRY_COUNT = "retry_count";

    /** The longest grace period: about 100 years, far from the overflow of nanosecond and millisecond times. */
    static final Duration MAX_GRACE = Duration.ofDays(36_500);

    /**
     * @throws IllegalArgumentException if {@code interval} is under 1 ms, {@code grace} is not longer than it or
     *     longer than 36,500 days, or {@code maxRetries} is negative
     */
    public Heartbeat {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(grace, "grace");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, but got " + interval);
        }
        if (interval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("heartbeat interval must be at least 1 ms, but got " + interval
                    + ": storages keep heartbeats in whole milliseconds, so a shorter grace would fail live trials;"
                    + " use e.g. Duration.ofSeconds(10)");
        }
        if (grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("heartbeat grace must be at most " + MAX_GRACE.toDays() + " days, but got "
                    + grace + " (longer ones overflow the storages' millisecond times); to never fail stale trials,"
                    + " build the study without a heartbeat");
        }
        if (grace.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("heartbeat grace (" + grace + ") must exceed the interval ("
                    + interval + "), or live trials are failed between two heartbeats; use e.g. 4 intervals");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, but got " + maxRetries);
        }
    }

    /** Heartbeats every {@code interval}, a grace of four intervals, no retry. */
    public static Heartbeat every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        return new Heartbeat(interval, interval.multipliedBy(4), 0);
    }

    /** The same heartbeat with {@code n} retries of a stale trial's parameters. */
    public Heartbeat withRetries(int n) {
        return new Heartbeat(interval, grace, n);
    }

    /** The same heartbeat with another grace period. */
    public Heartbeat withGrace(Duration g) {
        return new Heartbeat(interval, g, maxRetries);
    }
}
