package org.automl4j.tabular;

import java.util.Objects;
import java.util.Set;
import org.automl4j.meta.kb.KnowledgeBase;

/**
 * How a fit learns from earlier runs ({@link MetaPlanner}): before the search it computes the
 * dataset's meta-features, finds the {@code neighbours} most similar datasets of the knowledge base
 * and enqueues their best pipelines first, or the greedy portfolio when none is similar, in the order
 * the pairwise ranker prefers, then the pipelines it rates best; with {@code shrinkSpace} the search
 * after them runs in a space narrowed by the neighbours' hyperparameter importance. A knowledge-base
 * dataset whose meta-features equal the new dataset's is always left out, so no dataset is scored with
 * its own knowledge.
 *
 * @param enabled       whether meta-learning runs at all
 * @param knowledgeBase the knowledge base, or null for the bundled default (meta-learning is skipped
 *                      when there is none)
 * @param neighbours    how many similar datasets to take pipelines from (k)
 * @param warmStart     how many pipelines meta-learning enqueues before the search
 * @param exclude       names of knowledge-base datasets to leave out (leave-one-dataset-out evaluation)
 * @param shrinkSpace   whether the search runs in the space narrowed by the neighbours' importance
 * @param strategy      how the first pipelines are chosen (null: {@link MetaPlanner.Strategy#COMBINED_RANKED})
 */
public record MetaLearning(boolean enabled, KnowledgeBase knowledgeBase, int neighbours, int warmStart,
        Set<String> exclude, boolean shrinkSpace, MetaPlanner.Strategy strategy) {

    /** Default number of similar datasets. */
    public static final int DEFAULT_NEIGHBOURS = 3;
    /** Default number of pipelines enqueued. */
    public static final int DEFAULT_WARM_START = 20;

    public MetaLearning {
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
        strategy = strategy == null ? MetaPlanner.Strategy.COMBINED_RANKED : strategy;
        if (neighbours < 1) {
            throw new IllegalArgumentException("meta-learning needs at least 1 neighbour, but got " + neighbours);
        }
        if (warmStart < 0) {
            throw new IllegalArgumentException("meta-learning warmStart must be >= 0, but got " + warmStart);
        }
    }

    /** On, with the bundled knowledge base and the defaults. */
    public static MetaLearning on() {
        return new MetaLearning(true, null, DEFAULT_NEIGHBOURS, DEFAULT_WARM_START, Set.of(), false, null);
    }

    /** Off: the search starts from the learners' defaults. */
    public static MetaLearning off() {
        return new MetaLearning(false, null, DEFAULT_NEIGHBOURS, DEFAULT_WARM_START, Set.of(), false, null);
    }

    /** On, with {@code kb} instead of the bundled knowledge base. */
    public static MetaLearning using(KnowledgeBase kb) {
        return on().withKnowledgeBase(Objects.requireNonNull(kb, "kb"));
    }

    /** These settings with another knowledge base (null: the bundled one). */
    public MetaLearning withKnowledgeBase(KnowledgeBase kb) {
        return new MetaLearning(enabled, kb, neighbours, warmStart, exclude, shrinkSpace, strategy);
    }

    /** These settings leaving the named datasets out of the knowledge base. */
    public MetaLearning excluding(Set<String> names) {
        return new MetaLearning(enabled, knowledgeBase, neighbours, warmStart, names, shrinkSpace, strategy);
    }

    /** These settings with {@code n} enqueued pipelines. */
    public MetaLearning withWarmStart(int n) {
        return new MetaLearning(enabled, knowledgeBase, neighbours, n, exclude, shrinkSpace, strategy);
    }

    /** These settings with {@code k} neighbours. */
    public MetaLearning withNeighbours(int k) {
        return new MetaLearning(enabled, knowledgeBase, k, warmStart, exclude, shrinkSpace, strategy);
    }

    /** These settings with space shrinking on or off. */
    public MetaLearning withShrinkSpace(boolean on) {
        return new MetaLearning(enabled, knowledgeBase, neighbours, warmStart, exclude, on, strategy);
    }

    /** These settings with another strategy for the first pipelines. */
    public MetaLearning withStrategy(MetaPlanner.Strategy s) {
        return new MetaLearning(enabled, knowledgeBase, neighbours, warmStart, exclude, shrinkSpace, s);
    }
}
