package org.automl4j.tabular;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.automl4j.data.LabeledTable;
import org.automl4j.meta.features.MetaFeatureVector;
import org.automl4j.meta.features.MetaFeatures;
import org.automl4j.meta.kb.DatasetEntry;
import org.automl4j.meta.kb.Evaluation;
import org.automl4j.meta.kb.KnowledgeBase;
import org.automl4j.meta.portfolio.Portfolio;
import org.automl4j.meta.ranking.ConfigEncoder;
import org.automl4j.meta.ranking.PairwiseRanker;
import org.automl4j.meta.shrink.SpaceShrinker;
import org.automl4j.meta.similarity.NearestDatasets;
import org.automl4j.tabular.pipeline.PipelineSpace;

/**
 * Meta-learning before a search: which pipelines to evaluate first, and optionally a shrunk space for
 * the search after them. From the knowledge base (datasets of the same kind, classification or
 * regression, minus those excluded and any with the new dataset's exact meta-features, each with the datasets
 * derived from it, {@link org.automl4j.meta.kb.DatasetVariants}):
 * <ol>
 *   <li>the {@code k} nearest datasets by meta-features ({@link NearestDatasets}) that are similar, i.e.
 *       no farther than the median distance between two known datasets, give their best pipelines in
 *       turn (nearest first, {@link #PER_NEIGHBOUR} each);</li>
 *   <li>the greedy portfolio ({@link Portfolio}) over the known datasets fills the knowledge's share of
 *       the first {@link #DIRECT} places ({@code DIRECT - DEFAULTS}; all of it when nothing is similar);</li>
 *   <li>the pairwise ranker ({@link PairwiseRanker}, trained on the known datasets) orders a pool of the
 *       known pipelines, the learners' default pipelines and random pipelines of this space by predicted
 *       improvement over the knowledge's picks; its {@link #DEFAULTS} best default pipelines complete the
 *       first places (defaults are robust: they are what a search without meta-learning starts from), the
 *       first places are evaluated in its order, and its best others fill the remaining places: the prior
 *       of the search, instead of a random initial design.</li>
 * </ol>
 * Every pipeline is projected onto this dataset's pipeline space ({@link PipelineSpace#project}). With
 * shrinking, the neighbours' evaluations decide a smaller space ({@link SpaceShrinker}).
 */
public final class MetaPlanner {

    /** Pipelines taken from each similar dataset. */
    static final int PER_NEIGHBOUR = 2;
    /** Places filled by neighbours and the portfolio before the ranker's picks. */
    static final int DIRECT = 10;
    /** Of the first {@link #DIRECT} places, how many go to learners' default pipelines (the ranker's choice), at most half. */
    static final int DEFAULTS = 5;
    /** Random pipelines added to the ranker's pool. */
    static final int RANDOM_POOL = 60;
    /** Pairs per dataset the ranker learns from. */
    static final int RANKER_PAIRS = 300;
    /** The seed of meta-feature computation: fixed, so a dataset's meta-features match the knowledge base's. */
    static final long FEATURE_SEED = 0;

    /**
     * What meta-learning decided.
     *
     * @param points        pipelines to evaluate first, in order (points of the search space)
     * @param sources       where each came from: {@code neighbour:<name>}, {@code portfolio} or {@code ranker}
     * @param neighbours    the similar datasets used, nearest first, with their distances
     * @param usedPortfolio whether the portfolio filled places because fewer than {@link #DIRECT} came from neighbours
     * @param shrunk        the shrunk space, or null
     * @param metaFeatures  the dataset's meta-features, or null when not computed
     * @param seconds       time spent
     * @param note          one line for logs and the CLI
     */
    public record Plan(List<Map<String, Object>> points, List<String> sources, Map<String, Double> neighbours,
            boolean usedPortfolio, SpaceShrinker.Result shrunk, MetaFeatureVector metaFeatures, double seconds,
            String note) {

        public Plan {
            points = List.copyOf(points);
            sources = List.copyOf(sources);
            neighbours = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(neighbours));
        }

