package org.automl4j.sampler.bohb;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.automl4j.internal.ParamTransform;
import org.automl4j.internal.Rngs;
import org.automl4j.sampler.Sampler;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * BOHB's model (Falkner, Klein and Hutter 2018) as a sampler. Pair it with a Hyperband-style pruner:
 * the sampler only reads the budgets (steps) at which trials reported.
 *
 * <p>Observations: every COMPLETE, PRUNED or RUNNING trial (other than the one being sampled) that has
 * every parameter of the joint space gives one (budget = step, loss) pair per intermediate value
 * (loss = value, negated for MAXIMIZE). The model is fitted on the largest budget with at least
 * {@code minPoints + 2} observations, where {@code minPoints = max(minPointsInModel, d + 1)}: the best
 * {@code max(minPoints, topNPercent% of n)} are "good", the worst {@code max(minPoints, (100 -
 * topNPercent)% of n)} "bad", a {@link ProductKde} is fitted to each, {@code numSamples} candidates
 * are drawn from "good" with bandwidths widened by {@code bandwidthFactor}, and the one maximising
 * good(x)/bad(x) is chosen. With probability {@code randomFraction}, and while no budget has enough
 * observations, the configuration is drawn uniformly at random.
 *
 * <p>Sampling is joint over the intersection of the finished trials' spaces; other parameters are
 * drawn uniformly. Numeric parameters are modelled on the unit interval of their
 * {@link ParamTransform} (log scale for log parameters), categoricals by index. Draws come from
 * streams derived from (seed, trial number, label), so sequential runs are reproducible. Each decision
 * rescans the trials (intermediate values of running trials change, so no finished-trials feed
 * suffices). Single-objective studies only; stateless apart from its settings, hence thread-safe.
 */
public final class BohbSampler implements Sampler {

    /**
     * BOHB settings (the paper's defaults).
     *
     * @param seed             the seed of every random draw
     * @param minPointsInModel observations per density at least; 0 means {@code d + 1} (never fewer than that)
     * @param topNPercent      percentage of observations in the "good" density
     * @param randomFraction   probability of a uniformly random configuration
     * @param bandwidthFactor  widening of the "good" bandwidths when drawing candidates
     * @param minBandwidth     floor on every bandwidth (unit-interval and categorical)
     * @param numSamples       candidates drawn per decision
     */
    public record Options(long seed, int minPointsInModel, double topNPercent, double randomFraction,
            double bandwidthFactor, double minBandwidth, int numSamples) {

        /** @throws IllegalArgumentException on a setting out of its range (the message names it and says how to fix it) */
        public Options {
            check(minPointsInModel >= 0, "minPointsInModel must be >= 0 (0 means d + 1)", minPointsInModel);
            check(topNPercent > 0 && topNPercent < 100, "topNPercent must be in (0, 100), e.g. 15", topNPercent);
            check(randomFraction >= 0 && randomFraction <= 1, "randomFraction must be in [0, 1], e.g. 1/3",
                    randomFraction);
            check(bandwidthFactor >= 1 && Double.isFinite(bandwidthFactor), "bandwidthFactor must be >= 1, e.g. 3",
                    bandwidthFactor);
            check(minBandwidth > 0 && minBandwidth < 1, "minBandwidth must be in (0, 1), e.g. 1e-3", minBandwidth);
            check(numSamples >= 1, "numSamples must be >= 1, e.g. 64", numSamples);
        }

        private static void check(boolean ok, String rule, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(rule + ", but got " + value);
            }
        }

        /** The paper's defaults with seed 0. */
        public static Options defaults() {
            return new Options(0, 0, 15, 1.0 / 3, 3, 1e-3, 64);
        }

        /** A builder starting from {@link #defaults()}. */
        public static Builder builder() {
            return new Builder(defaults());
        }

        /** A builder starting from these settings. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Builds {@link Options}; every setter validates at once. Not thread-safe. */
        public static final class Builder {
            private long seed;
            private int minPointsInModel;
            private double topNPercent;
            private double randomFraction;
            private double bandwidthFactor;
            private double minBandwidth;
            private int numSamples;

            private Builder(Options o) {
                seed = o.seed;
                minPointsInModel = o.minPointsInModel;
                topNPercent = o.topNPercent;
                randomFraction = o.randomFraction;
                bandwidthFactor = o.bandwidthFactor;
                minBandwidth = o.minBandwidth;
                numSamples = o.numSamples;
            }

            private Builder checked() {
                build();
                return this;
            }

            /** The seed. */
            public Builder seed(long v) {
                seed = v;
                return this;
            }

            /** Observations per density at least; 0 for {@code d + 1}. */
            public Builder minPointsInModel(int v) {
                minPointsInModel = v;
                return checked();
            }

            /** Percentage of observations in "good". */
            public Builder topNPercent(double v) {
                topNPercent = v;
                return checked();
            }

            /** Probability of a random configuration. */
            public Builder randomFraction(double v) {
                randomFraction = v;
                return checked();
            }

            /** Widening of the candidate bandwidths. */
            public Builder bandwidthFactor(double v) {
                bandwidthFactor = v;
                return checked();
            }

            /** Floor on bandwidths. */
            public Builder minBandwidth(double v) {
                minBandwidth = v;
                return checked();
            }

            /** Candidates per decision. */
            public Builder numSamples(int v) {
                numSamples = v;
                return checked();
            }

