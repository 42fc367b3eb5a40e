package org.automl4j.problems;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.trial.Trial;

/**
 * The {@code mixed} space (continuous, log-continuous, integer and categorical parameters):
 * {@code x1, x2} in [-5, 5], {@code lr} log in [1e-5, 1], {@code n} int in [1, 64], {@code c} in
 * {A, B, C, D}, suggested in that order. f* = 0 at c=B, x1=-1, x2=-2, lr=1e-3, n=20.
 */
public final class MixedProblem implements BenchmarkProblem {

    static final List<String> CATEGORIES = List.of("A", "B", "C", "D");
    /** Per category: offset, s, t. */
    private static final double[][] TABLE = {
        {1.0, 2.0, 1.0},
        {0.0, -1.0, -2.0},
        {0.5, 3.0, -3.0},
        {2.0, 0.0, 0.0}};

    static final MixedProblem INSTANCE = new MixedProblem();

    private MixedProblem() {
    }

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public double optimum() {
        return 0.0;
    }

    @Override
    public int dimension() {
        return 5;
    }

    /** Suggests {@code x1, x2, lr, n, c} in that order and returns them in suggestion order. */
    @Override
    public Map<String, Object> suggest(Trial trial) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("x1", trial.suggestFloat("x1", -5.0, 5.0, false));
        p.put("x2", trial.suggestFloat("x2", -5.0, 5.0, false));
        p.put("lr", trial.suggestFloat("lr", 1e-5, 1.0, true));
        p.put("n", trial.suggestInt("n", 1, 64, false));
        p.put("c", trial.suggestCategorical("c", CATEGORIES));
        return Collections.unmodifiableMap(p);
    }

    /**
     * The objective at {@code params} ({@code x1, x2, lr, n} numbers, {@code c} a string).
     *
     * @throws IllegalArgumentException on a missing or mistyped parameter or an unknown category
     */
    @Override
    public double value(Map<String, ?> params) {
        String c = Params.str(params, "c");
        int k = CATEGORIES.indexOf(c);
        if (k < 0) {
            throw new IllegalArgumentException("c must be one of " + CATEGORIES + ", but got '" + c + "'");
        }
        double off = TABLE[k][0];
        double u = Params.num(params, "x1") - TABLE[k][1];
        double v = Params.num(params, "x2") - TABLE[k][2];
        double q = u * u + v * v + 1.5 * u * v;
        double l = Math.log10(Params.num(params, "lr")) + 3.0;
        double m = Params.num(params, "n") - 20;
        return off + q + l * l + 0.01 * (m * m);
    }

    @Override
    public double evaluate(Trial trial) {
        return value(suggest(trial));
    }

    @Override
    public String toString() {
        return "mixed(d=5, f*=0)";
    }
}
