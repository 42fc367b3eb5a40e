package org.automl4j.importance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.internal.ParamTransform;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * PED-ANOVA (Watanabe, Bansal and Hutter, 2023): a parameter matters in a region of good
 * configurations as much as its marginal distribution among the top {@code gamma'} trials differs from
 * its distribution among the region's trials (the top {@code gamma}, all trials for the global
 * importance). The difference is the Pearson divergence {@code sum_x q(x) (p(x) / q(x) - 1)^2} of the
 * top density {@code p} from the region density {@code q}: numeric parameters by Gaussian kernel
 * densities on their unit-scaled range (log scale where the distribution has one) evaluated on a grid
 * of {@value #GRID} points, categorical ones by smoothed frequencies. No model is fitted, so it costs
 * a sort and a few kernel sums per parameter: the fast alternative to functional ANOVA for large
 * studies. Importances are normalised to sum to 1.
 */
final class PedAnova {

    static final int GRID = 100;
    /** Floor of a bandwidth on the unit interval, so a handful of equal values still make a density. */
    static final double MIN_BANDWIDTH = 0.01;

    private PedAnova() {
    }

    static Map<String, Double> importance(List<FrozenTrial> trials, Direction direction, double topQuantile,
            double regionQuantile) {
        Map<String, Double> raw = divergences(trials, direction, topQuantile, regionQuantile);
        return ParameterImportance.normalised(raw, raw.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** The Pearson divergence per parameter (not normalised), in the space's order. */
    static Map<String, Double> divergences(List<FrozenTrial> trials, Direction direction, double topQuantile,
            double regionQuantile) {
        if (!(topQuantile > 0 && topQuantile < regionQuantile && regionQuantile <= 1)) {
            throw new IllegalArgumentException("PED-ANOVA needs 0 < topQuantile < regionQuantile <= 1, but got topQuantile="
                    + topQuantile + ", regionQuantile=" + regionQuantile + "; e.g. 0.1 and 1.0 (global importance)");
        }
        List<FrozenTrial> done = ParameterImportance.completed(trials);
        Map<String, Distribution> space = ParameterImportance.intersection(done);
        List<FrozenTrial> sorted = new ArrayList<>(done);
        Comparator<FrozenTrial> byValue = Comparator.comparingDouble(FrozenTrial::value);
        sorted.sort((direction == Direction.MAXIMIZE ? byValue.reversed() : byValue).thenComparingInt(FrozenTrial::number));
        int region = withTies(sorted, Math.max(2, (int) Math.ceil(regionQuantile * sorted.size())));
        int top = withTies(sorted, Math.max(1, Math.min(region - 1, (int) Math.ceil(topQuantile * sorted.size()))));
        List<FrozenTrial> regionTrials = sorted.subList(0, region);
        List<FrozenTrial> topTrials = sorted.subList(0, top);
        Map<String, Double> raw = new LinkedHashMap<>();
        for (Map.Entry<String, Distribution> e : space.entrySet()) {
            double[] p = density(topTrials, e.getKey(), e.getValue());
            double[] q = density(regionTrials, e.getKey(), e.getValue());
            double d = 0;
            for (int g = 0; g < p.length; g++) {
                double ratio = p[g] / q[g] - 1;
                d += q[g] * ratio * ratio;
            }
            raw.put(e.getKey(), d);
        }
        return raw;
    }

    /**
     * The first {@code n} sorted trials and every later one tied with the last of them: which of equal
     * values counts as better is not for the trial numbers to decide (a constant objective has all its
     * trials in the top, so every divergence is 0).
     */
    private static int withTies(List<FrozenTrial> sorted, int n) {
        while (n < sorted.size() && sorted.get(n).value() == sorted.get(n - 1).value()) {
            n++;
        }
        return n;
    }

    /** A probability vector over the grid (numeric) or the choices (categorical); every cell > 0. */
    static double[] density(List<FrozenTrial> trials, String name, Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            int k = c.size();
            double[] out = new double[k];
            for (FrozenTrial t : trials) {
                out[(int) t.internalParam(name)] += 1;
            }
            // a prior of one pseudo-observation spread over the choices keeps unseen choices above zero
            for (int j = 0; j < k; j++) {
                out[j] = (out[j] + 1.0 / k) / (trials.size() + 1.0);
            }
            return out;
        }
        ParamTransform tf = ParamTransform.of(d);
        double[] u = new double[trials.size()];
        double mean = 0;
        for (int i = 0; i < u.length; i++) {
            u[i] = tf.normalize(trials.get(i).internalParam(name));
            mean += u[i];
        }
        mean /= u.length;
        double var = 0;
        for (double x : u) {
            var += (x - mean) * (x - mean);
        }
        double sd = u.length > 1 ? Math.sqrt(var / (u.length - 1)) : 0;
        // Scott's rule, floored; with one observation (or equal ones) the floor alone
        double h = Math.max(MIN_BANDWIDTH, 1.059 * sd * Math.pow(u.length, -0.2));
        double[] out = new double[GRID];
        double total = 0;
        for (int g = 0; g < GRID; g++) {
            double x = (g + 0.5) / GRID;
            double s = 0;
            for (double c : u) {
                double z = (x - c) / h;
                s += Math.exp(-0.5 * z * z);
            }
            out[g] = s;
            total += s;
        }
        for (int g = 0; g < GRID; g++) {
            out[g] = Math.max(out[g] / total, 1e-12);
        }
        return out;
    }
}
