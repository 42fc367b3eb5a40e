package org.automl4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetaBenchmarkTest {

    private static MetaBenchmark parse(String... args) {
        MetaBenchmark b = new MetaBenchmark();
        new CommandLine(b).parseArgs(args);
        return b;
    }

    /** A datasets folder holding the project's iris example. */
    private static Path irisFolder(Path dir) throws Exception {
        Path iris = Paths.get("..", "examples", "iris.csv");
        Files.copy(iris, dir.resolve("iris.csv"));
        return dir;
    }

    @Test
    void holdoutComparesTheTestScoresOfBothSearchesBestPipelines(@TempDir Path tmp) throws Exception {
        Path data = irisFolder(Files.createDirectory(tmp.resolve("data")));
        Path out = tmp.resolve("meta.json");
        assertEquals(0, parse("--parts", "warm", "--datasets", data.toString(), "--seeds", "0", "--warm", "2",
                "--cold", "3", "--holdout", "0.25", "--search-limit", "120", "--out", out.toString()).call());
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertTrue(doc.path("command").asText().contains("--holdout 0.25"), doc.path("command").asText());
        JsonNode run = doc.path("runs").get(0);
        assertEquals(3, run.path("cold_pipelines").asInt(), "the cold search ran on the training share");
        double coldTest = run.path("cold_test_at_3").asDouble();
        double warmTest = run.path("warm_test_at_2").asDouble();
        assertTrue(coldTest > 0.5 && coldTest <= 1, "a real balanced accuracy on 38 held-out rows: " + coldTest);
        assertTrue(warmTest > 0.5 && warmTest <= 1, "a real balanced accuracy on 38 held-out rows: " + warmTest);
        JsonNode iris = doc.path("summary").path("warm").path("iris");
        assertEquals(warmTest >= coldTest, iris.path("test_warm_at_least_cold").asBoolean(), iris.toString());
        assertEquals(warmTest >= coldTest ? 1 : 0, doc.path("summary").path("warm").path("datasets_test_warm_at_least_cold")
                .asInt());
    }

    @Test
    void aHoldoutOutsideZeroToOneIsRejected(@TempDir Path tmp) throws Exception {
        Path data = irisFolder(Files.createDirectory(tmp.resolve("data")));
        IllegalArgumentException share = assertThrows(IllegalArgumentException.class,
                parse("--parts", "warm", "--datasets", data.toString(), "--holdout", "1.5")::call);
        assertTrue(share.getMessage().contains("[0, 1)"), share.getMessage());
    }

    @Test
    void coldSearchesAreReusedOnlyFromRunsOfTheSameHeldOutShare(@TempDir Path tmp) throws Exception {
        Path data = irisFolder(Files.createDirectory(tmp.resolve("data")));
        Path first = tmp.resolve("first.json");
        String[] common = {"--parts", "warm", "--datasets", data.toString(), "--seeds", "0", "--warm", "1", "--cold",
            "2", "--search-limit", "120"};
        assertEquals(0, parse(concat(common, "--holdout", "0.25", "--out", first.toString())).call());
        Path again = tmp.resolve("again.json");
        assertEquals(0, parse(concat(common, "--holdout", "0.25", "--cold-from", first.toString(), "--out",
                again.toString())).call());
        Path other = tmp.resolve("other.json");
        assertEquals(0, parse(concat(common, "--holdout", "0.3", "--cold-from", first.toString(), "--out",
                other.toString())).call());
        ObjectMapper m = new ObjectMapper();
        JsonNode a = m.readTree(first.toFile()).path("runs").get(0);
        JsonNode b = m.readTree(again.toFile()).path("runs").get(0);
        JsonNode c = m.readTree(other.toFile()).path("runs").get(0);
        assertTrue(b.path("cold_reused").asBoolean());
        assertEquals(a.path("cold_test_at_2").asDouble(), b.path("cold_test_at_2").asDouble(), "the earlier test score");
        assertEquals(a.path("cold_best_so_far"), b.path("cold_best_so_far"));
        assertTrue(!c.path("cold_reused").asBoolean(), "another share is other data: the cold search runs again");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
