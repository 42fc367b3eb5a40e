package org.automl4j.learners.linear;

import java.util.Map;
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
import org.automl4j.space.SearchSpace;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.slm.SparseLinearModel;

/**
 * Elastic-net linear regression by coordinate descent (Tribuo's {@code ElasticNetCDTrainer}):
 * {@code l1_ratio} near 0 is ridge, 1 is the lasso.
 */
final class LinearRegressionLearner implements Learner {

    static final String NAME = "linear";
    private static final Set<String> MODEL_CLASSES = Set.of(SparseLinearModel.class.getName());
    private static final Capabilities CAPABILITIES = new Capabilities(false, true, false, true, false, false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public SearchSpace searchSpace(Task task) {
        requireRegression(task);
        return SearchSpace.builder()
                .add("alpha", FloatDistribution.logScale(1e-5, 10))
                .add("l1_ratio", FloatDistribution.of(0.01, 1.0))
                .build();
    }

    @Override
    public Map<String, Object> defaults(Task task) {
        requireRegression(task);
        return Map.of("alpha", 1e-3, "l1_ratio", 0.5);
    }

    @Override
    public Model fit(Dataset train, Map<String, Object> params, long seed) {
        requireRegression(train.task());
        Map<String, Object> p = Params.resolve(this, train.task(), params);
        ElasticNetCDTrainer trainer = new ElasticNetCDTrainer(Params.doubleValue(p, "alpha"),
                Params.doubleValue(p, "l1_ratio"), 1e-4, 1000, false, seed);
        return new TribuoModel(NAME, p, train, trainer.train(TribuoData.regression(train, NAME)));
    }

    @Override
    public Model load(byte[] bytes) {
        return TribuoModel.load(bytes, NAME, MODEL_CLASSES);
    }

    private static void requireRegression(Task task) {
        if (task != Task.REGRESSION) {
            throw new IllegalArgumentException("linear is for regression, not " + task + "; use 'logistic'");
        }
    }
}
