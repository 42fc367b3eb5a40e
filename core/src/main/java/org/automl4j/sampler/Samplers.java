package org.automl4j.sampler;

import java.util.List;
import java.util.Map;
import org.automl4j.sampler.bohb.BohbSampler;
import org.automl4j.sampler.nsga2.Nsga2Sampler;
import org.automl4j.sampler.smac.SmacSampler;
import org.automl4j.sampler.tpe.TpeSampler;
import org.automl4j.space.Distribution;

/** Factories for the built-in samplers. Every sampler takes a seed: the same seed gives the same trials. */
public final class Samplers {
    private Samplers() {
    }

    /** Independent uniform random search. */
    public static Sampler random(long seed) {
        return new RandomSampler(seed);
    }

    /** Scrambled Sobol quasi-random search. */
    public static Sampler sobol(long seed) {
        return new SobolSampler(seed, true);
    }

    /** Sobol quasi-random search, scrambled or not (unscrambled starts at the lower corner and the centre). */
    public static Sampler sobol(long seed, boolean scramble) {
        return new SobolSampler(seed, scramble);
    }

    /** Grid search over explicit values, visited in an order shuffled by {@code seed}. */
    public static Sampler grid(Map<String, List<?>> grid, long seed) {
        return new GridSampler(grid, seed, true);
    }

    /** Grid search over explicit values in lexicographic order. */
    public static Sampler grid(Map<String, List<?>> grid) {
        return new GridSampler(grid, 0, false);
    }

    /**
     * Grid search over every value of step-discretised distributions: categoricals, ints and floats
     * with a step, and single-valued floats ({@code low == high}, one point).
     *
     * @throws IllegalArgumentException for a continuous float of more than one value or a log-scale int
     *     (give their values)
     */
    public static Sampler gridOf(Map<String, Distribution> space, long seed) {
        return new GridSampler(GridSampler.gridOf(space), seed, true);
    }

    /**
     * {@code base} with some parameters held at fixed values (Optuna's PartialFixedSampler): each name in
     * {@code fixed} takes its value (as the objective's suggestion gives it out: a Double, an Integer or one of
     * the listed choices) in every new trial, and {@code base} chooses the others. Enqueued trials keep their
     * own values. A fixed value outside the suggested distribution fails the trial with an error naming it.
     */
    public static Sampler partialFixed(Map<String, ?> fixed, Sampler base) {
        return new PartialFixedSampler(fixed, base);
    }

    /**
     * Every combination of a finite define-by-run space once (Optuna's BruteForceSampler), conditional parameters
     * included; the study stops when all were tried. Floats need a step; {@code seed} orders the combinations.
     */
    public static Sampler bruteForce(long seed) {
        return new BruteForceSampler(seed);
    }

    /** TPE with automl4j's default settings ({@link TpeSampler.Options#defaults()}). */
    public static Sampler tpe(long seed) {
        return new TpeSampler(TpeSampler.Options.defaults().withSeed(seed));
    }

    /** TPE with the given settings. */
    public static Sampler tpe(TpeSampler.Options options) {
        return new TpeSampler(options);
    }

    /** NSGA-II (elitist multi-objective evolution; also works for one objective) with its defaults. */
    public static Sampler nsga2(long seed) {
        return new Nsga2Sampler(Nsga2Sampler.Options.defaults().withSeed(seed));
    }

    /** NSGA-II with the given settings. */
    public static Sampler nsga2(Nsga2Sampler.Options options) {
        return new Nsga2Sampler(options);
    }

    /**
     * SMAC-style Bayesian optimisation with a random-forest surrogate: handles conditional and
     * categorical spaces natively (the sampler for CASH-like spaces).
     */
    public static Sampler smac(long seed) {
        return new SmacSampler(SmacSampler.Options.defaults().withSeed(seed));
    }

    /** SMAC with the given settings. */
    public static Sampler smac(SmacSampler.Options options) {
        return new SmacSampler(options);
    }

    /**
     * BOHB's model (Falkner et al. 2018): a TPE-style density ratio fitted on the largest budget with
     * enough observations, with a random fraction; use it with {@code Pruners.hyperband}.
     */
    public static Sampler bohb(long seed) {
        return new BohbSampler(BohbSampler.Options.builder().seed(seed).build());
    }
}
