package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.automl4j.meta.kb.KnowledgeBase;
import org.automl4j.meta.kb.KnowledgeBaseStore;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit} with and without meta-learning, with a user's own knowledge base, end to end on iris. */
class FitMetaLearningTest {

    private static Path iris() {
        Path p = Path.of("../examples/iris.csv");
        return Files.isRegularFile(p) ? p : Path.of("examples/iris.csv");
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err() + r.out());
        return r;
    }

    @Test
    void aUsersOwnKnowledgeBaseStartsTheFitAndRecordsIt(@TempDir Path dir) throws Exception {
        // the knowledge base knows a relative of iris: every other flower
        Path datasets = Files.createDirectories(dir.resolve("datasets"));
        List<String> lines = Files.readAllLines(iris());
        List<String> half = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i += 2) {
            half.add(lines.get(i));
        }
        Files.write(datasets.resolve("iris-half.csv"), half);
        String db = "sqlite:" + dir.resolve("kb.db");
        ok("meta", "build", "--datasets", datasets.toString(), "--max-pipelines", "3", "--time", "5m",
                "--learners", "tree,logistic", "--storage", db);

        CliRun fit = ok("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines", "3",
                "--learners", "tree,logistic,knn", "--kb", db, "--kb-record", "--out", dir.resolve("m").toString());
        assertTrue(fit.out().contains("meta-learning: similar datasets iris-half"), fit.out());
        assertTrue(fit.out().contains("recorded as study kb/iris"), fit.out());
        Storage s = Storages.open(db);
        try {
            KnowledgeBase kb = KnowledgeBaseStore.read(s);
            assertEquals(List.of("iris", "iris-half"), kb.datasets().stream().map(d -> d.name()).sorted().toList());
            assertEquals(3, kb.find("iris").orElseThrow().evaluations().size(), "every pipeline of the run");
        } finally {
            Storages.close(s);
        }

        Path json = dir.resolve("kb.json");
        ok("meta", "export", "--storage", db, "--out", json.toString());
        CliRun fromJson = ok("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines", "2",
                "--learners", "tree,logistic", "--kb", json.toString(), "--out", dir.resolve("m2").toString());
        // the recorded run has iris's own meta-features, so it is left out: only the relative is used
        assertTrue(fromJson.out().contains("similar datasets iris-half"), fromJson.out());
        assertFalse(fromJson.out().contains("similar datasets iris ") || fromJson.out().contains("iris (0.00)"),
                fromJson.out());
    }

    @Test
    void metaIsOnByDefaultNoMetaStartsFromTheDefaultsAndBadKnowledgeBasesAreClearErrors(@TempDir Path dir) throws Exception {
        Path board = dir.resolve("board.csv");
        CliRun fit = ok("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines", "2",
                "--learners", "tree,logistic", "--no-meta", "--out", dir.resolve("m").toString(), "--leaderboard",
                board.toString());
        assertFalse(fit.out().contains("meta-learning"), fit.out());
        String csv = Files.readString(board);
        assertTrue(csv.contains("tree{") && csv.contains("logistic{"), "each learner's default pipeline: " + csv);

        CliRun both = CliRun.of("fit", iris().toString(), "--target", "target", "--no-meta", "--kb", "sqlite:x.db");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--no-meta"), both.err());
        CliRun plain = ok("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines", "2",
                "--learners", "tree,logistic", "--out", dir.resolve("m3").toString());
        assertTrue(plain.out().contains("meta-learning: similar datasets"), "on by default: " + plain.out());
        CliRun on = ok("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines", "2",
                "--learners", "tree,logistic", "--meta", "--out", dir.resolve("m4").toString());
        assertTrue(on.out().contains("meta-learning: similar datasets"), "--meta uses the bundled base: " + on.out());
        CliRun missing = CliRun.of("fit", iris().toString(), "--target", "target", "--kb", dir.resolve("none.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.json"), missing.err());
        CliRun empty = CliRun.of("fit", iris().toString(), "--target", "target", "--kb", "sqlite:" + dir.resolve("e.db"));
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("meta build"), empty.err());
    }

    @Test
    void aKnowledgeBaseFileWithNoDatasetIsAnErrorThatSaysHowToWriteTheFile(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("kb.json");
        Files.writeString(json, "{\"format\": \"automl4j-knowledge-base\", \"version\": 1, \"pipelines\": [],"
                + " \"datasets\": []}");
        CliRun r = CliRun.of("fit", iris().toString(), "--target", "target", "--kb", json.toString(), "--out",
                dir.resolve("m").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no dataset") && r.err().contains("meta build --datasets DIR --out " + json), r.err());
        assertFalse(r.err().contains("--storage " + json), "a JSON file is not a storage: " + r.err());
    }
}
