package org.automl4j.learners.boosting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Capabilities;
import org.automl4j.learners.Learner;
import org.automl4j.learners.Model;
import org.automl4j.learners.internal.Params;
import org.automl4j.learners.internal.TribuoData;
import org.automl4j.learners.internal.TribuoModel;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * XGBoost gradient-boosted trees through Tribuo (histogram tree method, 2 threads, silent).
 * Ranges after FLAML's and Optuna's XGBoost examples. Tribuo 4.3 has no validation-set early
 * stopping for XGBoost, so {@code fit} with a validation set ignores it; use {@code lightgbm} for that.
 */
final class XGBoostLearner implements Learner {

    static final String NAME = "xgboost";
    private static final Set<String> MODEL_CLASSES = Set.of(XGBoostModel.class.getName());
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, false, true, true);
    private static final int THREADS = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> budgetParameter() {
        return Optional.of("n_estimators");
    }

    @Override
    public SearchSpace searchSpace(Task task) {
        return SearchSpace.builder()
                .add("n_estimators", IntDistribution.logScale(10, 1000))
                .add("learning_rate", FloatDistribution.logScale(0.005, 0.5))
                .add("max_depth", IntDistribution.of(1, 12))
                .add("min_child_weight", FloatDistribution.logScale(1e-3, 128))
                .add("subsample", FloatDistribution.of(0.5, 1.0))
                .add("colsample_bytree", FloatDistribution.of(0.3, 1.0))
                .add("reg_lambda", FloatDistribution.logScale(1e-3, 1e3))
                .add("reg_alpha", FloatDistribution.logScale(1e-3, 1e2))
                .build();
    }

    @Override
    public Map<String, Object> defaults(Task task) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("n_estimators", 100);
        d.put("learning_rate", 0.1);
        d.put("max_depth", 6);
        d.put("min_child_weight", 1.0);
        d.put("subsample", 1.0);
        d.put("colsample_bytree", 1.0);
        d.put("reg_lambda", 1.0);
        d.put("reg_alpha", 1e-3);
        return d;
    }

    @Override
    public Model fit(Dataset train, Map<String, Object> params, long seed) {
        Map<String, Object> p = Params.resolve(this, train.task(), params);
        int trees = Params.intValue(p, "n_estimators");
        double eta = Params.doubleValue(p, "learning_rate");
        int depth = Params.intValue(p, "max_depth");
        double minChild = Params.doubleValue(p, "min_child_weight");
        double subsample = Params.doubleValue(p, "subsample");
        double colsample = Params.doubleValue(p, "colsample_bytree");
        double lambda = Params.doubleValue(p, "reg_lambda");
        double alpha = Params.doubleValue(p, "reg_alpha");
        if (train.task().isClassification()) {
            XGBoostClassificationTrainer trainer = new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
                    XGBoostTrainer.TreeMethod.HIST, trees, eta, 0, depth, minChild, subsample, colsample, lambda, alpha,
                    THREADS, XGBoostTrainer.LoggingVerbosity.SILENT, seed);
            return new TribuoModel(NAME, p, train, trainer.train(TribuoData.classification(train, NAME)));
        }
        // XGBoost 1.x starts every regression at base_score 0.5, so a short or slow booster (10 trees at rate
        // 0.01) predicts a fraction of the target's scale; XGBoost 2.0 starts at the target's mean, as here.
        // Tribuo takes base_score only through its parameter map, which then has to name every parameter.
        Map<String, Object> xgb = new LinkedHashMap<>();
        xgb.put("objective", "reg:squarederror");
        xgb.put("booster", "gbtree");
        xgb.put("tree_method", "hist");
        xgb.put("eta", eta);
        xgb.put("gamma", 0.0);
        xgb.put("max_depth", depth);
        xgb.put("min_child_weight", minChild);
        xgb.put("subsample", subsample);
        xgb.put("colsample_bytree", colsample);
        xgb.put("lambda", lambda);
        xgb.put("alpha", alpha);
        xgb.put("nthread", THREADS);
        xgb.put("verbosity", XGBoostTrainer.LoggingVerbosity.SILENT.value);
        xgb.put("seed", seed);
        xgb.put("base_score", baseScore(train));
        XGBoostRegressionTrainer trainer = new XGBoostRegressionTrainer(
                XGBoostRegressionTrainer.RegressionType.LINEAR, trees, xgb);
        return new TribuoModel(NAME, p, train, trainer.train(TribuoData.regression(train, NAME)));
    }

    /** The (weighted) mean target: the constant a regression booster starts from. */
    static double baseScore(Dataset train) {
        double[] y = train.y();
        double[] w = train.weights();
        double sum = 0;
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double wi = w == null ? 1 : w[i];
            sum += wi * y[i];
            total += wi;
        }
        return total > 0 ? sum / total : 0;
    }

    @Override
    public Model load(byte[] bytes) {
        return TribuoModel.load(bytes, NAME, MODEL_CLASSES);
    }
}
