package org.automl4j.data.split;

import java.util.List;
import java.util.Objects;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Task;

/**
 * How a model is validated: one holdout split or k folds, stratified by class for classification.
 * {@link Splits#chooseValidation(int, Task)} picks one from the data size.
 *
 * @param kind         holdout or k-fold
 * @param folds        the number of folds (1 for holdout)
 * @param testFraction the holdout's test share (0 for k-fold)
 * @param stratified   whether class proportions are kept in every part
 */
public record ValidationPlan(Kind kind, int folds, double testFraction, boolean stratified) {

    /** The two validation schemes. */
    public enum Kind {
        /** One train/test split. */
        HOLDOUT,
        /** k folds, each the test part once. */
        K_FOLD
    }

    /** Validates the numbers. */
    public ValidationPlan {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.HOLDOUT && (folds != 1 || !(testFraction > 0 && testFraction < 1))) {
            throw new IllegalArgumentException("a holdout plan has folds=1 and 0 < testFraction < 1, but got folds="
                    + folds + ", testFraction=" + testFraction);
        }
        if (kind == Kind.K_FOLD && (folds < 2 || testFraction != 0)) {
            throw new IllegalArgumentException("a k-fold plan has folds >= 2 and testFraction=0, but got folds="
                    + folds + ", testFraction=" + testFraction);
        }
    }

    /** A holdout plan. */
    public static ValidationPlan holdout(double testFraction, boolean stratified) {
        return new ValidationPlan(Kind.HOLDOUT, 1, testFraction, stratified);
    }

    /** A k-fold plan. */
    public static ValidationPlan kFold(int folds, boolean stratified) {
        return new ValidationPlan(Kind.K_FOLD, folds, 0, stratified);
    }

    /** The splits of {@code data} under this plan (one for holdout), deterministic given {@code seed}. */
    public List<Split> splits(LabeledTable data, long seed) {
        boolean strat = stratified && data.task().isClassification();
        if (kind == Kind.HOLDOUT) {
            return List.of(strat ? Splits.stratifiedHoldout(data.labels(), data.classes(), testFraction, seed)
                    : Splits.holdout(data.rows(), testFraction, seed));
        }
        return strat ? Splits.stratifiedKFold(data.labels(), data.classes(), folds, seed)
                : Splits.kFold(data.rows(), folds, seed);
    }
}
