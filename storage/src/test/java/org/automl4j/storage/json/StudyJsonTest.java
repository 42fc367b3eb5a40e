package org.automl4j.storage.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
