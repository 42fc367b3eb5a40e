package org.automl4j.learners.linear;

import com.google.protobuf.InvalidProtocolBufferException;
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
import org.automl4j.learners.internal.TribuoProtos;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.SearchSpace;
import org.tribuo.math.la.SparseVector;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.slm.SparseLinearModel;
import org.tribuo.regression.slm.protos.SparseLinearModelProto;

/**
 * Elastic-net linear regression by coordinate descent (Tribuo's {@code ElasticNetCDTrainer}):
 * {@code l1_ratio} near 0 is ridge, 1 is the lasso.
 *
 * <p>The target is standardised before Tribuo sees it (as glmnet does), so {@code alpha} means the same on every
 * target scale, and the mean and standard deviation are written into the fitted model's own output mean and
 * scale ({@code y_mean}, {@code y_norm} of Tribuo's {@code SparseLinearModel}). Predictions, saved bytes and the
 * ONNX graph therefore all give the target on its own scale, and models saved before this change (whose output
 * scale is 1) load and predict as they did. Tribuo's {@code ElasticNetCDTrainer} fits the raw target with an L1
 * penalty of {@code alpha * l1_ratio * rows}: a target that varied little next to that penalty (values around
 * 1000 varying by 0.001) got no weight at all, and Tribuo's model predicts {@code mean + 1} when it has no weight
 * (its ONNX graph predicts the mean). A model without weights is therefore given one explicit weight of 0, which
 * makes Tribuo predict the mean too.
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
        double[] y = train.y();
        double mean = 0;
        for (double v : y) {
            mean += v / y.length; // no overflow for targets near Double.MAX_VALUE
        }
        double largest = 0;
        for (double v : y) {
            largest = Math.max(largest, Math.abs(v - mean));
        }
        double squares = 0;
        for (double v : y) {
            double r = largest > 0 && Double.isFinite(largest) ? (v - mean) / largest : 0;
            squares += r * r;
        }
        double sd = largest * Math.sqrt(squares / y.length); // the standard deviation, without squaring 1e200s
        double scale = sd > 0 && Double.isFinite(sd) ? sd : 1;
        double[] z = new double[y.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (y[i] - mean) / scale;
        }
        Dataset standardised = new Dataset(train.x(), z, train.weights(), train.task(), train.classes(),
                train.featureNames());
        SparseLinearModel fitted = (SparseLinearModel) trainer.train(TribuoData.regression(standardised, NAME));
        return new TribuoModel(NAME, p, train, onTargetScale(fitted, mean, scale));
    }

    /**
     * {@code model} (fitted on the standardised target) with its output mean and scale set so that it predicts
     * {@code mean + scale * prediction}, and with an explicit zero weight when it has none (Tribuo predicts its
     * output mean plus one scale unit from a model without weights, but the mean from one with a zero weight).
     * Done on Tribuo's own protobuf form, since the model's constructor is not public.
     */
    private static SparseLinearModel onTargetScale(SparseLinearModel model, double mean, double scale) {
        ModelProto proto = model.serialize();
        SparseLinearModelProto slm;
        try {
            slm = proto.getSerializedData().unpack(SparseLinearModelProto.class);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Tribuo's elastic net model could not be read back: " + e.getMessage(), e);
        }
        if (slm.getWeightsCount() != 1 || slm.getYMeanCount() != 1 || slm.getYNormCount() != 1) {
            throw new IllegalStateException("Tribuo's elastic net model has " + slm.getWeightsCount()
                    + " outputs; expected the one regression target");
        }
        SparseLinearModelProto.Builder b = slm.toBuilder()
                .setYMean(0, mean + scale * slm.getYMean(0))
                .setYNorm(0, scale * slm.getYNorm(0));
        SparseVector weights = model.getWeights().values().iterator().next();
        if (weights.numActiveElements() == 0) {
            b.setWeights(0, SparseVector.createSparseVector(weights.size(), new int[] {0}, new double[] {0})
                    .serialize());
        }
        ModelProto scaled = proto.toBuilder()
                .setSerializedData(proto.getSerializedData().toBuilder().setValue(b.build().toByteString()))
                .build();
        return (SparseLinearModel) TribuoProtos.deserialize(scaled.toByteArray(), MODEL_CLASSES);
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
