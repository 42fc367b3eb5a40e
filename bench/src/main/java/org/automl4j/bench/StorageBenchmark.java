package org.automl4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.JdbcStorage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.study.Heartbeat;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j benchmark storage}: the durable storage's costs and guarantees. Four sections:
 * per-trial overhead (ask + 5 suggests + tell) on an SQLite file against in memory; opening a 10,000-trial
 * SQLite study and reading its best trial; worker processes sharing one study (PostgreSQL and SQLite);
 * and workers killed with SIGKILL (no completed trial lost, stale trials failed and retried).
 */
@Command(name = "storage", mixinStandardHelpOptions = true,
        description = "Measures the JDBC storage: per-trial overhead on SQLite, opening a large study, several"
                + " worker processes on one study (embedded PostgreSQL and SQLite), and SIGKILLed workers.",
        footer = {"", "Example (the issue's targets):", "  ./automl4j benchmark storage"})
final class StorageBenchmark implements Callable<Integer> {

    @Option(names = "--sections", split = ",", defaultValue = "overhead,open,concurrency,crash",
            description = "Sections to run (${DEFAULT-VALUE}).")
    List<String> sections;

    @Option(names = "--trials", defaultValue = "1000", description = "Trials per overhead run (${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--reps", defaultValue = "3", description = "Repetitions of each overhead run (${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--open-trials", defaultValue = "10000", description = "Trials of the study opened (${DEFAULT-VALUE}).")
    int openTrials;

    @Option(names = "--open-reps", defaultValue = "5", description = "Repetitions of the open (${DEFAULT-VALUE}).")
    int openReps;

