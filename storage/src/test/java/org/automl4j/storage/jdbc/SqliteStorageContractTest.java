package org.automl4j.storage.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StorageException;
import org.automl4j.testkit.StorageContractTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
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

    /**
     * A worker (or any handle) that has used a study another process deleted, or deleted and made again, gets an
     * error naming that on every call, instead of a lost write, a foreign-key error, an NPE or empty answers.
     */
    @Test
    void callsOnAStudyAnotherStorageDeletedOrRemadeFailNamingThatUntilItIsLoadedAgain() {
        Path file = dir.resolve("shared.db");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (JdbcStorage worker = JdbcStorage.sqlite(file); JdbcStorage other = JdbcStorage.sqlite(file)) {
            worker.createStudy("s", List.of(Direction.MINIMIZE));
            worker.createTrial("s", FrozenTrial.builder().values(1.0).start(t0).complete(t0).build());
            int running = worker.createTrial("s", FrozenTrial.builder().state(TrialState.RUNNING).build()).number();
            other.deleteStudy("s");
            List<org.junit.jupiter.api.function.Executable> calls = List.of(
                    () -> worker.trials("s"),
                    () -> worker.trialCount("s"),
                    () -> worker.bestTrial("s"),
                    () -> worker.finishedTrialsSince("s", 0),
                    () -> worker.claimWaitingTrial("s"),
                    () -> worker.setStudyUserAttr("s", "k", 1),
                    () -> worker.createTrial("s", FrozenTrial.builder().state(TrialState.RUNNING).build()),
                    () -> worker.setTrialIntermediateValue("s", running, 1, 0.5),
                    () -> worker.finishTrial("s", running, TrialState.COMPLETE, List.of(2.0), null));
            for (org.junit.jupiter.api.function.Executable call : calls) {
                StorageException e = assertThrows(StorageException.class, call);
                assertTrue(e.getMessage().contains("study 's' was deleted from"), e.getMessage());
            }
            other.createStudy("s", List.of(Direction.MAXIMIZE));
            for (org.junit.jupiter.api.function.Executable call : calls) {
                StorageException e = assertThrows(StorageException.class, call);
                assertTrue(e.getMessage().contains("was deleted and made again"), e.getMessage());
            }
            assertEquals(0, other.trialCount("s"), "nothing was written into the new study");
            assertTrue(other.findStudy("s").orElseThrow().userAttrs().isEmpty());
            assertTrue(worker.findStudy("s").isPresent()); // loading it again takes up the new study
            worker.createTrial("s", FrozenTrial.builder().values(3.0).start(t0).complete(t0).build());
            assertEquals(1, other.trialCount("s"));
            other.deleteStudy("s");
            other.createStudy("s", List.of(Direction.MINIMIZE));
            worker.deleteStudy("s"); // by name: the study of that name now
            assertTrue(other.findStudy("s").isEmpty());
        }
    }

    /** Enqueued, continued and retried trials carry their parameters as a system attribute through JSON. */
    @Test
    void enqueuedAndContinuedTrialsOfAFloatCategoricalParameterRun() {
        try (JdbcStorage storage = JdbcStorage.sqlite(dir.resolve("float.db"))) {
            org.automl4j.study.Study study = org.automl4j.study.Study.builder().name("f").storage(storage)
                    .sampler(org.automl4j.sampler.Samplers.random(1)).build();
            org.automl4j.study.Objective objective = t -> t.<Float>suggestCategorical("lr", List.of(0.1f, 0.01f))
                    + t.suggestFloat("x", 0, 1);
            study.enqueueTrial(java.util.Map.of("lr", 0.1f));
            study.optimize(objective, 1);
            study.enqueueContinuation(0);
            study.optimize(objective, 1);
            for (FrozenTrial t : storage.trials("f")) {
                assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.failure()));
                assertEquals(0.1f, t.params().get("lr"));
            }
        }
    }

    @AfterEach
    void closeAll() {
        opened.forEach(JdbcStorage::close);
    }
}
