package org.automl4j.sampler.smac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.automl4j.internal.ParamTransform;
import org.automl4j.internal.Rngs;
import org.automl4j.internal.SobolSequence;
import org.automl4j.sampler.Sampler;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.study.StudyView;
import org.automl4j.surrogate.RegressionForest;
import org.automl4j.trial.FrozenTrial;

/**
 * SMAC-style Bayesian optimisation with a random-forest surrogate (Hutter, Hoos and Leyton-Brown
 * 2011; the forest and acquisition follow SMAC3's hyperparameter-optimisation facade): an initial
 * design (scrambled Sobol or random), then for each trial a {@link RegressionForest} fitted on all
 * finished trials and expected improvement (EI) maximised by random sampling plus local search
 * from the best configurations (the 10 best, and the best of every categorical choice, so no
 * branch of a conditional space is dropped for good).
 *
 * <h2>Trials after the initial design</h2>
 * Each trial draws (from its own seeded stream) one of three kinds:
 * <ul>
 *   <li>with probability {@code randomInterleaveProbability}, a uniformly random configuration
 *       (SMAC's interleaved random design);</li>
 *   <li>with probability {@code branchProbability}, a <em>branch</em> trial: every categorical
 *       parameter takes a random choice and EI, measured against the best trial of that branch,
 *       is maximised over the numeric parameters only. This spreads model-guided effort over the
 *       choices of CASH-like spaces (algorithm, kernel, ...) instead of committing to the first
 *       choice that did well; on spaces without categoricals it is an ordinary model trial;</li>
 *   <li>otherwise, EI over the whole space.</li>
 * </ul>
 *
 * <h2>Spaces</h2>
 * Every parameter seen in a finished trial is a column (under its latest distribution): numeric
 * parameters in [0, 1] (log space for log scale), categoricals as category codes with exact
 * categorical splits. Conditional parameters are handled natively: an inactive parameter is
 * imputed (numeric as -1, categorical as an extra category) so the forest splits on activity, and
 * the activity of candidate configurations is inferred from the trials ({@link ActivityModel}:
 * which categorical choices came with which parameters). The whole observed space is sampled
 * jointly; the objective uses the values of the parameters it activates and ignores the rest.
 * Parameters never seen before are sampled at random.
 *
 * <h2>Costs</h2>
 * The initial design lasts until {@code nInitial} trials are COMPLETE or FAIL, at least one of them COMPLETE: a
 * FAIL trial was evaluated too (SMAC3 counts crashed runs of its initial design), and counting only COMPLETE ones
 * kept a search whose trials mostly failed in the initial design, proposing the failing choices as often as any
 * (AutoML with a learner that always fails drew it for half its pipelines).
 * The model learns from COMPLETE trials, and from PRUNED trials at their last reported intermediate value (a
 * configuration stopped by a pruner or raced out is costed by what it showed, as SMAC3 costs a configuration by its
 * mean over the instances it ran on); FAIL trials and infeasible trials (constraints) count as
 * the worst loss seen so far, at the configuration they had; running trials and PRUNED trials that reported nothing are
 * not used. PRUNED trials count towards the initial design as FAIL trials do (once one trial is COMPLETE).
 * With {@link LogTransform#ALWAYS} (or {@link LogTransform#AUTO} when the losses are skewed)
 * losses are shifted and scaled into (0, 1] as in SMAC's log-scaled encoder (the best maps a little
 * above 0, by the distance of the 5th percentile to the best) and the forest models their log; EI
 * is then the expected improvement of the costs under the forest's lognormal prediction.
 *
 * <p>Deterministic for a seed in sequential runs (every draw comes from streams derived from the
 * seed and the trial number). Single-objective studies only. Thread-safe: the history is updated
 * under a lock, the model is fitted and searched outside it.
 */
public final class SmacSampler implements Sampler {

    /** Whether the surrogate models log-transformed costs. */
    public enum LogTransform {
        /** Log-transform when the losses are skewed: the median loss lies in the lowest quarter of their range. */
        AUTO,
        /** Always (SMAC3's hyperparameter-optimisation facade). */
        ALWAYS,
        /** Never: the forest models the losses. */
        NEVER
    }

    /** How the first {@code nInitial} configurations are chosen. */
    public enum InitialDesign {
        /**
         * A scrambled Sobol sequence: trial {@code n} takes point {@code n}, one dimension per parameter name in
         * order of first suggestion (the first 128 names; further ones are drawn at random).
         */
        SOBOL,
        /** Independent uniform draws. */
        RANDOM
    }

