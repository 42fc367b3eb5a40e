package org.automl4j.budget;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A budget of wall time: step = milliseconds since the trial started, amounts are seconds. Objectives
 * report with {@code trial.reportElapsed(value)}, so pruners compare trials after equal time spent,
 * whatever their speed. Immutable.
 *
 * @param min the first time a trial may be judged at, at least 1 ms
 * @param max the longest a trial may run, at least {@code min}
 */
public record WallTime(Duration min, Duration max) implements Budget {

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if {@code min} is shorter than 1 ms or {@code max < min}
     * @throws NullPointerException if a bound is null
     */
    public WallTime {
        Objects.requireNonNull(min, "min (the first time a trial may be judged at)");
        Objects.requireNonNull(max, "max (the longest a trial may run)");
        if (min.toMillis() < 1) {
            throw new IllegalArgumentException("WallTime: min must be at least 1 ms, but got " + min
                    + "; steps are elapsed milliseconds, pass e.g. Duration.ofSeconds(1)");
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("WallTime: max must be >= min, but got min=" + min + ", max=" + max
                    + "; pass the longest a trial may run as max");
        }
    }

    @Override
    public double minAmount() {
        return min.toMillis() / 1000.0;
    }

    @Override
    public double maxAmount() {
        return max.toMillis() / 1000.0;
    }

    @Override
    public String unit() {
        return "seconds";
    }

    /** {@code round(seconds * 1000)}: elapsed milliseconds. */
    @Override
    public long toStep(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("WallTime: elapsed seconds must be finite and >= 0, but got "
                    + seconds + "; report the time since the trial started");
        }
        return Math.round(seconds * 1000);
    }

    /** The step of an elapsed duration: its whole milliseconds. */
    public long toStep(Duration elapsed) {
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("WallTime: elapsed time must not be negative, but got " + elapsed
                    + "; the clock went backwards, use a monotonic clock");
        }
        return elapsed.toMillis();
    }

    @Override
    public double toAmount(long step) {
        return step / 1000.0;
    }

    @Override
    public List<Double> defaultSchedule() {
        return Schedules.geometric(this, 2);
    }
}