    @Option(names = "--crash-runs", defaultValue = "20", description = "Killed-worker runs (${DEFAULT-VALUE}).")
    int crashRuns;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of samplers and kill times (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work-dir", description = "Folder for the database files (default: a new temporary folder).")
    Path workDir;

    @Option(names = "--out", description = "Result JSON file (default bench/results/storage-<date>.json).")
    Path out;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String[]> table = new ArrayList<>();
    private ArrayNode runs;
    private ArrayNode summary;
    private ArrayNode targets;

    @Override
    public Integer call() throws Exception {
        // the in-process second worker of the crash runs logs a WARN per stale trial; the JSON counts them
        System.setProperty("org.slf4j.simpleLogger.log.org.automl4j.study.Study", "error");
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("automl4j-storage-bench");
        ObjectNode doc = json.createObjectNode();
        doc.put("benchmark", "storage");
        doc.put("command", "./automl4j benchmark storage --sections " + String.join(",", sections) + " --trials " + trials
                + " --reps " + reps + " --open-trials " + openTrials + " --open-reps " + openReps + " --crash-runs "
                + crashRuns + " --seed " + seed);
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        doc.put("load_average_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        runs = doc.putArray("runs");
        summary = doc.putArray("summary");
        targets = doc.putArray("targets");
        try {
            if (sections.contains("overhead")) {
                overhead(dir);
            }
            if (sections.contains("open")) {
                open(dir);
            }
            if (sections.contains("concurrency")) {
                concurrency(dir);
            }
            if (sections.contains("crash")) {
                crash(dir);
            }
        } finally {
            doc.put("load_average_at_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            Path file = out != null ? out : Paths.get("bench", "results", "storage-"
                    + OffsetDateTime.now(ZoneOffset.UTC).toLocalDate() + ".json");
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
            printTable();
            System.out.println("results written to " + file.toAbsolutePath());
            if (workDir == null) {
                deleteTree(dir);
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------------------ 1. per-trial overhead

    private void overhead(Path dir) throws Exception {
        System.out.println("== overhead: ask + 5 suggests + tell, " + trials + " trials x " + reps + " repetitions");
        String last = (Math.max(0, trials - 100) + 1) + "_" + trials;
        // warm-up (JIT, class loading, SQLite native library): not measured
        timeTrials(Storages.open("sqlite:" + dir.resolve("warmup.db")), Samplers.random(seed), 300);
        timeTrials(new InMemoryStorage(), Samplers.random(seed), 300);
        Map<String, double[][]> byConfig = new LinkedHashMap<>();
        List<String> samplers = List.of("random", "tpe");
        List<String> storages = List.of("sqlite", "memory");
        for (String sampler : samplers) {
            for (String storage : storages) {
                byConfig.put(storage + "/" + sampler, new double[reps][]);
            }
        }
        for (int r = 0; r < reps; r++) {
            for (String sampler : samplers) {
                for (String kind : storages) {
                    Path file = dir.resolve("overhead-" + sampler + "-" + r + ".db");
                    Files.deleteIfExists(file);
                    Storage storage = kind.equals("sqlite") ? Storages.open("sqlite:" + file) : new InMemoryStorage();
                    Sampler s = sampler.equals("random") ? Samplers.random(seed + r) : Samplers.tpe(seed + r);
                    double[] res = timeTrials(storage, s, trials);
                    byConfig.get(kind + "/" + sampler)[r] = res;
                    runs.addObject().put("section", "overhead").put("storage", kind).put("sampler", sampler)
                            .put("repetition", r).put("trials", trials).put("wall_ms", res[0])
                            .put("ms_per_trial", res[0] / trials).put("ms_per_trial_" + last, res[1])
                            .put("ms_per_trial_1_100", res[2]);
                    System.out.printf(Locale.ROOT, "  %-7s %-6s rep %d: %.3f ms/trial (%s: %.3f)%n", kind, sampler,
                            r, res[0] / trials, last.replace('_', '-'), res[1]);
                }
            }
        }
        Map<String, Double> med = new HashMap<>();
        for (Map.Entry<String, double[][]> e : byConfig.entrySet()) {
            double[][] rs = e.getValue();
            double perTrial = Stats.median(Stream.of(rs).mapToDouble(x -> x[0] / trials).toArray());
            double lastMs = Stats.median(Stream.of(rs).mapToDouble(x -> x[1]).toArray());
            double first = Stats.median(Stream.of(rs).mapToDouble(x -> x[2]).toArray());
            med.put(e.getKey(), perTrial);
            med.put(e.getKey() + "/last", lastMs);
            String[] kv = e.getKey().split("/");
            summary.addObject().put("section", "overhead").put("storage", kv[0]).put("sampler", kv[1])
                    .put("trials", trials).put("repetitions", reps).put("median_ms_per_trial", perTrial)
                    .put("median_ms_per_trial_1_100", first).put("median_ms_per_trial_" + last, lastMs);
            row("overhead " + kv[0] + " " + kv[1], String.format(Locale.ROOT, "%.3f ms/trial, %s %.3f", perTrial,
                    last.replace('_', '-'), lastMs), kv[0].equals("sqlite") && kv[1].equals("random") ? "<= 2 ms" : "");
        }
        for (String sampler : samplers) {
            double ratio = med.get("sqlite/" + sampler) / med.get("memory/" + sampler);
            summary.addObject().put("section", "overhead").put("sampler", sampler).put("sqlite_over_memory_ratio", ratio)
                    .put("sqlite_minus_memory_ms_per_trial", med.get("sqlite/" + sampler) - med.get("memory/" + sampler));
            row("overhead ratio sqlite/memory " + sampler, String.format(Locale.ROOT, "%.1fx (+%.3f ms)", ratio,
                    med.get("sqlite/" + sampler) - med.get("memory/" + sampler)), "");
        }
        double v = med.get("sqlite/random");
        double vLast = med.get("sqlite/random/last");
        target("SQLite ask+tell overhead per trial at " + trials + " trials (random sampler, 5 parameters), median of "
                + reps + " repetitions, the larger of overall and trials " + last.replace('_', '-'), "ms", Math.max(v, vLast), 2.0, Math.max(v, vLast) <= 2.0);
    }

    /** Runs n ask/suggest/tell trials; returns {total ms, mean ms of the last 100, mean ms of the first 100}. */
    private static double[] timeTrials(Storage storage, Sampler sampler, int n) {
        try {
            Study study = Study.builder().name("overhead").storage(storage).sampler(sampler).build();
            double[] per = new double[n];
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                Trial t = study.ask();
                double v = StorageBenchWorker.objective(t);
                study.tell(t, v);
                per[i] = (System.nanoTime() - t0) / 1e6;
            }
            double total = (System.nanoTime() - start) / 1e6;
            int complete = study.trials(TrialState.COMPLETE).size();
            if (complete != n) {
                throw new IllegalStateException("expected " + n + " COMPLETE trials, found " + complete);
            }
            return new double[] {total, mean(per, Math.max(0, n - 100), n), mean(per, 0, Math.min(100, n))};
        } finally {
            Storages.close(storage);
        }
    }

    private static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / Math.max(1, to - from);
    }

    // ------------------------------------------------------------------------------------- 2. open

    private void open(Path dir) throws Exception {
        Path file = dir.resolve("open-" + openTrials + ".db");
        Files.deleteIfExists(file);
        String url = "sqlite:" + file;
        System.out.println("== open: building a " + openTrials + "-trial SQLite study (finished trials via createTrial)");
        long b0 = System.nanoTime();
        try (JdbcStorage storage = (JdbcStorage) Storages.open(url)) {
            storage.createStudy("big", List.of(org.automl4j.study.Direction.MINIMIZE));
            Random rnd = new Random(seed);
            FloatDistribution fx = FloatDistribution.of(-5, 5);
            FloatDistribution flr = new FloatDistribution(1e-5, 1e-1, true, 0);
            IntDistribution il = IntDistribution.of(1, 8);
            CategoricalDistribution co = CategoricalDistribution.of(List.of("adam", "sgd", "rmsprop"));
            for (int i = 0; i < openTrials; i++) {
                double x = fx.low() + rnd.nextDouble() * (fx.high() - fx.low());
                double y = -5 + rnd.nextDouble() * 10;
                double lr = Math.exp(Math.log(1e-5) + rnd.nextDouble() * (Math.log(1e-1) - Math.log(1e-5)));
                int layers = 1 + rnd.nextInt(8);
                String opt = List.of("adam", "sgd", "rmsprop").get(rnd.nextInt(3));
                FrozenTrial t = FrozenTrial.builder().state(TrialState.COMPLETE)
                        .param("x", fx, x).param("y", fx, y).param("lr", flr, lr).param("layers", il, layers)
                        .param("optimizer", co, opt).values(x * x + y * y + layers * 0.1).build();
                storage.createTrial("big", t);
            }
        }
        double buildS = (System.nanoTime() - b0) / 1e9;
        long dbBytes = Files.size(file);
        Path wal = Paths.get(file + "-wal");
        long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
        System.out.printf(Locale.ROOT, "  built in %.1f s; file %d bytes (%.0f per trial), WAL %d bytes%n", buildS, dbBytes,
                (double) dbBytes / openTrials, walBytes);

        double[] openBest = new double[openReps];
        double[] readAll = new double[openReps];
        for (int r = 0; r < openReps; r++) {
            long t0 = System.nanoTime();
            Storage storage = Storages.open(url);
            try {
                Study study = Study.builder().name("big").storage(storage).sampler(Samplers.random(0)).loadIfExists(true)
                        .build();
                FrozenTrial best = study.bestTrial().orElseThrow();
                long t1 = System.nanoTime();
                List<FrozenTrial> all = study.trials();
                long t2 = System.nanoTime();
                if (all.size() != openTrials) {
                    throw new IllegalStateException("read " + all.size() + " trials, expected " + openTrials);
                }
                FrozenTrial scan = all.stream().min(Comparator.comparingDouble(FrozenTrial::value)).orElseThrow();
                if (scan.number() != best.number()) {
                    throw new IllegalStateException("bestTrial " + best.number() + " but the scan says " + scan.number());
                }
                openBest[r] = (t1 - t0) / 1e6;
                readAll[r] = (t2 - t1) / 1e6;
            } finally {
                Storages.close(storage);
            }
            runs.addObject().put("section", "open").put("jvm", "same (warm)").put("repetition", r)
                    .put("open_build_best_ms", openBest[r]).put("read_all_trials_ms", readAll[r]);
        }
        // the same in a fresh JVM each time (class loading, JIT and Flyway's first run included)
        double[] freshOpen = new double[openReps];
        double[] freshAll = new double[openReps];
        double[] freshProcess = new double[openReps];
        for (int r = 0; r < openReps; r++) {
            long p0 = System.nanoTime();
            Process p = worker(dir, "open-" + r, "open", url, "big");
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("open worker failed: " + log(dir, "open-" + r));
            }
            freshProcess[r] = (System.nanoTime() - p0) / 1e6;
            Map<String, String> kv = keyValues(log(dir, "open-" + r));
            freshOpen[r] = Double.parseDouble(kv.get("open_best_ms"));
            freshAll[r] = Double.parseDouble(kv.get("trials_ms"));
            runs.addObject().put("section", "open").put("jvm", "fresh process").put("repetition", r)
                    .put("open_build_best_ms", freshOpen[r]).put("read_all_trials_ms", freshAll[r])
                    .put("process_wall_ms", freshProcess[r]);
        }
        ObjectNode s = summary.addObject().put("section", "open").put("trials", openTrials).put("repetitions", openReps)
                .put("build_s", buildS).put("file_bytes", dbBytes).put("wal_bytes_after_close", walBytes)
                .put("bytes_per_trial", (double) dbBytes / openTrials)
                .put("median_open_build_best_ms_warm_jvm", Stats.median(openBest))
                .put("median_read_all_trials_ms_warm_jvm", Stats.median(readAll))
                .put("median_open_build_best_ms_fresh_jvm", Stats.median(freshOpen))
                .put("median_read_all_trials_ms_fresh_jvm", Stats.median(freshAll))
                .put("median_process_wall_ms_fresh_jvm", Stats.median(freshProcess));
        s.put("build_method", "storage.createTrial of COMPLETE trials with 5 parameters, one transaction each");
        row("open " + openTrials + " + best (fresh JVM)", fmtMs(Stats.median(freshOpen)), "< 1 s");
        row("open " + openTrials + " + best (warm JVM)", fmtMs(Stats.median(openBest)), "");
        row("read all " + openTrials + " trials (fresh / warm)", fmtMs(Stats.median(freshAll)) + " / "
                + fmtMs(Stats.median(readAll)), "");
        row("file size", String.format(Locale.ROOT, "%.1f MB, %.0f bytes/trial", dbBytes / 1e6,
                (double) dbBytes / openTrials), "");
        double worst = Math.max(Stats.median(freshOpen), Stats.median(openBest));
        target("Open a " + openTrials + "-trial SQLite study and read its best trial (median of " + openReps
                + "; the larger of fresh-JVM and warm-JVM medians)", "ms", worst, 1000, worst < 1000);
    }

    private static String fmtMs(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

    // ------------------------------------------------------------------------------- 3. concurrency

    private void concurrency(Path dir) throws Exception {
        System.out.println("== concurrency: worker processes on one study");
        Path data = Files.createTempDirectory("automl4j-bench-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("max_connections", "100").start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE bench");
            }
            shared(dir, "postgresql", pg.getJdbcUrl("postgres", "bench"), 4, 1000 / 4);
        }
        Path file = dir.resolve("shared.db");
        Files.deleteIfExists(file);
        shared(dir, "sqlite", "sqlite:" + file, 2, 1000 / 2);
    }

    private void shared(Path dir, String kind, String url, int workers, int each) throws Exception {
        long t0 = System.nanoTime();
        List<Process> ps = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            ps.add(worker(dir, kind + "-" + w, "run", url, "shared", Integer.toString(each), Long.toString(seed + 100 + w),
                    "0", "0"));
        }
        List<Integer> codes = new ArrayList<>();
        for (Process p : ps) {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            codes.add(p.isAlive() ? -1 : p.exitValue());
        }
        double wallS = (System.nanoTime() - t0) / 1e9;
        long firstStart = Long.MAX_VALUE;
        long lastEnd = 0;
        for (int w = 0; w < workers; w++) {
            Map<String, String> kv = keyValues(log(dir, kind + "-" + w));
            if (kv.containsKey("optimize_start_ms")) {
                firstStart = Math.min(firstStart, Long.parseLong(kv.get("optimize_start_ms")));
                lastEnd = Math.max(lastEnd, Long.parseLong(kv.get("optimize_end_ms")));
            }
        }
        double optimizeS = (lastEnd - firstStart) / 1e3;
        int n = workers * each;
        List<FrozenTrial> all;
        Storage storage = Storages.open(url);
        try {
            all = storage.trials("shared");
        } finally {
            Storages.close(storage);
        }
        long complete = all.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
        Set<Integer> numbers = all.stream().map(FrozenTrial::number).collect(Collectors.toCollection(TreeSet::new));
        boolean numbersOk = numbers.size() == n && all.size() == n && ((TreeSet<Integer>) numbers).first() == 0
                && ((TreeSet<Integer>) numbers).last() == n - 1;
        boolean exitOk = codes.stream().allMatch(c -> c == 0);
        boolean ok = complete == n && numbersOk && exitOk;
        ObjectNode s = summary.addObject().put("section", "concurrency").put("storage", kind).put("workers", workers)
                .put("trials_per_worker", each).put("trials_stored", all.size()).put("complete", complete)
                .put("unique_numbers_0_to_n_minus_1", numbersOk).put("heartbeat", false)
                .put("wall_s_including_jvm_start", wallS).put("throughput_trials_per_s_wall", n / wallS)
                .put("optimize_s_first_start_to_last_end", optimizeS)
                .put("throughput_trials_per_s_optimize", n / optimizeS).put("ok", ok);
        ArrayNode ec = s.putArray("exit_codes");
        codes.forEach(ec::add);
        for (int w = 0; w < workers; w++) {
            if (codes.get(w) != 0) {
                String l = log(dir, kind + "-" + w);
                String tail = l.substring(Math.max(0, l.length() - 4000));
                s.withArray("failed_worker_logs").addObject().put("worker", w).put("log_tail", tail);
                System.out.println("  worker " + w + " failed; its log ends with:\n" + tail);
            }
        }
        System.out.printf(Locale.ROOT, "  %s: %d x %d: %d stored, %d COMPLETE, numbers ok %s, exit codes %s; wall %.1f s"
                + " (%.0f trials/s), optimize %.1f s (%.0f trials/s)%n", kind, workers, each, all.size(), complete,
                numbersOk, codes, wallS, n / wallS, optimizeS, n / optimizeS);
        row("concurrency " + kind + " " + workers + "x" + each, String.format(Locale.ROOT,
                "%d COMPLETE, unique 0..%d %s, exits %s; %.1f s wall (%.0f/s), %.1f s optimize (%.0f/s)", complete, n - 1,
                numbersOk ? "yes" : "NO", exitOk ? "0" : codes.toString(), wallS, n / wallS, optimizeS, n / optimizeS),
                "exactly " + n + ", no error");
        target(workers + " processes x " + each + " trials on one " + kind + " study: exactly " + n
                + " COMPLETE trials, numbers 0.." + (n - 1) + ", exit codes 0", "ok", ok ? 1 : 0, 1, ok);
    }

