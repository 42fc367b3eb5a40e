package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Path data = irisAndHalf(dir);
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

    @Test
    void tunedCandidatesAreEachDatasetsSearchBestScoredOnTheOthersAndABaseIsExtended(@TempDir Path dir) throws Exception {
        Path data = irisAndHalf(dir);
        Path json = dir.resolve("kb.json");
        String out = run("meta", "build", "--datasets", data.toString(), "--candidates", "1", "--tuned", "1",
                "--tuned-pipelines", "3", "--time", "5m", "--learners", "tree,logistic", "--storage",
                "sqlite:" + dir.resolve("kb.db"), "--out", json.toString());
        assertTrue(out.contains("tuned search on iris: 3 pipelines") && out.contains("tuned search on iris-half"), out);
        org.automl4j.meta.kb.KnowledgeBase kb = org.automl4j.meta.kb.KnowledgeBaseJson.read(json);
        org.automl4j.meta.kb.DatasetEntry iris = kb.find("iris").orElseThrow();
        org.automl4j.meta.kb.DatasetEntry other = kb.find("iris-half").orElseThrow();
        assertEquals(3, iris.evaluations().stream().filter(e -> e.origin().equals("iris")).count(),
                "the dataset's own search, kept with its origin: " + iris.evaluations());
        Map<String, Object> otherBest = other.evaluations().stream().filter(e -> e.origin().equals("iris-half"))
                .filter(e -> e.scored()).max(java.util.Comparator.comparingDouble(e -> e.score())).orElseThrow().pipeline();
        assertTrue(iris.evaluations().stream().anyMatch(e -> e.pipeline().equals(otherBest)),
                "iris-half's best is scored on iris too: " + otherBest);
        // 2 defaults + 1 random + 3 own, and iris-half's best unless the own search already had it
        assertTrue(iris.evaluations().size() == 6 || iris.evaluations().size() == 7, iris.evaluations().toString());

        // extending: the earlier entries are kept, nothing is searched again, only the new random candidate is scored
        Path json2 = dir.resolve("kb2.json");
        String again = run("meta", "build", "--datasets", data.toString(), "--candidates", "2", "--tuned", "1",
                "--tuned-pipelines", "3", "--time", "5m", "--learners", "tree,logistic", "--base", json.toString(),
                "--storage", "sqlite:" + dir.resolve("kb2.db"), "--out", json2.toString());
        assertFalse(again.contains("tuned search on"), again);
        org.automl4j.meta.kb.DatasetEntry iris2 = org.automl4j.meta.kb.KnowledgeBaseJson.read(json2).find("iris")
                .orElseThrow();
        assertEquals(iris.evaluations(), iris2.evaluations().subList(0, iris.evaluations().size()));
        assertEquals(iris.evaluations().size() + 1, iris2.evaluations().size(), iris2.evaluations().toString());
        CliRun bad = CliRun.of("meta", "build", "--datasets", data.toString(), "--base", json.toString(),
                "--max-pipelines", "3");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--max-pipelines"), bad.err());
    }

    @Test
    void derivedDatasetsAreSubsamplesScoredOnTheSharedCandidatesAndRecordTheirSource(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("datasets"));
        Path iris = Path.of("../examples/iris.csv");
        Files.copy(Files.isRegularFile(iris) ? iris : Path.of("examples/iris.csv"), data.resolve("iris.csv"));
        Path json = dir.resolve("kb.json");
        String db = "sqlite:" + dir.resolve("kb.db");
        String out = run("meta", "build", "--datasets", data.toString(), "--candidates", "2", "--derive", "2",
                "--derive-rows", "40-90", "--time", "5m", "--learners", "tree,logistic", "--storage", db, "--out",
                json.toString());
        org.automl4j.meta.kb.KnowledgeBase kb = org.automl4j.meta.kb.KnowledgeBaseJson.read(json);
        assertEquals(List.of("iris", "iris~1", "iris~2"), kb.datasets().stream().map(d -> d.name()).sorted().toList());
        List<Map<String, Object>> candidates = kb.find("iris").orElseThrow().evaluations().stream()
                .map(e -> e.pipeline()).toList();
        for (String v : List.of("iris~1", "iris~2")) {
            org.automl4j.meta.kb.DatasetEntry d = kb.find(v).orElseThrow();
            assertEquals("iris", d.derivedFrom());
            double rows = d.metaFeatures().get("rows");
            assertTrue(rows >= 38 && rows <= 92, v + " has " + rows + " rows");
            assertEquals(candidates, d.evaluations().stream().map(e -> e.pipeline()).toList(), "the same candidates");
            assertTrue(out.contains("kb/" + v + ": "), out);
        }
        assertEquals("", kb.find("iris").orElseThrow().derivedFrom());
        assertTrue(run("meta", "build", "--datasets", data.toString(), "--candidates", "2", "--derive", "2",
                "--storage", db).contains("kb/iris~2: already in the knowledge base"), "an interrupted build resumes");
        CliRun bad = CliRun.of("meta", "build", "--datasets", data.toString(), "--derive", "2", "--derive-rows", "90-40");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--derive-rows must be MIN-MAX"), bad.err());
    }

    /** A folder with iris.csv and iris-half.csv (every second row): two similar datasets. */
    private static Path irisAndHalf(Path dir) throws java.io.IOException {
        Path data = Files.createDirectories(dir.resolve("datasets"));
        List<String> lines = Files.readAllLines(Files.isRegularFile(Path.of("../examples/iris.csv"))
                ? Path.of("../examples/iris.csv") : Path.of("examples/iris.csv"));
        Files.write(data.resolve("iris.csv"), lines);
        java.util.List<String> half = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i += 2) {
            half.add(lines.get(i));
        }
        Files.write(data.resolve("iris-half.csv"), half);
        return data;
    }

    @Test
    void buildRefusesAnUnwritableOutOrANonJsonBaseBeforeSearching(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("datasets"));
        Path iris = Path.of("../examples/iris.csv");
        Path irisFile = Files.isRegularFile(iris) ? iris : Path.of("examples/iris.csv");
        Files.copy(irisFile, data.resolve("iris.csv"));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun out = CliRun.of("meta", "build", "--datasets", data.toString(), "--max-pipelines", "2", "--learners",
                "tree", "--storage", "memory", "--out", file.resolve("kb.json").toString());
        assertEquals(2, out.code(), out.err());
        assertTrue(out.err().contains("--out") && out.err().contains("is a file, not a folder"), out.err());
        assertFalse(out.out().contains("kb/iris"), "no dataset was searched: " + out.out());
        CliRun base = CliRun.of("meta", "build", "--datasets", data.toString(), "--candidates", "2", "--learners",
                "tree", "--storage", "memory", "--base", irisFile.toString());
        assertEquals(2, base.code(), base.err());
        assertTrue(base.err().contains("is not an automl4j knowledge base: not valid JSON"), base.err());
    }

    @Test
    void buildNamesTheFileWhoseTableHasNoTargetAndKeepsTheDatasetsBuiltBeforeIt(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("datasets"));
        Path iris = Path.of("../examples/iris.csv");
        Files.copy(Files.isRegularFile(iris) ? iris : Path.of("examples/iris.csv"), data.resolve("a_iris.csv"));
        Files.writeString(data.resolve("b_other.csv"), "x,y\n1,2\n3,4\n5,6\n");
        String db = "sqlite:" + dir.resolve("kb.db");
        CliRun r = CliRun.of("meta", "build", "--datasets", data.toString(), "--max-pipelines", "1", "--time", "1m",
                "--learners", "tree", "--storage", db);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("b_other.csv: there is no target column 'target'"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.out().contains("kb/a_iris: 150 rows"), r.out());
    }
}
