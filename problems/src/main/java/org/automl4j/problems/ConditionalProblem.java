package org.automl4j.problems;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.trial.Trial;

/**
 * The {@code conditional} space: a choice {@code algo} in {A, B, C} with per-algorithm parameters
 * prefixed by the algorithm's letter ({@code A_degree} only when {@code A_kernel} is {@code poly}).
 * Per-algorithm minima are 0.10 (A), 0.05 (B) and the global f* = 0.02 (C).
 */
public final class ConditionalProblem implements BenchmarkProblem {

    static final List<String> ALGOS = List.of("A", "B", "C");
    static final List<String> KERNELS = List.of("rbf", "poly");

    static final ConditionalProblem INSTANCE = new ConditionalProblem();

    private ConditionalProblem() {
    }

    @Override
    public String name() {
        return "conditional";
    }

    @Override
    public double optimum() {
        return 0.02;
    }

    /** 12: {@code algo} plus 4 (A), 3 (B) and 4 (C) branch parameters. */
    @Override
    public int dimension() {
        return 12;
    }

    /** Suggests {@code algo} and then the chosen branch's parameters, in the order of the definition. */
    @Override
    public Map<String, Object> suggest(Trial trial) {
        Map<String, Object> p = new LinkedHashMap<>();
        String algo = trial.suggestCategorical("algo", ALGOS);
        p.put("algo", algo);
        switch (algo) {
            case "A" -> {
                p.put("A_C", trial.suggestFloat("A_C", 1e-3, 1e3, true));
                p.put("A_gamma", trial.suggestFloat("A_gamma", 1e-4, 10.0, true));
                String kernel = trial.suggestCategorical("A_kernel", KERNELS);
                p.put("A_kernel", kernel);
                if (kernel.equals("poly")) {
                    p.put("A_degree", trial.suggestInt("A_degree", 2, 5, false));
                }
            }
            case "B" -> {
                p.put("B_n_estimators", trial.suggestInt("B_n_estimators", 10, 500, true));
                p.put("B_max_depth", trial.suggestInt("B_max_depth", 2, 32, false));
                p.put("B_max_features", trial.suggestFloat("B_max_features", 0.1, 1.0, false));
            }
            default -> {
                p.put("C_n_layers", trial.suggestInt("C_n_layers", 1, 4, false));
                p.put("C_units", trial.suggestInt("C_units", 16, 512, true));
                p.put("C_lr", trial.suggestFloat("C_lr", 1e-5, 1e-1, true));
                p.put("C_dropout", trial.suggestFloat("C_dropout", 0.0, 0.8, false));
            }
        }
        return Collections.unmodifiableMap(p);
    }

    /**
     * The objective at {@code params}: {@code algo} and the parameters of that branch (others are ignored).
     *
     * @throws IllegalArgumentException on a missing or mistyped parameter or an unknown algo/kernel
     */
    @Override
    public double value(Map<String, ?> params) {
        String algo = Params.str(params, "algo");
        switch (algo) {
            case "A": {
                double c = Math.log10(Params.num(params, "A_C")) - 1.0;
                double g = Math.log10(Params.num(params, "A_gamma")) + 2.0;
                double loss = 0.10 + 0.02 * (c * c) + 0.03 * (g * g);
                String kernel = Params.str(params, "A_kernel");
                if (kernel.equals("poly")) {
                    double d = Params.num(params, "A_degree") - 3;
                    loss += 0.03 + 0.01 * (d * d);
                } else if (!kernel.equals("rbf")) {
                    throw new IllegalArgumentException("A_kernel must be one of " + KERNELS + ", but got '"
                            + kernel + "'");
                }
                return loss;
            }
            case "B": {
                double n = Math.log(Params.num(params, "B_n_estimators") / 200.0);
                double depth = Params.num(params, "B_max_depth") - 12;
                double feat = Params.num(params, "B_max_features") - 0.4;
                return 0.05 + 0.02 * (n * n) + 0.002 * (depth * depth) + 0.3 * (feat * feat);
            }
            case "C": {
                double layers = Params.num(params, "C_n_layers") - 3;
                double units = Params.log2(Params.num(params, "C_units")) - 7.0;
                double lr = Math.log10(Params.num(params, "C_lr")) + 3.5;
                double drop = Params.num(params, "C_dropout") - 0.25;
                return 0.02 + 0.03 * (layers * layers) + 0.01 * (units * units) + 0.05 * (lr * lr)
                        + 0.2 * (drop * drop);
            }
            default:
                throw new IllegalArgumentException("algo must be one of " + ALGOS + ", but got '" + algo + "'");
        }
    }

    @Override
    public double evaluate(Trial trial) {
        return value(suggest(trial));
    }

    @Override
    public String toString() {
        return "conditional(d=12, f*=0.02)";
    }
}
