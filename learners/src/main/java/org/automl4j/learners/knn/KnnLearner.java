package org.automl4j.learners.knn;

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
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.math.distance.Distance;
import org.tribuo.math.distance.L1Distance;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;

/**
 * k-nearest neighbours (Tribuo's {@code KNNTrainer}, brute-force search, 2 threads at prediction):
 * majority vote (class probabilities are vote fractions; with row weights each class's votes count its rows'
 * mean weight, so class weights act) or mean of the neighbours' targets. Tribuo 4.3 has no distance weighting,
 * so the space has {@code n_neighbors} and {@code metric} only.
 */
final class KnnLearner implements Learner {

    static final String NAME = "knn";
    private static final Set<String> MODEL_CLASSES = Set.of(KNNModel.class.getName());
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, true, false, false);
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
    public SearchSpace searchSpace(Task task) {
        return SearchSpace.builder()
                .add("n_neighbors", IntDistribution.logScale(1, 50))
                .add("metric", CategoricalDistribution.of("l2", "l1"))
                .build();
    }

    @Override
    public Map<String, Object> defaults(Task task) {
        return Map.of("n_neighbors", 5, "metric", "l2");
    }

    @Override
    public Model fit(Dataset train, Map<String, Object> params, long seed) {
        Map<String, Object> p = Params.resolve(this, train.task(), params);
        // more neighbours than rows is an error in Tribuo; use them all instead
        int k = Math.max(1, Math.min(Params.intValue(p, "n_neighbors"), train.rows()));
        Distance distance = "l1".equals(Params.stringValue(p, "metric")) ? new L1Distance() : new L2Distance();
        if (train.task().isClassification()) {
            if (train.weights() != null) {
                // Tribuo's vote ignores row weights: each class's mean row weight scales its votes instead
                // (TribuoModel reads them back, also from a saved model), so class_weight=balanced acts
                p = new java.util.LinkedHashMap<>(p);
                p.put(TribuoModel.CLASS_VOTE_WEIGHTS, TribuoModel.classVoteWeights(train));
            }
            KNNTrainer<Label> trainer = new KNNTrainer<>(k, distance, THREADS, new VotingCombiner(),
                    KNNModel.Backend.THREADPOOL, NeighboursQueryFactoryType.BRUTE_FORCE);
            return new TribuoModel(NAME, p, train, trainer.train(TribuoData.classification(train, NAME)));
        }
        KNNTrainer<Regressor> trainer = new KNNTrainer<>(k, distance, THREADS, new AveragingCombiner(),
                KNNModel.Backend.THREADPOOL, NeighboursQueryFactoryType.BRUTE_FORCE);
        return new TribuoModel(NAME, p, train, trainer.train(TribuoData.regression(train, NAME)));
    }

    @Override
    public Model load(byte[] bytes) {
        return TribuoModel.load(bytes, NAME, MODEL_CLASSES);
    }
}
