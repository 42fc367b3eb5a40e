package org.automl4j.trial;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automl4j.budget.Budget;
import org.automl4j.budget.WallTime;
import org.automl4j.checkpoint.Checkpoint;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;

/**
 * The live handle an objective receives: it suggests parameter values (define-by-run, so
 * conditional and nested spaces are plain {@code if}s and loops), reports intermediate values and
 * asks whether to stop early. Suggesting a name again returns the value already chosen; suggesting
 * it with a different distribution throws {@link IllegalArgumentException}. The {@code suggestX} forms
 * throw {@link IllegalArgumentException} naming the parameter on invalid bounds, steps or choices.
 *
 * <p>Not thread-safe: confine a trial to the thread that evaluates it.
 *
 * <pre>{@code
 * double objective(Trial t) {
 *     String model = t.suggestCategorical("model", List.of("svm", "forest"));
 *     if (model.equals("svm")) {
 *         double c = t.suggestFloat("svm_c", 1e-3, 1e3, true);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Multi-fidelity objectives read the amounts they will be judged at from {@link #budgetSchedule()},
 * report in the budget's unit with {@link #reportAt} (or {@link #reportElapsed} for wall time), and may save
 * and resume their state with {@link #saveCheckpoint} and {@link #checkpoint()}:
 *
 * <pre>{@code
 * double objective(Trial t) {
 *     Model m = new Model(t.suggestFloat("lr", 1e-4, 1e-1, true));
 *     double score = Double.NaN;
 *     for (double f : t.budgetSchedule()) {          // e.g. 1/27, 1/9, 1/3, 1 of the data
 *         score = m.fitOn(f).validate();
 *         t.reportAt(f, score);
 *         if (t.shouldPrune()) throw new TrialPrunedException();
 *     }
 *     return score;
 * }
 * }</pre>
 */
public interface Trial {

    /** The trial's number, unique within its study, counting from 0. */
    int number();

    /**
     * A value for parameter {@code name} from {@code distribution}, as its external value
     * ({@code Double}, {@code Integer} or the chosen categorical object).
     *
     * @throws IllegalArgumentException if {@code name} was suggested before with another distribution
     */
    Object suggest(String name, Distribution distribution);

    /** A float in {@code [low, high]}. */
    default double suggestFloat(String name, double low, double high) {
        return ((Number) suggest(name, named(name, () -> FloatDistribution.of(low, high)))).doubleValue();
    }

    /** A float in {@code [low, high]}, on a log scale if {@code log}. */
    default double suggestFloat(String name, double low, double high, boolean log) {
        return ((Number) suggest(name, named(name, () -> new FloatDistribution(low, high, log, 0)))).doubleValue();
    }

    /** A float from the grid {@code low, low + step, ..., high}. */
    default double suggestFloat(String name, double low, double high, double step) {
        return ((Number) suggest(name, named(name, () -> FloatDistribution.stepped(low, high, step)))).doubleValue();
    }

    /** An integer in {@code [low, high]}. */
    default int suggestInt(String name, int low, int high) {
        return ((Number) suggest(name, named(name, () -> IntDistribution.of(low, high)))).intValue();
    }

    /** An integer in {@code [low, high]}, on a log scale if {@code log}. */
    default int suggestInt(String name, int low, int high, boolean log) {
        return ((Number) suggest(name, named(name, () -> new IntDistribution(low, high, log, 1)))).intValue();
    }

    /** An integer from {@code low, low + step, ..., high}. */
    default int suggestInt(String name, int low, int high, int step) {
        return ((Number) suggest(name, named(name, () -> IntDistribution.stepped(low, high, step)))).intValue();
    }

    /** One of {@code choices} (strings, numbers or booleans). */
    @SuppressWarnings("unchecked")
    default <T> T suggestCategorical(String name, List<T> choices) {
        return (T) suggest(name, named(name, () -> CategoricalDistribution.of(choices)));
    }

    /**
     * Records an intermediate objective value at {@code step} (an epoch, an iteration, a budget).
     * Reporting a step twice keeps the first value.
     *
     * @throws IllegalArgumentException if {@code step} is negative or {@code value} is NaN
     */
    void report(long step, double value);

    /** Whether the study's pruner says this trial should stop; if so, throw {@link TrialPrunedException}. */
    boolean shouldPrune();

