package org.automl4j.pruner;

import java.util.Objects;
import org.automl4j.budget.Budget;

/**
 * Factories for the built-in pruners. Every pruner is thread-safe and may be shared by several studies
 * (its incremental state is kept per study, by {@link org.automl4j.study.StudyView#identity()}). In a multi-objective study the percentile, threshold,
 * patient, successive-halving and Hyperband pruners judge the intermediate values as a scalarisation to
 * minimise (the objective reports one of its choice); the learning-curve pruner needs a single objective
 * and throws {@link IllegalStateException} from {@code shouldPrune} in a multi-objective study.
 */
public final class Pruners {
    private Pruners() {
    }

    /** A pruner that never prunes. */
    public static Pruner none() {
        return NopPruner.INSTANCE;
    }

    /** {@link #median(int, long, long)} with Optuna's defaults: 5 startup trials, no warm-up, every step. */
    public static Pruner median() {
        return median(5, 0, 1);
    }

    /**
     * Optuna's MedianPruner: {@link #percentile} at 50.
     *
     * @throws IllegalArgumentException if a count is negative or {@code intervalSteps < 1}
     */
    public static Pruner median(int nStartupTrials, long nWarmupSteps, long intervalSteps) {
        return percentile(50.0, nStartupTrials, nWarmupSteps, intervalSteps);
    }

    /**
     * Optuna's PercentilePruner. At the trial's latest step {@code s} (once {@code s >= nWarmupSteps}, at the
     * first report of each {@code intervalSteps}-long interval, and once at least {@code nStartupTrials}
     * trials are COMPLETE), prunes if the trial's best intermediate value so far is worse than the
     * {@code percentile}-th best value (linear interpolation, as numpy, except that infinite values
     * give no NaN) among the values COMPLETE trials
     * reported at step {@code s}; for maximisation the percentile is taken from the top. A trial whose values
     * are all NaN is pruned; no pruning while no COMPLETE trial reported at {@code s}.
     *
     * @param percentile in [0, 100]: lower prunes more (25 keeps trials in the best quarter)
     * @throws IllegalArgumentException if {@code percentile} is outside [0, 100], a count is negative or
     *     {@code intervalSteps < 1}
     */
    public static Pruner percentile(double percentile, int nStartupTrials, long nWarmupSteps, long intervalSteps) {
        return new PercentilePruner(percentile, nStartupTrials, nWarmupSteps, intervalSteps);
    }

    /**
     * Optuna's ThresholdPruner: prunes when the latest intermediate value (at a step {@code >= nWarmupSteps})
     * is NaN, below {@code lower} or above {@code upper}. Use infinities for an open side.
     *
     * @throws IllegalArgumentException if a bound is NaN, {@code lower > upper}, both sides are open, or
     *     {@code nWarmupSteps < 0}
     */
    public static Pruner threshold(double lower, double upper, long nWarmupSteps) {
        return new ThresholdPruner(lower, upper, nWarmupSteps);
    }

    /**
     * Optuna's PatientPruner. Splits the trial's intermediate values (by step) into the last
     * {@code patience + 1} and those before; when there are not more than {@code patience + 1} values, or
     * the recent best is not worse than the earlier best by more than {@code minDelta}, it never prunes
     * (Optuna's rule: a flat curve with {@code minDelta = 0} is not stagnant, a worsening one is). Otherwise
     * the trial has stagnated and the decision is {@code wrapped}'s. Its {@link Pruner#budget()} and
     * {@link Pruner#budgetLevels} are {@code wrapped}'s (a budget-built successive halving keeps its rungs).
     *
     * @throws IllegalArgumentException if {@code patience < 0} or {@code minDelta} is negative or not finite
     */
    public static Pruner patient(Pruner wrapped, int patience, double minDelta) {
        return new PatientPruner(Objects.requireNonNull(wrapped,
                "wrapped pruner; use patient(patience, minDelta) to prune on stagnation alone"), patience, minDelta);
    }

    /** Optuna's PatientPruner without a wrapped pruner: prunes as soon as the trial stagnates (see above). */
    public static Pruner patient(int patience, double minDelta) {
        return new PatientPruner(null, patience, minDelta);
    }

    /**
     * Asynchronous successive halving (ASHA; Optuna's SuccessiveHalvingPruner without {@code bootstrap_count}
     * and without the {@code "auto"} minimum resource).
     * Rung {@code k} is at step {@code minResource * reductionFactor^(minEarlyStoppingRate + k)}. When a
     * trial's reports reach a rung, its value there (the value at the first reported step at or after the
     * rung's step) joins the rung; the trial is kept only if that value is among the best
     * {@code max(1, floor(n / reductionFactor))} of the {@code n} values at the rung (COMPLETE, PRUNED and
     * RUNNING trials, its own included; ties kept), and pruned otherwise or if the value is NaN. Rung
     * membership is updated incrementally.
     *
     * @throws IllegalArgumentException if {@code minResource < 1}, {@code reductionFactor < 2} or
     *     {@code minEarlyStoppingRate < 0}
     */
    public static Pruner successiveHalving(long minResource, int reductionFactor, int minEarlyStoppingRate) {
        return new SuccessiveHalvingPruner(minResource, reductionFactor, minEarlyStoppingRate, null);
    }