            /** @throws IllegalArgumentException on a setting out of its range */
            public Options build() {
                return new Options(seed, minPointsInModel, topNPercent, randomFraction, bandwidthFactor,
                        minBandwidth, numSamples);
            }
        }
    }

    private final Options options;

    /** A BOHB sampler with the given settings. */
    public BohbSampler(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    /** True: this sampler optimises one objective. */
    @Override
    public boolean singleObjectiveOnly() {
        return true;
    }

    private static void requireSingleObjective(StudyView study) {
        if (study.isMultiObjective()) {
            throw new IllegalStateException("BOHB optimises one objective, but study '" + study.name() + "' has "
                    + study.directions().size() + "; use Samplers.nsga2 for Pareto studies");
        }
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        requireSingleObjective(study);
        Map<String, Distribution> space = null;
        for (FrozenTrial t : study.trials(EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED))) {
            if (space == null) {
                space = new LinkedHashMap<>(t.distributions());
            } else {
                Iterator<Map.Entry<String, Distribution>> it = space.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, Distribution> e = it.next();
                    if (!e.getValue().equals(t.distributions().get(e.getKey()))) {
                        it.remove();
                    }
                }
            }
        }
        if (space == null) {
            return Map.of();
        }
        space.values().removeIf(Distribution::isSingle);
        return space;
    }

    /** The budget the model would be fitted on for {@code space}, or -1 while no budget has enough observations. */
    public long modelBudget(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        TreeMap<Long, List<Obs>> byBudget = observations(study, trial, space);
        int need = minPoints(space.size()) + 2;
        for (Map.Entry<Long, List<Obs>> e : byBudget.descendingMap().entrySet()) {
            if (e.getValue().size() >= need) {
                return e.getKey();
            }
        }
        return -1;
    }

    private int minPoints(int d) {
        return Math.max(options.minPointsInModel(), d + 1);
    }

    /** One observation: model coordinates and loss. */
    private record Obs(double[] x, double loss) {
    }

    private TreeMap<Long, List<Obs>> observations(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        List<String> names = new ArrayList<>(space.keySet());
        boolean minimize = study.direction() == Direction.MINIMIZE;
        TreeMap<Long, List<Obs>> byBudget = new TreeMap<>();
        for (FrozenTrial t : study.trials(EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING))) {
            if (t.number() == trial.number() || t.intermediateValues().isEmpty()) {
                continue;
            }
            double[] x = new double[names.size()];
            boolean has = true;
            for (int j = 0; j < x.length && has; j++) {
                Distribution d = space.get(names.get(j));
                if (!d.equals(t.distributions().get(names.get(j)))) {
                    has = false;
                } else {
                    x[j] = toModel(d, t.internalParam(names.get(j)));
                }
            }
            if (!has) {
                continue;
            }
            for (Map.Entry<Long, Double> e : t.intermediateValues().entrySet()) {
                double v = e.getValue();
                if (Double.isFinite(v)) {
                    byBudget.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Obs(x, minimize ? v : -v));
                }
            }
        }
        return byBudget;
    }

    private static double toModel(Distribution d, double internal) {
        return d instanceof CategoricalDistribution ? internal : ParamTransform.of(d).normalize(internal);
    }

    private static double toInternal(Distribution d, double model) {
        if (d instanceof CategoricalDistribution c) {
            return Math.min(c.size() - 1, Math.max(0, (int) model));
        }
        return ParamTransform.of(d).denormalize(model);
    }

    @Override
    public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        if (space.isEmpty()) {
            return Map.of();
        }
        requireSingleObjective(study);
        List<String> names = new ArrayList<>(space.keySet());
        int d = names.size();
        int[] cats = new int[d];
        for (int j = 0; j < d; j++) {
            cats[j] = space.get(names.get(j)) instanceof CategoricalDistribution c ? c.size() : 0;
        }
        SplittableRandom rng = Rngs.forTrial(options.seed(), trial.number(), "bohb:" + String.join(",", names));
        Map<String, Double> out = new LinkedHashMap<>();
        boolean random = rng.nextDouble() < options.randomFraction();
        long budget = random ? -1 : modelBudget(study, trial, space);
        if (budget < 0) {
            for (int j = 0; j < d; j++) {
                out.put(names.get(j), ParamTransform.uniform(rng, space.get(names.get(j))));
            }
            return out;
        }
        List<Obs> obs = new ArrayList<>(observations(study, trial, space).get(budget));
        obs.sort((a, b) -> Double.compare(a.loss(), b.loss())); // stable: ties keep trial order
        int n = obs.size();
        int minPts = minPoints(d);
        int nGood = Math.max(minPts, (int) Math.floor(options.topNPercent() * n / 100));
        int nBad = Math.max(minPts, (int) Math.floor((100 - options.topNPercent()) * n / 100));
        double[][] good = new double[nGood][];
        double[][] bad = new double[nBad][];
        for (int i = 0; i < nGood; i++) {
            good[i] = obs.get(i).x();
        }
        for (int i = 0; i < nBad; i++) {
            bad[i] = obs.get(n - nBad + i).x();
        }
        ProductKde l = new ProductKde(good, cats, options.minBandwidth());
        ProductKde g = new ProductKde(bad, cats, options.minBandwidth());
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < options.numSamples(); c++) {
            double[] x = l.sample(rng, options.bandwidthFactor());
            double score = l.logPdf(x) - g.logPdf(x);
            if (Double.isNaN(score)) {
                score = Double.NEGATIVE_INFINITY;
            }
            if (best == null || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        for (int j = 0; j < d; j++) {
            out.put(names.get(j), toInternal(space.get(names.get(j)), best[j]));
        }
        return out;
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        return ParamTransform.uniform(Rngs.forTrial(options.seed(), trial.number(), name), distribution);
    }

    @Override
    public String describe() {
        return "BohbSampler" + options;
    }
}
