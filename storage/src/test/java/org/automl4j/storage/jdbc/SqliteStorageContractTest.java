package org.automl4j.storage.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.automl4j.storage.Storage;
import org.automl4j.testkit.StorageContractTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on an embedded SQLite file. */
class SqliteStorageContractTest extends StorageContractTest {
    @TempDir
    Path dir;

    private final List<JdbcStorage> opened = new ArrayList<>();

    @Override
    protected Storage newStorage(Clock clock) {
        JdbcStorage s = JdbcStorage.sqlite(dir.resolve("studies-" + opened.size() + ".db"), clock);
        opened.add(s);
        return s;
    }

    /** A long-lived reader (the dashboard) caches study ids by name; another process may delete and remake a study. */
    @Test
    void aStudyRemadeThroughAnotherStorageIsReadUnderItsNewIdAfterALookUpOrAListing() {
        Path file = dir.resolve("shared.db");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (JdbcStorage reader = JdbcStorage.sqlite(file); JdbcStorage writer = JdbcStorage.sqlite(file)) {
            reader.createStudy("s", List.of(Direction.MINIMIZE));
            reader.createTrial("s", FrozenTrial.builder().values(1.0).start(t0).complete(t0).build());
            assertEquals(1, reader.trialCount("s"));
            writer.deleteStudy("s");
            writer.createStudy("s", List.of(Direction.MAXIMIZE));
            writer.createTrial("s", FrozenTrial.builder().values(2.0).start(t0).complete(t0).build());
            writer.createTrial("s", FrozenTrial.builder().values(3.0).start(t0).complete(t0).build());
            assertTrue(reader.findStudy("s").isPresent());
            assertEquals(2, reader.trialCount("s"));
            assertEquals(3.0, reader.bestTrial("s").orElseThrow().value(), "read with the new study's direction");
            writer.deleteStudy("s");
            writer.createStudy("s", List.of(Direction.MINIMIZE));
            assertEquals(List.of("s"), reader.studies().stream().map(org.automl4j.storage.StudyRecord::name).toList());
            assertEquals(0, reader.trialCount("s"));
        }
    }

    @AfterEach
    void closeAll() {
        opened.forEach(JdbcStorage::close);
    }
}
