package org.automl4j.problems;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.automl4j.trial.Trial;

/**
 * A continuous test function on a box: {@link #value(double[])} evaluates it directly, and
 * {@link #evaluate(Trial)} suggests {@code x0..x{d-1}} with {@code suggestFloat(name, low, high, false)}
 * in that order. Instances are immutable; the arrays returned are copies.
 */
public final class ContinuousFunction implements BenchmarkProblem {

    private final String name;
    private final double[] lows;
    private final double[] highs;
    private final double optimum;
    private final double[][] minimizers;
    private final ToDoubleFunction<double[]> f;

    ContinuousFunction(String name, double[] lows, double[] highs, double optimum, double[][] minimizers,
            ToDoubleFunction<double[]> f) {
        if (lows.length != highs.length || lows.length == 0) {
            throw new IllegalArgumentException("lows and highs must have the same positive length");
        }
        this.name = name;
        this.lows = lows.clone();
        this.highs = highs.clone();
        this.optimum = optimum;
        this.minimizers = new double[minimizers.length][];
        for (int i = 0; i < minimizers.length; i++) {
            this.minimizers[i] = minimizers[i].clone();
        }
        this.f = f;
    }

    /** A function on the box {@code [low, high]^d}. */
    static ContinuousFunction onCube(String name, int d, double low, double high, double optimum,
            double[] minimizer, ToDoubleFunction<double[]> f) {
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new ContinuousFunction(name, lo, hi, optimum, new double[][] {minimizer}, f);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return lows.length;
    }

    /** Lower bounds of the box, one per coordinate. */
    public double[] lows() {
        return lows.clone();
    }

    /** Upper bounds of the box, one per coordinate. */
    public double[] highs() {
        return highs.clone();
    }

    @Override
    public double optimum() {
        return optimum;
    }

    /** The known minimisers given by the benchmark definitions (copies). */
    double[][] minimizers() {
        double[][] out = new double[minimizers.length][];
        for (int i = 0; i < minimizers.length; i++) {
            out[i] = minimizers[i].clone();
        }
        return out;
    }

    /**
     * The function value at {@code x} (any point, inside the box or not).
     *
     * @throws IllegalArgumentException if {@code x.length != dimension()}
     */
    public double value(double[] x) {
        if (x.length != lows.length) {
            throw new IllegalArgumentException(name + " takes " + lows.length + " coordinates, but got "
                    + x.length);
        }
        return f.applyAsDouble(x);
    }

    /** The parameter name of coordinate {@code i}: {@code x0}, {@code x1}, .... */
    static String paramName(int i) {
        return "x" + i;
    }

    @Override
    public java.util.Map<String, Object> suggest(Trial trial) {
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        for (int i = 0; i < lows.length; i++) {
            p.put(paramName(i), trial.suggestFloat(paramName(i), lows[i], highs[i], false));
        }
        return p;
    }

    /**
     * The function value at the point {@code x0..x{d-1}} of {@code params}.
     *
     * @throws IllegalArgumentException if a coordinate is missing or not a number
     */
    @Override
    public double value(java.util.Map<String, ?> params) {
        double[] x = new double[lows.length];
        for (int i = 0; i < x.length; i++) {
            Object v = params.get(paramName(i));
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(name + " needs a number for '" + paramName(i) + "', but got " + v);
            }
            x[i] = n.doubleValue();
        }
        return f.applyAsDouble(x);
    }

    @Override
    public double evaluate(Trial trial) {
        double[] x = new double[lows.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = trial.suggestFloat(paramName(i), lows[i], highs[i], false);
        }
        return f.applyAsDouble(x);
    }

    @Override
    public String toString() {
        return name + "(d=" + lows.length + ", f*=" + optimum + ")";
    }
}
