package org.automl4j.learners.tree;

import org.automl4j.learners.Learner;

/** Factories for the tree learners. */
public final class TreeLearners {

    private TreeLearners() {
    }

    /** A CART decision tree ({@code tree}): {@code criterion}, {@code max_depth}, {@code min_samples_leaf}. */
    public static Learner decisionTree() {
        return new TreeLearner(TreeLearner.Kind.TREE);
    }

    /** A random forest ({@code random_forest}); adds {@code n_estimators} (the budget) and {@code max_features}. */
    public static Learner randomForest() {
        return new TreeLearner(TreeLearner.Kind.RANDOM_FOREST);
    }

    /**
     * Extremely randomised trees ({@code extra_trees}), classification only (Tribuo 4.3.2's random-split
     * regression trees are broken); parameters as {@link #randomForest()}.
     */
    public static Learner extraTrees() {
        return new TreeLearner(TreeLearner.Kind.EXTRA_TREES);
    }
}
