package org.automl4j.pruner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.automl4j.budget.Budget;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;

/**
 * Optuna's HyperbandPruner: {@code smax + 1} successive-halving brackets (bracket {@code i} has
 * min early-stopping rate {@code i}); each trial belongs to one bracket, chosen by CRC32 of
 * {@code "<study name>_<trial number>"} weighted by the bracket's budget, and is judged against the trials
 * of its bracket only. Thread-safe.
 */
final class HyperbandPruner implements Pruner {
    private final long minResource;
    private final long maxResource;
    private final int reductionFactor;
    private final long[] budgets;
    private final long totalBudget;
    private final SuccessiveHalvingPruner[] brackets;
    /** The budget the brackets' rungs are placed on, or null for integer steps. */
    private final Budget budget;

    HyperbandPruner(long minResource, long maxResource, int reductionFactor) {
        PrunerSupport.requireAtLeast("minResource", minResource, 1,
                "pass the number of steps every trial may run before its first evaluation, e.g. 1");
        PrunerSupport.requireAtLeast("reductionFactor", reductionFactor, 2, "pass e.g. 3 (the classic choice)");
        if (maxResource < minResource) {
            throw new IllegalArgumentException("maxResource must be >= minResource, got maxResource=" + maxResource
                    + ", minResource=" + minResource + "; pass the last step a trial reports as maxResource");
        }
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.reductionFactor = reductionFactor;
        this.budget = null;
        int n = Hyperband.maxRungIndex(minResource, maxResource, reductionFactor) + 1;
        budgets = new long[n];
        brackets = new SuccessiveHalvingPruner[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            int s = n - 1 - i;
            budgets[i] = bracketBudget(n, reductionFactor, s, "minResource=" + minResource + ", maxResource=" + maxResource);
            total = addBudget(total, budgets[i], n, reductionFactor, "minResource=" + minResource + ", maxResource="
                    + maxResource);
            int id = i;
            brackets[i] = new SuccessiveHalvingPruner(minResource, reductionFactor, i,
                    (study, number) -> bracketOf(study, number) == id);
        }
        totalBudget = total;
    }

    /**
     * Brackets on {@code budget}: one per level of {@code budget.levels(reductionFactor)}, bracket {@code i}
     * with its rungs from level {@code i} on.
     */
    HyperbandPruner(Budget budget, int reductionFactor) {
        PrunerSupport.requireAtLeast("reductionFactor", reductionFactor, 2, "pass e.g. 3 (the classic choice)");
        this.budget = budget;
        this.minResource = budget.minStep();
        this.maxResource = budget.maxStep();
        this.reductionFactor = reductionFactor;
        int n = budget.levels(reductionFactor).size();
        budgets = new long[n];
        brackets = new SuccessiveHalvingPruner[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            int s = n - 1 - i;
            budgets[i] = bracketBudget(n, reductionFactor, s, budget.toString());
            total = addBudget(total, budgets[i], n, reductionFactor, budget.toString());
            int id = i;
            brackets[i] = new SuccessiveHalvingPruner(budget, reductionFactor, i,
                    (study, number) -> bracketOf(study, number) == id);
        }
        totalBudget = total;
    }

    /** Optuna's budget of bracket {@code s} of {@code n}: {@code ceil(n * eta^s / (s + 1))}, in exact arithmetic. */
    private static long bracketBudget(int n, int eta, int s, String range) {
        try {
            return Math.addExact(Math.multiplyExact(n, Hyperband.pow(eta, s)), s) / (s + 1);
        } catch (ArithmeticException e) {
            throw tooManyBrackets(n, eta, range);
        }
    }

    private static long addBudget(long total, long budget, int n, int eta, String range) {
        try {
            return Math.addExact(total, budget);
        } catch (ArithmeticException e) {
            throw tooManyBrackets(n, eta, range);
        }
    }

    private static IllegalArgumentException tooManyBrackets(int n, int eta, String range) {
        return new IllegalArgumentException("Hyperband over " + range + " with reductionFactor=" + eta + " has " + n
                + " brackets, whose trial budgets (n * eta^s) overflow a long; use a smaller max/min resource ratio"
                + " (e.g. count steps in a coarser unit) or a larger reductionFactor");
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.ofNullable(budget);
    }

    /** The rungs of the trial's bracket up to the maximum resource, then the maximum resource. */
    @Override
    public List<Double> budgetLevels(StudyView study, int trialNumber) {
        SuccessiveHalvingPruner bracket = brackets[bracketOf(study.name(), trialNumber)];
        if (budget != null) {
            return bracket.budgetLevels(study, trialNumber);
        }
        List<Double> out = new ArrayList<>();
        for (int k = 0; bracket.rungStep(k) <= maxResource && bracket.rungStep(k) != Long.MAX_VALUE; k++) {
            out.add((double) bracket.rungStep(k));
        }
        if (out.isEmpty() || out.get(out.size() - 1) < maxResource) {
            out.add((double) maxResource);
        }
        return List.copyOf(out);
    }

    /** The bracket (0 = most aggressive) of trial {@code number} of study {@code studyName}. */
    int bracketOf(String studyName, int number) {
        CRC32 crc = new CRC32();
        crc.update((studyName + "_" + number).getBytes(StandardCharsets.UTF_8));
        long n = crc.getValue() % totalBudget;
        for (int i = 0; i < budgets.length; i++) {
            n -= budgets[i];
            if (n < 0) {
                return i;
            }
        }
        throw new AssertionError("unreachable: budgets sum to " + totalBudget);
    }

    int numBrackets() {
        return brackets.length;
    }

    long budget(int bracket) {
        return budgets[bracket];
    }

    @Override
    public boolean shouldPrune(StudyView study, FrozenTrial trial) {
        return brackets[bracketOf(study.name(), trial.number())].shouldPrune(study, trial);
    }

    @Override
    public String toString() {
        if (budget != null) {
            return "HyperbandPruner[budget=" + budget + ", reductionFactor=" + reductionFactor
                    + ", brackets=" + brackets.length + "]";
        }
        return "HyperbandPruner[minResource=" + minResource + ", maxResource=" + maxResource
                + ", reductionFactor=" + reductionFactor + ", brackets=" + brackets.length + "]";
    }
}
