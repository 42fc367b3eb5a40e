package org.automl4j.learners.tree;

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
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.Entropy;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * CART trees and bagged tree ensembles through Tribuo: a single decision tree, a random forest
 * ({@code RandomForestTrainer}: bootstrap samples, a random feature subset per split) or extra trees
 * ({@code ExtraTreesTrainer}: random split points as well; classification only, see the constructor). Ensembles average the members' class
 * distributions ({@code FullyWeightedVotingCombiner}) or predictions. Ranges follow auto-sklearn's
 * {@code decision_tree}, {@code random_forest} and {@code extra_trees}; {@code max_features} is
 * auto-sklearn's exponent: a split considers {@code round(d^max_features)} of the {@code d} features.
 */
final class TreeLearner implements Learner {

    /** Which tree learner. */
    enum Kind {
        TREE("tree"), RANDOM_FOREST("random_forest"), EXTRA_TREES("extra_trees");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    private static final Set<String> TREE_CLASSES = Set.of(TreeModel.class.getName(),
            IndependentRegressionTreeModel.class.getName());
    private static final Set<String> ENSEMBLE_CLASSES = Set.of(WeightedEnsembleModel.class.getName());

    private final Kind kind;
    private final Capabilities capabilities;

    TreeLearner(Kind kind) {
        this.kind = kind;
        // Tribuo 4.3.2's random-split regression trees are broken (RegressorTrainingNode.buildRandomTree
        // never clears its per-feature index lists, so children overlap, and it can fail with "bound must
        // be positive"), so extra trees are offered for classification only
        this.capabilities = new Capabilities(true, kind != Kind.EXTRA_TREES, false, false, kind != Kind.TREE, true);
    }

