package org.automl4j.sampler.tpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.internal.ParamTransform;
import org.automl4j.internal.Rngs;
import org.automl4j.sampler.Sampler;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011), with the components studied by Watanabe
 * (2023): the finished trials are split into the best {@code gamma(n)} ("below") and the rest;
 * a kernel density estimator is fitted to each; {@code nEiCandidates} points are drawn from the
 * "below" density and the one with the largest density ratio l(x)/g(x) is chosen.
 *
 * <ul>
 *   <li>Univariate mode models each parameter alone, from the trials that have it (so conditional
 *       parameters are modelled from the trials where they were active).</li>
 *   <li>Multivariate mode models parameters jointly. With {@code group}, the space is decomposed
 *       into groups of parameters that always occur together, and each group is modelled from the
 *       trials that contain it, so conditional spaces are modelled jointly, never sampled at random.</li>
 *   <li>Log-scale parameters are modelled in log space; ints and steps by the mass of each grid cell;
 *       categoricals with Aitchison-Aitken kernels.</li>
 *   <li>With {@code constantLiar}, running trials count as bad results, so parallel workers spread out.</li>
 * </ul>
 *
 * <p>Models are updated incrementally from the study's finished-trials feed; nothing rescans the
 * history. Draws come from streams derived from (seed, trial number, parameter), so sequential runs
 * are reproducible. Single-objective studies only. Thread-safe.
 */
public final class TpeSampler implements Sampler {

    /** How observations are weighted in the densities. */
    public enum Weighting {
        /** All observations weigh the same. */
        UNIFORM,
        /** Optuna's default: beyond 25, older observations weigh linearly less. */
        OLD_DECAY
    }

    /**
     * TPE settings. Immutable; change them with {@link #builder()} or {@link #toBuilder()}.
     *
     * @param seed                 the seed of every random draw
     * @param nStartupTrials       complete trials sampled at random before the model is used
     * @param nEiCandidates        candidates drawn from l(x) per decision
     * @param gammaBeta            fraction of trials in "below": {@code ceil(beta * n)} (or {@code ceil(beta * sqrt(n))})
     * @param gammaCap             at most this many trials in "below"
     * @param gammaSqrt            whether the split grows with sqrt(n) instead of n
     * @param weighting            weights of the observations
     * @param considerPrior        whether each density has a wide prior component
     * @param priorWeight          the prior component's weight (observations weigh about 1)
     * @param magicClip            whether bandwidths are at least 1/min(100, 1 + n) of the range
     * @param minBandwidth         a floor on bandwidths, as a fraction of the range
     * @param considerEndpoints    whether the range's ends count as neighbours in univariate bandwidths
     * @param multivariate         whether parameters are modelled jointly
     * @param group                whether a multivariate model decomposes conditional spaces into groups
     * @param constantLiar         whether running trials count as bad results
     * @param bandwidthFactor      Scott-rule factor of multivariate bandwidths: {@code factor * n^(-1/(d+4))}
     * @param categoricalBandwidth Aitchison-Aitken bandwidth: the mass a categorical kernel gives to other categories
     */
    public record Options(long seed, int nStartupTrials, int nEiCandidates, double gammaBeta, int gammaCap,
            boolean gammaSqrt, Weighting weighting, boolean considerPrior, double priorWeight, boolean magicClip,
            double minBandwidth, boolean considerEndpoints, boolean multivariate, boolean group,
            boolean constantLiar, double bandwidthFactor, double categoricalBandwidth) {

        /** @throws IllegalArgumentException on a setting out of its range (the message names it) */
        public Options {
            check(nStartupTrials >= 0, "nStartupTrials must be >= 0", nStartupTrials);
            check(nEiCandidates >= 1, "nEiCandidates must be >= 1", nEiCandidates);
            check(gammaBeta > 0 && gammaBeta <= 1, "gammaBeta must be in (0, 1]", gammaBeta);
            check(gammaCap >= 1, "gammaCap must be >= 1", gammaCap);
            java.util.Objects.requireNonNull(weighting, "weighting");
            check(priorWeight > 0 && Double.isFinite(priorWeight), "priorWeight must be > 0", priorWeight);
            check(minBandwidth >= 0 && minBandwidth < 1, "minBandwidth must be in [0, 1)", minBandwidth);
            check(bandwidthFactor > 0 && Double.isFinite(bandwidthFactor), "bandwidthFactor must be > 0",
                    bandwidthFactor);
            check(categoricalBandwidth >= 0 && categoricalBandwidth < 1, "categoricalBandwidth must be in [0, 1)",
                    categoricalBandwidth);
        }

        private static void check(boolean ok, String rule, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(rule + ", but got " + value);
            }
        }

