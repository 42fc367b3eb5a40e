package org.automl4j.meta.shrink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.automl4j.importance.ParameterImportance;
import org.automl4j.internal.ParamTransform;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Condition;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.Forbidden;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * Shrinks a search space with what earlier runs on similar data found (configurations of the full
 * space with a quality in [0, 1], higher better, e.g. the nearest datasets' evaluations normalised per
 * dataset):
 * <ul>
 *   <li>the group parameter (e.g. {@code learner}) keeps only the choices that appear among the top
 *       {@code topQuantile} of the configurations, or in {@code keep};</li>
 *   <li>within each kept choice with at least {@code minGroupSize} configurations, its own parameters
 *       (active only under that choice) are scored by PED-ANOVA; a parameter whose divergence does not
 *       beat chance (the 90th percentile of its divergence with the qualities shuffled, 30 times) or whose
 *       share is below {@code importanceFloor / d} ({@code d} parameters) is fixed at the value of the
 *       choice's best configuration, and the others keep the range the choice's top configurations (and
 *       {@code keep}) used, widened by {@code widen} of the unit range on each side;</li>
 *   <li>parameters shared by all choices (preprocessing) are treated the same way over all
 *       configurations.</li>
 * </ul>
 * Important parameters always stay free (within their narrowed range); a choice with too few
 * configurations keeps its whole space. Deterministic.
 */
public final class SpaceShrinker {

    /**
     * One configuration seen before.
     *
     * @param config  a point of the full space (active parameters)
     * @param quality its quality in [0, 1], higher better
     */
    public record Observation(Map<String, Object> config, double quality) {
        public Observation {
            config = Map.copyOf(config);
            if (!(quality >= 0 && quality <= 1)) {
                throw new IllegalArgumentException("quality must be in [0, 1], but got " + quality);
            }
        }
    }

    /**
     * How hard to shrink.
     *
     * @param groupBy         the choice parameter whose choices own the other parameters (e.g. {@code learner}),
     *                        or null for none
     * @param topQuantile     the share of configurations that counts as the top
     * @param importanceFloor a parameter is fixed when its importance is below this over the number of
     *                        parameters ranked together (0.5: half an equal share)
     * @param widen           the margin added to each side of a narrowed range, as a share of the unit range
     * @param minGroupSize    fewer configurations of a choice than this leave its parameters untouched
     */
    public record Options(String groupBy, double topQuantile, double importanceFloor, double widen, int minGroupSize) {
        public Options {
            if (!(topQuantile > 0 && topQuantile < 1)) {
                throw new IllegalArgumentException("topQuantile must be in (0, 1), but got " + topQuantile);
            }
            if (importanceFloor < 0 || widen < 0 || minGroupSize < 2) {
                throw new IllegalArgumentException("importanceFloor and widen must be >= 0 and minGroupSize >= 2, but got "
                        + importanceFloor + ", " + widen + ", " + minGroupSize);
            }
        }

        /** The defaults for tabular pipelines: group by {@code learner}, top 25 %, floor 0.5, widen 0.05, 6 per learner. */
        public static Options pipelines() {
            return new Options("learner", 0.25, 0.5, 0.05, 6);
        }
    }

