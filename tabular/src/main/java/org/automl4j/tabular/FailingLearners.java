package org.automl4j.tabular;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells when no learner of a search can work: each has had at least {@link #LIMIT} pipelines fail (the FAIL state:
 * an exception, not a stop for time or racing) and none that ran. A learner that breaks for every configuration (an
 * engine that does not load, a heap that refuses it) fails at once, so without this the search drew hundreds of
 * failing pipelines until its time ran out (500 in 15 s for {@code --learners mlp} with the deep-learning engine
 * unable to start). Thread-safe.
 */
final class FailingLearners {

    /** Failed pipelines, with none that ran, after which a learner is taken to be broken for this fit. */
    static final int LIMIT = 5;

    private final Set<String> learners;
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<String> worked = new HashSet<>();

    /** A tracker for a search over {@code learners}, none of which has run a pipeline yet. */
    FailingLearners(List<String> learners) {
        if (learners.isEmpty()) {
            throw new IllegalArgumentException("FailingLearners needs at least one learner");
        }
        this.learners = Set.copyOf(learners);
    }

    /** Records that a pipeline of {@code learner} ran (finished, or was stopped for time or by racing). */
    synchronized void ran(String learner) {
        worked.add(learner);
    }

    /**
     * Records that a pipeline of {@code learner} failed.
     *
     * @return whether now every learner of the search is broken: {@link #LIMIT} failures each and no pipeline that ran,
     *     so the search should stop
     */
    synchronized boolean failed(String learner) {
        failures.merge(learner, 1, Integer::sum);
        return allBroken();
    }

    /** Whether every learner of the search has failed {@link #LIMIT} pipelines and run none. */
    synchronized boolean allBroken() {
        for (String l : learners) {
            if (worked.contains(l) || failures.getOrDefault(l, 0) < LIMIT) {
                return false;
            }
        }
        return true;
    }
}