        /**
         * automl4j's defaults, chosen on the HPO benchmark suite (bench/results/tpe-sweep.md): multivariate
         * kernels with group decomposition, a Scott-rule bandwidth factor of 0.07 (narrower than Optuna's 0.2)
         * floored at 1% of the range instead of the magic clip, gamma 10% capped at 25, 24 candidates.
         */
        public static Options defaults() {
            return new Options(0, 10, 24, 0.10, 25, false, Weighting.OLD_DECAY, true, 1.0, false, 0.01, false,
                    true, true, false, 0.07, 0.0);
        }

        /** Optuna 3.x's TPESampler defaults (univariate), for comparisons. */
        public static Options optunaDefaults() {
            return new Options(0, 10, 24, 0.10, 25, false, Weighting.OLD_DECAY, true, 1.0, true, 0.0, false,
                    false, false, false, 0.2, 0.0);
        }

        /** These settings with another seed. */
        public Options withSeed(long v) {
            return toBuilder().seed(v).build();
        }

        /** A builder starting from {@link #defaults()}. */
        public static Builder builder() {
            return defaults().toBuilder();
        }

        /** A builder starting from these settings. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Builds {@link Options}; every setter validates at once. Not thread-safe. */
        public static final class Builder {
            private long seed;
            private int nStartupTrials;
            private int nEiCandidates;
            private double gammaBeta;
            private int gammaCap;
            private boolean gammaSqrt;
            private Weighting weighting;
            private boolean considerPrior;
            private double priorWeight;
            private boolean magicClip;
            private double minBandwidth;
            private boolean considerEndpoints;
            private boolean multivariate;
            private boolean group;
            private boolean constantLiar;
            private double bandwidthFactor;
            private double categoricalBandwidth;

            private Builder(Options o) {
                seed = o.seed;
                nStartupTrials = o.nStartupTrials;
                nEiCandidates = o.nEiCandidates;
                gammaBeta = o.gammaBeta;
                gammaCap = o.gammaCap;
                gammaSqrt = o.gammaSqrt;
                weighting = o.weighting;
                considerPrior = o.considerPrior;
                priorWeight = o.priorWeight;
                magicClip = o.magicClip;
                minBandwidth = o.minBandwidth;
                considerEndpoints = o.considerEndpoints;
                multivariate = o.multivariate;
                group = o.group;
                constantLiar = o.constantLiar;
                bandwidthFactor = o.bandwidthFactor;
                categoricalBandwidth = o.categoricalBandwidth;
            }

            private Builder checked() {
                build();
                return this;
            }

            public Builder seed(long v) {
                seed = v;
                return this;
            }

            public Builder startupTrials(int v) {
                nStartupTrials = v;
                return checked();
            }

            public Builder eiCandidates(int v) {
                nEiCandidates = v;
                return checked();
            }

            /** "Below" holds {@code ceil(beta * n)} trials (or {@code ceil(beta * sqrt(n))}), at most {@code cap}. */
            public Builder gamma(double beta, int cap, boolean sqrt) {
                gammaBeta = beta;
                gammaCap = cap;
                gammaSqrt = sqrt;
                return checked();
            }

            public Builder weighting(Weighting v) {
                weighting = v;
                return checked();
            }

            public Builder prior(boolean consider, double weight) {
                considerPrior = consider;
                priorWeight = weight;
                return checked();
            }

            public Builder magicClip(boolean v) {
                magicClip = v;
                return this;
            }

            public Builder minBandwidth(double v) {
                minBandwidth = v;
                return checked();
            }

            public Builder bandwidthFactor(double v) {
                bandwidthFactor = v;
                return checked();
            }

            public Builder considerEndpoints(boolean v) {
                considerEndpoints = v;
                return this;
            }

            public Builder multivariate(boolean v) {
                multivariate = v;
                return this;
            }

            public Builder group(boolean v) {
                group = v;
                return this;
            }

            public Builder constantLiar(boolean v) {
                constantLiar = v;
                return this;
            }

            public Builder categoricalBandwidth(double v) {
                categoricalBandwidth = v;
                return checked();
            }