    /**
     * A shrunk space.
     *
     * @param space      the shrunk space
     * @param fixed      parameters fixed at one value
     * @param narrowed   parameters whose range or choices were narrowed (their new distributions)
     * @param importance per group choice (and {@code "*"} for the shared parameters), the PED-ANOVA importances
     * @param groupBy    the group parameter, or null
     */
    public record Result(SearchSpace space, Map<String, Object> fixed, Map<String, Distribution> narrowed,
            Map<String, Map<String, Double>> importance, String groupBy) {

        /**
         * {@code point} (of the full space) moved into the shrunk space: fixed parameters take their value,
         * numbers are clipped into their narrowed range, a choice that was dropped takes the first kept one;
         * empty when the group choice itself was dropped.
         */
        public Optional<Map<String, Object>> project(Map<String, ?> point) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Distribution> e : space.parameters().entrySet()) {
                String name = e.getKey();
                if (!space.isActive(name, out)) {
                    continue;
                }
                Distribution d = e.getValue();
                Object v = point.get(name);
                if (v != null && d.contains(v)) {
                    out.put(name, d.toExternal(d.toInternal(v)));
                } else if (d instanceof CategoricalDistribution c) {
                    if (v != null && name.equals(groupBy)) {
                        return Optional.empty(); // the group choice itself was dropped
                    }
                    out.put(name, c.choices().get(0));
                } else if (v instanceof Number n) {
                    out.put(name, clip(d, n.doubleValue()));
                } else {
                    out.put(name, d.toExternal(ParamTransform.of(d).denormalize(0.5)));
                }
            }
            return Optional.of(out);
        }

        private static Object clip(Distribution d, double v) {
            if (d instanceof IntDistribution i) {
                long r = Math.round(Math.max(i.low(), Math.min(i.high(), v)));
                r = i.low() + (r - i.low()) / i.step() * i.step();
                return (int) r;
            }
            FloatDistribution f = (FloatDistribution) d;
            double c = Math.max(f.low(), Math.min(f.high(), v));
            if (f.hasStep()) {
                c = f.low() + Math.floor((c - f.low()) / f.step() + 1e-9) * f.step();
            }
            return c;
        }
    }

    /** Shuffles of the qualities that give the chance level of each parameter's divergence. */
    static final int PERMUTATIONS = 30;
    /** A parameter matters only if its divergence beats this quantile of its shuffled divergences. */
    static final double CHANCE_QUANTILE = 0.9;

    private SpaceShrinker() {
    }

    /**
     * Shrinks {@code full} around the best of {@code observations}; every point of {@code keep} (e.g. the
     * configurations enqueued first) stays inside the result except for parameters that are fixed.
     *
     * @throws IllegalArgumentException without observations
     */
    public static Result shrink(SearchSpace full, List<Observation> observations, List<Map<String, Object>> keep,
            Options options) {
        if (observations.isEmpty()) {
            throw new IllegalArgumentException("shrinking a space needs at least one earlier configuration");
        }
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparingDouble(Observation::quality).reversed());
        String group = options.groupBy() != null && full.parameters().containsKey(options.groupBy())
                ? options.groupBy() : null;
        Map<String, Object> fixed = new LinkedHashMap<>();
        Map<String, Distribution> narrowed = new LinkedHashMap<>();
        Map<String, Map<String, Double>> importance = new LinkedHashMap<>();
        Map<String, Object> owner = owners(full, group);
        Set<Object> keptChoices = new LinkedHashSet<>();
        if (group != null) {
            for (Observation o : top(sorted, options.topQuantile())) {
                keptChoices.add(o.config().get(group));
            }
            for (Map<String, Object> k : keep) {
                keptChoices.add(k.get(group));
            }
            CategoricalDistribution gd = (CategoricalDistribution) full.parameters().get(group);
            List<Object> choices = gd.choices().stream().filter(keptChoices::contains).toList();
            if (!choices.isEmpty() && choices.size() < gd.size()) {
                narrowed.put(group, new CategoricalDistribution(choices));
            }
            for (Object choice : choices) {
                List<Observation> mine = sorted.stream().filter(o -> choice.equals(o.config().get(group))).toList();
                List<Map<String, Object>> keepMine = keep.stream().filter(k -> choice.equals(k.get(group))).toList();
                if (mine.size() >= options.minGroupSize()) {
                    Set<String> params = new LinkedHashSet<>();
                    owner.forEach((p, c) -> {
                        if (choice.equals(c)) {
                            params.add(p);
                        }
                    });
                    decide(full, mine, keepMine, params, options, fixed, narrowed)
                            .ifPresent(imp -> importance.put(String.valueOf(choice), imp));
                }
            }
        }
        Set<String> shared = new LinkedHashSet<>();
        for (String p : full.parameters().keySet()) {
            if (!p.equals(group) && owner.get(p) == null && full.conditionOf(p).isEmpty()) {
                shared.add(p);
            }
        }
        if (sorted.size() >= options.minGroupSize() && !shared.isEmpty()) {
            decide(full, sorted, keep, shared, options, fixed, narrowed).ifPresent(imp -> importance.put("*", imp));
        }
        return new Result(rebuild(full, fixed, narrowed), fixed, narrowed, importance, group);
    }

    /** The top {@code q} share (at least one) of observations sorted best first. */
    private static List<Observation> top(List<Observation> sorted, double q) {
        return sorted.subList(0, Math.max(1, (int) Math.ceil(q * sorted.size())));
    }

    /**
     * Ranks {@code params} by PED-ANOVA over {@code obs} (sorted best first) and fixes or narrows each.
     *
     * @return the importances, or empty when fewer than two parameters are common to all observations
     */
    private static Optional<Map<String, Double>> decide(SearchSpace full, List<Observation> obs,
            List<Map<String, Object>> keep, Set<String> params, Options options, Map<String, Object> fixed,
            Map<String, Distribution> narrowed) {
        List<FrozenTrial> trials = new ArrayList<>();
        for (Observation o : obs) {
            FrozenTrial.Builder b = FrozenTrial.builder().state(TrialState.COMPLETE).values(o.quality());
            for (String p : params) {
                Object v = o.config().get(p);
                Distribution d = full.parameters().get(p);
                if (v != null && d.contains(v)) {
                    b.param(p, d, d.toExternal(d.toInternal(v)));
                }
            }
            trials.add(b.build());
        }
        Map<String, Double> raw;
        try {
            raw = ParameterImportance.pedAnovaDivergences(trials, Direction.MAXIMIZE, options.topQuantile(), 1.0);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // no parameter common to all of them
        }
        // chance level: the same divergences with the qualities shuffled among the configurations
        Map<String, double[]> chance = new LinkedHashMap<>();
        raw.keySet().forEach(p -> chance.put(p, new double[PERMUTATIONS]));
        java.util.SplittableRandom rng = new java.util.SplittableRandom(0x5EED);
        double[] qualities = trials.stream().mapToDouble(FrozenTrial::value).toArray();
        for (int r = 0; r < PERMUTATIONS; r++) {
            double[] v = qualities.clone();
            for (int i = v.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
            List<FrozenTrial> shuffled = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                shuffled.add(trials.get(i).toBuilder().number(i).values(v[i]).build());
            }
            Map<String, Double> d = ParameterImportance.pedAnovaDivergences(shuffled, Direction.MAXIMIZE,
                    options.topQuantile(), 1.0);
            for (Map.Entry<String, Double> e : d.entrySet()) {
                chance.get(e.getKey())[r] = e.getValue();
            }
        }
        Map<String, Double> imp = new LinkedHashMap<>();
        double sum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
        raw.forEach((p, v) -> imp.put(p, sum > 0 ? v / sum : 0));
        List<Observation> best = top(obs, options.topQuantile());
        int d = imp.size();
        for (Map.Entry<String, Double> e : imp.entrySet()) {
            String p = e.getKey();
            Distribution dist = full.parameters().get(p);
            double[] c = chance.get(p).clone();
            java.util.Arrays.sort(c);
            boolean aboveChance = raw.get(p) > c[(int) Math.floor(CHANCE_QUANTILE * (c.length - 1))];
            if (!aboveChance || e.getValue() < options.importanceFloor() / d) {
                fixed.put(p, dist.toExternal(dist.toInternal(obs.get(0).config().get(p))));
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (Observation o : best) {
                values.add(o.config().get(p));
            }
            for (Map<String, Object> k : keep) {
                values.add(k.get(p));
            }
            values.removeIf(v -> v == null || !dist.contains(v));
            narrow(dist, values, options.widen()).ifPresent(n -> narrowed.put(p, n));
        }
        return Optional.of(imp);
    }

    /** The smallest distribution of the same kind holding {@code values} (plus the margin); empty if no smaller. */
    static Optional<Distribution> narrow(Distribution d, List<Object> values, double widen) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (d instanceof CategoricalDistribution c) {
            Set<Object> seen = new LinkedHashSet<>(values);
            List<Object> kept = c.choices().stream().filter(seen::contains).toList();
            return kept.size() < c.size() ? Optional.of(new CategoricalDistribution(kept)) : Optional.empty();
        }
        ParamTransform tf = ParamTransform.of(d);
        double lo = 1;
        double hi = 0;
        for (Object v : values) {
            double u = tf.normalize(d.toInternal(v));
            lo = Math.min(lo, u);
            hi = Math.max(hi, u);
        }
        lo = Math.max(0, lo - widen);
        hi = Math.min(1, hi + widen);
        double a = tf.denormalize(lo);
        double b = tf.denormalize(hi);
        Distribution out;
        if (d instanceof IntDistribution i) {
            int low = (int) Math.max(i.low(), Math.floor(a));
            int high = (int) Math.min(i.high(), Math.ceil(b));
            low = i.low() + (low - i.low()) / i.step() * i.step();
            high = i.low() + (high - i.low() + i.step() - 1) / i.step() * i.step();
            high = Math.min(high, i.high());
            out = new IntDistribution(low, Math.max(low, high), i.log(), i.step());
        } else {
            FloatDistribution f = (FloatDistribution) d;
            double low = Math.max(f.low(), a);
            double high = Math.min(f.high(), b);
            if (f.hasStep()) {
                low = f.low() + Math.floor((low - f.low()) / f.step() + 1e-9) * f.step();
                high = f.low() + Math.ceil((high - f.low()) / f.step() - 1e-9) * f.step();
                high = Math.min(high, f.high());
            }
            out = new FloatDistribution(low, Math.max(low, high), f.log(), f.step());
        }
        return out.equals(d) ? Optional.empty() : Optional.of(out);
    }

    /**
     * Each parameter's owning choice of {@code group}: the single group value its chain of conditions
     * requires, or no entry when it is shared (unconditional or active under several choices).
     */
    static Map<String, Object> owners(SearchSpace full, String group) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (group == null) {
            return out;
        }
        for (String p : full.parameters().keySet()) {
            Optional<Condition> c = full.conditionOf(p);
            if (c.isEmpty()) {
                continue;
            }
            if (c.get().parent().equals(group)) {
                if (c.get().values().size() == 1) {
                    out.put(p, c.get().values().get(0));
                }
            } else if (out.containsKey(c.get().parent())) {
                out.put(p, out.get(c.get().parent()));
            }
        }
        return out;
    }

    /** {@code full} with fixed parameters as single values, narrowed distributions, and orphaned children dropped. */
    static SearchSpace rebuild(SearchSpace full, Map<String, Object> fixed, Map<String, Distribution> narrowed) {
        Map<String, Distribution> dists = new LinkedHashMap<>();
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, Distribution> e : full.parameters().entrySet()) {
            String p = e.getKey();
            Optional<Condition> c = full.conditionOf(p);
            Condition kept = null;
            if (c.isPresent()) {
                Distribution parent = dists.get(c.get().parent());
                if (parent == null) {
                    continue; // the parent was dropped
                }
                List<Object> values = c.get().values().stream().filter(parent::contains).toList();
                if (values.isEmpty()) {
                    continue; // no value that activates it is left
                }
                kept = new Condition(p, c.get().parent(), values);
            }
            Distribution d = narrowed.getOrDefault(p, e.getValue());
            if (fixed.containsKey(p)) {
                d = single(e.getValue(), fixed.get(p));
            }
            dists.put(p, d);
            if (kept != null) {
                conditions.add(kept);
            }
        }
        List<Forbidden> forbidden = new ArrayList<>();
        for (Forbidden f : full.forbidden()) {
            boolean ok = f.clauses().entrySet().stream().allMatch(en -> dists.containsKey(en.getKey())
                    && en.getValue().stream().allMatch(dists.get(en.getKey())::contains));
            if (ok) {
                forbidden.add(f);
            }
        }
        return new SearchSpace(dists, conditions, forbidden);
    }

    /** A distribution holding only {@code value}. */
    static Distribution single(Distribution d, Object value) {
        if (d instanceof CategoricalDistribution) {
            return new CategoricalDistribution(List.of(value));
        }
        if (d instanceof IntDistribution i) {
            int v = ((Number) value).intValue();
            return new IntDistribution(v, v, i.log(), 1);
        }
        FloatDistribution f = (FloatDistribution) d;
        double v = ((Number) value).doubleValue();
        return new FloatDistribution(v, v, f.log(), 0);
    }
}