    @Override
    public String name() {
        return kind.id;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Optional<String> budgetParameter() {
        return kind == Kind.TREE ? Optional.empty() : Optional.of("n_estimators");
    }

    private void requireSupported(Task task) {
        if (!supports(task)) {
            throw new IllegalArgumentException(name() + " does not support " + task + " (Tribuo 4.3.2's random-split"
                    + " regression trees are broken); use random_forest or lightgbm");
        }
    }

    @Override
    public SearchSpace searchSpace(Task task) {
        requireSupported(task);
        SearchSpace.Builder b = SearchSpace.builder();
        if (kind != Kind.TREE) {
            b.add("n_estimators", IntDistribution.logScale(10, 500));
            b.add("max_features", FloatDistribution.of(0.0, 1.0));
        }
        if (task.isClassification()) {
            b.add("criterion", CategoricalDistribution.of("gini", "entropy"));
        }
        b.add("max_depth", IntDistribution.logScale(1, 64));
        b.add("min_samples_leaf", IntDistribution.of(1, 20));
        return b.build();
    }

    @Override
    public Map<String, Object> defaults(Task task) {
        requireSupported(task);
        Map<String, Object> d = new LinkedHashMap<>();
        if (kind != Kind.TREE) {
            d.put("n_estimators", 100);
            // sqrt(d) features per split for classification; about d/3 with leaves of 5 rows for
            // regression (R randomForest's defaults), which also keeps Tribuo's slow regression CART affordable
            d.put("max_features", task.isClassification() ? 0.5 : 0.65);
        }
        if (task.isClassification()) {
            d.put("criterion", "gini");
        }
        d.put("max_depth", kind == Kind.TREE ? 12 : 64);
        d.put("min_samples_leaf", kind == Kind.TREE ? 2 : task.isClassification() ? 1 : 5);
        return d;
    }

    @Override
    public Model fit(Dataset train, Map<String, Object> params, long seed) {
        requireSupported(train.task());
        Map<String, Object> p = Params.resolve(this, train.task(), params);
        int maxDepth = Params.intValue(p, "max_depth");
        float minChildWeight = Params.intValue(p, "min_samples_leaf");
        float fraction = kind == Kind.TREE ? 1f : featureFraction(Params.doubleValue(p, "max_features"),
                train.features());
        boolean randomSplits = kind == Kind.EXTRA_TREES;
        if (train.task().isClassification()) {
            CARTClassificationTrainer cart = new CARTClassificationTrainer(maxDepth, minChildWeight, 0f, fraction,
                    randomSplits, "entropy".equals(Params.stringValue(p, "criterion")) ? new Entropy()
                            : new GiniIndex(), seed);
            org.tribuo.Trainer<Label> trainer = switch (kind) {
                case TREE -> cart;
                case RANDOM_FOREST -> new RandomForestTrainer<>(new StoppableTree<>(cart, "random_forest"), new FullyWeightedVotingCombiner(),
                        Params.intValue(p, "n_estimators"), seed);
                case EXTRA_TREES -> new ExtraTreesTrainer<>(new StoppableTree<>(cart, "extra_trees"), new FullyWeightedVotingCombiner(),
                        Params.intValue(p, "n_estimators"), seed);
            };
            return new TribuoModel(name(), p, train, trainer.train(TribuoData.classification(train, name())));
        }
        CARTRegressionTrainer cart = new CARTRegressionTrainer(maxDepth, minChildWeight, 0f, fraction, randomSplits,
                new MeanSquaredError(), seed);
        org.tribuo.Trainer<Regressor> trainer = switch (kind) {
            case TREE -> cart;
            case RANDOM_FOREST -> new RandomForestTrainer<>(new StoppableTree<>(cart, "random_forest"), new AveragingCombiner(),
                    Params.intValue(p, "n_estimators"), seed);
            case EXTRA_TREES -> new ExtraTreesTrainer<>(new StoppableTree<>(cart, "extra_trees"), new AveragingCombiner(),
                    Params.intValue(p, "n_estimators"), seed);
        };
        return new TribuoModel(name(), p, train, trainer.train(TribuoData.regression(train, name())));
    }

    /**
     * The forests check between trees whether their thread was interrupted and then give up with a
     * {@link java.util.concurrent.CancellationException} (the flag stays set), so a caller with a time limit stops
     * them within one tree instead of leaving them to run on unused. A single tree cannot be stopped.
     */
    @Override
    public boolean stopsWhenInterrupted() {
        return kind != Kind.TREE;
    }

    /**
     * A tree trainer that checks, before each tree, whether its thread was interrupted, and otherwise is {@code tree}:
     * given to Tribuo's forests, it stops them between trees. It reports {@code tree}'s provenance, so a saved forest
     * names only Tribuo classes (as the safe loader requires) and keeps its bytes' form.
     */
    static final class StoppableTree<T extends org.tribuo.Output<T>>
            implements org.tribuo.common.tree.DecisionTreeTrainer<T> {
        private final org.tribuo.common.tree.DecisionTreeTrainer<T> tree;
        private final String forest;

        StoppableTree(org.tribuo.common.tree.DecisionTreeTrainer<T> tree, String forest) {
            this.tree = tree;
            this.forest = forest;
        }

        private void stopIfInterrupted() {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException(forest + ": training interrupted");
            }
        }

        @Override
        public org.tribuo.SparseModel<T> train(org.tribuo.Dataset<T> examples,
                Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> runProvenance) {
            stopIfInterrupted();
            return tree.train(examples, runProvenance);
        }

        @Override
        public org.tribuo.SparseModel<T> train(org.tribuo.Dataset<T> examples,
                Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> runProvenance, int invocationCount) {
            stopIfInterrupted();
            return tree.train(examples, runProvenance, invocationCount);
        }

        @Override
        public float getFractionFeaturesInSplit() {
            return tree.getFractionFeaturesInSplit();
        }

        @Override
        public boolean getUseRandomSplitPoints() {
            return tree.getUseRandomSplitPoints();
        }

        @Override
        public float getMinImpurityDecrease() {
            return tree.getMinImpurityDecrease();
        }

        @Override
        public int getInvocationCount() {
            return tree.getInvocationCount();
        }

        @Override
        public void setInvocationCount(int count) {
            tree.setInvocationCount(count);
        }

        @Override
        public org.tribuo.provenance.TrainerProvenance getProvenance() {
            return tree.getProvenance();
        }
    }

    /**
     * The fraction of features per split for auto-sklearn's exponent; below 1, since Tribuo's random
     * forest refuses a fraction of exactly 1 (with all features a forest is plain bagging).
     */
    static float featureFraction(double exponent, int features) {
        long count = Math.max(1, Math.round(Math.pow(features, exponent)));
        double fraction = (count + 0.5) / features;
        return (float) Math.min(fraction, 0.9999);
    }

    @Override
    public Model load(byte[] bytes) {
        return TribuoModel.load(bytes, name(), kind == Kind.TREE ? TREE_CLASSES : ENSEMBLE_CLASSES);
    }
}
