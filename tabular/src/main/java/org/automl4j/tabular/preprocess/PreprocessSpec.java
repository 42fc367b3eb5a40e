package org.automl4j.tabular.preprocess;

import java.util.Objects;

/**
 * What to do to the features before a learner sees them; one point of the pipeline search space.
 *
 * @param imputation        how missing numbers are filled ({@code NONE} keeps NaN, for learners that handle it)
 * @param missingIndicators add a 0/1 column per numeric column that had missing values in training
 * @param encoding          how categorical columns become numbers
 * @param rareLevelMinCount one-hot only: levels seen fewer times in training are grouped into one
 * @param scaling           how numeric columns are scaled
 * @param selection         which features are kept
 * @param selectFraction    for {@link FeatureSelection#MUTUAL_INFORMATION} and {@link FeatureSelection#MODEL}: the
 *                          fraction of features kept, in (0, 1]
 */
public record PreprocessSpec(Imputation imputation, boolean missingIndicators, Encoding encoding,
        int rareLevelMinCount, Scaling scaling, FeatureSelection selection, double selectFraction) {

    /** How missing numbers are filled: kept as NaN, mean, median or the most frequent value (smallest on ties). */
    public enum Imputation { NONE, MEAN, MEDIAN, MOST_FREQUENT }

    /** How categorical (and boolean) columns become numbers. */
    public enum Encoding { ONE_HOT, ORDINAL, TARGET }

    /** How numeric columns are scaled. */
    public enum Scaling { NONE, STANDARD, ROBUST, MIN_MAX }

    /**
     * Which features are kept: all, the non-constant ones, the top fraction by mutual information with the
     * target, or the top fraction by a quick LightGBM model's split gain (model-based selection).
     */
    public enum FeatureSelection { NONE, VARIANCE, MUTUAL_INFORMATION, MODEL }

    public PreprocessSpec {
        Objects.requireNonNull(imputation, "imputation");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(selection, "selection");
        if (rareLevelMinCount < 0) {
            throw new IllegalArgumentException("rareLevelMinCount must be >= 0, but got " + rareLevelMinCount);
        }
        if (!(selectFraction > 0 && selectFraction <= 1)) {
            throw new IllegalArgumentException("selectFraction must be in (0, 1], but got " + selectFraction);
        }
    }

    /** Median imputation, indicators, one-hot (levels seen fewer than 3 times grouped), no scaling, all features. */
    public static PreprocessSpec defaults() {
        return new PreprocessSpec(Imputation.MEDIAN, true, Encoding.ONE_HOT, 3, Scaling.NONE, FeatureSelection.NONE, 1.0);
    }

    /** This spec with another scaling. */
    public PreprocessSpec withScaling(Scaling s) {
        return new PreprocessSpec(imputation, missingIndicators, encoding, rareLevelMinCount, s, selection,
                selectFraction);
    }

    /** This spec with another imputation. */
    public PreprocessSpec withImputation(Imputation i) {
        return new PreprocessSpec(i, missingIndicators, encoding, rareLevelMinCount, scaling, selection, selectFraction);
    }

    /** This spec with another encoding. */
    public PreprocessSpec withEncoding(Encoding e) {
        return new PreprocessSpec(imputation, missingIndicators, e, rareLevelMinCount, scaling, selection, selectFraction);
    }

    /** This spec with another feature selection. */
    public PreprocessSpec withSelection(FeatureSelection s, double fraction) {
        return new PreprocessSpec(imputation, missingIndicators, encoding, rareLevelMinCount, scaling, s, fraction);
    }
}
