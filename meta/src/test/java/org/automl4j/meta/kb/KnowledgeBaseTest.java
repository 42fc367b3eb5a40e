package org.automl4j.meta.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.data.Task;
import org.automl4j.meta.features.MetaFeatureVector;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {

    private static MetaFeatureVector mf(double rows) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("class_imbalance", Double.NaN);
        return new MetaFeatureVector(m);
    }

    private static final Map<String, Object> TREE = Map.of("learner", "tree", "tree.max_depth", 3);
    private static final Map<String, Object> KNN = Map.of("learner", "knn", "knn.n_neighbors", 7, "knn.metric", "l1");

    private static KnowledgeBase sample() {
        return new KnowledgeBase(List.of(
                new DatasetEntry("a", Task.BINARY, "balanced_accuracy", true, mf(100),
                        List.of(new Evaluation(TREE, 0.8, 0.5), new Evaluation(KNN, 0.9, Double.NaN, "b"))),
                new DatasetEntry("b", Task.REGRESSION, "rmse", false, mf(2000),
                        List.of(new Evaluation(KNN, 3.5, 1.25), new Evaluation(TREE, Double.NaN, 2.0))),
                new DatasetEntry("b~1", Task.REGRESSION, "rmse", false, mf(300),
                        List.of(new Evaluation(TREE, 4.0, 0.1)), "b")));
    }

    @Test
    void jsonKeepsEveryNumberAndSharesPipelinesAcrossDatasets() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KnowledgeBaseJson.write(sample(), Map.of("command", "test"), out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, json.split("\"learner\"").length - 1, "each distinct pipeline is written once: " + json);
        KnowledgeBase back = KnowledgeBaseJson.read(new ByteArrayInputStream(out.toByteArray()), "test");
        assertEquals(sample(), back);
        assertTrue(Double.isNaN(back.find("a").orElseThrow().metaFeatures().get("class_imbalance")));
        assertEquals("b", back.find("b~1").orElseThrow().derivedFrom(), "a derived dataset keeps its source");
        assertEquals("", back.find("b").orElseThrow().derivedFrom());
    }

    @Test
    void metaFeaturesStoredWithSevenDigitsStillMatchTheirDataset() throws Exception {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ratio", 1.0 / 3);
        m.put("entropy", Math.PI * 1e5);
        m.put("skew", Double.NaN);
        MetaFeatureVector exact = new MetaFeatureVector(m);
        KnowledgeBase kb = new KnowledgeBase(List.of(new DatasetEntry("x", Task.BINARY, "accuracy", true, exact,
                List.of(new Evaluation(TREE, 0.5, 1.0)))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KnowledgeBaseJson.write(kb, Map.of(), out);
        MetaFeatureVector stored = KnowledgeBaseJson.read(new ByteArrayInputStream(out.toByteArray()), "t")
                .find("x").orElseThrow().metaFeatures();
        assertTrue(!stored.equals(exact) && stored.sameAs(exact), stored + " vs " + exact);
        Map<String, Double> other = new LinkedHashMap<>(m);
        other.put("ratio", 0.3334);
        assertTrue(!exact.sameAs(new MetaFeatureVector(other)), "a different value is a different dataset");
    }

    @Test
    void aDocumentThatIsNotAKnowledgeBaseIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnowledgeBaseJson.read(
                new ByteArrayInputStream("{\"datasets\": []}".getBytes(StandardCharsets.UTF_8)), "x.json"));
        assertTrue(e.getMessage().contains("x.json") && e.getMessage().contains("meta build"), e.getMessage());
    }

    @Test
    void aFileThatIsNotJsonIsRefusedAsNotAKnowledgeBaseWithItsPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnowledgeBaseJson.read(
                new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), "data.csv"));
        assertTrue(e.getMessage().startsWith("data.csv is not an automl4j knowledge base: not valid JSON at line 1,"
                + " column"), e.getMessage());
    }

    @Test
    void rankingAndQualityFollowTheMetricsDirection() {
        DatasetEntry a = sample().find("a").orElseThrow();
        assertEquals(KNN, a.ranked().get(0).pipeline(), "balanced accuracy: higher first");
        assertEquals(1.0, a.quality(0.9), 1e-12);
        assertEquals(0.0, a.quality(0.8), 1e-12);
        DatasetEntry b = sample().find("b").orElseThrow();
        assertEquals(1, b.ranked().size(), "a failed pipeline is not ranked");
        assertEquals(0.0, b.quality(Double.NaN), 0.0);
    }

    @Test
    void storageRoundTripKeepsDatasetsAndAddsASecondRecordUnderANewName() {
        Storage s = new InMemoryStorage();
        for (DatasetEntry d : sample().datasets()) {
            KnowledgeBaseStore.write(s, d);
        }
        KnowledgeBase back = KnowledgeBaseStore.read(s);
        assertEquals(3, back.datasets().size());
        assertEquals("b", back.find("b~1").orElseThrow().derivedFrom());
        assertTrue(back.find("b~1").orElseThrow().isOrDerivesFrom(List.of("b")));
        assertTrue(!back.find("a").orElseThrow().isOrDerivesFrom(List.of("b")));
        DatasetEntry a = back.find("a").orElseThrow();
        assertEquals(sample().find("a").orElseThrow().evaluations().get(0).pipeline(), a.evaluations().get(0).pipeline());
        assertEquals(0.9, a.evaluations().get(1).score(), 0.0);
        DatasetEntry b = back.find("b").orElseThrow();
        assertTrue(!b.greaterIsBetter() && Double.isNaN(b.evaluations().get(1).score()), "rmse, and a failed pipeline");
        assertEquals("kb/a-2", KnowledgeBaseStore.write(s, sample().find("a").orElseThrow()));
        assertEquals(4, KnowledgeBaseStore.read(s).datasets().size());
    }

    @Test
    void anEntryWhoseTrialsFailToWriteLeavesNoHalfWrittenStudyBehind() {
        InMemoryStorage inner = new InMemoryStorage();
        // a storage whose trial writes fail (a full disk, a lost connection); everything else goes to 'inner'
        Storage failing = (Storage) java.lang.reflect.Proxy.newProxyInstance(Storage.class.getClassLoader(),
                new Class<?>[] {Storage.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createTrials")) {
                        throw new org.automl4j.storage.StorageException("disk full");
                    }
                    if (method.isDefault() && method.getName().equals("importStudy")) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        assertThrows(org.automl4j.storage.StorageException.class,
                () -> KnowledgeBaseStore.write(failing, sample().find("a").orElseThrow()));
        assertTrue(inner.findStudy("kb/a").isEmpty(), "no entry with meta-features and no pipelines is left");
        assertEquals(0, KnowledgeBaseStore.read(inner).datasets().size());
        assertEquals("kb/a", KnowledgeBaseStore.write(inner, sample().find("a").orElseThrow()), "the name is free again");
    }

    @Test
    void aStoredDatasetWithAnUnknownTaskIsNamedInTheError() {
        Storage s = new InMemoryStorage();
        KnowledgeBaseStore.write(s, sample().find("a").orElseThrow());
        s.setStudyUserAttr("kb/a", "task", "multiclass");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnowledgeBaseStore.read(s));
        assertTrue(e.getMessage().contains("'kb/a' has task 'multiclass'") && e.getMessage().contains("MULTICLASS"),
                e.getMessage());
    }

    @Test
    void withoutAndWithReplaceAndDropDatasets() {
        KnowledgeBase kb = sample();
        assertEquals(List.of("b", "b~1"), kb.without(d -> d.name().equals("a")).datasets().stream().map(DatasetEntry::name)
                .toList());
        assertEquals(List.of("a"), kb.without(d -> d.isOrDerivesFrom(List.of("b"))).datasets().stream()
                .map(DatasetEntry::name).toList(), "a source leaves with its derived datasets");
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeBase(List.of(kb.datasets().get(0),
                kb.datasets().get(0))), "duplicate names");
        assertEquals(3, kb.with(kb.datasets().get(0)).datasets().size());
        assertThrows(IllegalArgumentException.class, () -> new DatasetEntry("c", Task.BINARY, "accuracy", true, mf(1),
                List.of(), "c"), "derived from itself");
    }
}
