package org.automl4j.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.automl4j.storage.StorageException;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database files written by earlier schema versions open and read back exactly (each version's golden
 * file, made by {@link GoldenDatabases}), and a file from a newer automl4j is refused, not damaged.
 */
class GoldenDatabaseTest {

    @TempDir
    Path dir;

    private Path copyOf(String golden) throws Exception {
        Path src = Path.of("src/test/resources/golden", golden);
        assertTrue(Files.isRegularFile(src), "missing golden file " + src.toAbsolutePath()
                + "; write it with GoldenDatabases (see its javadoc)");
        Path copy = dir.resolve(golden);
        Files.copy(src, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    @Test
    void version1FileOpensAndReadsBackEveryField() throws Exception {
        try (JdbcStorage s = JdbcStorage.sqlite(copyOf("studies-v1.db"))) {
            assertEquals(List.of("golden", "pareto"), s.studies().stream().map(r -> r.name()).toList());
            assertEquals(Map.of("dataset", "iris"), s.findStudy("golden").orElseThrow().userAttrs());
            assertEquals(List.of(Direction.MINIMIZE, Direction.MAXIMIZE),
                    s.findStudy("pareto").orElseThrow().directions());
            FrozenTrial a = s.trial("golden", 0);
            assertEquals(TrialState.COMPLETE, a.state());
            assertEquals(List.of(0.25), a.values());
            assertEquals(List.of("lr", "depth", "kind"), List.copyOf(a.params().keySet()));
            assertEquals(0.01, (Double) a.params().get("lr"), 1e-15);
            assertEquals(3, a.params().get("depth"));
            assertEquals("tree", a.params().get("kind"));
            assertEquals(Map.of(1L, 0.5, 2L, 0.25), a.intermediateValues());
            assertEquals(Map.of("note", "first"), a.userAttrs());
            assertEquals(java.time.Instant.parse("2026-11-23T12:00:00Z"), a.complete());
            FrozenTrial b = s.trial("golden", 1);
            assertEquals(TrialState.FAIL, b.state());
            assertEquals("diverged", b.failure().message());
            assertEquals(0, s.bestTrial("golden").orElseThrow().number());
            // the file is still usable: the waiting trial can be claimed and new trials added
            assertEquals(2, s.claimWaitingTrial("golden").orElseThrow().number());
            assertEquals(3, s.createTrial("golden", FrozenTrial.builder().state(TrialState.RUNNING).build()).number());
        }
    }

    @Test
    void fileFromANewerSchemaVersionIsRefused() throws Exception {
        Path file = copyOf("studies-v1.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("INSERT INTO automl4j_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, installed_on, execution_time, success) VALUES (99, '99', 'future',"
                    + " 'SQL', 'V99__future.sql', 0, 'someone', CURRENT_TIMESTAMP, 0, 1)");
        }
        StorageException e = assertThrows(StorageException.class, () -> JdbcStorage.sqlite(file).close());
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }
}
