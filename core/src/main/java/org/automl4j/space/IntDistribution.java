package org.automl4j.space;

/**
 * An integer parameter in {@code [low, high]}, optionally on a log scale or on a grid of
 * {@code step}. Log scale requires {@code step == 1}.
 *
 * @param low  the smallest value
 * @param high the largest value, {@code >= low}
 * @param log  whether values are searched on a log scale (needs {@code low >= 1})
 * @param step grid spacing, {@code >= 1}; {@code high - low} must be a multiple of it
 */
public record IntDistribution(int low, int high, boolean log, int step) implements Distribution {

    /**
     * @throws IllegalArgumentException on {@code low > high}, a step below 1, a log scale with
     *     {@code low < 1} or a step other than 1, or a range that is not a multiple of the step
     */
    public IntDistribution {
        if (low > high) {
            throw new IllegalArgumentException("low <= high must hold, but got low=" + low + ", high=" + high
                    + "; swap the bounds");
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1, but got step=" + step + "; give a positive step");
        }
        if (log && low < 1) {
            throw new IllegalArgumentException("a log-scale int needs low >= 1, but got low=" + low
                    + "; use low=1 or log=false");
        }
        if (log && step != 1) {
            throw new IllegalArgumentException("log=true needs step=1, but got step=" + step
                    + "; use either a log scale or a step");
        }
        if (((long) high - low) % step != 0) {
            long fixed = low + (((long) high - low) / step) * step;
            throw new IllegalArgumentException("high - low must be a multiple of step, but got low=" + low
                    + ", high=" + high + ", step=" + step + "; use high=" + fixed);
        }
    }

    /** The integers {@code low..high}. */
    public static IntDistribution of(int low, int high) {
        return new IntDistribution(low, high, false, 1);
    }

    /** The integers {@code low..high} searched on a log scale. */
    public static IntDistribution logScale(int low, int high) {
        return new IntDistribution(low, high, true, 1);
    }

    /** The integers {@code low, low + step, ..., high}. */
    public static IntDistribution stepped(int low, int high, int step) {
        return new IntDistribution(low, high, false, step);
    }

    /** Number of values in the domain. */
    public long gridSize() {
        return ((long) high - low) / step + 1;
    }

    @Override
    public boolean contains(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return containsInternal(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && containsInternal(d);
        }
        return false;
    }

    @Override
    public boolean containsInternal(double v) {
        return v >= low && v <= high && v == Math.rint(v) && ((long) v - low) % step == 0;
    }

    @Override
    public double toInternal(Object value) {
        if (!contains(value)) {
            throw new IllegalArgumentException(FloatDistribution.describe(value) + " is not in " + this
                    + "; give an integer in the range" + (step > 1 ? " on the step grid" : ""));
        }
        return ((Number) value).doubleValue();
    }

    @Override
    public Object toExternal(double internal) {
        if (!containsInternal(internal)) {
            throw new IllegalArgumentException("internal value " + internal + " is not in " + this);
        }
        return (int) internal;
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }

    @Override
    public String kind() {
        return "int";
    }
}