    /**
     * SMAC settings. Immutable; change them with {@link #builder()} or {@link #toBuilder()}.
     *
     * @param seed                        the seed of every random draw
     * @param nInitial                    COMPLETE or FAIL trials (one COMPLETE at least) from the initial design
     *                                    before the model is used
     * @param initialDesign               how the initial configurations are chosen
     * @param forest                      the surrogate's settings (its seed is replaced by one per trial)
     * @param randomInterleaveProbability the probability that a trial after the initial design is random
     * @param branchProbability           the probability that a trial after the initial design takes a random
     *                                    choice for every categorical parameter and maximises EI over the numeric
     *                                    parameters only (no effect on spaces without categoricals)
     * @param logTransform                whether the forest models log-transformed costs
     * @param nRandomCandidates           random configurations scored per decision
     * @param nLocalSearchStarts          best observed configurations local search starts from
     * @param nRandomStarts               best random configurations local search also starts from
     * @param localSearchMaxSteps         at most this many moves per local search
     * @param nNumericNeighbours          Gaussian steps per active numeric parameter in a neighbourhood
     * @param neighbourStdDev             the standard deviation of those steps, in the unit interval
     */
    public record Options(long seed, int nInitial, InitialDesign initialDesign, RegressionForest.Options forest,
            double randomInterleaveProbability, double branchProbability, LogTransform logTransform,
            int nRandomCandidates,
            int nLocalSearchStarts, int nRandomStarts, int localSearchMaxSteps, int nNumericNeighbours,
            double neighbourStdDev) {

        /** @throws IllegalArgumentException on a setting out of its range (the message names it) */
        public Options {
            check(nInitial >= 0, "nInitial must be >= 0", nInitial);
            Objects.requireNonNull(initialDesign, "initialDesign");
            Objects.requireNonNull(forest, "forest");
            check(randomInterleaveProbability >= 0 && randomInterleaveProbability <= 1,
                    "randomInterleaveProbability must be in [0, 1]", randomInterleaveProbability);
            check(branchProbability >= 0 && branchProbability <= 1, "branchProbability must be in [0, 1]",
                    branchProbability);
            check(randomInterleaveProbability + branchProbability <= 1,
                    "randomInterleaveProbability + branchProbability must be <= 1",
                    randomInterleaveProbability + branchProbability);
            Objects.requireNonNull(logTransform, "logTransform");
            check(nRandomCandidates >= 0, "nRandomCandidates must be >= 0", nRandomCandidates);
            check(nLocalSearchStarts >= 0, "nLocalSearchStarts must be >= 0", nLocalSearchStarts);
            check(nRandomStarts >= 0, "nRandomStarts must be >= 0", nRandomStarts);
            check(nRandomCandidates + nLocalSearchStarts >= 1,
                    "nRandomCandidates + nLocalSearchStarts must be >= 1 (something to score)",
                    nRandomCandidates + nLocalSearchStarts);
            check(localSearchMaxSteps >= 0, "localSearchMaxSteps must be >= 0", localSearchMaxSteps);
            check(nNumericNeighbours >= 1, "nNumericNeighbours must be >= 1", nNumericNeighbours);
            check(neighbourStdDev > 0 && neighbourStdDev <= 1, "neighbourStdDev must be in (0, 1]", neighbourStdDev);
        }

        private static void check(boolean ok, String rule, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(rule + ", but got " + value);
            }
        }

