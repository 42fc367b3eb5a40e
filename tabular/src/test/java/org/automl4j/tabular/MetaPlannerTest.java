package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Task;
import org.automl4j.data.examples.Examples;
import org.automl4j.meta.features.MetaFeatureVector;
import org.automl4j.meta.features.MetaFeatures;
import org.automl4j.meta.kb.DatasetEntry;
import org.automl4j.meta.kb.Evaluation;
import org.automl4j.meta.kb.KnowledgeBase;
import org.automl4j.tabular.pipeline.PipelineSpace;
import org.junit.jupiter.api.Test;

class MetaPlannerTest {

    private static final LabeledTable IRIS = LabeledTable.of(Examples.iris(), "target");
    private static final MetaFeatureVector IRIS_MF = MetaFeatures.compute(IRIS, MetaPlanner.FEATURE_SEED);
    private static final List<String> LEARNERS = List.of("knn", "tree", "logistic");

    private static final Map<String, Object> KNN11 = Map.of("learner", "knn", "knn.n_neighbors", 11);
    private static final Map<String, Object> TREE2 = Map.of("learner", "tree", "tree.max_depth", 2);
    private static final Map<String, Object> LOGISTIC = Map.of("learner", "logistic", "logistic.C", 0.5);

    /** Every meta-feature multiplied by {@code f}: 1.02 is a close relative of iris, 5 a stranger. */
    private static MetaFeatureVector scaled(double f) {
        Map<String, Double> m = new LinkedHashMap<>();
        IRIS_MF.values().forEach((k, v) -> m.put(k, v * f));
        return new MetaFeatureVector(m);
    }

