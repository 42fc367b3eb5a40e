package org.automl4j.sampler.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.automl4j.internal.ParamTransform;
import org.automl4j.internal.Rngs;
import org.automl4j.internal.SobolSequence;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.tpe.TpeSampler;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gaussian-process Bayesian optimisation.
 *
 * <ul>
 *   <li><b>Initial design</b>: the first {@code nStartupTrials} complete trials are a scrambled Sobol
 *       sequence (one coordinate per parameter, in the order parameters first appear).</li>
 *   <li><b>Model</b>: a GP with a Matérn-5/2 ARD kernel over the intersection search space (the
 *       parameters every complete trial has): numeric parameters normalised to [0, 1] (log scale in log
 *       space), categoricals through a Hamming-distance factor. Losses are standardised and (by default)
 *       Yeo-Johnson power-transformed; the prior mean is (by default) the worst loss seen, so that the
 *       unexplored corners of a high-dimensional box do not look as good as the average. Kernel
 *       hyperparameters are maximum a posteriori (marginal likelihood plus priors), fitted by L-BFGS from
 *       the previous optimum (every trial up to 80 observations, then every n/40 trials) and, each time
 *       the data have grown by a quarter, from fresh starting points too; past {@code maxFitPoints}
 *       observations they are fitted on a random subset, but the posterior always conditions on every
 *       observation. While the hyperparameters stay, the Cholesky factor is extended by the new points in
 *       {@code O(n^2)}. Identical points are merged (losses averaged); a failed factorisation is retried
 *       with growing jitter.</li>
 *   <li><b>Acquisition</b>: log expected improvement by default (also EI, UCB, PI), maximised over
 *       scrambled-Sobol candidates and perturbations of the best points, refined by L-BFGS on the
 *       continuous coordinates and exhaustive or stepwise search on ints, steps and categoricals, so
 *       every proposal is a valid grid point.</li>
 *   <li><b>Trust region</b> (optional, {@link TrustRegion}): TuRBO-style, the acquisition is maximised in a box
 *       around the observed point with the lowest posterior mean that shrinks when improvements stop.</li>
 *   <li><b>Noisy learning curves</b> (optional, {@link Options#smoothCurves()}): the model sees each trial's value
 *       denoised by a power-law fit of its intermediate values.</li>
 *   <li><b>Constraints</b>: with study constraints, each constraint gets its own GP; the acquisition is
 *       multiplied by the probability of feasibility and improvement is measured from the best feasible
 *       loss.</li>
 *   <li><b>Parallel workers</b>: running trials are added to the model as kriging-believer or
 *       constant-liar observations, so concurrent proposals spread out.</li>
 *   <li>Parameters outside the intersection space (conditional ones) are sampled by an inner
 *       {@link TpeSampler} with the same seed.</li>
 * </ul>
 *
 * <p>Cost per trial stays bounded as studies grow: past 256 observations fewer candidates and local
 * searches are scored (their cost grows with n^2). Linear algebra is EJML's (Cholesky, triangular solves
 * and inverses, products). Single-objective only. Deterministic for a seed in sequential runs;
 * thread-safe (proposals are computed one at a time).
 */
public final class GpSampler implements Sampler {

    private static final Logger LOG = LoggerFactory.getLogger(GpSampler.class);

    /** The acquisition function maximised to choose each point. */
    public enum Acquisition {
        /** Log expected improvement (Ament et al. 2023): EI's maximiser without its vanishing gradients. */
        LOG_EI,
        /** Expected improvement. */
        EI,
        /** Lower confidence bound of the loss, {@code mu - sqrt(beta) sigma} (upper for maximisation). */
        UCB,
        /** Probability of improvement. */
        PI
    }

    /** How trials still running on other workers enter the model of a new proposal. */
    public enum ParallelStrategy {
        /** Each running trial counts as observed at the model's posterior mean (Ginsbourger et al.'s kriging believer). */
        KRIGING_BELIEVER,
        /** Each running trial counts as observed at the best loss so far (constant liar, CL-min). */
        CONSTANT_LIAR_MIN,
        /** Each running trial counts as observed at the worst loss so far (constant liar, CL-max). */
        CONSTANT_LIAR_MAX,
        /** Running trials are ignored (workers may propose the same point). */
        IGNORE
    }

    /**
     * GP settings. Immutable; change them with {@link #builder()} or {@link #toBuilder()}.
     *
     * @param seed                   the seed of every random draw
     * @param nStartupTrials         complete trials from the Sobol initial design before the GP is used;
     *                               {@link #AUTO_STARTUP} for {@code max(5, d + 1)} with {@code d} the number of
     *                               parameters seen (at most 20)
     * @param acquisition            the acquisition function
     * @param ucbBeta                the exploration weight of {@link Acquisition#UCB}
     * @param nCandidates            quasi-random and local candidates scored before the local search (fewer past
     *                               256 observations, to bound the cost per trial)
     * @param nLocalSearch           local searches per proposal
     * @param parallel               how running trials enter the model
     * @param powerTransform         whether losses are Yeo-Johnson transformed after standardising
     * @param pessimisticPriorMean   whether the GP's prior mean is the worst loss seen instead of the average, so
     *                               that regions far from every observation are not assumed average (this curbs the
     *                               over-exploration of corners and edges in higher dimensions)
     * @param deterministicObjective whether the objective is noise-free: the noise variance is then fixed at its
     *                               floor (1e-8 of the output variance) instead of being fitted
     * @param maxFitPoints           kernel hyperparameters are fitted on at most this many observations
     * @param trustRegion            where the acquisition is maximised: {@code null} for the whole space, else a
     *                               TuRBO-style box around the best point by posterior mean
     * @param smoothCurves           whether the model sees each complete trial's value denoised by a power-law fit
     *                               of its intermediate values ({@code y = c + a x^-alpha}, weighted least squares;
     *                               the raw value when it has fewer than 8 reports, is not its last report, or the
     *                               power law does not fit the curve's end). Useful when per-step values are noisy;
     *                               the study's best trial is still chosen on the reported values
     */
    public record Options(long seed, int nStartupTrials, Acquisition acquisition, double ucbBeta, int nCandidates,
            int nLocalSearch, ParallelStrategy parallel, boolean powerTransform, boolean pessimisticPriorMean,
            boolean deterministicObjective, int maxFitPoints, TrustRegion trustRegion, boolean smoothCurves) {

        /** {@link #nStartupTrials()} value for the automatic initial design size. */
        public static final int AUTO_STARTUP = -1;

        /** @throws IllegalArgumentException on a setting out of its range (the message names it) */
        public Options {
            check(nStartupTrials >= 0 || nStartupTrials == AUTO_STARTUP,
                    "nStartupTrials must be >= 0, or -1 (AUTO_STARTUP) for max(5, d + 1)", nStartupTrials);
            Objects.requireNonNull(acquisition, "acquisition");
            check(ucbBeta > 0 && Double.isFinite(ucbBeta), "ucbBeta must be finite and > 0", ucbBeta);
            check(nCandidates >= 1, "nCandidates must be >= 1", nCandidates);
            check(nLocalSearch >= 0, "nLocalSearch must be >= 0 (0 scores the candidates only)", nLocalSearch);
            Objects.requireNonNull(parallel, "parallel");
            check(maxFitPoints >= 16, "maxFitPoints must be >= 16", maxFitPoints);
        }

        private static void check(boolean ok, String rule, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(rule + ", but got " + value);
            }
        }

        /**
         * automl4j's defaults, chosen on the benchmark suite: LogEI, automatic Sobol design, 1024 candidates and 8
         * local searches, kriging believer, power-transformed outputs, pessimistic prior mean, fitted noise, and
         * hyperparameters fitted on at most 160 observations (which keeps trials 401-500 of a 6-parameter study
         * around 45 ms of CPU each).
         */
        public static Options defaults() {
            return new Options(0, AUTO_STARTUP, Acquisition.LOG_EI, 2.0, 1024, 8, ParallelStrategy.KRIGING_BELIEVER,
                    true, true, false, 160, null, false);
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

        /** The initial design size for {@code d} parameters. */
        int startupTrials(int d) {
            return nStartupTrials >= 0 ? nStartupTrials : Math.min(20, Math.max(5, d + 1));
        }

        /** Builds {@link Options}; every setter validates at once. Not thread-safe. */
        public static final class Builder {
            private long seed;
            private int nStartupTrials;
            private Acquisition acquisition;
            private double ucbBeta;
            private int nCandidates;
            private int nLocalSearch;
            private ParallelStrategy parallel;
            private boolean powerTransform;
            private boolean pessimisticPriorMean;
            private boolean deterministicObjective;
            private int maxFitPoints;
            private TrustRegion trustRegion;
            private boolean smoothCurves;

            private Builder(Options o) {
                seed = o.seed;
                nStartupTrials = o.nStartupTrials;
                acquisition = o.acquisition;
                ucbBeta = o.ucbBeta;
                nCandidates = o.nCandidates;
                nLocalSearch = o.nLocalSearch;
                parallel = o.parallel;
                powerTransform = o.powerTransform;
                pessimisticPriorMean = o.pessimisticPriorMean;
                deterministicObjective = o.deterministicObjective;
                maxFitPoints = o.maxFitPoints;
                trustRegion = o.trustRegion;
                smoothCurves = o.smoothCurves;
            }

            private Builder checked() {
                build();
                return this;
            }

            /** The seed of every random draw. */
            public Builder seed(long v) {
                seed = v;
                return this;
            }

            /** Sobol trials before the GP is used; {@link Options#AUTO_STARTUP} for {@code max(5, d + 1)}. */
            public Builder startupTrials(int v) {
                nStartupTrials = v;
                return checked();
            }

            /** The acquisition function (UCB keeps the current beta; see {@link #ucb(double)}). */
            public Builder acquisition(Acquisition v) {
                acquisition = v;
                return checked();
            }

            /** Upper confidence bound with exploration weight {@code beta}: {@code mu - sqrt(beta) sigma} of the loss. */
            public Builder ucb(double beta) {
                acquisition = Acquisition.UCB;
                ucbBeta = beta;
                return checked();
            }

            /** Candidates scored before the local search. */
            public Builder candidates(int v) {
                nCandidates = v;
                return checked();
            }

            /** Local searches per proposal. */
            public Builder localSearch(int v) {
                nLocalSearch = v;
                return checked();
            }

            /** How running trials enter the model. */
            public Builder parallel(ParallelStrategy v) {
                parallel = v;
                return checked();
            }

            /** Whether losses are Yeo-Johnson transformed. */
            public Builder powerTransform(boolean v) {
                powerTransform = v;
                return this;
            }

            /** Whether the GP's prior mean is the worst loss seen (true) or the average (false). */
            public Builder pessimisticPriorMean(boolean v) {
                pessimisticPriorMean = v;
                return this;
            }

            /** Whether the objective is noise-free (noise fixed at its floor instead of fitted). */
            public Builder deterministicObjective(boolean v) {
                deterministicObjective = v;
                return this;
            }

            /** Most observations used to fit the kernel hyperparameters. */
            public Builder maxFitPoints(int v) {
                maxFitPoints = v;
                return checked();
            }

            /**
             * Maximise the acquisition inside a trust region ({@link TrustRegion#turbo()} for TuRBO's settings), or
             * over the whole space ({@code null}, the default).
             */
            public Builder trustRegion(TrustRegion v) {
                trustRegion = v;
                return this;
            }

            /** Whether the model sees trial values denoised by a power-law fit of their learning curves. */
            public Builder smoothCurves(boolean v) {
                smoothCurves = v;
                return this;
            }

            /** @throws IllegalArgumentException on a setting out of its range */
            public Options build() {
                return new Options(seed, nStartupTrials, acquisition, ucbBeta, nCandidates, nLocalSearch, parallel,
                        powerTransform, pessimisticPriorMean, deterministicObjective, maxFitPoints, trustRegion,
                        smoothCurves);
            }
        }
    }

    /**
     * A TuRBO-style trust region (Eriksson et al. 2019, with one global GP): after the initial design the
     * acquisition is maximised only inside a box centred on the observed point with the lowest posterior mean
     * (not the lowest, possibly lucky, observation). Its side in the unit cube of each numeric parameter is
     * {@code length} times that parameter's share of the kernel lengthscales (geometric mean 1), clipped to the
     * space; categorical parameters are not restricted. The length starts at {@code initialLength}; after
     * {@code successTolerance} consecutive trials that improved the best loss by more than 0.1 % it doubles (at
     * most {@code maxLength}), after {@code failureTolerance} consecutive trials that did not it halves. Below
     * {@code minLength} it either starts again at {@code initialLength} ({@code restart}) or stays at
     * {@code minLength}. With a noisy objective, improvements of the best observation become rare, so the region
     * shrinks around the best-by-model point as the study goes on and the late trials concentrate there.
     *
     * @param initialLength    the first side length (unit-cube units, in (0, 2])
     * @param minLength        the least side length, in (0, initialLength]
     * @param maxLength        the largest side length, at least {@code initialLength}
     * @param successTolerance consecutive improving trials that double the length (>= 1)
     * @param failureTolerance consecutive non-improving trials that halve it (>= 1), or 0 for {@code max(4, d)}
     *                         with {@code d} the number of parameters
     * @param restart          whether a region shrunk below {@code minLength} starts again at {@code initialLength}
     */
    public record TrustRegion(double initialLength, double minLength, double maxLength, int successTolerance,
            int failureTolerance, boolean restart) {

        /** @throws IllegalArgumentException on a setting out of its range (the message names it) */
        public TrustRegion {
            Options.check(initialLength > 0 && initialLength <= 2, "trust region initialLength must be in (0, 2]",
                    initialLength);
            Options.check(minLength > 0 && minLength <= initialLength,
                    "trust region minLength must be in (0, initialLength]", minLength);
            Options.check(maxLength >= initialLength && Double.isFinite(maxLength),
                    "trust region maxLength must be finite and >= initialLength", maxLength);
            Options.check(successTolerance >= 1, "trust region successTolerance must be >= 1", successTolerance);
            Options.check(failureTolerance >= 0, "trust region failureTolerance must be >= 1, or 0 for max(4, d)",
                    failureTolerance);
        }

        /** TuRBO-1's settings: length 0.8 in [0.5^7, 1.6], 3 successes, max(4, d) failures, restarts. */
        public static TrustRegion turbo() {
            return new TrustRegion(0.8, Math.pow(0.5, 7), 1.6, 3, 0, true);
        }

        /** These settings with another least length and restart rule. */
        public TrustRegion withMinLength(double v, boolean restartBelow) {
            return new TrustRegion(initialLength, v, maxLength, successTolerance, failureTolerance, restartBelow);
        }

        /** These settings with other tolerances (failures 0 for {@code max(4, d)}). */
        public TrustRegion withTolerances(int successes, int failures) {
            return new TrustRegion(initialLength, minLength, maxLength, successes, failures, restart);
        }

        int failures(int d) {
            return failureTolerance > 0 ? failureTolerance : Math.max(4, d);
        }
    }

    /** Where the trust region stands: its length, counters and the observations already judged. */
    private static final class RegionState {
        double length;
        int successes;
        int failures;
        int judged;
        double bestLoss = Double.POSITIVE_INFINITY;
        int restarts;
    }

    /** Where a model's hyperparameter fitting stands. */
    private static final class FitState {
        double[] theta;
        GpHyper hyper;
        int nextFullAt;
        int nextWarmAt;
    }

    private static final int FULL_FIT_ITERATIONS = 60;
    private static final int WARM_FIT_ITERATIONS = 25;
    /** Past this many observations, fewer candidates are scored (their cost grows with n^2). */
    private static final int CANDIDATE_BUDGET_POINTS = 256;
    private static final int INCUMBENTS = 5;
    /** Least noise variance (standardised units); jitter covers the factorisations it makes ill-conditioned. */
    static final double NOISE_FLOOR = 1e-8;

    private final Options options;
    private final TpeSampler fallback;
    // Guarded by this.
    private final GpHistory history;
    private final Map<String, Integer> sobolDims = new LinkedHashMap<>();
    private SobolSequence sobol;
    private final Map<String, FitState> fits = new HashMap<>();
    private final Map<String, GaussianProcess> conditioned = new HashMap<>();
    private Map<String, Distribution> fittedSpace = Map.of();
    /** This sampler's proposals for trials still running (their parameters may not be stored yet). */
    private final Map<Integer, Proposal> proposed = new HashMap<>();
    /** The trust region's state; null until the first proposal (or without a trust region). */
    private RegionState region;

    /** The values proposed for a trial, with the space they were proposed in. */
    private record Proposal(Map<String, Distribution> space, Map<String, Double> values) {
    }

    /** A GP sampler with the given settings. */
    public GpSampler(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.history = new GpHistory(options.smoothCurves());
        this.fallback = new TpeSampler(TpeSampler.Options.defaults().withSeed(options.seed()));
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
            throw new IllegalStateException("GP-BO here optimises one objective, but study '" + study.name()
                    + "' has " + study.directions().size() + "; use NSGA-II, Samplers.random or Samplers.sobol for"
                    + " Pareto studies");
        }
    }

    private boolean inStartup() {
        return history.completeCount() < options.startupTrials(history.parametersSeen());
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        requireSingleObjective(study);
        synchronized (this) {
            history.sync(study);
            if (inStartup()) {
                return Map.of();
            }
            Map<String, Distribution> space = new LinkedHashMap<>(history.intersectionSpace());
            space.values().removeIf(Distribution::isSingle);
            return space;
        }
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        requireSingleObjective(study);
        synchronized (this) {
            history.sync(study);
            if (inStartup()) {
                return startupValue(trial, name, distribution);
            }
        }
        return fallback.sampleIndependent(study, trial, name, distribution);
    }

    /** Coordinate {@code name} of Sobol point {@code trial.number()}; guarded by this. */
    private double startupValue(FrozenTrial trial, String name, Distribution distribution) {
        Integer dim = sobolDims.get(name);
        if (dim == null) {
            dim = sobolDims.size();
            sobolDims.put(name, dim);
        }
        double u;
        if (dim >= SobolSequence.MAX_DIMENSIONS || trial.number() < 0) {
            u = Rngs.forTrial(options.seed(), trial.number(), "gp-startup:" + name).nextDouble();
        } else {
            if (sobol == null || dim >= sobol.dimensions()) {
                int dims = Math.min(SobolSequence.MAX_DIMENSIONS, Math.max(16, 2 * (dim + 1)));
                sobol = new SobolSequence(dims, Rngs.mix64(options.seed() ^ 0x5DEECE66DL), true);
            }
            u = sobol.value(trial.number(), dim);
        }
        if (distribution instanceof CategoricalDistribution c) {
            return Math.min(c.size() - 1, (int) Math.floor(u * c.size()));
        }
        return ParamTransform.of(distribution).denormalize(u);
    }

    @Override
    public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        if (space.isEmpty()) {
            return Map.of();
        }
        synchronized (this) {
            // Running trials first, then the finished ones: a trial finishing in between is in both lists
            // (and merged), never in neither.
            List<FrozenTrial> running = options.parallel() == ParallelStrategy.IGNORE ? List.of()
                    : study.trials(EnumSet.of(TrialState.RUNNING));
            history.sync(study);
            try {
                Map<String, Double> out = propose(trial, space, running);
                proposed.put(trial.number(), new Proposal(Map.copyOf(space), Map.copyOf(out)));
                return out;
            } catch (ArithmeticException e) {
                LOG.warn("study '{}': GP proposal for trial {} failed ({}); parameters go to the inner TPE sampler",
                        study.name(), trial.number(), e.getMessage());
                return Map.of();
            }
        }
    }

    /** The training data of one proposal: distinct points with averaged outcomes. */
    private record Data(double[][] x, double[] loss, double[][] constraints, boolean[] feasible, double[] violation) {
    }

    private Data collect(Encoding enc, Map<String, Distribution> space) {
        int d = enc.dims();
        Map<List<Double>, Integer> index = new HashMap<>();
        List<double[]> rows = new ArrayList<>();
        List<double[]> sums = new ArrayList<>();
        List<double[]> csums = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<boolean[]> feasible = new ArrayList<>();
        int nc = Integer.MAX_VALUE;
        for (GpHistory.Obs o : history.observations()) {
            double[] row = new double[d];
            boolean ok = true;
            for (int j = 0; j < d && ok; j++) {
                String name = enc.names().get(j);
                Double v = o.internal().get(name);
                ok = v != null && space.get(name).equals(o.distributions().get(name));
                if (ok) {
                    row[j] = enc.encode(j, v);
                }
            }
            if (!ok) {
                continue;
            }
            nc = Math.min(nc, o.constraints().length);
            List<Double> key = key(row);
            Integer at = index.get(key);
            if (at == null) {
                at = rows.size();
                index.put(key, at);
                rows.add(row);
                sums.add(new double[1]);
                csums.add(o.constraints().clone());
                counts.add(new int[1]);
                feasible.add(new boolean[] {true});
            } else {
                double[] cs = csums.get(at);
                for (int k = 0; k < Math.min(cs.length, o.constraints().length); k++) {
                    cs[k] += o.constraints()[k];
                }
            }
            sums.get(at)[0] += o.loss();
            counts.get(at)[0]++;
            feasible.get(at)[0] &= o.feasible();
        }
        int n = rows.size();
        if (nc == Integer.MAX_VALUE) {
            nc = 0;
        }
        double[][] x = rows.toArray(new double[0][]);
        double[] loss = new double[n];
        double[][] cons = new double[nc][n];
        boolean[] feas = new boolean[n];
        double[] violation = new double[n];
        for (int i = 0; i < n; i++) {
            int c = counts.get(i)[0];
            loss[i] = sums.get(i)[0] / c;
            feas[i] = feasible.get(i)[0];
            for (int k = 0; k < nc; k++) {
                cons[k][i] = csums.get(i)[k] / c;
                violation[i] += Math.max(0, cons[k][i]);
            }
        }
        return new Data(x, loss, cons, feas, violation);
    }

    private Map<String, Double> propose(FrozenTrial trial, Map<String, Distribution> space,
            List<FrozenTrial> running) {
        if (!space.equals(fittedSpace)) {
            fits.clear();
            conditioned.clear();
            fittedSpace = Map.copyOf(space);
        }
        Encoding enc = new Encoding(space);
        Data data = collect(enc, space);
        int n = data.x().length;
        if (n == 0) {
            return Map.of();
        }
        boolean[] cat = enc.categorical();
        SplittableRandom rng = Rngs.forTrial(options.seed(), trial.number(), "gp");

        OutputTransform transform = OutputTransform.fit(data.loss(), options.powerTransform());
        double[] y = transform.apply(data.loss());
        if (options.pessimisticPriorMean()) {
            // The GP's prior mean becomes the worst loss seen: unexplored regions are not assumed average.
            double worst = Arrays.stream(y).max().orElse(0);
            for (int i = 0; i < n; i++) {
                y[i] -= worst;
            }
        }
        GpHyper hyper = hyperparameters("objective", data.x(), y, cat, rng);
        GaussianProcess gp = condition("objective", data.x(), y, cat, hyper);
        GaussianProcess objective = gp;
        if (LOG.isDebugEnabled()) {
            LOG.debug("trial {}: {} points, Yeo-Johnson lambda {}, {}, jitter {}", trial.number(), n,
                    transform.lambda(), hyper, gp.jitter());
        }

        double best = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (data.feasible()[i] && !(y[i] >= best)) {
                best = y[i];
            }
        }
        List<AcquisitionFunction.Constraint> constraints = new ArrayList<>();
        for (int k = 0; k < data.constraints().length; k++) {
            double[] c = data.constraints()[k];
            OutputTransform ct = OutputTransform.fit(c, false);
            double[] yc = ct.apply(c);
            GpHyper hc = hyperparameters("constraint" + k, data.x(), yc, cat, rng);
            constraints.add(new AcquisitionFunction.Constraint(condition("constraint" + k, data.x(), yc, cat, hc),
                    ct.apply(0.0)));
        }
        Set<List<Double>> excluded = new HashSet<>();
        if (options.deterministicObjective()) {
            for (double[] row : data.x()) {
                excluded.add(key(row));
            }
        }
        if (options.parallel() != ParallelStrategy.IGNORE) {
            Pending pending = withPending(running, trial, space, enc, data.x(), y, gp);
            gp = pending.gp();
            excluded.addAll(pending.points());
            // Fantasised outcomes count as observed: a believed improvement is not improvement left to find.
            if (!Double.isNaN(best)) {
                best = Math.min(best, pending.lowestLie());
            }
        }
        AcquisitionFunction acquisition = new AcquisitionFunction(options.acquisition(), options.ucbBeta(), gp,
                best, constraints, enc.dims());

        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> data.feasible()[i] ? 0 : 1)
                .thenComparingDouble(i -> data.feasible()[i] ? y[i] : data.violation()[i]));
        List<double[]> incumbents = new ArrayList<>();
        double[][] box = null;
        if (options.trustRegion() != null) {
            box = trustRegion(enc, data, objective, hyper);
            incumbents.add(box[2]);
        }
        for (int i = 0; i < Math.min(INCUMBENTS, n); i++) {
            incumbents.add(data.x()[order[i]]);
        }
        AcquisitionOptimizer optimizer = box == null ? new AcquisitionOptimizer(enc, acquisition, rng)
                : new AcquisitionOptimizer(enc, acquisition, rng, box[0], box[1]);
        double[] chosen = optimizer.maximize(incumbents, candidates(n), localSearches(n), excluded);

        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < enc.dims(); j++) {
            double v = enc.decode(j, chosen[j]);
            if (enc.distribution(j).containsInternal(v)) {
                out.put(enc.names().get(j), v);
            }
        }
        return out;
    }

    /**
     * Updates the trust region with the observations finished since the last proposal and returns its box:
     * {@code {lower, upper, centre}} in model coordinates.
     */
    private double[][] trustRegion(Encoding enc, Data data, GaussianProcess gp, GpHyper hyper) {
        TrustRegion tr = options.trustRegion();
        List<GpHistory.Obs> obs = history.observations();
        int d = enc.dims();
        if (region == null) {
            region = new RegionState();
            region.length = tr.initialLength();
            for (GpHistory.Obs o : obs) {
                if (o.feasible()) {
                    region.bestLoss = Math.min(region.bestLoss, o.loss());
                }
            }
            region.judged = obs.size();
        }
        for (int i = region.judged; i < obs.size(); i++) {
            GpHistory.Obs o = obs.get(i);
            double best = region.bestLoss;
            boolean improved = o.feasible()
                    && (Double.isInfinite(best) || o.loss() < best - 1e-3 * Math.abs(best));
            if (o.feasible()) {
                region.bestLoss = Math.min(best, o.loss());
            }
            if (improved) {
                region.successes++;
                region.failures = 0;
            } else {
                region.failures++;
                region.successes = 0;
            }
            if (region.successes >= tr.successTolerance()) {
                region.length = Math.min(2 * region.length, tr.maxLength());
                region.successes = 0;
            } else if (region.failures >= tr.failures(d)) {
                region.length /= 2;
                region.failures = 0;
            }
            if (region.length < tr.minLength()) {
                if (tr.restart()) {
                    region.length = tr.initialLength();
                    region.restarts++;
                } else {
                    region.length = tr.minLength();
                }
            }
        }
        region.judged = obs.size();

        // The centre: the observed point with the lowest posterior mean (feasible ones first).
        double[][] x = data.x();
        double[] mean = new double[x.length];
        gp.predict(x, mean, new double[x.length]);
        boolean anyFeasible = false;
        for (boolean f : data.feasible()) {
            anyFeasible |= f;
        }
        int centre = -1;
        for (int i = 0; i < x.length; i++) {
            if ((data.feasible()[i] || !anyFeasible) && (centre < 0 || mean[i] < mean[centre])) {
                centre = i;
            }
        }
        // Side lengths follow the lengthscales of the numeric dimensions, scaled to geometric mean 1.
        double[] ls = hyper.lengthscales();
        double logSum = 0;
        int numeric = 0;
        for (int j = 0; j < d; j++) {
            if (!enc.isCategorical(j)) {
                logSum += Math.log(ls[j]);
                numeric++;
            }
        }
        double geo = numeric == 0 ? 1 : Math.exp(logSum / numeric);
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int j = 0; j < d; j++) {
            if (enc.isCategorical(j)) {
                hi[j] = enc.size(j) - 1;
                continue;
            }
            double half = region.length * ls[j] / geo / 2;
            lo[j] = Math.max(0, x[centre][j] - half);
            hi[j] = Math.min(1, x[centre][j] + half);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("trust region length {} (restarts {}), centre {}, box {} - {}", region.length, region.restarts,
                    Arrays.toString(x[centre]), Arrays.toString(lo), Arrays.toString(hi));
        }
        return new double[][] {lo, hi, x[centre].clone()};
    }

    /** Candidates scored for {@code n} observations: all of them up to 256 points, then fewer as n^2 grows. */
    int candidates(int n) {
        if (n <= CANDIDATE_BUDGET_POINTS) {
            return options.nCandidates();
        }
        double ratio = (double) CANDIDATE_BUDGET_POINTS / n;
        return Math.max(Math.min(64, options.nCandidates()), (int) (options.nCandidates() * ratio * ratio));
    }

    /** Local searches for {@code n} observations: all of them up to 256 points, then fewer as n^2 grows (at least 2). */
    int localSearches(int n) {
        if (n <= CANDIDATE_BUDGET_POINTS) {
            return options.nLocalSearch();
        }
        double ratio = (double) CANDIDATE_BUDGET_POINTS / n;
        return Math.max(Math.min(2, options.nLocalSearch()), (int) Math.round(options.nLocalSearch() * ratio * ratio));
    }

    /** The objective GP with the running trials, and the lowest of their fantasised outcomes. */
    private record Pending(GaussianProcess gp, double lowestLie, Set<List<Double>> points) {
    }

    /** The objective GP with running trials added as believed or lied observations. */
    private Pending withPending(List<FrozenTrial> running, FrozenTrial trial, Map<String, Distribution> space,
            Encoding enc, double[][] x, double[] y, GaussianProcess gp) {
        Set<Integer> numbers = new HashSet<>();
        for (FrozenTrial t : running) {
            numbers.add(t.number());
        }
        proposed.keySet().retainAll(numbers);
        Set<List<Double>> points = new HashSet<>();
        if (running.size() <= 1) {
            return new Pending(gp, Double.POSITIVE_INFINITY, points);
        }
        List<double[]> pending = new ArrayList<>();
        Set<List<Double>> known = new HashSet<>();
        for (double[] row : x) {
            known.add(key(row));
        }
        for (FrozenTrial t : running) {
            if (t.number() == trial.number()) {
                continue;
            }
            // A running trial's values: stored ones, else what this sampler proposed for it (not stored until
            // the objective asks for them).
            Proposal mine = proposed.get(t.number());
            double[] row = new double[enc.dims()];
            boolean ok = true;
            for (int j = 0; j < row.length && ok; j++) {
                String name = enc.names().get(j);
                Distribution d = space.get(name);
                if (d.equals(t.distributions().get(name))) {
                    row[j] = enc.encode(j, t.internalParam(name));
                } else if (mine != null && d.equals(mine.space().get(name)) && mine.values().containsKey(name)) {
                    row[j] = enc.encode(j, mine.values().get(name));
                } else {
                    ok = false;
                }
            }
            if (ok) {
                points.add(key(row));
            }
            if (ok && known.add(key(row))) {
                pending.add(row);
            }
        }
        if (pending.isEmpty()) {
            return new Pending(gp, Double.POSITIVE_INFINITY, points);
        }
        double[][] px = pending.toArray(new double[0][]);
        double[] lies = new double[px.length];
        switch (options.parallel()) {
            case KRIGING_BELIEVER -> gp.predict(px, lies, new double[px.length]);
            case CONSTANT_LIAR_MIN -> Arrays.fill(lies, Arrays.stream(y).min().orElse(0));
            case CONSTANT_LIAR_MAX -> Arrays.fill(lies, Arrays.stream(y).max().orElse(0));
            default -> throw new AssertionError(options.parallel());
        }
        double[][] ax = Arrays.copyOf(x, x.length + px.length);
        System.arraycopy(px, 0, ax, x.length, px.length);
        double[] ay = Arrays.copyOf(y, y.length + lies.length);
        System.arraycopy(lies, 0, ay, y.length, lies.length);
        GaussianProcess extended = gp.extend(ax, ay);
        return new Pending(extended != null ? extended : GaussianProcess.fit(ax, ay, enc.categorical(), gp.hyper()),
                Arrays.stream(lies).min().orElse(Double.POSITIVE_INFINITY), points);
    }

    /**
     * Model {@code name} conditioned on {@code (x, y)}: the previous proposal's GP extended by the new points
     * when its hyperparameters were kept and its points are a prefix of {@code x} ({@code O(n^2)} per new
     * point), otherwise a fresh factorisation ({@code O(n^3)}).
     */
    private GaussianProcess condition(String name, double[][] x, double[] y, boolean[] cat, GpHyper hyper) {
        GaussianProcess last = conditioned.get(name);
        GaussianProcess gp = null;
        if (last != null && last.hyper() == hyper && startsWith(x, last.points())) {
            gp = last.extend(x, y);
        }
        if (gp == null) {
            gp = GaussianProcess.fit(x, y, cat, hyper);
        }
        conditioned.put(name, gp);
        return gp;
    }

    private static boolean startsWith(double[][] x, double[][] prefix) {
        if (prefix.length > x.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!Arrays.equals(x[i], prefix[i])) {
                return false;
            }
        }
        return true;
    }

    private static List<Double> key(double[] row) {
        return AcquisitionOptimizer.key(row);
    }

    /**
     * The hyperparameters of model {@code name} for this proposal: refitted from the previous optimum
     * every trial up to 80 observations and then every n/40 trials, and from fresh starting points as
     * well each time the data have grown by a quarter.
     */
    private GpHyper hyperparameters(String name, double[][] x, double[] y, boolean[] cat, SplittableRandom rng) {
        int n = x.length;
        FitState state = fits.get(name);
        boolean full = state == null || n >= state.nextFullAt;
        boolean warm = !full && n >= state.nextWarmAt;
        if (!full && !warm) {
            return state.hyper;
        }
        double[][] fx = x;
        double[] fy = y;
        if (n > options.maxFitPoints()) {
            int m = options.maxFitPoints();
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            SplittableRandom sub = Rngs.forTrial(options.seed(), n, "gp-fit-subset:" + name);
            fx = new double[m][];
            fy = new double[m];
            for (int i = 0; i < m; i++) {
                int k = i + sub.nextInt(n - i);
                int t = idx[i];
                idx[i] = idx[k];
                idx[k] = t;
                fx[i] = x[idx[i]];
                fy[i] = y[idx[i]];
            }
        }
        HyperparameterFit problem = new HyperparameterFit(fx, fy, cat, NOISE_FLOOR, options.deterministicObjective());
        List<double[]> starts = new ArrayList<>();
        if (state != null) {
            starts.add(state.theta);
        }
        if (full) {
            starts.add(problem.theta(0.5, 1.0, 1e-3));
            double[] random = problem.theta(1, 1, 1e-3);
            for (int j = 0; j < cat.length; j++) {
                random[j] = Math.log(0.05 + 1.95 * rng.nextDouble());
            }
            random[cat.length] = Math.log(0.5 + 1.5 * rng.nextDouble());
            random[cat.length + 1] = Math.log(1e-8) + rng.nextDouble() * Math.log(1e6);
            starts.add(random);
        }
        HyperparameterFit.Fit fit = problem.fit(starts, full ? FULL_FIT_ITERATIONS : WARM_FIT_ITERATIONS);
        if (fit == null) {
            if (state != null) {
                return state.hyper;
            }
            return problem.toHyper(problem.theta(0.5, 1.0, 1e-3));
        }
        FitState next = new FitState();
        next.theta = fit.theta();
        next.hyper = fit.hyper();
        next.nextFullAt = full ? n + Math.max(2, n / 4) : state.nextFullAt;
        next.nextWarmAt = n + Math.max(1, n / 40);
        fits.put(name, next);
        return fit.hyper();
    }

    @Override
    public void afterTrial(StudyView study, FrozenTrial trial) {
        synchronized (this) {
            proposed.remove(trial.number());
        }
    }

    @Override
    public String describe() {
        return "GpSampler" + options;
    }
}
