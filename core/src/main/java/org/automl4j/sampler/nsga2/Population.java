package org.automl4j.sampler.nsga2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.multiobjective.ParetoFronts;
import org.automl4j.internal.IntersectionSpace;
import org.automl4j.space.Distribution;
import org.automl4j.study.TrialFeed;
import org.automl4j.study.Direction;
import org.automl4j.study.StudyView;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;

/**
 * The generations of NSGA-II, updated incrementally from the study's finished-trials feed.
 *
 * <p>A trial's generation is the number of generations completed when it started. COMPLETE trials
 * are collected in the pool of the open generation; once that pool holds {@code size} trials the
 * generation completes: the survivors (elitist selection from the previous survivors plus the pool)
 * become the parents of the next generation. Trials this sampler did not start (imported, from an
 * earlier run) and trials that finish after their own generation completed (parallel workers) join
 * the open pool too, so no evaluation is wasted. FAIL and PRUNED trials take no part.
 *
 * <p>Also keeps the intersection search space: the parameters every COMPLETE trial has, each with
 * one distribution. Not thread-safe: the sampler guards it.
 */
final class Population {

    /** A COMPLETE trial as selection sees it: losses, total constraint violation, internal parameter values. */
    record Individual(int number, double[] losses, double violation, Map<String, Double> internal,
            Map<String, Distribution> distributions) {
    }

    /** A survivor with its non-domination rank (constrained, if any trial violates constraints) and crowding distance. */
    record Member(Individual individual, int rank, double crowding) {
    }

    private final int size;
    private final TrialFeed feed = new TrialFeed();
    private int completedGenerations;
    private int[] generationByTrial = new int[64];
    private final List<Individual> pool = new ArrayList<>();
    private List<Member> parents = List.of();
    private final IntersectionSpace intersection = new IntersectionSpace();

    Population(int size) {
        this.size = size;
        Arrays.fill(generationByTrial, -1);
    }

    /** Takes in the trials that finished since the last call, completing generations as pools fill. */
    void sync(StudyView study) {
        List<FrozenTrial> fresh = feed.next(study);
        List<Direction> directions = study.directions();
        for (FrozenTrial t : fresh) {
            if (t.state() != TrialState.COMPLETE || t.values().size() != directions.size()) {
                continue;
            }
            updateIntersection(t.distributions());
            double[] losses = new double[directions.size()];
            for (int j = 0; j < losses.length; j++) {
                losses[j] = directions.get(j).toLoss(t.values().get(j));
            }
            Map<String, Double> internal = new LinkedHashMap<>();
            for (String name : t.params().keySet()) {
                internal.put(name, t.internalParam(name));
            }
            pool.add(new Individual(t.number(), losses, t.constraintViolation(), internal, t.distributions()));
            if (pool.size() >= size) {
                List<Individual> candidates = new ArrayList<>(parents.size() + pool.size());
                for (Member m : parents) {
                    candidates.add(m.individual());
                }
                candidates.addAll(pool);
                parents = select(candidates, size);
                pool.clear();
                completedGenerations++;
            }
        }
    }

    private void updateIntersection(Map<String, Distribution> dists) {
        intersection.add(dists);
    }

    /** Records that trial {@code number} starts now and returns its generation. */
    int start(int number) {
        if (number >= 0) {
            if (number >= generationByTrial.length) {
                int old = generationByTrial.length;
                generationByTrial = Arrays.copyOf(generationByTrial, Math.max(number + 1, old * 2));
                Arrays.fill(generationByTrial, old, generationByTrial.length, -1);
            }
            if (generationByTrial[number] < 0) {
                generationByTrial[number] = completedGenerations;
            }
            return generationByTrial[number];
        }
        return completedGenerations;
    }

    /** The generation of trial {@code number}, or -1 if this sampler did not start it. */
    int generationOf(int number) {
        return number >= 0 && number < generationByTrial.length ? generationByTrial[number] : -1;
    }

    /** Generations completed so far. */
    int completedGenerations() {
        return completedGenerations;
    }

    /** The survivors of the last completed generation (empty before the first completes); immutable. */
    List<Member> parents() {
        return parents;
    }

    /** Parameters every COMPLETE trial has, each with its one distribution, in first-seen order. */
    Map<String, Distribution> intersectionSpace() {
        return intersection.space();
    }

    /**
     * Elitist survival (Deb 2002): whole fronts in rank order while they fit, then the least crowded
     * members of the first front that does not fit (ties by trial number). Ranks use constrained
     * domination when any candidate violates a constraint. Each survivor keeps the rank and crowding
     * distance of its front among the candidates.
     */
    static List<Member> select(List<Individual> candidates, int size) {
        int n = candidates.size();
        double[][] losses = new double[n][];
        double[] violations = new double[n];
        boolean constrained = false;
        for (int i = 0; i < n; i++) {
            losses[i] = candidates.get(i).losses();
            violations[i] = candidates.get(i).violation();
            constrained |= violations[i] > 0;
        }
        int[] ranks = constrained ? ParetoFronts.constrainedRanks(losses, violations) : ParetoFronts.ranks(losses);
        List<Member> out = new ArrayList<>(Math.min(size, n));
        for (int[] front : ParetoFronts.fronts(ranks)) {
            if (out.size() >= size) {
                break;
            }
            double[] crowding = ParetoFronts.crowdingDistances(losses, front);
            Integer[] order = new Integer[front.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            if (out.size() + front.length > size) {
                Arrays.sort(order, (a, b) -> {
                    int c = Double.compare(crowding[b], crowding[a]);
                    return c != 0 ? c : Integer.compare(candidates.get(front[a]).number(),
                            candidates.get(front[b]).number());
                });
            }
            for (int i = 0; i < order.length && out.size() < size; i++) {
                int k = order[i];
                out.add(new Member(candidates.get(front[k]), ranks[front[k]], crowding[k]));
            }
        }
        return List.copyOf(out);
    }
}
