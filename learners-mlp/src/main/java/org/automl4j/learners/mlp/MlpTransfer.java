package org.automl4j.learners.mlp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.automl4j.data.Dataset;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;

/**
 * Transfer for the tabular neural network: a network trained on a similar task initialises a new one
 * and is fine-tuned on the new task's data. The new network takes the source's hidden layers (their
 * number and width, and their weights; the input layer's weights too when both tasks have the same
 * features), and a freshly initialised output layer for its own classes or target; then it trains as
 * {@code mlp} does, by default with the source's other hyperparameters (learning rate included).
 */
public final class MlpTransfer {

    private MlpTransfer() {
    }

    /**
     * Fine-tunes {@code source} (a model of learner {@code mlp}) on {@code target}.
     *
     * @param params hyperparameters for the fine-tuning (epochs, learning rate, ...); the architecture
     *               ({@code hidden_units}, {@code layers}) always comes from the source
     * @param validation rows for early stopping, or null
     * @throws IllegalArgumentException if {@code source} is not an {@code mlp} model
     */
    public static Model fineTune(Model source, Dataset target, Map<String, Object> params, long seed,
            Dataset validation) {
        if (!(source instanceof MlpModel s)) {
            throw new IllegalArgumentException("transfer needs a source model of learner 'mlp', but got '"
                    + source.learner() + "'");
        }
        Map<String, Object> p = new LinkedHashMap<>(source.params());
        p.remove("epochs");
        p.putAll(params);
        p.put("hidden_units", s.architecture().hidden());
        p.put("layers", s.architecture().layers());
        MlpLearner learner = (MlpLearner) Learners.byName(MlpLearner.NAME);
        return learner.fit(target, p, seed, validation, s);
    }
}
