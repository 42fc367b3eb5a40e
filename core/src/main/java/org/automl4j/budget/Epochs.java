package org.automl4j.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * A budget of epochs (or iterations, or boosting rounds): step = epoch, so objectives may keep calling
 * {@code trial.report(epoch, value)}. Immutable.
 *
 * @param min the first epoch a trial is judged at, at least 1
 * @param max the last epoch a trial may train, at least {@code min}
 */
public record Epochs(long min, long max) implements Budget {

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if {@code min < 1} or {@code max < min}
     */
    public Epochs {
        if (min < 1) {
            throw new IllegalArgumentException("Epochs: min must be >= 1, but got min=" + min
                    + "; pass the first epoch after which a trial may be judged, e.g. 1");
        }
        if (max < min) {
            throw new IllegalArgumentException("Epochs: max must be >= min, but got min=" + min + ", max=" + max
                    + "; pass the largest number of epochs a trial may train as max");
        }
    }

    @Override
    public double minAmount() {
        return min;
    }

    @Override
    public double maxAmount() {
        return max;
    }

    @Override
    public String unit() {
        return "epochs";
    }

    /** The nearest whole epoch. */
    @Override
    public long toStep(double amount) {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("Epochs: an amount of epochs must be finite and >= 0, but got "
                    + amount + "; report the number of epochs trained so far");
        }
        return Math.round(amount);
    }

    @Override
    public double toAmount(long step) {
        return step;
    }

    /** The most epochs {@link #defaultSchedule()} lists one by one. */
    static final long MAX_SCHEDULE = 10_000_000;

    /**
     * Every epoch from min to max.
     *
     * @throws IllegalStateException if that is more than 10,000,000 epochs
     */
    @Override
    public List<Double> defaultSchedule() {
        if (max - min >= MAX_SCHEDULE) {
            throw new IllegalStateException(this + " has " + (max - min >= Long.MAX_VALUE - 1 ? "about 2^63"
                    : String.valueOf(max - min + 1)) + " epochs, too many to list one by one (at most 10,000,000);"
                    + " report at a schedule of your own with reportAt, or use a pruner with rungs"
                    + " (Pruners.successiveHalving or hyperband built from the budget)");
        }
        List<Double> out = new ArrayList<>();
        for (long e = min; e <= max; e++) {
            out.add((double) e);
        }
        return List.copyOf(out);
    }
}