    // ------------------------------------------------------------------------------------ 4. crash

    private void crash(Path dir) throws Exception {
        System.out.println("== crash: " + crashRuns + " workers killed with SIGKILL at random moments");
        Random rnd = new Random(seed);
        int lostRuns = 0;
        int staleTotal = 0;
        int retriesCompleted = 0;
        int runningTotal = 0;
        int leftRunningAfter = 0;
        for (int run = 0; run < crashRuns; run++) {
            Path file = dir.resolve("crash-" + run + ".db");
            Files.deleteIfExists(file);
            String url = "sqlite:" + file;
            long killAfterMs = rnd.nextInt(1500);
            long sleepMs = 2 + rnd.nextInt(20);
            Process victim = worker(dir, "crash-" + run, "run", url, "crash", "1000000", Long.toString(seed + run),
                    Long.toString(sleepMs), "1");
            List<FrozenTrial> before;
            List<FrozenTrial> afterKill;
            int failedStale;
            int retried;
            int stillRunning;
            ObjectNode r = runs.addObject().put("section", "crash").put("run", run).put("trial_sleep_ms", sleepMs)
                    .put("kill_after_first_complete_ms", killAfterMs);
            try (JdbcStorage storage = (JdbcStorage) Storages.open(url)) {
                // wait until the victim runs (study created, one trial complete), then a random time
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < until && victim.isAlive()) {
                    if (storage.findStudy("crash").isPresent()
                            && !storage.trials("crash", EnumSet.of(TrialState.COMPLETE)).isEmpty()) {
                        break;
                    }
                    Thread.sleep(10);
                }
                if (!victim.isAlive()) {
                    throw new IllegalStateException("victim exited early: " + log(dir, "crash-" + run));
                }
                Thread.sleep(killAfterMs);
                before = storage.trials("crash", EnumSet.of(TrialState.COMPLETE));
                victim.destroyForcibly(); // SIGKILL
                if (!victim.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("victim did not die");
                }
                afterKill = storage.trials("crash");
                List<FrozenTrial> orphans = afterKill.stream().filter(t -> t.state() == TrialState.RUNNING).toList();
                // a second worker on the same study, in this process: fails the victim's trial as stale once its
                // heartbeat is older than the grace, and runs the retry first
                Study study = Study.builder().name("crash").storage(storage).sampler(Samplers.random(seed + 1000 + run))
                        .loadIfExists(true).heartbeat(StorageBenchWorker.HEARTBEAT).build();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!orphans.isEmpty() && storage.staleTrials("crash", Duration.ofMillis(1000)).size() < orphans.size()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                study.optimize(StorageBenchWorker::objective, OptimizeOptions.trials(5).withMaxInitialFailures(0));
                List<FrozenTrial> all = storage.trials("crash");
                Map<Integer, FrozenTrial> byNumber = all.stream().collect(Collectors.toMap(FrozenTrial::number, t -> t));
                int lost = 0;
                for (FrozenTrial b : before) {
                    FrozenTrial now = byNumber.get(b.number());
                    if (now == null || now.state() != TrialState.COMPLETE || !now.values().equals(b.values())
                            || !now.params().equals(b.params())) {
                        lost++;
                    }
                }
                failedStale = (int) all.stream().filter(t -> t.state() == TrialState.FAIL && t.failure() != null
                        && "StaleTrial".equals(t.failure().type())).count();
                retried = (int) all.stream().filter(t -> t.state() == TrialState.COMPLETE
                        && t.systemAttrs().containsKey(Heartbeat.RETRY_OF)).count();
                stillRunning = (int) all.stream().filter(t -> t.state() == TrialState.RUNNING).count();
                if (lost > 0) {
                    lostRuns++;
                }
                staleTotal += failedStale;
                retriesCompleted += retried;
                runningTotal += orphans.size();
                leftRunningAfter += stillRunning;
                r.put("complete_before_kill", before.size())
                        .put("complete_after_kill", afterKill.stream().filter(t -> t.state() == TrialState.COMPLETE).count())
                        .put("running_after_kill", orphans.size()).put("lost_complete_trials", lost)
                        .put("failed_as_stale", failedStale).put("retries_completed", retried)
                        .put("running_at_end", stillRunning).put("trials_at_end", all.size());
                System.out.printf(Locale.ROOT, "  run %2d: killed after %4d ms (+first trial), %4d COMPLETE before kill,"
                        + " %d RUNNING left, lost %d, failed as stale %d, retries completed %d%n", run, killAfterMs,
                        before.size(), orphans.size(), lost, failedStale, retried);
            } finally {
                if (victim.isAlive()) {
                    victim.destroyForcibly();
                }
            }
        }
        summary.addObject().put("section", "crash").put("runs", crashRuns).put("runs_with_lost_trial", lostRuns)
                .put("running_left_by_kills", runningTotal).put("stale_trials_failed", staleTotal)
                .put("retries_completed", retriesCompleted).put("running_left_at_end", leftRunningAfter)
                .put("heartbeat", "interval 100 ms, grace 1 s, 1 retry");
        row("crash " + crashRuns + " SIGKILLed workers", String.format(Locale.ROOT,
                "runs with a lost trial %d; RUNNING left %d, failed as stale %d, retries completed %d", lostRuns,
                runningTotal, staleTotal, retriesCompleted), "0 lost");
        target("Workers killed with SIGKILL (" + crashRuns + " runs): runs with a lost COMPLETE trial", "runs", lostRuns,
                0, lostRuns == 0);
        target("Every trial left RUNNING by a kill is failed as stale and its retry completes", "ok",
                staleTotal == runningTotal && retriesCompleted == runningTotal && leftRunningAfter == 0 ? 1 : 0, 1,
                staleTotal == runningTotal && retriesCompleted == runningTotal && leftRunningAfter == 0);
    }

    // ------------------------------------------------------------------------------------ helpers

    private static Process worker(Path dir, String logName, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), StorageBenchWorker.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File(dir.toFile(), "worker-" + logName + ".log")).start();
    }

    private static String log(Path dir, String logName) throws IOException {
        return Files.readString(dir.resolve("worker-" + logName + ".log"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> keyValues(String log) {
        Map<String, String> kv = new HashMap<>();
        for (String tok : log.split("\\s+")) {
            int eq = tok.indexOf('=');
            if (eq > 0) {
                kv.put(tok.substring(0, eq), tok.substring(eq + 1));
            }
        }
        return kv;
    }

    private void row(String what, String value, String target) {
        table.add(new String[] {what, value, target});
    }

    private void target(String what, String unit, double value, double limit, boolean met) {
        targets.addObject().put("target", what).put("unit", unit).put("value", value).put("limit", limit).put("met", met);
    }

    private void printTable() {
        int w0 = "measure".length();
        int w1 = "result".length();
        for (String[] r : table) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
        }
        String f = "%-" + w0 + "s  %-" + w1 + "s  %s%n";
        System.out.println();
        System.out.printf(Locale.ROOT, f, "measure", "result", "target");
        for (String[] r : table) {
            System.out.printf(Locale.ROOT, f, r[0], r[1], r[2]);
        }
        System.out.println();
        for (var t : targets) {
            System.out.printf(Locale.ROOT, "%s %s: %s%n", t.get("met").asBoolean() ? "MET    " : "NOT MET",
                    t.get("target").asText(), t.get("value").asText());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
