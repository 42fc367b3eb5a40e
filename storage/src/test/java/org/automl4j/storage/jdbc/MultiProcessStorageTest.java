package org.automl4j.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Heartbeat;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several operating-system processes on one study: no lost or duplicated trial, unique numbers, and a
 * worker killed with SIGKILL loses no completed trial while its running trial is failed as stale and
 * retried by the next worker. Waits only for events (bounded so a bug cannot hang the build); nothing
 * asserts on time.
 */
class MultiProcessStorageTest {

    @TempDir
    Path dir;

    private static Process worker(String url, String study, int trials, long sleepMs, long seed) throws IOException {
        return worker(url, study, trials, sleepMs, seed, Integer.MAX_VALUE);
    }

    private static Process worker(String url, String study, int trials, long sleepMs, long seed, int hangFrom)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                StorageWorker.class.getName(), url, study, Integer.toString(trials), Long.toString(sleepMs),
                Long.toString(seed), Integer.toString(hangFrom))
                .redirectErrorStream(true).redirectOutput(new File(System.getProperty("java.io.tmpdir"),
                        "automl4j-worker-" + seed + ".log")).start();
    }

    private static void await(List<Process> ps) throws InterruptedException {
        for (Process p : ps) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "worker did not finish");
            assertEquals(0, p.exitValue(), "worker exit code (log in java.io.tmpdir/automl4j-worker-*.log)");
        }
    }

    private static void assertExactly(JdbcStorage storage, String study, int n) {
        List<FrozenTrial> all = storage.trials(study);
        assertEquals(n, all.size(), "trials");
        assertEquals(n, all.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), "all COMPLETE");
        Set<Integer> numbers = all.stream().map(FrozenTrial::number).collect(Collectors.toSet());
        assertEquals(n, numbers.size(), "unique numbers");
        assertEquals(0, numbers.stream().mapToInt(i -> i).min().orElseThrow());
        assertEquals(n - 1, numbers.stream().mapToInt(i -> i).max().orElseThrow());
        assertEquals(n, storage.finishedTrialsSince(study, 0).trials().size(), "each in the finished feed once");
    }

    @Test
    void twoProcessesShareOneSqliteStudyWithoutLosingOrDuplicatingTrials() throws Exception {
        String url = "sqlite:" + dir.resolve("shared.db");
        List<Process> ps = List.of(worker(url, "shared", 100, 0, 1), worker(url, "shared", 100, 0, 2));
        await(ps);
        try (JdbcStorage storage = (JdbcStorage) Storages.open(url)) {
            assertExactly(storage, "shared", 200);
        }
    }

    @Test
    void fourProcessesShareOnePostgresStudyWithoutLosingOrDuplicatingTrials() throws Exception {
        try (EmbeddedPostgres pg = TestPostgres.start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE workers");
            }
            String url = pg.getJdbcUrl("postgres", "workers");
            List<Process> ps = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                ps.add(worker(url, "shared", 50, 0, 10 + w));
            }
            await(ps);
            try (JdbcStorage storage = (JdbcStorage) Storages.open(url)) {
                assertExactly(storage, "shared", 200);
            }
        }
    }

    @Test
    void killedWorkerLosesNoCompletedTrialAndItsRunningTrialIsFailedAndRetried() throws Exception {
        String url = "sqlite:" + dir.resolve("crash.db");
        Process victim = worker(url, "crash", 1000, 5, 7, 10); // trial 10 hangs until killed
        List<FrozenTrial> completedBeforeKill;
        try (JdbcStorage storage = (JdbcStorage) Storages.open(url)) {
            // wait until the victim has completed trials 0-9 and is in the middle of trial 10
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                boolean ready = storage.findStudy("crash").isPresent()
                        && storage.trials("crash", EnumSet.of(TrialState.COMPLETE)).size() >= 10
                        && !storage.trials("crash", EnumSet.of(TrialState.RUNNING)).isEmpty();
                if (ready || System.nanoTime() > until) {
                    break;
                }
                Thread.sleep(20);
            }
            victim.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
            completedBeforeKill = storage.trials("crash", EnumSet.of(TrialState.COMPLETE));
            assertTrue(completedBeforeKill.size() >= 10, "the victim completed trials before it was killed");
            List<FrozenTrial> orphans = storage.trials("crash", EnumSet.of(TrialState.RUNNING));
            assertEquals(1, orphans.size(), "the trial the victim was running is left RUNNING");
            int orphan = orphans.get(0).number();

            // a new worker on the same study: once the victim's heartbeat is older than the grace period,
            // it fails the orphan and enqueues its parameters again
            Study study = Study.builder().name("crash").storage(storage).sampler(Samplers.random(99)).loadIfExists(true)
                    .heartbeat(new Heartbeat(Duration.ofMillis(100), Duration.ofMillis(1000), 1)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (storage.staleTrials("crash", Duration.ofMillis(1000)).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<FrozenTrial> failed = study.failStaleTrials();
            assertEquals(List.of(orphan), failed.stream().map(FrozenTrial::number).toList());
            assertEquals("StaleTrial", storage.trial("crash", orphan).failure().type());
            study.optimize(t -> t.suggestFloat("x", -5, 5) * t.suggestFloat("x", -5, 5) + t.suggestInt("k", 1, 4),
                    OptimizeOptions.trials(5));

            List<FrozenTrial> all = storage.trials("crash");
            FrozenTrial retry = all.stream().filter(t -> Integer.valueOf(orphan).equals(
                    t.systemAttrs().get(Heartbeat.RETRY_OF))).findFirst().orElseThrow();
            assertEquals(TrialState.COMPLETE, retry.state(), "the retry ran first and completed");
            assertEquals(orphans.get(0).params(), Map.copyOf(retry.params()).entrySet().stream()
                    .filter(e -> orphans.get(0).params().containsKey(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                    "the retry repeats the parameters the orphan had drawn");
            for (FrozenTrial before : completedBeforeKill) {
                FrozenTrial now = storage.trial("crash", before.number());
                assertEquals(before.state(), now.state());
                assertEquals(before.values(), now.values());
                assertEquals(before.params(), now.params());
            }
            assertEquals(new HashSet<>(all.stream().map(FrozenTrial::number).toList()).size(), all.size());
        }
    }
}
