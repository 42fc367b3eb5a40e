package org.automl4j.learners.svm;

import java.util.LinkedHashMap;
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
import org.tribuo.classification.Label;
import org.tribuo.classification.libsvm.LibSVMClassificationModel;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.libsvm.LibSVMRegressionModel;
import org.tribuo.regression.libsvm.LibSVMRegressionTrainer;
import org.tribuo.regression.libsvm.SVMRegressionType;

/**
 * RBF-kernel support vector machine (LIBSVM through Tribuo): C-SVC with Platt-scaled probabilities
 * for classification, epsilon-SVR on a standardised target for regression. Ranges follow
 * auto-sklearn's {@code libsvm_svc}.
 */
final class SvmLearner implements Learner {

    static final String NAME = "svm";
    private static final Set<String> MODEL_CLASSES = Set.of(LibSVMClassificationModel.class.getName(),
            LibSVMRegressionModel.class.getName());
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, true, false, true);

    static {
        // LIBSVM prints optimisation progress to stdout through a process-wide hook; silence it once
        libsvm.svm.svm_set_print_string_function(s -> { });
    }

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
        SearchSpace.Builder b = SearchSpace.builder()
                .add("C", FloatDistribution.logScale(0.03125, 32768))
                .add("gamma", FloatDistribution.logScale(3.0517578125e-05, 8));
        if (task == Task.REGRESSION) {
            b.add("epsilon", FloatDistribution.logScale(1e-3, 1));
        }
        return b.build();
    }

    @Override
    public Map<String, Object> defaults(Task task) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("C", 1.0);
        d.put("gamma", 0.1);
        if (task == Task.REGRESSION) {
            d.put("epsilon", 0.1);
        }
        return d;
    }

    @Override
    public Model fit(Dataset train, Map<String, Object> params, long seed) {
        Map<String, Object> p = Params.resolve(this, train.task(), params);
        if (train.task().isClassification()) {
            SVMParameters<Label> svm = new SVMParameters<>(
                    new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC), KernelType.RBF);
            configure(svm, p);
            svm.setProbability();
            LibSVMClassificationTrainer trainer = new LibSVMClassificationTrainer(svm, seed);
            if (train.weights() != null) {
                trainer.setLabelWeights(TribuoData.labelWeights(train)); // LIBSVM ignores Tribuo's example weights
            }
            return new TribuoModel(NAME, p, train, trainer.train(TribuoData.classification(train, NAME)));
        }
        SVMParameters<Regressor> svm = new SVMParameters<>(
                new SVMRegressionType(SVMRegressionType.SVMMode.EPSILON_SVR), KernelType.RBF);
        configure(svm, p);
        svm.setEpsilon(Params.doubleValue(p, "epsilon"));
        LibSVMRegressionTrainer trainer = new LibSVMRegressionTrainer(svm, true, seed);
        return new TribuoModel(NAME, p, train, trainer.train(TribuoData.regression(
                org.automl4j.learners.internal.ConstantTarget.spread(train), NAME)));
    }

    private static void configure(SVMParameters<?> svm, Map<String, Object> p) {
        // LIBSVM's epsilon-SVR uses C too; Tribuo's setCost would log a spurious warning for it
        svm.getParameters().C = Params.doubleValue(p, "C");
        svm.setGamma(Params.doubleValue(p, "gamma"));
        svm.setCacheSize(200);
    }

    @Override
    public Model load(byte[] bytes) {
        return TribuoModel.load(bytes, NAME, MODEL_CLASSES);
    }
}
