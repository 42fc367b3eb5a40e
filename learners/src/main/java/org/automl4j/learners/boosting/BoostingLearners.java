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
}
