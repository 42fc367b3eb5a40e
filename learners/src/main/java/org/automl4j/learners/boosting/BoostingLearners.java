package org.automl4j.learners.boosting;

import org.automl4j.learners.Learner;

/** Factories for the gradient-boosting learners. */
public final class BoostingLearners {

    private BoostingLearners() {
    }

    /**
     * XGBoost ({@code xgboost}) through Tribuo: {@code n_estimators} (the budget), {@code learning_rate},
     * {@code max_depth}, {@code min_child_weight}, {@code subsample}, {@code colsample_bytree},
     * {@code reg_lambda}, {@code reg_alpha}.
     */
    public static Learner xgboost() {
        return new XGBoostLearner();
    }

    /**
     * LightGBM ({@code lightgbm}) through lightgbm4j; handles {@code NaN} and early-stops on a
     * validation set: {@code n_estimators} (the budget), {@code learning_rate}, {@code num_leaves},
     * {@code min_child_samples}, {@code feature_fraction}, {@code bagging_fraction}, {@code lambda_l1},
     * {@code lambda_l2}.
     */
    public static Learner lightgbm() {
        return new LightGbmLearner();
    }

    /**
     * A random forest through LightGBM's random-forest mode ({@code lgbm_rf}): {@code boosting=rf},
     * each tree on a bag of rows ({@code bagging_fraction} &lt; 1, redrawn per tree) and
     * {@code max_features} (the share of features drawn per split), trees averaged; classification and
     * regression, {@code NaN} handled natively, multithreaded. {@code n_estimators} (the budget),
     * {@code num_leaves}, {@code min_child_samples}, {@code max_features}, {@code bagging_fraction}.
     */
    public static Learner lightgbmRandomForest() {
        return new LightGbmLearner(LightGbmLearner.Mode.RANDOM_FOREST);
    }

    /**
     * Extremely randomised trees through LightGBM ({@code lgbm_extra_trees}): as
     * {@link #lightgbmRandomForest()} with one random threshold per feature at each split
     * ({@code extra_trees=true}); also for regression.
     */
    public static Learner lightgbmExtraTrees() {
        return new LightGbmLearner(LightGbmLearner.Mode.EXTRA_TREES);
    }
}
