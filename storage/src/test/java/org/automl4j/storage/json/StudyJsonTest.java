package org.automl4j.storage.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.automl4j.sampler.Samplers;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyJsonTest {

    @Test
    void exportedStudyImportsWithEveryTrialIntact(@TempDir Path dir) {
        InMemoryStorage storage = new InMemoryStorage();
        Study s = Study.builder().name("exp").storage(storage).sampler(Samplers.random(3)).build();
        s.setUserAttr("dataset", "iris");
        s.optimize(t -> {
            double x = t.suggestFloat("x", 1e-3, 1, true);
            int k = t.suggestInt("k", 1, 5);
            String c = t.suggestCategorical("c", List.of("a", "b"));
            t.report(1, x);
            t.setUserAttr("tag", Map.of("k", k));
            if (t.number() == 3) {
                throw new IllegalStateException("boom");
            }
            return x * k + (c.equals("a") ? 1 : 0);
        }, OptimizeOptions.trials(8));
        Path file = dir.resolve("out/exp.json");
        StudyJson.write(storage, "exp", file);
        InMemoryStorage other = new InMemoryStorage();
        StudyJson.read(file, other, null);
        List<FrozenTrial> a = storage.trials("exp");
        List<FrozenTrial> b = other.trials("exp");
        assertEquals(a, b);
        assertEquals(Map.of("dataset", "iris"), other.findStudy("exp").orElseThrow().userAttrs());
        assertEquals(storage.findStudy("exp").orElseThrow().created(), other.findStudy("exp").orElseThrow().created());
    }
    @Test
    void nonFiniteAttributesAndIntermediateValuesSurviveAnExportAndImport(@TempDir Path dir) {
        InMemoryStorage storage = new InMemoryStorage();
        Study s = Study.builder().name("nan").storage(storage).sampler(Samplers.random(4)).build();
        s.setUserAttr("best_so_far", Double.NaN);
        s.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            t.report(1, Double.POSITIVE_INFINITY);
            t.report(2, Double.NEGATIVE_INFINITY);
            t.setUserAttr("loss", Double.NEGATIVE_INFINITY);
            t.setUserAttr("curve", List.of(x, Double.NaN));
            return x;
        }, OptimizeOptions.trials(3));
        storage.createTrial("nan", FrozenTrial.builder().state(TrialState.PRUNED).intermediateValue(1, Double.NaN).build());
        Path file = dir.resolve("nan.json");
        StudyJson.write(storage, "nan", file);
        InMemoryStorage other = new InMemoryStorage();
        StudyJson.read(file, other, null);
        assertEquals(storage.trials("nan"), other.trials("nan"));
        assertEquals(Double.NEGATIVE_INFINITY, other.trial("nan", 0).userAttrs().get("loss"));
        assertEquals(Double.NaN, other.findStudy("nan").orElseThrow().userAttrs().get("best_so_far"));
    }
    @Test
    void categoricalLongAndFloatChoicesImportAsTheSameJavaObjects(@TempDir Path dir) {
        InMemoryStorage storage = new InMemoryStorage();
        Study s = Study.builder().name("typed").storage(storage).sampler(Samplers.random(6)).build();
        s.optimize(t -> {
            Long batch = t.suggestCategorical("batch", List.of(16L, 32L, 64L));
            Float rate = t.suggestCategorical("rate", List.of(0.1f, 0.01f));
            return batch * rate;
        }, OptimizeOptions.trials(5));
        Path file = dir.resolve("typed.json");
        StudyJson.write(storage, "typed", file);
        InMemoryStorage other = new InMemoryStorage();
        StudyJson.read(file, other, null);
        assertEquals(storage.trials("typed"), other.trials("typed"));
        assertEquals(Long.class, other.trial("typed", 0).params().get("batch").getClass());
    }

    /** Before, trials were stored batch by batch as read: a bad trial left a half-imported study, and a re-run 'exists'. */
    @Test
    void aDocumentWithABadTrialImportsNothingAndNamesTheTrial(@TempDir Path dir) throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        Study s = Study.builder().name("big").storage(storage).sampler(Samplers.random(5)).build();
        s.optimize(t -> t.suggestFloat("x", 0, 1), OptimizeOptions.trials(1500));
        com.fasterxml.jackson.databind.node.ObjectNode doc = StudyJson.toTree(storage, "big");
        Path file = dir.resolve("big.json");
        for (String[] bad : new String[][] {{"state", "\"DONE\"", "trials[1200].state: unknown TrialState 'DONE'"},
                {"values", "[]", "trials[1200]: a COMPLETE trial of study 'big' needs 1 value(s)"},
                {"complete", "\"yesterday\"", "trials[1200]: Text 'yesterday' could not be parsed"}}) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = doc.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("trials").get(1200)).set(bad[0],
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(bad[1]));
            java.nio.file.Files.writeString(file, copy.toString());
            for (org.automl4j.storage.Storage into : List.of(new InMemoryStorage(),
                    org.automl4j.storage.jdbc.JdbcStorage.sqlite(dir.resolve("into.db")))) {
                JsonCodecException e = assertThrows(JsonCodecException.class, () -> StudyJson.read(file, into, null));
                assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
                assertTrue(into.findStudy("big").isEmpty(), "a half-imported study was left behind");
                org.automl4j.storage.jdbc.Storages.close(into);
            }
        }
    }
}
