package org.automl4j.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource a trial spends, from {@link #minAmount()} to {@link #maxAmount()} in its {@link #unit()},
 * and its mapping to the integer step axis that pruners judge on: objectives report at
 * {@link #toStep(double)}, pruners compare trials at equal steps, so at equal budget. Immutable.
 *
 * <pre>{@code
 * Budget.epochs(81)                                   // step = epoch
 * Budget.dataFraction(1 / 27.0, 1.0)                  // step = round(fraction * 1000)
 * Budget.wallTime(Duration.ofSeconds(10), Duration.ofMinutes(15))   // step = elapsed milliseconds
 * }</pre>
 */
public sealed interface Budget permits Epochs, DataFraction, WallTime {

    /** The smallest amount a trial is evaluated at, in {@link #unit()}. */
    double minAmount();

    /** The largest amount a trial may spend, in {@link #unit()}. */
    double maxAmount();

    /** The unit of amounts: {@code "epochs"}, {@code "fraction"} or {@code "seconds"}. */
    String unit();

    /**
     * The pruner step for {@code amount} (in {@link #unit()}).
     *
     * @throws IllegalArgumentException if {@code amount} is negative, not finite, or outside what the unit allows
     */
    long toStep(double amount);

    /** The amount (in {@link #unit()}) that step {@code step} stands for. */
    double toAmount(long step);

    /** The step of {@link #minAmount()}; at least 1. */
    default long minStep() {
        return toStep(minAmount());
    }

    /** The step of {@link #maxAmount()}. */
    default long maxStep() {
        return toStep(maxAmount());
    }

    /**
     * The successive-halving rungs in this budget's unit: {@code min * eta^k} for every {@code k >= 0} with
     * {@code min * eta^k <= max} (a level within 1e-9 relative of {@code max} is {@code max} exactly, so
     * {@code dataFraction(1/27.0, 1).levels(3)} is {@code [1/27, 1/9, 1/3, 1]}). The max itself is a level only
     * when it lies on this grid.
     *
     * @throws IllegalArgumentException if {@code eta < 2}
     */
    default List<Double> levels(int eta) {
        if (eta < 2) {
            throw new IllegalArgumentException("eta (the reduction factor) must be >= 2, but got " + eta
                    + "; pass e.g. 3 (the classic choice)");
        }
        double min = minAmount();
        double max = maxAmount();
        List<Double> out = new ArrayList<>();
        long previousStep = -1;
        for (double level = min; level <= max * (1 + 1e-9); level *= eta) {
            double snapped = Math.abs(level - max) <= 1e-9 * max ? max : level;
            long step = toStep(snapped);
            if (step > previousStep) {
                out.add(snapped);
                previousStep = step;
            }
        }
        return List.copyOf(out);
    }

    /**
     * The amounts an objective reports at when the pruner judges at any step (median, percentile,
     * threshold...): ascending, ending at {@link #maxAmount()}. Epochs: every epoch from min to max;
     * data fraction and wall time: {@code min, 2 min, 4 min, ...} and then max.
     */
    List<Double> defaultSchedule();

    /** Epochs (or iterations) {@code 1..max}. */
    static Budget epochs(long max) {
        return new Epochs(1, max);
    }

    /** Epochs (or iterations) {@code min..max}. */
    static Budget epochs(long min, long max) {
        return new Epochs(min, max);
    }

    /** A fraction of the training data in {@code [min, max]}, reported with a resolution of 1/1000. */
    static Budget dataFraction(double min, double max) {
        return new DataFraction(min, max);
    }

    /** Wall time from {@code min} to {@code max}, reported as elapsed milliseconds. */
    static Budget wallTime(Duration min, Duration max) {
        return new WallTime(min, max);
    }
}