            /** @throws IllegalArgumentException on a setting out of its range */
            public Options build() {
                return new Options(seed, nStartupTrials, nEiCandidates, gammaBeta, gammaCap, gammaSqrt, weighting,
                        considerPrior, priorWeight, magicClip, minBandwidth, considerEndpoints, multivariate, group,
                        constantLiar, bandwidthFactor, categoricalBandwidth);
            }
        }

        /** Number of "below" observations out of {@code n}. */
        int nBelow(int n) {
            double raw = gammaSqrt ? gammaBeta * Math.sqrt(n) : gammaBeta * n;
            return (int) Math.min(gammaCap, Math.max(1, Math.ceil(raw)));
        }

        /** Weights of {@code n} observations in finishing order. */
        double[] weights(int n) {
            double[] w = new double[n];
            Arrays.fill(w, 1.0);
            if (weighting == Weighting.OLD_DECAY && n >= 25) {
                int ramp = n - 25;
                for (int i = 0; i < ramp; i++) {
                    w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
                }
            }
            return w;
        }
    }

    private final Options options;
    private final History history = new History();

    /** A TPE sampler with the given settings. */
    public TpeSampler(Options options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
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
            throw new IllegalStateException("TPE here optimises one objective, but study '" + study.name() + "' has "
                    + study.directions().size() + "; use Samplers.nsga2 for Pareto studies");
        }
    }

    /** Observations of one model, split into below and above, in model coordinates. */
    private record Split(double[][] below, double[] belowWeights, double[][] above, double[] aboveWeights) {
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        requireSingleObjective(study);
        SplittableRandom rng = Rngs.forTrial(options.seed(), trial.number(), name);
        ParzenEstimator.Dim dim = dimOf(distribution);
        Split split;
        synchronized (history) {
            history.sync(study);
            if (history.completeCount < options.nStartupTrials()) {
                return ParamTransform.uniform(rng, distribution);
            }
            History.Series s = history.series.get(new History.ParamKey(name, distribution));
            if (s == null) {
                return ParamTransform.uniform(rng, distribution);
            }
            BitSet below = history.best(s.members, options.nBelow(s.size));
            List<double[]> b = new ArrayList<>();
            List<double[]> a = new ArrayList<>();
            for (int k = 0; k < s.size; k++) {
                double[] row = {dim.toModel(s.values[k])};
                (below.get(s.ids[k]) ? b : a).add(row);
            }
            split = split(b, a);
        }
        split = withLiars(study, trial, Map.of(name, distribution), new ParzenEstimator.Dim[] {dim}, split);
        double[] chosen = choose(new ParzenEstimator.Dim[] {dim}, split, rng, false);
        return chosen[0];
    }

    private Split split(List<double[]> below, List<double[]> above) {
        return new Split(below.toArray(new double[0][]), options.weights(below.size()),
                above.toArray(new double[0][]), options.weights(above.size()));
    }

    /** Adds running trials that have every parameter of {@code space} to "above" (constant liar). */
    private Split withLiars(StudyView study, FrozenTrial trial, Map<String, Distribution> space,
            ParzenEstimator.Dim[] dims, Split split) {
        if (!options.constantLiar()) {
            return split;
        }
        List<double[]> liars = new ArrayList<>();
        for (FrozenTrial t : study.trials(EnumSet.of(TrialState.RUNNING))) {
            if (t.number() == trial.number()) {
                continue;
            }
            double[] row = new double[dims.length];
            boolean has = true;
            int j = 0;
            for (Map.Entry<String, Distribution> e : space.entrySet()) {
                if (!e.getValue().equals(t.distributions().get(e.getKey()))) {
                    has = false;
                    break;
                }
                row[j] = dims[j].toModel(t.internalParam(e.getKey()));
                j++;
            }
            if (has) {
                liars.add(row);
            }
        }
        if (liars.isEmpty()) {
            return split;
        }
        double[][] above = Arrays.copyOf(split.above(), split.above().length + liars.size());
        for (int i = 0; i < liars.size(); i++) {
            above[split.above().length + i] = liars.get(i);
        }
        return new Split(split.below(), split.belowWeights(), above, options.weights(above.length));
    }

    private double[] choose(ParzenEstimator.Dim[] dims, Split split, SplittableRandom rng, boolean multivariate) {
        ParzenEstimator l = new ParzenEstimator(dims, split.below(), split.belowWeights(), options, multivariate);
        ParzenEstimator g = new ParzenEstimator(dims, split.above(), split.aboveWeights(), options, multivariate);
        double[][] cands = l.sample(rng, options.nEiCandidates());
        double[] ll = l.logPdf(cands);
        double[] lg = g.logPdf(cands);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < cands.length; c++) {
            double score = ll[c] - lg[c];
            if (Double.isNaN(score)) {
                score = Double.NEGATIVE_INFINITY;
            }
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        double[] out = new double[dims.length];
        for (int j = 0; j < dims.length; j++) {
            out[j] = l.toInternal(cands[best], j);
        }
        return out;
    }

    private static ParzenEstimator.Dim dimOf(Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return ParzenEstimator.Dim.categorical(c.size());
        }
        return ParzenEstimator.Dim.numeric(ParamTransform.of(d));
    }

    // ---------------------------------------------------------------------------------- multivariate

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        if (!options.multivariate()) {
            return Map.of();
        }
        requireSingleObjective(study);
        Map<String, Distribution> space = new LinkedHashMap<>();
        synchronized (history) {
            history.sync(study);
            if (history.completeCount < options.nStartupTrials()) {
                return Map.of();
            }
            if (options.group()) {
                for (Map<String, Distribution> g : history.groupSpaces()) {
                    space.putAll(g);
                }
            } else {
                space.putAll(history.intersectionSpace());
            }
        }
        space.values().removeIf(Distribution::isSingle);
        return space;
    }

    @Override
    public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        List<Map<String, Distribution>> groups = new ArrayList<>();
        synchronized (history) {
            if (options.group()) {
                for (Map<String, Distribution> g : history.groupSpaces()) {
                    Map<String, Distribution> part = new LinkedHashMap<>();
                    g.forEach((k, v) -> {
                        if (v.equals(space.get(k))) {
                            part.put(k, v);
                        }
                    });
                    if (!part.isEmpty()) {
                        groups.add(part);
                    }
                }
            } else {
                groups.add(space);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map<String, Distribution> g : groups) {
            sampleGroup(study, trial, g, out);
        }
        return out;
    }

    private void sampleGroup(StudyView study, FrozenTrial trial, Map<String, Distribution> group,
            Map<String, Double> out) {
        List<String> names = new ArrayList<>(group.keySet());
        ParzenEstimator.Dim[] dims = new ParzenEstimator.Dim[names.size()];
        for (int j = 0; j < dims.length; j++) {
            dims[j] = dimOf(group.get(names.get(j)));
        }
        Split split;
        synchronized (history) {
            BitSet members = null;
            for (String name : names) {
                History.Series s = history.series.get(new History.ParamKey(name, group.get(name)));
                if (s == null) {
                    return;
                }
                if (members == null) {
                    members = (BitSet) s.members.clone();
                } else {
                    members.and(s.members);
                }
            }
            if (members == null || members.isEmpty()) {
                return;
            }
            int n = members.cardinality();
            BitSet below = history.best(members, options.nBelow(n));
            List<double[]> b = new ArrayList<>();
            List<double[]> a = new ArrayList<>();
            History.Series[] series = new History.Series[dims.length];
            boolean aligned = true;
            for (int j = 0; j < dims.length; j++) {
                series[j] = history.series.get(new History.ParamKey(names.get(j), group.get(names.get(j))));
                aligned &= series[j].size == n;
            }
            if (aligned) {
                // Every series holds exactly the members, in the same (finishing) order: read the arrays.
                for (int k = 0; k < n; k++) {
                    double[] row = new double[dims.length];
                    for (int j = 0; j < dims.length; j++) {
                        row[j] = dims[j].toModel(series[j].values[k]);
                    }
                    (below.get(series[0].ids[k]) ? b : a).add(row);
                }
            } else {
                for (int id = members.nextSetBit(0); id >= 0; id = members.nextSetBit(id + 1)) {
                    History.Obs o = history.obs.get(id);
                    double[] row = new double[dims.length];
                    for (int j = 0; j < dims.length; j++) {
                        row[j] = dims[j].toModel(o.internal().get(names.get(j)));
                    }
                    (below.get(id) ? b : a).add(row);
                }
            }
            split = split(b, a);
        }
        split = withLiars(study, trial, group, dims, split);
        SplittableRandom rng = Rngs.forTrial(options.seed(), trial.number(), "relative:" + String.join(",", names));
        double[] chosen = choose(dims, split, rng, true);
        for (int j = 0; j < dims.length; j++) {
            out.put(names.get(j), chosen[j]);
        }
    }

    @Override
    public String describe() {
        return "TpeSampler" + options;
    }
}
