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
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.SearchSpace;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;

/** L1- or L2-regularised logistic regression (LIBLINEAR through Tribuo; one-vs-rest for multiclass). */
final class LogisticLearner implements Learner {

    static final String NAME = "logistic";
    private static final Set<String> MODEL_CLASSES = Set.of(LibLinearClassificationModel.class.getName());
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, false, true, false, true);

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
        requireClassification(task);
        return SearchSpace.builder()
                .add("C", FloatDistribution.logScale(1e-3, 1e3))
                .add("penalty", CategoricalDistribution.of("l2", "l1"))
                .build();
    }

    @Override
    public Map<String, Object> defaults(Task task) {
        requireClassification(task);
        return Map.of("C", 1.0, "penalty", "l2");
    }

    @Override
    public Model fit(Dataset train, Map<String, Object> params, long seed) {
        requireClassification(train.task());
        Map<String, Object> p = Params.resolve(this, train.task(), params);
        LinearClassificationType.LinearType type = "l1".equals(Params.stringValue(p, "penalty"))
                ? LinearClassificationType.LinearType.L1R_LR : LinearClassificationType.LinearType.L2R_LR;
        LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(type), Params.doubleValue(p, "C"), 1000, 0.01, seed);
        if (train.weights() != null) {
            trainer.setLabelWeights(TribuoData.labelWeights(train)); // LIBLINEAR ignores Tribuo's example weights
        }
        return new TribuoModel(NAME, p, train, trainer.train(TribuoData.classification(train, NAME)));
    }

    @Override
    public Model load(byte[] bytes) {
        return TribuoModel.load(bytes, NAME, MODEL_CLASSES);
    }

    private static void requireClassification(Task task) {
        if (!task.isClassification()) {
            throw new IllegalArgumentException("logistic is for classification, not " + task + "; use 'linear'");
        }
    }
}