        /**
         * automl4j's defaults, chosen on the benchmark suite's {@code mixed} and {@code conditional} problems: 20 Sobol
         * configurations (SMAC3 uses 10% of the budget, 20 at 200 trials), SMAC3's forest (10 trees, bootstrap,
         * all features, min leaf 1), random configurations with probability 0.1 and branch trials with probability
         * 0.4, log costs when skewed, 1000 random candidates, local search from the 10 best observed and 5 best
         * random configurations (4 Gaussian steps of 0.2 per numeric parameter, at most 50 moves).
         */
        public static Options defaults() {
            return new Options(0, 20, InitialDesign.SOBOL, RegressionForest.Options.defaults(), 0.1, 0.4,
                    LogTransform.AUTO, 1000, 10, 5, 50, 4, 0.2);
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
            private int nInitial;
            private InitialDesign initialDesign;
            private RegressionForest.Options forest;
            private double randomInterleaveProbability;
            private double branchProbability;
            private LogTransform logTransform;
            private int nRandomCandidates;
            private int nLocalSearchStarts;
            private int nRandomStarts;
            private int localSearchMaxSteps;
            private int nNumericNeighbours;
            private double neighbourStdDev;

            private Builder(Options o) {
                seed = o.seed;
                nInitial = o.nInitial;
                initialDesign = o.initialDesign;
                forest = o.forest;
                randomInterleaveProbability = o.randomInterleaveProbability;
                branchProbability = o.branchProbability;
                logTransform = o.logTransform;
                nRandomCandidates = o.nRandomCandidates;
                nLocalSearchStarts = o.nLocalSearchStarts;
                nRandomStarts = o.nRandomStarts;
                localSearchMaxSteps = o.localSearchMaxSteps;
                nNumericNeighbours = o.nNumericNeighbours;
                neighbourStdDev = o.neighbourStdDev;
            }

            private Builder checked() {
                build();
                return this;
            }

            public Builder seed(long v) {
                seed = v;
                return this;
            }

            /** COMPLETE or FAIL trials (one COMPLETE at least) from the initial design before the model is used. */
            public Builder initial(int n, InitialDesign design) {
                nInitial = n;
                initialDesign = design;
                return checked();
            }

            /** The surrogate's settings (its seed is ignored). */
            public Builder forest(RegressionForest.Options v) {
                forest = v;
                return checked();
            }

            /** The number of trees of the surrogate. */
            public Builder nTrees(int v) {
                forest = Objects.requireNonNull(forest, "forest").toBuilder().nTrees(v).build();
                return this;
            }

            public Builder randomInterleaveProbability(double v) {
                randomInterleaveProbability = v;
                return checked();
            }

            /** The probability of a trial with random categorical choices and model-chosen numbers. */
            public Builder branchProbability(double v) {
                branchProbability = v;
                return checked();
            }

            public Builder logTransform(LogTransform v) {
                logTransform = v;
                return checked();
            }

            public Builder randomCandidates(int v) {
                nRandomCandidates = v;
                return checked();
            }

            /** Local search: starts from the best observed and best random configurations, and the most moves. */
            public Builder localSearch(int observedStarts, int randomStarts, int maxSteps) {
                nLocalSearchStarts = observedStarts;
                nRandomStarts = randomStarts;
                localSearchMaxSteps = maxSteps;
                return checked();
            }

            /** The numeric part of the neighbourhood: steps per parameter and their standard deviation. */
            public Builder neighbourhood(int numericNeighbours, double stdDev) {
                nNumericNeighbours = numericNeighbours;
                neighbourStdDev = stdDev;
                return checked();
            }

            /** @throws IllegalArgumentException on a setting out of its range */
            public Options build() {
                return new Options(seed, nInitial, initialDesign, forest, randomInterleaveProbability,
                        branchProbability, logTransform, nRandomCandidates, nLocalSearchStarts, nRandomStarts, localSearchMaxSteps, nNumericNeighbours,
                        neighbourStdDev);
            }
        }
    }

    private static final int SOBOL_DIMENSIONS = 128;

    private final Options options;
    private final SmacHistory history = new SmacHistory();
    private final SobolSequence sobol;
    private final Map<String, Integer> sobolDims = new LinkedHashMap<>();

    /** A SMAC sampler with the given settings. */
    public SmacSampler(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.sobol = options.initialDesign() == InitialDesign.SOBOL
                ? new SobolSequence(SOBOL_DIMENSIONS, options.seed(), true) : null;
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
            throw new IllegalStateException("SMAC here optimises one objective, but study '" + study.name() + "' has "
                    + study.directions().size() + "; use Samplers.random or Samplers.sobol for Pareto studies");
        }
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        requireSingleObjective(study);
        boolean initial;
        synchronized (history) {
            history.sync(study);
            initial = history.inInitialDesign(options.nInitial());
        }
        if (initial && sobol != null) {
            int dim;
            synchronized (sobolDims) {
                dim = sobolDims.computeIfAbsent(name, k -> sobolDims.size());
            }
            if (dim < SOBOL_DIMENSIONS && trial.number() >= 0 && trial.number() < SobolSequence.MAX_POINTS) {
                return fromUnit(sobol.value(trial.number(), dim), distribution);
            }
        }
        return fromUnit(Rngs.forTrial(options.seed(), trial.number(), name).nextDouble(), distribution);
    }

    private static double fromUnit(double u, Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return Math.min(c.size() - 1, (int) Math.floor(u * c.size()));
        }
        return ParamTransform.of(d).denormalize(u);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        requireSingleObjective(study);
        Map<String, Distribution> space;
        synchronized (history) {
            history.sync(study);
            if (history.inInitialDesign(options.nInitial()) || history.size() == 0) {
                return Map.of();
            }
            space = history.space();
        }
        if (kindOf(trial.number()) == Kind.RANDOM) {
            return Map.of();
        }
        space.values().removeIf(Distribution::isSingle);
        return space;
    }

    @Override
    public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        if (space.isEmpty()) {
            return Map.of();
        }
        SmacHistory.Snapshot snap;
        synchronized (history) {
            history.sync(study);
            if (history.size() == 0) {
                return Map.of();
            }
            snap = history.snapshot();
        }
        Column[] cols = snap.columns();
        AcquisitionSearch.Config chosen = propose(snap, trial.number());
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < cols.length; j++) {
            Distribution d = space.get(cols[j].name);
            if (d != null && d.equals(cols[j].distribution)) {
                out.put(cols[j].name, cols[j].decode(chosen.u[j]));
            }
        }
        return out;
    }

    /** What a trial after the initial design does. */
    private enum Kind {
        /** EI over the whole space. */
        MODEL,
        /** A random configuration. */
        RANDOM,
        /** Random categorical choices, EI over the rest. */
        BRANCH
    }

    private Kind kindOf(int number) {
        double u = Rngs.forTrial(options.seed(), number, "smac:interleave").nextDouble();
        if (u < options.randomInterleaveProbability()) {
            return Kind.RANDOM;
        }
        return u < options.randomInterleaveProbability() + options.branchProbability() ? Kind.BRANCH : Kind.MODEL;
    }

    /** Fits the surrogate to the snapshot and maximises EI; a random configuration if nothing new is found. */
    AcquisitionSearch.Config propose(SmacHistory.Snapshot snap, int trialNumber) {
        Column[] cols = snap.columns();
        double[] loss = snap.loss();
        int n = loss.length;
        double[] y = new double[n];
        boolean log = targets(loss, y);
        double eta = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(loss[i])) {
                eta = Math.min(eta, y[i]);
            }
        }
        if (eta == Double.POSITIVE_INFINITY) {
            eta = Arrays.stream(y).min().orElse(0);
        }
        int[] categories = new int[cols.length];
        for (int j = 0; j < cols.length; j++) {
            categories[j] = cols[j].forestCategories();
        }
        long modelSeed = Rngs.mix64(options.seed() ^ Rngs.mix64(trialNumber + 0x5DEECE66DL));
        RegressionForest forest = RegressionForest.fit(snap.x(), y, categories, options.forest().withSeed(modelSeed));
        SplittableRandom rng = Rngs.forTrial(options.seed(), trialNumber, "smac:acquisition");
        AcquisitionSearch search = new AcquisitionSearch(cols, snap.activity(), forest, eta, log, options, rng,
                snap.x());
        double[] fixed = null;
        if (kindOf(trialNumber) == Kind.BRANCH) {
            // a random choice for every active categorical; the numeric parameters are still chosen by the model,
            // by EI over the branch's own best, so the branch is tuned rather than judged against the incumbent
            AcquisitionSearch.Config r = search.random();
            fixed = new double[cols.length];
            Arrays.fill(fixed, Double.NaN);
            for (int j = 0; j < cols.length; j++) {
                if (cols[j].isCategorical() && r.active[j]) {
                    fixed[j] = r.u[j];
                }
            }
            double branchEta = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(loss[i]) && agrees(snap.x()[i], fixed)) {
                    branchEta = Math.min(branchEta, y[i]);
                }
            }
            if (deadBranch(snap.x(), loss, fixed)) {
                fixed = null; // an ordinary model trial
            } else {
                search.fix(fixed, branchEta == Double.POSITIVE_INFINITY ? eta : branchEta);
            }
        }
        List<AcquisitionSearch.Config> starts = starts(snap, cols, fixed);
        AcquisitionSearch.Config best = search.maximise(starts);
        return best != null ? best : search.random();
    }

    /** Trials of a categorical choice, every one FAIL or infeasible, after which branch trials no longer draw it. */
    static final int DEAD_CHOICE_TRIALS = 3;

    /**
     * Whether a branch (the categorical values in {@code fixed}, NaN where free) holds a choice whose every trial
     * among the encoded rows {@code x} failed (NaN in {@code loss}), {@value #DEAD_CHOICE_TRIALS} at least; such a
     * branch is left to the model rather than drawn. A learner that always fails was otherwise drawn by every other
     * branch trial of a two-learner AutoML search, each failing at once.
     */
    static boolean deadBranch(double[][] x, double[] loss, double[] fixed) {
        for (int j = 0; j < fixed.length; j++) {
            if (Double.isNaN(fixed[j])) {
                continue;
            }
            int tried = 0;
            boolean ran = false;
            for (int i = 0; i < x.length && !ran; i++) {
                if (x[i][j] == fixed[j]) {
                    tried++;
                    ran = !Double.isNaN(loss[i]);
                }
            }
            if (!ran && tried >= DEAD_CHOICE_TRIALS) {
                return true;
            }
        }
        return false;
    }

    /** Whether encoded row {@code row} has the fixed categorical values. */
    private static boolean agrees(double[] row, double[] fixed) {
        for (int j = 0; j < fixed.length; j++) {
            if (!Double.isNaN(fixed[j]) && row[j] != fixed[j]) {
                return false;
            }
        }
        return true;
    }

    /** The best observed configurations, inactive slots filled from the best trial where each is active. */
    private List<AcquisitionSearch.Config> starts(SmacHistory.Snapshot snap, Column[] cols, double[] fixed) {
        double[] loss = snap.loss();
        Integer[] idx = new Integer[loss.length];
        int m = 0;
        for (int i = 0; i < loss.length; i++) {
            if (!Double.isNaN(loss[i]) && (fixed == null || agrees(snap.x()[i], fixed))) {
                idx[m++] = i;
            }
        }
        Integer[] feasible = Arrays.copyOf(idx, m);
        Arrays.sort(feasible, (a, b) -> loss[a] != loss[b] ? Double.compare(loss[a], loss[b]) : Integer.compare(a, b));
        List<Integer> chosen = new ArrayList<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int r = 0; r < Math.min(options.nLocalSearchStarts(), feasible.length); r++) {
            chosen.add(feasible[r]);
            taken.add(feasible[r]);
        }
        if (fixed == null) {
            // the best configuration of every choice of every categorical, so no branch is dropped for good
            for (int j = 0; j < cols.length; j++) {
                if (!cols[j].isCategorical()) {
                    continue;
                }
                boolean[] seen = new boolean[cols[j].k];
                for (int i : feasible) {
                    if (snap.active()[i][j]) {
                        int code = (int) snap.x()[i][j];
                        if (!seen[code]) {
                            seen[code] = true;
                            if (taken.add(i)) {
                                chosen.add(i);
                            }
                        }
                    }
                }
            }
        }
        List<AcquisitionSearch.Config> out = new ArrayList<>();
        for (int i : chosen) {
            double[] row = snap.x()[i];
            boolean[] act = snap.active()[i];
            double[] u = new double[cols.length];
            for (int j = 0; j < u.length; j++) {
                u[j] = act[j] ? row[j] : snap.fill()[j];
            }
            out.add(new AcquisitionSearch.Config(u, act.clone(), cols));
        }
        return out;
    }



    /**
     * The model's targets: losses with failed and infeasible trials at the worst loss, log-transformed when
     * the settings say so; returns whether they were log-transformed.
     */
    boolean targets(double[] loss, double[] y) {
        int n = loss.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (double l : loss) {
            if (!Double.isNaN(l)) {
                min = Math.min(min, l);
                max = Math.max(max, l);
                finite++;
            }
        }
        if (finite == 0 || !(max > min)) {
            Arrays.fill(y, 0);
            return false;
        }
        double[] sorted = new double[finite];
        for (int i = 0, k = 0; i < n; i++) {
            double l = Double.isNaN(loss[i]) ? max : loss[i];
            y[i] = l;
            if (!Double.isNaN(loss[i])) {
                sorted[k++] = l;
            }
        }
        Arrays.sort(sorted);
        boolean log = switch (options.logTransform()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> percentile(sorted, 50) - min < 0.25 * (max - min);
        };
        if (!log) {
            return false;
        }
        double lo = min - (percentile(sorted, 5) - min);
        lo -= 1e-10 * (max - min);
        if (!(lo < min)) {
            // the offset is below min's precision (losses a few ulps apart): the best would map to log(0)
            lo = Math.nextDown(min);
        }
        double range = max - lo;
        if (!Double.isFinite(range)) {
            return false; // losses spanning more than Double.MAX_VALUE: keep them as they are
        }
        for (int i = 0; i < n; i++) {
            y[i] = Math.log((y[i] - lo) / range);
        }
        return true;
    }

    /** numpy's default (linear) percentile of sorted values. */
    private static double percentile(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public String describe() {
        return "SmacSampler" + options;
    }
}