    /**
     * The study's budget: the one given to {@code Study.Builder.budget}, else the pruner's; empty when the
     * study has none (steps are then whatever the objective reports).
     */
    default Optional<Budget> budget() {
        return Optional.empty();
    }

    /**
     * The budget amounts to train to and report at, ascending, ending at the budget's max: the rungs this
     * trial will be judged at when the pruner has rungs (successive halving or Hyperband built from a budget,
     * or Hyperband with a max resource: its steps, as amounts of the study's budget
     * when the study has one), else the budget's {@link Budget#defaultSchedule()}.
     *
     * @throws IllegalStateException if the study has no budget and its pruner no rungs
     */
    default List<Double> budgetSchedule() {
        throw new IllegalStateException("trial " + number() + " has no budget schedule: give the study a budget"
                + " (Study.builder().budget(Budget.epochs(...))) or a pruner built from one"
                + " (Pruners.successiveHalving(budget, eta))");
    }

    /**
     * Reports {@code value} at {@code amount} of the study's budget (epochs, a data fraction, seconds): the
     * same as {@code report(budget().get().toStep(amount), value)}.
     *
     * @throws IllegalStateException if the study has no budget
     * @throws IllegalArgumentException if {@code amount} is outside what the budget's unit allows, or {@code value} is NaN
     */
    default void reportAt(double amount, double value) {
        report(requireBudget(this).toStep(amount), value);
    }

    /**
     * The time since this trial started (after its parameters were sampled), on the study's clock.
     *
     * @throws UnsupportedOperationException if this trial has no clock (not a study's trial)
     */
    default Duration elapsed() {
        throw new UnsupportedOperationException("trial " + number() + " (" + getClass().getSimpleName()
                + ") has no clock; use a trial handed out by a Study");
    }

    /**
     * Reports {@code value} at the time elapsed since the trial started, in milliseconds (the step of a
     * {@link WallTime} budget), so the pruner compares trials after equal time spent; returns that step.
     *
     * @throws IllegalStateException if the study's budget is not a {@link WallTime}
     */
    default long reportElapsed(double value) {
        Budget b = requireBudget(this);
        if (!(b instanceof WallTime wall)) {
            throw new IllegalStateException("trial " + number() + ": reportElapsed needs a WallTime budget, but the"
                    + " study's budget is " + b + "; use reportAt(amount, value) for it, or Budget.wallTime(...)");
        }
        long step = wall.toStep(elapsed());
        report(step, value);
        return step;
    }

    /**
     * Saves the objective's state reached at {@code step} as this trial's latest checkpoint, in the study's
     * checkpoint store. Without a store ({@code Study.Builder.checkpoints} not called) this does nothing,
     * so objectives that checkpoint also run without one.
     *
     * @throws IllegalArgumentException if {@code step < 0}
     */
    default void saveCheckpoint(long step, byte[] state) {
    }

    /** {@link #saveCheckpoint} at the step of {@code amount} of the study's budget. */
    default void saveCheckpointAt(double amount, byte[] state) {
        saveCheckpoint(requireBudget(this).toStep(amount), state);
    }

    /**
     * The checkpoint to resume from: this trial's latest, else (for a trial that continues another, through
     * the system attribute {@code "resume_from"} or {@code "retry_of"}) the latest of that trial, following
     * the chain. Empty without a checkpoint store, or when nothing was saved: then start from scratch.
     */
    default Optional<Checkpoint> checkpoint() {
        return Optional.empty();
    }

    /** Attaches a user attribute (a string, number, boolean, or a list or map of those). */
    void setUserAttr(String key, Object value);

    /** The parameters suggested so far, in suggestion order. */
    Map<String, Object> params();

    /** The user attributes set so far. */
    Map<String, Object> userAttrs();

    /**
     * The distribution {@code make} builds, or an {@link IllegalArgumentException} whose message starts with the
     * parameter's name (the distributions' own messages say what is wrong and how to fix it, but not where).
     */
    private static Distribution named(String name, java.util.function.Supplier<Distribution> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    private static Budget requireBudget(Trial t) {
        return t.budget().orElseThrow(() -> new IllegalStateException("trial " + t.number()
                + " has no budget to report in: give the study one (Study.builder().budget(Budget.dataFraction(...)))"
                + " or a pruner built from one (Pruners.successiveHalving(budget, eta)); or report(step, value)"));
    }
}