        /** A plan that adds nothing, for {@code why}. */
        static Plan none(String why) {
            return new Plan(List.of(), List.of(), Map.of(), false, null, null, 0, why);
        }
    }

    /**
     * How the first pipelines are chosen ({@link MetaLearning#strategy()}); a fit uses {@link #COMBINED_RANKED}
     * unless told otherwise; {@code benchmark meta --parts simulate} compares them all.
     */
    public enum Strategy {
        /** Similar datasets' best pipelines, then the portfolio up to {@link #DIRECT}, then the ranker's picks. */
        COMBINED,
        /**
         * {@link #COMBINED}'s first places with {@link #DEFAULTS} of them given to the learners' default
         * pipelines the ranker rates best, all ordered by the ranker, then its picks.
         */
        COMBINED_RANKED,
        /** Only similar datasets' best pipelines, in turn (more than {@link #PER_NEIGHBOUR} each if needed). */
        NEIGHBOURS,
        /** Only the greedy portfolio. */
        PORTFOLIO,
        /** Only the ranker's order of its pool. */
        RANKER
    }

    private MetaPlanner() {
    }

    /** Computes the meta-features of {@code data}, then {@link #plan(MetaFeatureVector, PipelineSpace, boolean, KnowledgeBase, MetaLearning, List, long)}. */
    static Plan plan(LabeledTable data, PipelineSpace space, boolean balanced, MetaLearning meta,
            List<Map<String, Object>> keep, long seed) {
        long t0 = System.nanoTime();
        KnowledgeBase kb = meta.knowledgeBase() != null ? meta.knowledgeBase() : KnowledgeBase.bundled().orElse(null);
        if (kb == null || kb.isEmpty()) {
            return Plan.none("meta-learning: no knowledge base");
        }
        MetaFeatureVector mf = MetaFeatures.compute(data, FEATURE_SEED);
        Plan p = plan(mf, space, balanced, kb, meta, keep, seed);
        return new Plan(p.points(), p.sources(), p.neighbours(), p.usedPortfolio(), p.shrunk(), mf,
                (System.nanoTime() - t0) / 1e9, p.note());
    }

    /**
     * The plan for a dataset with meta-features {@code mf} searched in {@code space}.
     *
     * @param balanced whether class weighting is the default (balanced accuracy, macro F1)
     * @param keep     points that must stay inside a shrunk space (the user's own warm start)
     */
    public static Plan plan(MetaFeatureVector mf, PipelineSpace space, boolean balanced, KnowledgeBase kb,
            MetaLearning meta, List<Map<String, Object>> keep, long seed) {
        return plan(mf, space, balanced, kb, meta, keep, seed, meta.strategy(), RANDOM_POOL);
    }

    /**
     * As {@link #plan(MetaFeatureVector, PipelineSpace, boolean, KnowledgeBase, MetaLearning, List, long)}
     * with another strategy and size of the ranker's random pool (for benchmarks).
     */
    public static Plan plan(MetaFeatureVector mf, PipelineSpace space, boolean balanced, KnowledgeBase kb,
            MetaLearning meta, List<Map<String, Object>> keep, long seed, Strategy strategy, int randomPool) {
        long t0 = System.nanoTime();
        boolean classification = space.task().isClassification();
        // the datasets left out (by name, or because they are this one): their entries, and the pipelines their
        // own searches found, wherever those were scored, since such a pipeline carries knowledge of its dataset;
        // with each, the datasets derived from it (its subsamples), and a derived dataset's source with it
        Set<String> left = new java.util.HashSet<>(meta.exclude());
        for (DatasetEntry d : kb.datasets()) {
            if (d.metaFeatures().sameAs(mf)) {
                left.add(d.name());
                if (d.derived()) {
                    left.add(d.derivedFrom());
                }
            }
        }
        Set<String> leftSources = Set.copyOf(left);
        for (DatasetEntry d : kb.datasets()) {
            if (d.isOrDerivesFrom(leftSources)) {
                left.add(d.name());
            }
        }
        List<Known> known = new ArrayList<>();
        for (DatasetEntry d : kb.datasets()) {
            if (d.task().isClassification() != classification || left.contains(d.name())) {
                continue;
            }
            Known k = Known.of(d, space, balanced, left);
            if (!k.points.isEmpty()) {
                known.add(k);
            }
        }
        if (known.isEmpty()) {
            return Plan.none("meta-learning: no known " + (classification ? "classification" : "regression")
                    + " dataset to learn from");
        }
        int total = meta.warmStart();
        Set<Map<String, Object>> taken = new LinkedHashSet<>();
        List<String> sources = new ArrayList<>();
        Map<String, Double> neighbours = similar(known, mf, meta.neighbours());
        List<Known> near = new ArrayList<>();
        for (String n : neighbours.keySet()) {
            near.add(known.stream().filter(k -> k.name.equals(n)).findFirst().orElseThrow());
        }
        int direct = switch (strategy) {
            case COMBINED, COMBINED_RANKED -> Math.min(DIRECT, total);
            case NEIGHBOURS, PORTFOLIO -> total;
            case RANKER -> 0;
        };
        int defaultsInDirect = strategy == Strategy.COMBINED_RANKED ? Math.min(DEFAULTS, direct / 2) : 0;
        int fromKnowledge = direct - defaultsInDirect;
        // 1. similar datasets' best pipelines, nearest first, in turn
        if (strategy != Strategy.PORTFOLIO) {
            int rounds = strategy == Strategy.NEIGHBOURS ? total : PER_NEIGHBOUR;
            for (int r = 0; r < rounds; r++) {
                for (Known k : near) {
                    if (taken.size() >= fromKnowledge) {
                        break;
                    }
                    for (Map<String, Object> p : k.ranked()) {
                        if (taken.add(p)) {
                            sources.add("neighbour:" + k.name);
                            break;
                        }
                    }
                }
            }
        }
        // 2. the greedy portfolio fills the direct places
        boolean usedPortfolio = false;
        if (taken.size() < fromKnowledge && strategy != Strategy.NEIGHBOURS) {
            for (Map<String, Object> p : portfolio(known, direct)) {
                if (taken.size() >= fromKnowledge) {
                    break;
                }
                if (taken.add(p)) {
                    sources.add("portfolio");
                    usedPortfolio = true;
                }
            }
        }
        // 3. the ranker: orders the direct candidates (COMBINED_RANKED), then its picks fill the rest
        boolean rank = strategy == Strategy.COMBINED || strategy == Strategy.COMBINED_RANKED
                || strategy == Strategy.RANKER;
        if (rank && known.size() >= 2 && (taken.size() < total || strategy == Strategy.COMBINED_RANKED)) {
            List<Map<String, Object>> order = ranked(known, mf, space, balanced, new ArrayList<>(taken), seed, randomPool);
            if (defaultsInDirect > 0) {
                // the learners' default pipelines the ranker rates best complete the first places
                Set<Map<String, Object>> defaults = new LinkedHashSet<>();
                for (org.automl4j.learners.Learner l : space.learners()) {
                    defaults.add(space.defaultPoint(l, balanced));
                }
                int added = 0;
                for (Map<String, Object> p : order) {
                    if (added >= defaultsInDirect) {
                        break;
                    }
                    if (defaults.contains(p) && taken.add(p)) {
                        sources.add("default");
                        added++;
                    }
                }
            }
            if (strategy == Strategy.COMBINED_RANKED) {
                List<Map<String, Object>> direct0 = new ArrayList<>(taken);
                List<String> src0 = new ArrayList<>(sources);
                taken.clear();
                sources.clear();
                for (Map<String, Object> p : order) {
                    int i = direct0.indexOf(p);
                    if (i >= 0) {
                        taken.add(p);
                        sources.add(src0.get(i));
                    }
                }
            }
            for (Map<String, Object> p : order) {
                if (taken.size() >= total) {
                    break;
                }
                if (taken.add(p)) {
                    sources.add("ranker");
                }
            }
        }
        // learners no known dataset ever evaluated (added to automl4j after the knowledge base was built, or
        // from a LearnerProvider) get their default pipeline right after the direct places: nothing is known
        // for or against them, so they come before the ranker's guesses; not first, because nothing is known
        // of their cost either, and the first pipeline of a fit may use the whole search time
        Set<String> seenLearners = new java.util.HashSet<>();
        for (Known k : known) {
            for (Map<String, Object> p : k.points) {
                seenLearners.add(String.valueOf(p.get("learner")));
            }
        }
        List<Map<String, Object>> unknown = new ArrayList<>();
        for (org.automl4j.learners.Learner l : space.learners()) {
            if (!seenLearners.contains(l.name())) {
                unknown.add(space.defaultPoint(l, balanced));
            }
        }
        List<Map<String, Object>> points = new ArrayList<>();
        List<String> pointSources = new ArrayList<>();
        int j = 0;
        for (Map<String, Object> p : taken) {
            if (j == direct) {
                points.addAll(unknown);
                unknown.forEach(u -> pointSources.add("default:unknown_learner"));
            }
            if (!unknown.contains(p)) {
                points.add(p);
                pointSources.add(sources.get(j));
            }
            j++;
        }
        if (j <= direct) {
            points.addAll(unknown);
            unknown.forEach(u -> pointSources.add("default:unknown_learner"));
        }
        sources = pointSources;
        // the first DIRECT places, also for strategies whose direct places are all of the warm start (NEIGHBOURS,
        // PORTFOLIO): the set of the first ten stays the one the strategy chose
        cheapestFirst(points, sources, known, Math.min(Math.min(direct, DIRECT), points.size()));
        SpaceShrinker.Result shrunk = null;
        if (meta.shrinkSpace() && !near.isEmpty()) {
            List<SpaceShrinker.Observation> obs = new ArrayList<>();
            for (Known k : near) {
                for (int i = 0; i < k.points.size(); i++) {
                    obs.add(new SpaceShrinker.Observation(k.points.get(i), k.quality.get(i)));
                }
            }
            List<Map<String, Object>> inside = new ArrayList<>(keep);
            inside.addAll(points);
            shrunk = SpaceShrinker.shrink(space.searchSpace(), obs, inside, SpaceShrinker.Options.pipelines());
            List<Map<String, Object>> moved = new ArrayList<>();
            List<String> movedSources = new ArrayList<>();
            Set<Map<String, Object>> seen = new LinkedHashSet<>();
            for (int i = 0; i < points.size(); i++) {
                Optional<Map<String, Object>> q = shrunk.project(points.get(i));
                if (q.isPresent() && seen.add(q.get())) {
                    moved.add(q.get());
                    movedSources.add(sources.get(i));
                }
            }
            points = moved;
            sources = movedSources;
        }
        StringBuilder note = new StringBuilder("meta-learning: ");
        if (neighbours.isEmpty()) {
            note.append("no similar dataset among ").append(known.size()).append(", portfolio first");
        } else {
            note.append("similar datasets ");
            List<String> parts = new ArrayList<>();
            neighbours.forEach((n, dist) -> parts.add(String.format(Locale.ROOT, "%s (%.2f)", n, dist)));
            note.append(String.join(", ", parts));
        }
        note.append("; ").append(points.size()).append(" pipelines first");
        if (shrunk != null) {
            note.append(String.format(Locale.ROOT, "; space shrunk: %d fixed, %d narrowed", shrunk.fixed().size(),
                    shrunk.narrowed().size()));
        }
        return new Plan(points, sources, neighbours, usedPortfolio, shrunk, mf, (System.nanoTime() - t0) / 1e9,
                note.toString());
    }

    /**
     * Moves the cheapest of the first {@code places} points to the front, so that even a fit whose time runs out
     * early has a finished pipeline (the first pipeline of a fit may otherwise take the whole search time, as a
     * neural network on its first engine start does). The cost of a point is the median over the known datasets
     * that evaluated it of its seconds relative to that dataset's median evaluation; a point no known dataset
     * timed is never moved. The set of the first {@code places} points is unchanged, only their order.
     */
    static void cheapestFirst(List<Map<String, Object>> points, List<String> sources, List<Known> known, int places) {
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = 0; i < places; i++) {
            double c = relativeCost(points.get(i), known);
            if (c < bestCost) {
                bestCost = c;
                best = i;
            }
        }
        if (best > 0) {
            points.add(0, points.remove(best));
            sources.add(0, sources.remove(best));
        }
    }

    /** {@link #cheapestFirst}'s cost of {@code point}, or infinity when no known dataset timed it. */
    static double relativeCost(Map<String, Object> point, List<Known> known) {
        List<Double> rel = new ArrayList<>();
        for (Known k : known) {
            int i = k.points.indexOf(point);
            if (i >= 0 && Double.isFinite(k.relativeSeconds.get(i))) {
                rel.add(k.relativeSeconds.get(i));
            }
        }
        if (rel.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        rel.sort(Comparator.naturalOrder());
        int m = rel.size();
        return m % 2 == 1 ? rel.get(m / 2) : (rel.get(m / 2 - 1) + rel.get(m / 2)) / 2;
    }

    /**
     * The nearest known datasets (at most {@code k}) whose distance is at most the median distance between
     * two known datasets, with their distances; never one sharing no finite meta-feature with {@code mf} (e.g. a
     * knowledge base written by a version with other meta-features).
     */
    static Map<String, Double> similar(List<Known> known, MetaFeatureVector mf, int k) {
        Map<String, MetaFeatureVector> index = new LinkedHashMap<>();
        for (Known x : known) {
            index.put(x.name, x.entry.metaFeatures());
        }
        NearestDatasets nd = new NearestDatasets(index);
        List<Double> pairs = new ArrayList<>();
        for (int a = 0; a < known.size(); a++) {
            for (int b = a + 1; b < known.size(); b++) {
                pairs.add(nd.distance(known.get(a).entry.metaFeatures(), known.get(b).entry.metaFeatures()));
            }
        }
        pairs.sort(Comparator.naturalOrder());
        double threshold = pairs.isEmpty() ? Double.POSITIVE_INFINITY : pairs.get((pairs.size() - 1) / 2);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String n : nd.nearest("", mf, k)) {
            double dist = nd.distance(mf, index.get(n));
            if (Double.isFinite(dist) && dist <= threshold) { // infinite: not one meta-feature to compare
                out.put(n, dist);
            }
        }
        return out;
    }

    /** The greedy portfolio over the known datasets' shared pipelines, as points of this space. */
    static List<Map<String, Object>> portfolio(List<Known> known, int size) {
        List<Map<String, Object>> columns = new ArrayList<>();
        Map<Map<String, Object>, Integer> index = new LinkedHashMap<>();
        for (Known k : known) {
            for (Map<String, Object> key : k.keys) {
                index.computeIfAbsent(key, x -> {
                    columns.add(k.pointOf(x));
                    return columns.size() - 1;
                });
            }
        }
        double[][] scores = new double[known.size()][columns.size()];
        for (int d = 0; d < known.size(); d++) {
            java.util.Arrays.fill(scores[d], Double.NaN);
            Known k = known.get(d);
            for (int i = 0; i < k.keys.size(); i++) {
                scores[d][index.get(k.keys.get(i))] = k.quality.get(i);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int c : Portfolio.greedy(scores, Math.min(size, columns.size()))) {
            out.add(columns.get(c));
        }
        return out;
    }

    /**
     * The pairwise ranker's order of a pool (every known pipeline and {@link #RANDOM_POOL} random ones),
     * by mean predicted improvement over {@code references} (or the known datasets' best pipelines).
     */
    static List<Map<String, Object>> ranked(List<Known> known, MetaFeatureVector mf, PipelineSpace space,
            boolean balanced, List<Map<String, Object>> references, long seed, int randomPool) {
        List<String> names = new ArrayList<>(mf.values().keySet());
        ConfigEncoder enc = new ConfigEncoder(space.searchSpace());
        List<PairwiseRanker.Observation> obs = new ArrayList<>();
        Set<Map<String, Object>> pool = new LinkedHashSet<>();
        for (Known k : known) {
            double[] m = vector(k.entry.metaFeatures(), names);
            for (int i = 0; i < k.points.size(); i++) {
                obs.add(new PairwiseRanker.Observation(k.name, m, enc.encode(k.points.get(i)), k.quality.get(i)));
                pool.add(k.points.get(i));
            }
        }
        for (org.automl4j.learners.Learner l : space.learners()) {
            pool.add(space.defaultPoint(l, balanced));
        }
        if (randomPool > 0) {
            pool.addAll(space.randomPoints(randomPool, seed));
        }
        PairwiseRanker ranker = PairwiseRanker.fit(obs, RANKER_PAIRS, seed);
        List<Map<String, Object>> candidates = new ArrayList<>(pool);
        List<double[]> x = candidates.stream().map(enc::encode).toList();
        List<Map<String, Object>> refs = references.isEmpty()
                ? known.stream().map(k -> k.ranked().get(0)).toList() : references;
        double[] score = ranker.scoreAgainst(vector(mf, names), x, refs.stream().map(enc::encode).toList());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i : order) {
            out.add(candidates.get(i));
        }
        return out;
    }

    private static double[] vector(MetaFeatureVector v, List<String> names) {
        double[] out = new double[names.size()];
        for (int i = 0; i < out.length; i++) {
            Double x = v.values().get(names.get(i));
            out[i] = x == null ? Double.NaN : x;
        }
        return out;
    }

    /** A known dataset's scored pipelines that fit this space: knowledge-base keys, projected points, qualities. */
    static final class Known {
        final String name;
        final DatasetEntry entry;
        final List<Map<String, Object>> keys = new ArrayList<>();
        final List<Map<String, Object>> points = new ArrayList<>();
        final List<Double> quality = new ArrayList<>();
        /** Each point's seconds over the median seconds of the dataset's timed evaluations; NaN if not timed. */
        final List<Double> relativeSeconds = new ArrayList<>();

        private Known(DatasetEntry entry) {
            this.name = entry.name();
            this.entry = entry;
        }

        static Known of(DatasetEntry d, PipelineSpace space, boolean balanced, Set<String> leftOut) {
            Known k = new Known(d);
            Set<Map<String, Object>> seen = new java.util.HashSet<>();
            double[] timed = d.ranked().stream().mapToDouble(Evaluation::seconds)
                    .filter(x -> Double.isFinite(x) && x > 0).sorted().toArray();
            double median = timed.length == 0 ? Double.NaN : timed.length % 2 == 1 ? timed[timed.length / 2]
                    : (timed[timed.length / 2 - 1] + timed[timed.length / 2]) / 2;
            for (Evaluation e : d.ranked()) {
                if (e.foundOn(leftOut)) {
                    continue;
                }
                Optional<Map<String, Object>> p = space.project(e.pipeline(), balanced);
                if (p.isPresent() && seen.add(e.pipeline())) {
                    k.keys.add(e.pipeline());
                    k.points.add(p.get());
                    k.quality.add(d.quality(e.score()));
                    double sec = e.seconds();
                    k.relativeSeconds.add(Double.isFinite(sec) && sec > 0 ? sec / median : Double.NaN);
                }
            }
            return k;
        }

        /** Projected points, best first. */
        List<Map<String, Object>> ranked() {
            return points;
        }

        Map<String, Object> pointOf(Map<String, Object> key) {
            return points.get(keys.indexOf(key));
        }
    }
}