    private static DatasetEntry entry(String name, MetaFeatureVector mf, Object... pipelineThenScore) {
        List<Evaluation> evals = new ArrayList<>();
        for (int i = 0; i < pipelineThenScore.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) pipelineThenScore[i];
            evals.add(new Evaluation(p, (Double) pipelineThenScore[i + 1], 0.1));
        }
        return new DatasetEntry(name, Task.MULTICLASS, "balanced_accuracy", true, mf, evals);
    }

    private static PipelineSpace space() {
        return AutoML.pipelineSpace(IRIS, AutoMLOptions.of(Duration.ofMinutes(1)).withLearners(LEARNERS));
    }

    private static KnowledgeBase neighbours() {
        return new KnowledgeBase(List.of(
                entry("near", scaled(1.02), KNN11, 0.97, TREE2, 0.9, LOGISTIC, 0.5),
                entry("far", scaled(4), TREE2, 0.99, KNN11, 0.3),
                entry("farther", scaled(6), LOGISTIC, 0.99, KNN11, 0.2)));
    }

    @Test
    void warmStartEnqueuesTheNearestDatasetsBestPipelinesFirst() {
        MetaLearning meta = MetaLearning.using(neighbours()).withNeighbours(1).withWarmStart(3);
        MetaPlanner.Plan plan = MetaPlanner.plan(IRIS_MF, space(), true, neighbours(), meta, List.of(), 0,
                MetaPlanner.Strategy.COMBINED, 0);
        assertEquals(Map.of("near", plan.neighbours().get("near")), plan.neighbours());
        assertEquals(List.of("neighbour:near", "neighbour:near", "portfolio"), plan.sources());
        assertEquals("knn", plan.points().get(0).get("learner"));
        assertEquals(11, plan.points().get(0).get("knn.n_neighbors"));
        assertEquals(2, plan.points().get(1).get("tree.max_depth"), "the neighbour's second best comes next");

        // a fit's plan: the neighbour's two best and two learner defaults, in the ranker's order, are the first four
        MetaLearning four = meta.withWarmStart(4);
        MetaPlanner.Plan fitPlan = MetaPlanner.plan(IRIS_MF, space(), true, neighbours(), four, List.of(), 0);
        assertEquals(List.of("default", "default", "neighbour:near", "neighbour:near"),
                fitPlan.sources().stream().sorted().toList());
        AutoMLResult r = AutoML.fit(IRIS, AutoMLOptions.of(Duration.ofMinutes(5)).withLearners(LEARNERS)
                .withMaxPipelines(4).withEnsembleRounds(0).withMeta(four), null);
        List<Map<String, Object>> first = r.leaderboard().stream().map(LeaderboardEntry::params).toList();
        assertTrue(first.stream().anyMatch(p -> Integer.valueOf(11).equals(p.get("knn.n_neighbors"))), first.toString());
        assertTrue(first.stream().anyMatch(p -> Integer.valueOf(2).equals(p.get("tree.max_depth"))), first.toString());
        assertEquals(Set.copyOf(fitPlan.points()), Set.copyOf(first), "the fit evaluates exactly the plan first");
        assertTrue(r.metaLearning().contains("similar datasets near"), r.metaLearning());
    }

    @Test
    void theCheapestOfTheFirstPlacesGoesFirstSoThatAShortFitHasAModelEarly() {
        // the near dataset's best pipeline took 20 s, its second 0.05 s; far ones agree that the tree is cheap
        DatasetEntry near = new DatasetEntry("near", Task.MULTICLASS, "balanced_accuracy", true, scaled(1.02),
                List.of(new Evaluation(KNN11, 0.97, 20.0), new Evaluation(TREE2, 0.9, 0.05),
                        new Evaluation(LOGISTIC, 0.5, 1.0)));
        DatasetEntry far = new DatasetEntry("far", Task.MULTICLASS, "balanced_accuracy", true, scaled(4),
                List.of(new Evaluation(TREE2, 0.99, 0.02), new Evaluation(KNN11, 0.3, 5.0),
                        new Evaluation(LOGISTIC, 0.6, 1.0)));
        KnowledgeBase kb = new KnowledgeBase(List.of(near, far));
        MetaLearning meta = MetaLearning.using(kb).withNeighbours(1).withWarmStart(3);
        MetaPlanner.Plan plan = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta, List.of(), 0,
                MetaPlanner.Strategy.NEIGHBOURS, 0);
        assertEquals(List.of("tree", "knn", "logistic"),
                plan.points().stream().map(p -> p.get("learner")).toList(), plan.toString());
        assertEquals(List.of("neighbour:near", "neighbour:near", "neighbour:near"), plan.sources());
        assertEquals(11, plan.points().get(1).get("knn.n_neighbors"), "the others keep their order");

        // untimed evaluations (NaN seconds) are never moved ahead of a pipeline of known cost
        DatasetEntry untimed = new DatasetEntry("near", Task.MULTICLASS, "balanced_accuracy", true, scaled(1.02),
                List.of(new Evaluation(KNN11, 0.97, Double.NaN), new Evaluation(TREE2, 0.9, Double.NaN),
                        new Evaluation(LOGISTIC, 0.5, 1.0)));
        KnowledgeBase kb2 = new KnowledgeBase(List.of(untimed));
        MetaPlanner.Plan plan2 = MetaPlanner.plan(IRIS_MF, space(), true, kb2, meta.withKnowledgeBase(kb2), List.of(),
                0, MetaPlanner.Strategy.NEIGHBOURS, 0);
        assertEquals(List.of("logistic", "knn", "tree"), plan2.points().stream().map(p -> p.get("learner")).toList(),
                "the only timed pipeline is the cheapest known: " + plan2);
    }

    @Test
    void theCheapestPipelineComesOnlyFromTheFirstTenPlacesAlsoWhenAStrategyPlansMore() {
        // NEIGHBOURS gives all twelve warm-start places to the near dataset. Before: its twelfth pipeline, the
        // cheapest, jumped to the front, so the first ten were no longer the ten the strategy chose
        List<Evaluation> evals = new java.util.ArrayList<>();
        for (int k = 1; k <= 12; k++) {
            evals.add(new Evaluation(Map.of("learner", "knn", "knn.n_neighbors", k), 1 - k / 100.0, k == 12 ? 0.01 : 1.0));
        }
        DatasetEntry near = new DatasetEntry("near", Task.MULTICLASS, "balanced_accuracy", true, scaled(1.02), evals);
        KnowledgeBase kb = new KnowledgeBase(List.of(near));
        MetaLearning meta = MetaLearning.using(kb).withNeighbours(1).withWarmStart(12);
        MetaPlanner.Plan plan = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta, List.of(), 0,
                MetaPlanner.Strategy.NEIGHBOURS, 0);
        List<Object> ks = plan.points().stream().limit(12).map(p -> p.get("knn.n_neighbors")).toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), ks, plan.toString());
    }

    @Test
    void aDatasetIsNeverScoredWithItsOwnKnowledge() {
        // "iris" has exactly iris's meta-features and a best pipeline nobody else knows
        Map<String, Object> own = Map.of("learner", "knn", "knn.n_neighbors", 3);
        KnowledgeBase kb = neighbours().with(entry("iris", IRIS_MF, own, 1.0, KNN11, 0.1));
        MetaLearning meta = MetaLearning.using(kb).withWarmStart(20);
        MetaPlanner.Plan plan = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta, List.of(), 0, MetaPlanner.Strategy.COMBINED, 0);
        assertFalse(plan.neighbours().containsKey("iris"), plan.neighbours().toString());
        assertTrue(plan.points().stream().noneMatch(p -> Integer.valueOf(3).equals(p.get("knn.n_neighbors"))),
                "its own best pipeline is unknown to the plan: " + plan.points());
        MetaPlanner.Plan byName = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta.excluding(Set.of("near")), List.of(),
                0);
        assertFalse(byName.neighbours().containsKey("near"), "excluded by name: " + byName.neighbours());
        assertTrue(byName.sources().stream().noneMatch(s -> s.equals("neighbour:near")), byName.sources().toString());
    }

    @Test
    void aPipelineTunedOnALeftOutDatasetIsDroppedEverywhereItWasScored() {
        // "near" scored a pipeline that the search on "held" found: when "held" is left out, that pipeline
        // carries knowledge of it and must not reach the plan, although "near" itself stays known
        Map<String, Object> tunedOnHeld = Map.of("learner", "knn", "knn.n_neighbors", 4);
        DatasetEntry near = new DatasetEntry("near", Task.MULTICLASS, "balanced_accuracy", true, scaled(1.02), List.of(
                new Evaluation(tunedOnHeld, 0.99, 0.1, "held"), new Evaluation(KNN11, 0.97, 0.1),
                new Evaluation(TREE2, 0.9, 0.1), new Evaluation(LOGISTIC, 0.5, 0.1)));
        KnowledgeBase kb = new KnowledgeBase(List.of(near, entry("far", scaled(4), TREE2, 0.99, KNN11, 0.3),
                entry("held", scaled(5), tunedOnHeld, 1.0, KNN11, 0.4)));
        MetaLearning meta = MetaLearning.using(kb).withNeighbours(1).withWarmStart(2);
        MetaPlanner.Plan with = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta, List.of(), 0,
                MetaPlanner.Strategy.NEIGHBOURS, 0);
        assertEquals(4, with.points().get(0).get("knn.n_neighbors"), "known, it is near's best: " + with.points());
        MetaPlanner.Plan without = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta.excluding(Set.of("held")),
                List.of(), 0, MetaPlanner.Strategy.NEIGHBOURS, 0);
        assertEquals(List.of("neighbour:near", "neighbour:near"), without.sources());
        assertTrue(without.points().stream().noneMatch(p -> Integer.valueOf(4).equals(p.get("knn.n_neighbors"))),
                "left out with its dataset: " + without.points());
        assertEquals(11, without.points().get(0).get("knn.n_neighbors"));
    }

    @Test
    void aDatasetDerivedFromALeftOutOneLeavesWithIt() {
        // "held~1" is a subsample of "held" and the nearest known dataset, with a best pipeline nobody else knows:
        // leaving "held" out (by name, or because the new dataset is "held" itself) must drop it too
        Map<String, Object> heldsOwn = Map.of("learner", "knn", "knn.n_neighbors", 6);
        DatasetEntry derived = new DatasetEntry("held~1", Task.MULTICLASS, "balanced_accuracy", true, scaled(1.01),
                List.of(new Evaluation(heldsOwn, 0.99, 0.1), new Evaluation(KNN11, 0.5, 0.1)), "held");
        KnowledgeBase kb = neighbours().with(derived).with(entry("held", scaled(5), heldsOwn, 1.0, KNN11, 0.4));
        MetaLearning meta = MetaLearning.using(kb).withNeighbours(1).withWarmStart(2);
        MetaPlanner.Plan with = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta, List.of(), 0,
                MetaPlanner.Strategy.NEIGHBOURS, 0);
        assertEquals(List.of("neighbour:held~1", "neighbour:held~1"), with.sources(), "known, it is the nearest");
        assertEquals(6, with.points().get(0).get("knn.n_neighbors"));
        MetaPlanner.Plan byName = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta.excluding(Set.of("held")),
                List.of(), 0, MetaPlanner.Strategy.NEIGHBOURS, 0);
        assertEquals(List.of("neighbour:near", "neighbour:near"), byName.sources());
        assertTrue(byName.points().stream().noneMatch(p -> Integer.valueOf(6).equals(p.get("knn.n_neighbors"))),
                byName.points().toString());
        // the new dataset is "held" itself (same meta-features): its subsample leaves too
        KnowledgeBase itself = kb.with(entry("held", IRIS_MF, heldsOwn, 1.0, KNN11, 0.4));
        MetaPlanner.Plan bySelf = MetaPlanner.plan(IRIS_MF, space(), true, itself, MetaLearning.using(itself)
                .withNeighbours(1).withWarmStart(2), List.of(), 0, MetaPlanner.Strategy.NEIGHBOURS, 0);
        assertEquals(List.of("neighbour:near", "neighbour:near"), bySelf.sources());
    }

    @Test
    void whenNothingIsSimilarTheGreedyPortfolioComesFirst() {
        // three look-alike datasets far from iris; logistic is never best but always close (the portfolio's first),
        // knn covers two of them, tree the third
        // (two poor pipelines each put the median, the zero of the normalised quality, low enough)
        Map<String, Object> tree1 = Map.of("learner", "tree", "tree.max_depth", 1);
        Map<String, Object> knn1 = Map.of("learner", "knn", "knn.n_neighbors", 1);
        KnowledgeBase kb = new KnowledgeBase(List.of(
                entry("d0", scaled(5), KNN11, 0.9, TREE2, 0.5, LOGISTIC, 0.8, tree1, 0.3, knn1, 0.3),
                entry("d1", scaled(5.01), KNN11, 0.9, TREE2, 0.5, LOGISTIC, 0.8, tree1, 0.3, knn1, 0.3),
                entry("d2", scaled(5.02), KNN11, 0.2, TREE2, 0.9, LOGISTIC, 0.8, tree1, 0.3, knn1, 0.3)));
        MetaLearning meta = MetaLearning.using(kb).withWarmStart(3);
        MetaPlanner.Plan plan = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta, List.of(), 0,
                MetaPlanner.Strategy.COMBINED, 0);
        assertTrue(plan.neighbours().isEmpty() && plan.usedPortfolio(), plan.note());
        assertEquals(List.of("portfolio", "portfolio", "portfolio"), plan.sources());
        assertEquals(List.of("logistic", "knn", "tree"), plan.points().stream().map(p -> p.get("learner")).toList(),
                "the greedy order");
        assertTrue(plan.note().contains("no similar dataset"), plan.note());
        MetaPlanner.Plan ranked = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta.withWarmStart(2), List.of(), 0);
        assertEquals(List.of("default", "portfolio"), ranked.sources().stream().sorted().toList(),
                "a fit's plan: the portfolio's first and a learner default, in the ranker's order");
        assertTrue(ranked.points().contains(plan.points().get(0)), ranked.points().toString());
    }

    @Test
    void aKnownDatasetWithNoMetaFeatureInCommonIsNeverSimilarEvenWhenItIsTheOnlyOne() {
        // e.g. a knowledge base written by a version whose meta-features had other names
        KnowledgeBase kb = new KnowledgeBase(List.of(entry("stranger",
                new MetaFeatureVector(Map.of("renamed_feature", 3.0)), TREE2, 0.99, KNN11, 0.3)));
        MetaPlanner.Plan plan = MetaPlanner.plan(IRIS_MF, space(), true, kb, MetaLearning.using(kb).withWarmStart(2),
                List.of(), 0, MetaPlanner.Strategy.COMBINED, 0);
        assertTrue(plan.neighbours().isEmpty(), plan.note());
        assertFalse(plan.note().contains("Infinity"), plan.note());
        assertTrue(plan.note().contains("no similar dataset"), plan.note());
    }

    @Test
    void withoutKnowledgeOfTheTaskKindNothingIsPlannedAndTheDefaultsStartTheSearch() {
        KnowledgeBase regressionOnly = new KnowledgeBase(List.of(new DatasetEntry("houses", Task.REGRESSION, "rmse", false,
                scaled(1), List.of(new Evaluation(Map.of("learner", "lightgbm"), 3.0, 1.0)))));
        MetaPlanner.Plan plan = MetaPlanner.plan(IRIS_MF, space(), true, regressionOnly,
                MetaLearning.using(regressionOnly), List.of(), 0);
        assertTrue(plan.points().isEmpty(), plan.note());
        AutoMLResult r = AutoML.fit(IRIS, AutoMLOptions.of(Duration.ofMinutes(5)).withLearners(LEARNERS)
                .withMaxPipelines(3).withEnsembleRounds(0).withMeta(MetaLearning.using(regressionOnly)), null);
        List<LeaderboardEntry> byTrial = new ArrayList<>(r.leaderboard());
        byTrial.sort(Comparator.comparingInt(LeaderboardEntry::trial));
        assertEquals(List.of("knn", "tree", "logistic").stream().sorted().toList(),
                byTrial.stream().map(LeaderboardEntry::learner).sorted().toList(), "each learner's default, as without meta");
    }

    @Test
    void shrinkingKeepsThePlannedPipelinesAndTheirLearners() {
        List<Object> rows = new ArrayList<>();
        // a neighbour with many knn evaluations: n_neighbors decides, metric does not
        for (int k = 1; k <= 40; k++) {
            rows.add(Map.of("learner", "knn", "knn.n_neighbors", k, "knn.metric", k % 2 == 0 ? "l1" : "l2"));
            rows.add(1.0 - Math.abs(k - 12) / 40.0);
        }
        rows.add(TREE2);
        rows.add(0.2);
        KnowledgeBase kb = new KnowledgeBase(List.of(entry("near", scaled(1.02), rows.toArray()),
                entry("far", scaled(4), TREE2, 0.99, KNN11, 0.3)));
        MetaLearning meta = MetaLearning.using(kb).withNeighbours(1).withWarmStart(6).withShrinkSpace(true);
        MetaPlanner.Plan plan = MetaPlanner.plan(IRIS_MF, space(), true, kb, meta, List.of(), 0);
        assertTrue(plan.shrunk() != null, plan.note());
        var learner = plan.shrunk().space().parameters().get("learner");
        for (Map<String, Object> p : plan.points()) {
            assertTrue(learner.contains(p.get("learner")), "planned learners stay: " + p);
        }
        assertFalse(plan.shrunk().space().parameters().get("knn.n_neighbors").isSingle(),
                "the parameter that decides stays free: " + plan.shrunk().importance());
        assertTrue(plan.shrunk().fixed().containsKey("knn.metric"), plan.shrunk().importance().toString());
    }

    @Test
    void aLearnerTheKnowledgeBaseNeverSawGetsItsDefaultRightAfterTheDirectPlaces() {
        // "linear" is not a classification learner; "svm" is in the space but in no known dataset
        PipelineSpace space = AutoML.pipelineSpace(IRIS, AutoMLOptions.of(Duration.ofMinutes(1))
                .withLearners(List.of("knn", "tree", "logistic", "svm")));
        MetaLearning meta = MetaLearning.using(neighbours()).withNeighbours(1).withWarmStart(3);
        MetaPlanner.Plan plan = MetaPlanner.plan(IRIS_MF, space, true, neighbours(), meta, List.of(), 0,
                MetaPlanner.Strategy.COMBINED, 0);
        long svm = plan.points().stream().filter(p -> "svm".equals(p.get("learner"))).count();
        assertEquals(1, svm, plan.points().toString());
        int at = plan.sources().indexOf("default:unknown_learner");
        assertEquals(3, at, "after the three direct places: " + plan.sources());
        assertEquals(space.defaultPoint(space.learner("svm"), true), plan.points().get(at));
        assertEquals(List.of("neighbour:near", "neighbour:near", "portfolio"), plan.sources().subList(0, 3),
                "the plan's direct places come first, as before");
    }
}
