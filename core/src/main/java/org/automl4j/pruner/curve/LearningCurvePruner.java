package org.automl4j.pruner.curve;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.automl4j.internal.NormalMath;
import org.automl4j.pruner.Pruner;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learning-curve extrapolation (after Domhan, Springenberg and Hutter 2015): fits an ensemble of
 * parametric curve families to a running trial's intermediate values and prunes it when the
 * probability that its value at {@code maxStep} beats the incumbent falls below {@code threshold}.
 *
 * <p>Families (x is the step; reports at steps below 1 are ignored): {@code pow3}
 * {@code y = c - a x^-alpha}, {@code exp3} {@code y = c - a e^(-b x)}, {@code loglinear}
 * {@code y = a + b log x}, {@code ilog2} {@code y = c - a / log(x + 1)}. Each is fitted by least
 * squares (a grid plus golden-section search over its one nonlinear parameter, exact linear least
 * squares for the rest). Families are weighted by a softmax of their BIC score
 * {@code -n/2 log(RSS/n) - k/2 log n}; the predictive distribution of the final value is the mixture
 * of normals centred on each family's prediction with its residual standard deviation.
 *
 * <p>A trial that has reported at or beyond {@code maxStep} has spent the final budget and is never pruned.
 * The incumbent is the best value at {@code maxStep} among COMPLETE trials (its report at
 * {@code maxStep}, else its final value when it reported at or beyond {@code maxStep}); nothing is
 * pruned until one exists. Every decision can be inspected with {@link #explain} and is logged at
 * DEBUG. Single-objective studies only; pure, deterministic and thread-safe.
 */
public final class LearningCurvePruner implements Pruner {
    private static final Logger LOG = LoggerFactory.getLogger(LearningCurvePruner.class);

    /**
     * Settings.
     *
     * @param maxStep    the final budget: the step whose value is predicted (e.g. 81)
     * @param minSteps   reports (at steps >= 1) a trial needs before it can be pruned (at least 3)
     * @param threshold  prune when P(final value beats the incumbent) is below this
     * @param gridPoints grid points searched per nonlinear curve parameter before refinement
     */
    public record Options(long maxStep, int minSteps, double threshold, int gridPoints) {

        /** @throws IllegalArgumentException on a setting out of its range (the message names it and says how to fix it) */
        public Options {
            check(maxStep >= 2, "maxStep must be >= 2 (the step whose value is extrapolated)", maxStep);
            check(minSteps >= 3, "minSteps must be >= 3 (curves with 3 parameters need 3 points)", minSteps);
            check(threshold > 0 && threshold < 1, "threshold must be a probability in (0, 1), e.g. 0.05", threshold);
            check(gridPoints >= 8, "gridPoints must be >= 8, e.g. 64", gridPoints);
        }

        private static void check(boolean ok, String rule, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(rule + ", but got " + value);
            }
        }

        /** maxStep 81, minSteps 5, threshold 0.05, 64 grid points. */
        public static Options defaults() {
            return new Options(81, 5, 0.05, 64);
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
            private long maxStep;
            private int minSteps;
            private double threshold;
            private int gridPoints;

            private Builder(Options o) {
                maxStep = o.maxStep;
                minSteps = o.minSteps;
                threshold = o.threshold;
                gridPoints = o.gridPoints;
            }

            private Builder checked() {
                build();
                return this;
            }

            /** The final budget whose value is predicted. */
            public Builder maxStep(long v) {
                maxStep = v;
                return checked();
            }

            /** Reports needed before a decision. */
            public Builder minSteps(int v) {
                minSteps = v;
                return checked();
            }

            /** Prune below this probability of beating the incumbent. */
            public Builder threshold(double v) {
                threshold = v;
                return checked();
            }

            /** Grid points per nonlinear parameter. */
            public Builder gridPoints(int v) {
                gridPoints = v;
                return checked();
            }

            /** @throws IllegalArgumentException on a setting out of its range */
            public Options build() {
                return new Options(maxStep, minSteps, threshold, gridPoints);
            }
        }
    }

    /**
     * One fitted curve family.
     *
     * @param name           the family ({@code pow3}, {@code exp3}, {@code loglinear}, {@code ilog2})
     * @param parameters     its fitted parameters by name, in the order of its formula
     * @param weight         its weight in the ensemble (the weights sum to 1)
     * @param predictedFinal its prediction of the value at {@code maxStep}
     * @param residualStd    the standard deviation of its residuals (the spread of its prediction)
     */
    public record FamilyFit(String name, Map<String, Double> parameters, double weight, double predictedFinal,
            double residualStd) {
    }

    /**
     * Why a trial is (not) pruned.
     *
     * @param trialNumber     the trial
     * @param prune           whether it should be pruned
     * @param reason          a one-line explanation
     * @param fits            the fitted families (empty when no fit was made)
     * @param predictedFinal  the ensemble's mean prediction at {@code maxStep} (NaN without a fit)
     * @param probability     P(final value beats the incumbent) under the ensemble (NaN without a fit or incumbent)
     * @param incumbent       the best value at {@code maxStep} among complete trials (NaN when none)
     */
    public record Decision(int trialNumber, boolean prune, String reason, List<FamilyFit> fits, double predictedFinal,
            double probability, double incumbent) {

        /** Immutable copy of the fits. */
        public Decision {
            fits = List.copyOf(fits);
        }
    }

    private final Options options;

    /** A pruner with the given settings. */
    public LearningCurvePruner(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    @Override
    public boolean shouldPrune(StudyView study, FrozenTrial trial) {
        Decision d = explain(study, trial);
        if (LOG.isDebugEnabled()) {
            LOG.debug("learning-curve pruner, study '{}': {}", study.name(), d);
        }
        return d.prune();
    }

    /**
     * The decision for {@code trial} with everything it was based on.
     *
     * @throws IllegalStateException if the study has several objectives
     */
    public Decision explain(StudyView study, FrozenTrial trial) {
        if (study.directions().size() != 1) {
            throw new IllegalStateException("the learning-curve pruner compares a trial with the best COMPLETE value,"
                    + " so it needs a single-objective study, but study '" + study.name() + "' has "
                    + study.directions().size() + " objectives; use Pruners.successiveHalving, hyperband or median"
                    + " (they judge the scalarisation the objective reports), or no pruner");
        }
        Direction dir = study.direction();
        double incumbent = incumbent(study, dir);
        List<double[]> pts = new ArrayList<>();
        for (Map.Entry<Long, Double> e : trial.intermediateValues().entrySet()) {
            if (e.getKey() >= 1 && e.getKey() <= options.maxStep() && Double.isFinite(e.getValue())) {
                pts.add(new double[] {e.getKey(), e.getValue()});
            }
        }
        int n = pts.size();
        if (n < options.minSteps()) {
            return new Decision(trial.number(), false, n + " usable reports, fewer than minSteps "
                    + options.minSteps(), List.of(), Double.NaN, Double.NaN, incumbent);
        }
        if (trial.intermediateValues().lastKey() >= options.maxStep()) {
            return new Decision(trial.number(), false, "already reported at or beyond maxStep " + options.maxStep(),
                    List.of(), Double.NaN, Double.NaN, incumbent);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        List<FamilyFit> fits = ensemble(x, y);
        double mean = 0;
        for (FamilyFit f : fits) {
            mean += f.weight() * f.predictedFinal();
        }
        if (Double.isNaN(incumbent)) {
            return new Decision(trial.number(), false, "no complete trial reported at maxStep yet", fits, mean,
                    Double.NaN, incumbent);
        }
        double p = 0;
        for (FamilyFit f : fits) {
            double z = (incumbent - f.predictedFinal()) / f.residualStd();
            double below = NormalMath.cdf(z);
            p += f.weight() * (dir == Direction.MINIMIZE ? below : 1 - below);
        }
        p = Math.min(1, Math.max(0, p));
        boolean prune = p < options.threshold();
        String reason = String.format("P(final better than incumbent %.6g) = %.4g %s threshold %.4g; predicted %.6g",
                incumbent, p, prune ? "<" : ">=", options.threshold(), mean);
        return new Decision(trial.number(), prune, reason, fits, mean, p, incumbent);
    }

    private List<FamilyFit> ensemble(double[] x, double[] y) {
        int n = x.length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        // Floors keep exact fits finite: relative to the values' scale.
        double scale = Math.max(hi - lo, 1e-9 * Math.max(Math.abs(hi), Math.abs(lo))) + 1e-300;
        double stdFloor = 1e-6 * scale;
        List<CurveFamilies.Fit> raw = CurveFamilies.fitAll(x, y, options.maxStep(), options.gridPoints());
        double[] score = new double[raw.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < raw.size(); i++) {
            CurveFamilies.Fit f = raw.get(i);
            double rss = Math.max(f.rss(), n * stdFloor * stdFloor);
            score[i] = Double.isFinite(f.predictedFinal())
                    ? -0.5 * n * Math.log(rss / n) - 0.5 * f.k() * Math.log(n)
                    : Double.NEGATIVE_INFINITY;
            max = Math.max(max, score[i]);
        }
        double total = 0;
        for (int i = 0; i < score.length; i++) {
            score[i] = Math.exp(score[i] - max);
            total += score[i];
        }
        List<FamilyFit> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            CurveFamilies.Fit f = raw.get(i);
            int dof = Math.max(1, n - f.k());
            double sd = Math.max(stdFloor, Math.sqrt(f.rss() / dof));
            out.add(new FamilyFit(f.name(), f.params(), score[i] / total, f.predictedFinal(), sd));
        }
        return out;
    }

    private double incumbent(StudyView study, Direction dir) {
        double best = Double.NaN;
        for (FrozenTrial t : study.trials(EnumSet.of(TrialState.COMPLETE))) {
            Double v = t.intermediateValues().get(options.maxStep());
            if (v == null && !t.intermediateValues().isEmpty() && t.intermediateValues().lastKey() >= options.maxStep()
                    && t.values().size() == 1) {
                v = t.values().get(0);
            }
            if (v == null || !Double.isFinite(v)) {
                continue;
            }
            if (Double.isNaN(best) || (dir == Direction.MINIMIZE ? v < best : v > best)) {
                best = v;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "LearningCurvePruner" + options;
    }
}
