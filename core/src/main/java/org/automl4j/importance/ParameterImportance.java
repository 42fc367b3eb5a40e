package org.automl4j.importance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.internal.ParamTransform;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.study.Direction;
import org.automl4j.surrogate.RegressionForest;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * How much each hyperparameter matters: functional ANOVA (Hutter, Hoos and Leyton-Brown, 2014) main
 * effects on a random-forest surrogate of the objective (SMAC's forest, fitted to the completed
 * trials). For each parameter, the variance over its values of the forest's prediction averaged over
 * all other parameters, divided by the total variance of the prediction, both under the uniform measure
 * on the (unit-scaled) space; the averages are Monte Carlo estimates on a fixed, seeded sample rather than
 * the exact tree-partition sums of the original algorithm. Importances are normalised to sum to 1 (as
 * Optuna reports them). Parameters are those present in every completed trial (the intersection space).
 * {@link #pedAnova} is the fast, model-free alternative for large studies.
 */
public final class ParameterImportance {

    static final int BACKGROUND = 256;
    static final int GRID = 16;

    private ParameterImportance() {
    }

    /**
     * Importance per parameter, most important first.
     *
     * @param trials any trials; COMPLETE single-objective ones with a finite value are used
     * @param seed   for the forest and the Monte Carlo sample
     * @throws IllegalArgumentException with fewer than 2 completed trials or no parameter common to them
     */
    public static Map<String, Double> fanova(List<FrozenTrial> trials, long seed) {
        List<FrozenTrial> done = completed(trials);
        Map<String, Distribution> space = intersection(done);
        List<String> names = new ArrayList<>(space.keySet());
        int d = names.size();
        int[] categories = new int[d];
        ParamTransform[] tf = new ParamTransform[d];
        for (int j = 0; j < d; j++) {
            Distribution dist = space.get(names.get(j));
            categories[j] = dist instanceof CategoricalDistribution c ? c.choices().size() : 0;
            tf[j] = categories[j] > 0 ? null : ParamTransform.of(dist);
        }
        double[][] x = new double[done.size()][d];
        double[] y = new double[done.size()];
        for (int i = 0; i < done.size(); i++) {
            FrozenTrial t = done.get(i);
            for (int j = 0; j < d; j++) {
                double internal = t.internalParam(names.get(j));
                x[i][j] = categories[j] > 0 ? internal : tf[j].normalize(internal);
            }
            y[i] = t.value();
        }
        standardise(y);
        RegressionForest forest = RegressionForest.fit(x, y, categories,
                RegressionForest.Options.builder().nTrees(64).maxFeatures(1.0).minSamplesLeaf(1).seed(seed).build());
        SplittableRandom rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[][] background = new double[BACKGROUND][d];
        for (double[] row : background) {
            for (int j = 0; j < d; j++) {
                row[j] = categories[j] > 0 ? rng.nextInt(categories[j]) : rng.nextDouble();
            }
        }
        double[] mean = new double[BACKGROUND];
        double[] var = new double[BACKGROUND];
        forest.predict(background, mean, var);
        double total = variance(mean);
        Map<String, Double> raw = new LinkedHashMap<>();
        double sum = 0;
        double[][] probe = new double[BACKGROUND][];
        for (int j = 0; j < d; j++) {
            int points = categories[j] > 0 ? categories[j] : GRID;
            double[] marginal = new double[points];
            for (int g = 0; g < points; g++) {
                double v = categories[j] > 0 ? g : (g + 0.5) / GRID;
                for (int b = 0; b < BACKGROUND; b++) {
                    probe[b] = background[b].clone();
                    probe[b][j] = v;
                }
                forest.predict(probe, mean, var);
                double m = 0;
                for (double p : mean) {
                    m += p;
                }
                marginal[g] = m / BACKGROUND;
            }
            double vj = total > 0 ? variance(marginal) / total : 0;
            raw.put(names.get(j), vj);
            sum += vj;
        }
        return normalised(raw, sum);
    }

    /**
     * PED-ANOVA importance per parameter, most important first: how far each parameter's distribution
     * among the best {@code topQuantile} of the completed trials is from its distribution among all of
     * them (Pearson divergence; see Watanabe et al., 2023). Needs no surrogate model, so it stays fast on
     * studies with many thousands of trials. Parameters are those present in every completed trial.
     * Trials tied with the last of the top (or of the region) count in it, so a constant objective gets
     * equal shares.
     *
     * @param trials      any trials; COMPLETE single-objective ones with a finite value are used
     * @param direction   whether the best trials are those with the lowest or the highest values
     * @param topQuantile the share of trials that counts as the top, e.g. 0.1
     * @throws IllegalArgumentException with fewer than 2 completed trials, no common parameter, or a
     *     quantile outside (0, 1)
     */
    public static Map<String, Double> pedAnova(List<FrozenTrial> trials, Direction direction, double topQuantile) {
        return PedAnova.importance(trials, direction, topQuantile, 1.0);
    }

    /**
     * Local PED-ANOVA importance: as {@link #pedAnova(List, Direction, double)}, inside the region of the
     * best {@code regionQuantile} trials (which parameters still matter among good configurations).
     */
    public static Map<String, Double> pedAnova(List<FrozenTrial> trials, Direction direction, double topQuantile,
            double regionQuantile) {
        return PedAnova.importance(trials, direction, topQuantile, regionQuantile);
    }

    /**
     * The unnormalised PED-ANOVA scores: each parameter's Pearson divergence between its distribution among
     * the top {@code topQuantile} and among the top {@code regionQuantile} of the completed trials, in the
     * order of the space. Comparable across calls on the same trials (e.g. against shuffled values, to tell
     * an effect from chance), unlike the normalised shares.
     */
    public static Map<String, Double> pedAnovaDivergences(List<FrozenTrial> trials, Direction direction,
            double topQuantile, double regionQuantile) {
        return PedAnova.divergences(trials, direction, topQuantile, regionQuantile);
    }

    /**
     * The COMPLETE single-objective trials with a finite value, at least 2. A stored trial's value is always finite,
     * but trials built by hand may carry NaN or an infinity (as Optuna, they are left out: NaN would poison the
     * forest, and sort as the best trial when maximising).
     */
    static List<FrozenTrial> completed(List<FrozenTrial> trials) {
        List<FrozenTrial> done = trials.stream().filter(t -> t.state() == TrialState.COMPLETE && t.values().size() == 1
                && Double.isFinite(t.values().get(0))).toList();
        if (done.size() < 2) {
            long multi = trials.stream().filter(t -> t.state() == TrialState.COMPLETE && t.values().size() > 1).count();
            throw new IllegalArgumentException("parameter importance needs at least 2 completed single-objective trials"
                    + " with a finite value, but got " + done.size() + (multi == 0 ? "" : "; " + multi + " completed trials have several"
                    + " objective values (a multi-objective study): importance rates one objective, so pass trials"
                    + " rebuilt with the one value to rate (FrozenTrial.toBuilder().values(v))"));
        }
        return done;
    }

    /** The parameters every trial has, with one distribution. */
    static Map<String, Distribution> intersection(List<FrozenTrial> done) {
        Map<String, Distribution> space = new LinkedHashMap<>(done.get(0).distributions());
        for (FrozenTrial t : done) {
            space.keySet().removeIf(k -> !space.get(k).equals(t.distributions().get(k)));
        }
        if (space.isEmpty()) {
            throw new IllegalArgumentException("no parameter is present, with one distribution, in every completed trial");
        }
        return space;
    }

    /** {@code raw / sum}, most important first (ties by name); equal shares when everything is 0. */
    static Map<String, Double> normalised(Map<String, Double> raw, double sum) {
        Map<String, Double> out = new LinkedHashMap<>();
        int d = raw.size();
        raw.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), sum > 0 ? e.getValue() / sum : 1.0 / d));
        return out;
    }

    /**
     * Rescales {@code y} in place to mean 0 and variance 1 (all 0 when constant). The importances do not
     * depend on the objective's scale, but its variance does: values near 1e200 overflow it to infinity and
     * values near 1e-200 underflow it to 0, and either way every parameter got an equal share.
     */
    static void standardise(double[] y) {
        double maxAbs = 0;
        for (double v : y) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        if (maxAbs == 0) {
            return;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] /= maxAbs;
        }
        double m = 0;
        for (double v : y) {
            m += v;
        }
        m /= y.length;
        for (int i = 0; i < y.length; i++) {
            y[i] -= m;
        }
        double sd = Math.sqrt(variance(y));
        for (int i = 0; i < y.length; i++) {
            y[i] = sd > 0 ? y[i] / sd : 0;
        }
    }

    private static double variance(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / v.length;
    }
}
