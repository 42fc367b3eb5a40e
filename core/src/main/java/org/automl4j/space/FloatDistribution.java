package org.automl4j.space;

/**
 * A real-valued parameter in {@code [low, high]}, optionally on a log scale or on a grid of
 * {@code step} (a {@code step} of 0 means continuous). Log scale and step cannot be combined.
 *
 * @param low  the smallest value, finite
 * @param high the largest value, finite, {@code >= low}
 * @param log  whether values are searched on a log scale (needs {@code low > 0})
 * @param step grid spacing, {@code 0} for a continuous range; {@code high - low} must be a multiple
 */
public record FloatDistribution(double low, double high, boolean log, double step) implements Distribution {

    private static final double STEP_TOLERANCE = 1e-8;

    /**
     * @throws IllegalArgumentException on a bound that is not finite, {@code low > high}, a log scale
     *     with {@code low <= 0}, a negative or non-finite step, log combined with step, or a range
     *     that is not a multiple of the step
     */
    public FloatDistribution {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("float bounds must be finite, but got low=" + low + ", high=" + high
                    + "; give finite numbers");
        }
        if (!(low <= high)) {
            throw new IllegalArgumentException("low <= high must hold, but got low=" + low + ", high=" + high
                    + "; swap the bounds");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("a log-scale float needs low > 0, but got low=" + low
                    + "; use a positive lower bound such as 1e-8, or log=false");
        }
        if (!(step >= 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("step must be 0 (continuous) or a positive finite number, but got step="
                    + step + "; give a positive finite step, or 0 for a continuous range");
        }
        if (log && step > 0) {
            throw new IllegalArgumentException("log=true and step=" + step
                    + " cannot be combined; use either a log scale or a step");
        }
        if (step > 0) {
            double k = (high - low) / step;
            double off = Math.abs(k - Math.rint(k));
            // high must be a grid point by the test of containsInternal too (else high itself is not a value)
            if (off > STEP_TOLERANCE * Math.max(1, Math.abs(k)) || off > gridTolerance(high, low, step)) {
                java.math.BigDecimal fixed = java.math.BigDecimal.valueOf(low).add(
                        java.math.BigDecimal.valueOf(step).multiply(java.math.BigDecimal.valueOf(Math.floor(k))));
                throw new IllegalArgumentException("high - low must be a multiple of step, but got low=" + low
                        + ", high=" + high + ", step=" + step + "; use high=" + fixed.stripTrailingZeros().toPlainString());
            }
        }
    }

    /** A continuous range {@code [low, high]}. */
    public static FloatDistribution of(double low, double high) {
        return new FloatDistribution(low, high, false, 0);
    }

    /** A continuous range searched on a log scale. */
    public static FloatDistribution logScale(double low, double high) {
        return new FloatDistribution(low, high, true, 0);
    }

    /** The grid {@code low, low + step, ..., high}. */
    public static FloatDistribution stepped(double low, double high, double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("step must be > 0, but got step=" + step
                    + "; give a positive finite step, or no step for a continuous range");
        }
        return new FloatDistribution(low, high, false, step);
    }

    /** Whether the range is a grid. */
    public boolean hasStep() {
        return step > 0;
    }

    /** Number of grid points when stepped. */
    public long gridSize() {
        if (!hasStep()) {
            throw new IllegalStateException("a continuous float range has no grid; give it a step");
        }
        return Math.round((high - low) / step) + 1;
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Number n && containsInternal(n.doubleValue());
    }

    @Override
    public boolean containsInternal(double v) {
        if (!(v >= low && v <= high)) {
            return false;
        }
        if (step > 0) {
            double k = (v - low) / step;
            // a grid point low + k * step is rounded to a double: allow its rounding error, measured in steps
            return Math.abs(k - Math.rint(k)) <= gridTolerance(v, low, step);
        }
        return true;
    }

    @Override
    public double toInternal(Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("expected a number in [" + low + ", " + high + "], but got "
                    + describe(value));
        }
        double v = n.doubleValue();
        if (!containsInternal(v)) {
            throw new IllegalArgumentException(v + " is outside " + this + "; give a value in the range"
                    + (step > 0 ? " on the step grid" : ""));
        }
        return v;
    }

    /**
     * How far from a whole number of steps {@code (v - low) / step} may be for {@code v} to count as a grid point:
     * 1e-6 of a step, or the rounding of {@code low + k * step} to a double when that is more.
     */
    private static double gridTolerance(double v, double low, double step) {
        return Math.max(1e-6, 8 * Math.ulp(Math.max(Math.abs(v), Math.abs(low))) / step);
    }

    @Override
    public Object toExternal(double internal) {
        if (!containsInternal(internal)) {
            throw new IllegalArgumentException("internal value " + internal + " is outside " + this);
        }
        return internal;
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }

    @Override
    public String kind() {
        return "float";
    }

    static String describe(Object value) {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
