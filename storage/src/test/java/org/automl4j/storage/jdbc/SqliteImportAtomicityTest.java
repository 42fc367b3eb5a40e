package org.automl4j.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.automl4j.storage.DuplicateStudyException;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JdbcStorage#importStudy} on SQLite is one transaction: other connections see nothing of the study until
 * it commits, a failure or a kill -9 at any point leaves either nothing of it or all of it, and the import can then
 * be run again. Nothing here depends on timing: the crash test accepts both outcomes and checks each completely.
 */
class SqliteImportAtomicityTest {

    @TempDir
    Path dir;

    /** A plain connection of its own, as another process would have, reading what is committed. */
    private static Connection observer(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Studies named {@code name}, all trial rows, all intermediate-value rows: what a half import would leave. */
    private static List<Long> rows(Path file, String name) throws SQLException {
        try (Connection c = observer(file)) {
            return List.of(count(c, "SELECT COUNT(*) FROM studies WHERE name = '" + name + "'"),
                    count(c, "SELECT COUNT(*) FROM trials"), count(c, "SELECT COUNT(*) FROM trial_intermediate_values"));
        }
    }

    private static List<FrozenTrial> numbered(List<FrozenTrial> templates) {
        List<FrozenTrial> out = new ArrayList<>(templates.size());
        for (int i = 0; i < templates.size(); i++) {
            out.add(templates.get(i).toBuilder().number(i).build());
        }
        return out;
    }

    @Test
    void anImportIsInvisibleToAnotherConnectionUntilItCommits() throws Exception {
        Path file = dir.resolve("studies.db");
        int n = 2 * JdbcStorage.IMPORT_BATCH + 7;
        List<FrozenTrial> trials = ImportWorker.trials(n, 1);
        List<Integer> seenAt = new ArrayList<>();
        try (JdbcStorage s = JdbcStorage.sqlite(file)) {
            s.onImportProgress(written -> {
                try {
                    assertEquals(List.of(0L, 0L, 0L), rows(file, ImportWorker.STUDY),
                            "another connection sees nothing of the study after " + written + " trials");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                seenAt.add(written);
            });
            s.importStudy(ImportWorker.study(), trials);
            assertEquals(List.of(JdbcStorage.IMPORT_BATCH, 2 * JdbcStorage.IMPORT_BATCH, n), seenAt,
                    "looked after each batch, the last one just before the commit");
            assertEquals(List.of(1L, (long) n, 4L * n), rows(file, ImportWorker.STUDY), "all of it after the commit");
            assertEquals(numbered(trials), s.trials(ImportWorker.STUDY));
        }
    }

    @Test
    void anImportThatFailsAfterTheKthTrialLeavesNothingOfItAndCanBeRunAgain() throws Exception {
        Path file = dir.resolve("studies.db");
        int n = 3 * JdbcStorage.IMPORT_BATCH;
        List<FrozenTrial> trials = ImportWorker.trials(n, 2);
        try (JdbcStorage s = JdbcStorage.sqlite(file)) {
            s.createStudy("other", List.of(Direction.MINIMIZE));
            s.createTrials("other", ImportWorker.trials(3, 3));
            List<Long> before = rows(file, ImportWorker.STUDY);
            int k = 2 * JdbcStorage.IMPORT_BATCH;
            s.onImportProgress(written -> {
                if (written == k) {
                    throw new IllegalStateException("injected failure after trial " + k);
                }
            });
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> s.importStudy(ImportWorker.study(), trials));
            assertEquals("injected failure after trial " + k, e.getMessage());
            assertEquals(before, rows(file, ImportWorker.STUDY), "no study, no orphan trial or curve rows");
            assertTrue(s.findStudy(ImportWorker.STUDY).isEmpty());
            assertEquals(List.of("other"), s.studies().stream().map(r -> r.name()).toList());
            assertEquals(3, s.trialCount("other"), "the other study is untouched");

            s.onImportProgress(written -> { });
            assertEquals(ImportWorker.study(), s.importStudy(ImportWorker.study(), trials), "the same import again");
            assertEquals(numbered(trials), s.trials(ImportWorker.STUDY));
            assertEquals(n, s.createTrial(ImportWorker.STUDY,
                    FrozenTrial.builder().state(org.automl4j.trial.TrialState.RUNNING).build()).number());
        }
    }

    /**
     * A child JVM importing a big study is killed with SIGKILL once it has written its first batch inside the
     * transaction. It may have committed before the kill lands or not; either way the file is sound and holds the
     * whole study or nothing of it, and running the import again leaves the whole study.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anImportKilledMidwayLeavesTheWholeStudyOrNothingAndCanBeRunAgain() throws Exception {
        Path file = dir.resolve("crash.db");
        int n = 20_000;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = dir.resolve("worker.log").toFile();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ImportWorker.class.getName(), file.toString(), Integer.toString(n))
                .redirectError(log).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                assertNotNull(line, "the worker ended before it was inside the import (log: " + log + ")");
            } while (!line.equals(ImportWorker.INSIDE));
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the JVM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the killed worker did not end");
        } finally {
            p.destroyForcibly();
        }
        try (Connection c = observer(file); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        List<Long> left = rows(file, ImportWorker.STUDY);
        boolean committed = left.get(0) == 1;
        System.out.println("import killed midway: " + (committed ? "it had committed" : "nothing of it left"));
        assertEquals(committed ? List.of(1L, (long) n, 4L * n) : List.of(0L, 0L, 0L), left,
                "all or nothing (studies named big, trial rows, curve rows)");
        List<FrozenTrial> trials = ImportWorker.trials(n, 42);
        try (JdbcStorage s = JdbcStorage.sqlite(file)) {
            if (committed) {
                assertThrows(DuplicateStudyException.class, () -> s.importStudy(ImportWorker.study(), trials));
            } else {
                s.importStudy(ImportWorker.study(), trials);
            }
            assertEquals(ImportWorker.study(), s.findStudy(ImportWorker.STUDY).orElseThrow());
            assertEquals(numbered(trials), s.trials(ImportWorker.STUDY));
        }
    }
}