    /**
     * Successive halving with its rungs in {@code budget}'s unit: rung {@code k} at amount
     * {@code min * eta^k} for as long as that does not exceed the max ({@link Budget#levels}), each at the
     * budget's step for that amount; otherwise as {@link #successiveHalving(long, int, int)}. E.g.
     * {@code successiveHalving(Budget.dataFraction(1 / 27.0, 1), 3)} judges at fractions 1/27, 1/9, 1/3
     * and 1 (steps 37, 111, 333 and 1000). Trials learn the rungs from {@code Trial.budgetSchedule()}.
     *
     * @throws IllegalArgumentException if {@code reductionFactor < 2}
     */
    public static Pruner successiveHalving(Budget budget, int reductionFactor) {
        return successiveHalving(budget, reductionFactor, 0);
    }

    /**
     * {@link #successiveHalving(Budget, int)} whose first rung is level {@code minEarlyStoppingRate}.
     *
     * @throws IllegalArgumentException if {@code reductionFactor < 2}, {@code minEarlyStoppingRate < 0} or
     *     the budget has no level {@code minEarlyStoppingRate}
     */
    public static Pruner successiveHalving(Budget budget, int reductionFactor, int minEarlyStoppingRate) {
        return new SuccessiveHalvingPruner(Objects.requireNonNull(budget, "budget"), reductionFactor,
                minEarlyStoppingRate, null);
    }

    /**
     * Hyperband with its rungs in {@code budget}'s unit: one bracket per level of
     * {@link Budget#levels budget.levels(reductionFactor)}, bracket {@code i} judging from level {@code i}
     * on; trials are assigned to brackets as in {@link #hyperband(long, long, int)}.
     *
     * @throws IllegalArgumentException if {@code reductionFactor < 2}
     */
    public static Pruner hyperband(Budget budget, int reductionFactor) {
        return new HyperbandPruner(Objects.requireNonNull(budget, "budget"), reductionFactor);
    }

    /**
     * Optuna's HyperbandPruner (with an explicit {@code maxResource}; no {@code "auto"}): {@code floor(log_eta(maxResource / minResource)) + 1} ASHA brackets, bracket
     * {@code i} with min early-stopping rate {@code i}. Each trial is assigned deterministically to one bracket
     * (CRC32 of {@code "<study name>_<trial number>"}, weighted by the bracket budgets
     * {@code ceil(n * eta^s / (s + 1))}, as Optuna) and judged only against the trials of its bracket. See
     * {@link Hyperband#brackets} for the classic bracket table.
     *
     * @throws IllegalArgumentException if {@code minResource < 1}, {@code maxResource < minResource},
     *     {@code reductionFactor < 2}, or the bracket budgets overflow a long (a ratio near 2^60)
     */
    public static Pruner hyperband(long minResource, long maxResource, int reductionFactor) {
        return new HyperbandPruner(minResource, maxResource, reductionFactor);
    }

    /** {@link #wilcoxon(double, int)} with Optuna's defaults: p below 0.1, from 2 shared instances on. */
    public static Pruner wilcoxon() {
        return wilcoxon(0.1, 2);
    }

    /**
     * Optuna's WilcoxonPruner, for an objective that scores a configuration on several instances (cross-validation
     * folds, benchmark problems, seeds) and reports each instance's score with the instance's id as the step
     * ({@code trial.report(fold, score)}, in any order). At each report it pairs the trial's scores with the best
     * trial's on the instances both reported and prunes when a one-sided Wilcoxon signed-rank test finds the trial
     * worse ({@code p < pThreshold}; exact up to 50 pairs without ties, else normal), unless the trial's mean over
     * those instances is at least as good as the best trial's. Nothing is pruned before {@code nStartupSteps} pairs exist or
     * while no trial is COMPLETE. Single-objective studies only.
     *
     * @throws IllegalArgumentException if {@code pThreshold} is outside [0, 1] or {@code nStartupSteps < 0}
     */
    public static Pruner wilcoxon(double pThreshold, int nStartupSteps) {
        return new WilcoxonPruner(pThreshold, nStartupSteps);
    }

    /**
     * Learning-curve extrapolation (after Domhan et al. 2015): fits pow3, exp3, log-linear and ilog2
     * curves and prunes when the probability of beating the incumbent at {@code maxStep} is below 5%.
     */
    public static Pruner learningCurve(long maxStep) {
        return new org.automl4j.pruner.curve.LearningCurvePruner(
                org.automl4j.pruner.curve.LearningCurvePruner.Options.builder().maxStep(maxStep).build());
    }
}
