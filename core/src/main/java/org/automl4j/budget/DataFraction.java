package org.automl4j.budget;

import java.util.List;

/**
 * A budget that is a fraction of the training data (subsampling): step =
 * {@code round(fraction * }{@value #RESOLUTION}{@code )}, so pruners compare trials trained on the same
 * share of the data. Immutable.
 *
 * @param min the smallest fraction a trial is judged at, in {@code [1/RESOLUTION, max]}
 * @param max the largest fraction, at most 1
 */
public record DataFraction(double min, double max) implements Budget {

    /** Steps per whole data set: fractions are reported in permille. */
    public static final long RESOLUTION = 1000;

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException unless {@code 1/RESOLUTION <= min <= max <= 1}
     */
    public DataFraction {
        if (!(min * RESOLUTION >= 1 - 1e-9)) {
            throw new IllegalArgumentException("DataFraction: min must be >= " + (1.0 / RESOLUTION)
                    + " (fractions are reported in steps of 1/" + RESOLUTION + "), but got min=" + min
                    + "; train the smallest trials on at least 0.1% of the data");
        }
        if (!(min <= max && max <= 1)) {
            throw new IllegalArgumentException("DataFraction: min <= max <= 1 must hold, but got min=" + min
                    + ", max=" + max + "; max is the share of the data the largest trials use, usually 1.0");
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
        return "fraction";
    }

    /** {@code round(fraction * RESOLUTION)}. */
    @Override
    public long toStep(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("DataFraction: a fraction of the data must be in [0, 1], but got "
                    + fraction + "; report the share of the training data used, e.g. 0.25");
        }
        return Math.round(fraction * RESOLUTION);
    }

    @Override
    public double toAmount(long step) {
        return step / (double) RESOLUTION;
    }

    @Override
    public List<Double> defaultSchedule() {
        return Schedules.geometric(this, 2);
    }
}
