package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StudyRecord;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.trial.FrozenTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaCommandTest {

    private static String run(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test
    void buildKeepsMetaFeaturesAndEveryEvaluatedPipelinePerDatasetAndResumes(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("datasets"));
        Path iris = Path.of("../examples/iris.csv");
        Files.copy(Files.isRegularFile(iris) ? iris : Path.of("examples/iris.csv"), data.resolve("iris.csv"));
        String db = "sqlite:" + dir.resolve("kb.db");
        String out = run("meta", "build", "--datasets", data.toString(), "--max-pipelines", "3", "--time", "5m",
                "--learners", "tree,logistic", "--storage", db);
        assertTrue(out.contains("kb/iris: 150 rows, 3 pipelines"), out);
        Storage s = Storages.open(db);
        try {
            StudyRecord r = s.findStudy("kb/iris").orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> mf = (Map<String, Object>) r.userAttrs().get("meta_features");
            assertEquals(150.0, ((Number) mf.get("rows")).doubleValue());
            assertEquals("MULTICLASS", r.userAttrs().get("task"));
            List<FrozenTrial> trials = s.trials("kb/iris");
            assertEquals(3, trials.size());
            for (FrozenTrial t : trials) {
                @SuppressWarnings("unchecked")
                Map<String, Object> pipeline = (Map<String, Object>) t.userAttrs().get("pipeline");
                assertTrue(List.of("tree", "logistic").contains(pipeline.get("learner")), pipeline.toString());
                assertTrue(t.value() >= 0 && t.value() <= 1.0, "balanced accuracy " + t.value());
            }
            assertTrue(s.bestTrial("kb/iris").orElseThrow().value() > 0.9, "the defaults do well on iris");
        } finally {
            Storages.close(s);
        }
        assertTrue(run("meta", "build", "--datasets", data.toString(), "--max-pipelines", "3", "--storage", db)
                .contains("already in the knowledge base"));
    }

    @Test
    void candidateModeScoresTheSamePipelinesOnEveryDatasetAndWritesTheJsonForm(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("datasets"));
        List<String> lines = Files.readAllLines(Files.isRegularFile(Path.of("../examples/iris.csv"))
                ? Path.of("../examples/iris.csv") : Path.of("examples/iris.csv"));
        Files.write(data.resolve("iris.csv"), lines);
        java.util.List<String> half = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i += 2) {
            half.add(lines.get(i));
        }
        Files.write(data.resolve("iris-half.csv"), half);
        String db = "sqlite:" + dir.resolve("kb.db");
        Path json = dir.resolve("kb.json");
        String out = run("meta", "build", "--datasets", data.toString(), "--candidates", "3", "--time", "5m",
                "--learners", "tree,logistic", "--storage", db, "--out", json.toString());
        assertTrue(out.contains("kb/iris: 150 rows, 5 pipelines (5 scored)"), "2 defaults + 3 random: " + out);
        org.automl4j.meta.kb.KnowledgeBase kb = org.automl4j.meta.kb.KnowledgeBaseJson.read(json);
        assertEquals(List.of("iris", "iris-half"), kb.datasets().stream().map(d -> d.name()).sorted().toList());
        List<Map<String, Object>> a = kb.find("iris").orElseThrow().evaluations().stream().map(e -> e.pipeline()).toList();
        List<Map<String, Object>> b = kb.find("iris-half").orElseThrow().evaluations().stream().map(e -> e.pipeline())
                .toList();
        assertEquals(a, b, "the same candidates, in the same order, on both datasets");
        assertTrue(a.get(0).containsKey("impute"), "stored as drawn from the space of all learners: " + a.get(0));
        assertTrue(kb.find("iris").orElseThrow().ranked().get(0).score() > 0.9);
        CliRun both = CliRun.of("meta", "build", "--datasets", data.toString(), "--candidates", "3", "--max-pipelines", "3");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--max-pipelines"), both.err());
    }
}
