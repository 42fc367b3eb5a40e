package org.automl4j.internal;

import java.util.SplittableRandom;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;

/**
 * Maps a numeric distribution's internal values to and from the unit interval, in the space where
 * samplers should work: log space for log-scale parameters, and cells of equal width around each
 * grid point for ints and stepped floats (so every grid point has the same share of [0, 1]).
 * Immutable.
 */
public final class ParamTransform {

    private final Distribution distribution;
    private final double lo;
    private final double hi;
    private final boolean log;
    private final boolean discrete;
    private final double gridLow;
    private final double gridHigh;
    private final double step;
    /** Whether {@code hi - lo} overflows (a float range wider than {@code Double.MAX_VALUE}). */
    private final boolean wide;
    /** For a stepped float: 10^d, d the decimals of low and step (0.1 and 0.25: 100), or 0 when d > 15. */
    private final double decimalScale;

    private ParamTransform(Distribution d) {
        this.distribution = d;
        if (d instanceof FloatDistribution f) {
            log = f.log();
            discrete = f.hasStep();
            step = f.step();
            gridLow = f.low();
            gridHigh = f.high();
            if (log) {
                lo = Math.log(f.low());
                hi = Math.log(f.high());
            } else if (discrete) {
                lo = f.low() - f.step() / 2;
                hi = f.high() + f.step() / 2;
            } else {
                lo = f.low();
                hi = f.high();
            }
        } else if (d instanceof IntDistribution i) {
            log = i.log();
            discrete = true;
            step = i.step();
            gridLow = i.low();
            gridHigh = i.high();
            if (log) {
                lo = Math.log(i.low() - 0.5);
                hi = Math.log(i.high() + 0.5);
            } else {
                lo = i.low() - i.step() / 2.0;
                hi = i.high() + i.step() / 2.0;
            }
        } else if (d instanceof CategoricalDistribution) {
            throw new IllegalArgumentException("categorical parameters have no numeric transform: " + d);
        } else {
            throw new AssertionError(d);
        }
        wide = !Double.isFinite(hi - lo);
        decimalScale = d instanceof FloatDistribution f && f.hasStep() ? decimalScale(f.low(), f.step()) : 0;
    }

    private static double decimalScale(double low, double step) {
        int decimals = Math.max(0, Math.max(decimals(low), decimals(step)));
        return decimals > 15 ? 0 : Math.pow(10, decimals);
    }

    private static int decimals(double v) {
        return v == 0 ? 0 : java.math.BigDecimal.valueOf(v).stripTrailingZeros().scale();
    }

    /**
     * Grid point {@code k} ({@code low + k * step}) of a stepped float or an int, as an internal value. For a
     * float, rounded to the decimals of low and step when they have at most 15, so that 3 steps of 0.1 give
     * 0.3 and not 0.30000000000000004; clamped to {@code [low, high]}.
     */
    public double gridValue(long k) {
        return gridValueAt(k);
    }

    /** {@link #gridValue} for an index held as a whole double (a grid may have more than 2^63 points). */
    private double gridValueAt(double k) {
        if (!discrete) {
            throw new IllegalStateException("a continuous range has no grid: " + distribution);
        }
        double x = gridLow + k * step;
        if (distribution instanceof FloatDistribution) {
            if (decimalScale > 0) {
                double scaled = Math.rint(x * decimalScale);
                if (Math.abs(scaled) < 0x1p53) {
                    x = scaled / decimalScale;
                }
            }
            x = Math.min(gridHigh, Math.max(gridLow, x));
        }
        return x;
    }

    /** The transform of a float or int distribution. */
    public static ParamTransform of(Distribution d) {
        return new ParamTransform(d);
    }

    /** Whether the distribution is a grid (int or stepped float). */
    public boolean isDiscrete() {
        return discrete;
    }

    /** The distribution this transform belongs to. */
    public Distribution distribution() {
        return distribution;
    }

    /** Internal value to the unit interval. */
    public double normalize(double internal) {
        double y = log ? Math.log(internal) : internal;
        if (hi == lo) {
            return 0.5;
        }
        if (wide) {
            return (y / 2 - lo / 2) / (hi / 2 - lo / 2);
        }
        return (y - lo) / (hi - lo);
    }

    /** A point of the unit interval to the nearest valid internal value (rounded to the grid, clamped). */
    public double denormalize(double u) {
        double y = wide ? (1 - u) * lo + u * hi : lo + u * (hi - lo);
        double x = log ? Math.exp(y) : y;
        if (discrete) {
            double k = Math.rint((x - gridLow) / step);
            double kMax = Math.rint((gridHigh - gridLow) / step);
            k = Math.max(0, Math.min(kMax, k));
            return gridValueAt(k);
        }
        return Math.max(gridLow, Math.min(gridHigh, x));
    }

    /** The cell of grid value {@code internal} in the unit interval, as {@code [lower, upper]}; discrete only. */
    public double cellLower(double internal) {
        double a = log ? Math.log(internal - 0.5) : internal - step / 2;
        return (a - lo) / (hi - lo);
    }

    /** Upper end of the cell of {@code internal}; see {@link #cellLower}. */
    public double cellUpper(double internal) {
        double b = log ? Math.log(internal + 0.5) : internal + step / 2;
        return (b - lo) / (hi - lo);
    }

    /**
     * A uniform draw from {@code d} as an internal value: log-uniform for log scales, equal mass per
     * grid point for ints and steps, equal mass per category.
     */
    public static double uniform(SplittableRandom rng, Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return rng.nextInt(c.size());
        }
        return of(d).denormalize(rng.nextDouble());
    }
}
