package org.automl4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.automl4j.dashboard.DashboardOptions;
import org.automl4j.dashboard.DashboardServer;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialState;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j benchmark dashboard}: the dashboard on a large study (10,000 trials in an SQLite file by
 * default). Times the study page in headless Chromium from navigation to every chart drawn (the page's own
 * {@code window.automl4j.readyAt}), each load on a freshly started server (cold: nothing cached on either
 * side) and on a warm one; the server's retained heap for the study; and the JSON API's latency per route.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Measures the dashboard on a large study: page ready in headless Chromium (cold and warm),"
                + " server heap, JSON API latency. Needs /usr/bin/chromium and /usr/bin/chromedriver.",
        footer = {"", "Example (the issue's targets):", "  ./automl4j benchmark dashboard --trials 10000 --loads 5"})
final class DashboardBenchmark implements Callable<Integer> {

    @Option(names = "--trials", defaultValue = "10000", description = "Trials of the study (${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--loads", defaultValue = "5", description = "Page loads of each kind, cold and warm (${DEFAULT-VALUE}).")
    int loads;

    @Option(names = "--api-reps", defaultValue = "20", description = "Calls per API route for latency (${DEFAULT-VALUE}).")
    int apiReps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the synthetic study (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Result JSON file (default bench/results/dashboard-<date>.json).")
    Path out;

    static final String STUDY = "bench-dashboard";
    static final double TARGET_READY_MS = 2000;
    static final double TARGET_HEAP_MB = 200;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driverExe = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driverExe)) {
            System.err.println("error: this benchmark needs " + chromium + " and " + driverExe
                    + "; install them with: apt-get install -y chromium chromium-driver");
            return 2;
        }
        Path dir = Files.createTempDirectory("automl4j-dashboard-bench");
        ObjectNode doc = json.createObjectNode();
        doc.put("benchmark", "dashboard");
        doc.put("command", "./automl4j benchmark dashboard --trials " + trials + " --loads " + loads + " --api-reps "
                + apiReps + " --seed " + seed);
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        doc.put("load_average_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ArrayNode runs = doc.putArray("runs");
        ObjectNode summary = doc.putObject("summary");
        Storage storage = Storages.open("sqlite:" + dir.resolve("studies.db"));
        ChromeDriver browser = null;
        Path profile = Files.createTempDirectory(dir, "chromium-");
        try {
            long t0 = System.nanoTime();
            createStudy(storage);
            summary.put("study_trials", trials);
            summary.put("create_study_s", (System.nanoTime() - t0) / 1e9);
            browser = browser(chromium, driverExe, profile);

            // cold loads: a fresh server each time (new port, so the browser's cache is cold too)
            double[] cold = new double[loads];
            double retainedMb = 0;
            double peakMb = 0;
            // the heap in use before any server: what a load retains is measured against it
            long before = usedHeapAfterGc();
            for (int i = 0; i < loads; i++) {
                resetPeaks();
                try (DashboardServer server = DashboardServer.start(storage, new DashboardOptions("127.0.0.1", 0, null))) {
                    ObjectNode run = runs.addObject();
                    run.put("kind", "page_cold");
                    run.put("load", i);
                    cold[i] = pageReady(browser, server, run);
                    long after = usedHeapAfterGc();
                    double retained = (after - before) / 1048576.0;
                    double peak = peakHeap() / 1048576.0;
                    run.put("server_heap_retained_mb", retained);
                    run.put("jvm_heap_peak_mb", peak);
                    retainedMb = Math.max(retainedMb, retained);
                    peakMb = Math.max(peakMb, peak);
                    if (i == 0) {
                        apiLatency(storage, runs, summary);
                    }
                }
            }
            // warm loads: one server, the page reloaded
            double[] warm = new double[loads];
            try (DashboardServer server = DashboardServer.start(storage, new DashboardOptions("127.0.0.1", 0, null))) {
                pageReady(browser, server, json.createObjectNode());
                for (int i = 0; i < loads; i++) {
                    ObjectNode run = runs.addObject();
                    run.put("kind", "page_warm");
                    run.put("load", i);
                    warm[i] = pageReady(browser, server, run);
                }
            }
            summary.put("page_ready_cold_median_ms", Stats.median(cold));
            summary.put("page_ready_cold_max_ms", Arrays.stream(cold).max().orElse(0));
            summary.put("page_ready_warm_median_ms", Stats.median(warm));
            summary.put("server_heap_retained_mb_max", retainedMb);
            summary.put("jvm_heap_peak_mb_max", peakMb);
            ArrayNode targets = doc.putArray("targets");
            ObjectNode t1 = targets.addObject();
            t1.put("target", "10,000-trial study page ready in the browser < 2 s (median of cold loads)");
            t1.put("value_ms", Stats.median(cold));
            t1.put("met", Stats.median(cold) < TARGET_READY_MS);
            ObjectNode t2 = targets.addObject();
            t2.put("target", "server heap for it < 200 MB (retained after GC; peak of the whole JVM incl. the benchmark)");
            t2.put("value_mb", retainedMb);
            t2.put("peak_mb", peakMb);
            t2.put("met", retainedMb < TARGET_HEAP_MB);
        } finally {
            if (browser != null) {
                browser.quit();
            }
            Storages.close(storage);
            doc.put("load_average_at_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            Path file = out != null ? out : Paths.get("bench", "results", "dashboard-"
                    + OffsetDateTime.now(ZoneOffset.UTC).toLocalDate() + ".json");
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(doc.get("summary")));
            System.out.println("results written to " + file.toAbsolutePath());
            deleteTree(dir);
        }
        return 0;
    }

    /** A study like a long HPO run: 6 parameters, 85 % complete, 10 % pruned with curves, 5 % failed. */
    void createStudy(Storage s) {
        s.createStudy(STUDY, List.of(Direction.MINIMIZE));
        SplittableRandom rng = new SplittableRandom(seed);
        FloatDistribution x = FloatDistribution.of(-5, 10);
        FloatDistribution y = FloatDistribution.of(0, 15);
        FloatDistribution lr = FloatDistribution.logScale(1e-5, 1);
        IntDistribution depth = IntDistribution.of(1, 16);
        IntDistribution units = IntDistribution.logScale(8, 1024);
        CategoricalDistribution opt = CategoricalDistribution.of("adam", "sgd", "rmsprop", "adagrad");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<FrozenTrial> batch = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            double xv = -5 + 15 * rng.nextDouble();
            double yv = 15 * rng.nextDouble();
            double lrv = Math.exp(Math.log(1e-5) + rng.nextDouble() * Math.log(1e5));
            int d = 1 + rng.nextInt(16);
            int u = (int) Math.round(Math.exp(Math.log(8) + rng.nextDouble() * Math.log(128)));
            String o = (String) opt.choices().get(rng.nextInt(4));
            double v = Math.pow(yv - 5.1 / (4 * Math.PI * Math.PI) * xv * xv + 5 / Math.PI * xv - 6, 2)
                    + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(xv) + 10 + Math.abs(Math.log10(lrv) + 3) + 0.01 * d;
            FrozenTrial.Builder b = FrozenTrial.builder().param("x", x, xv).param("y", y, yv).param("lr", lr, lrv)
                    .param("depth", depth, d).param("units", units, u).param("optimizer", opt, o)
                    .start(start.plusSeconds(5L * i)).complete(start.plusSeconds(5L * i + 3));
            double r = rng.nextDouble();
            if (r < 0.05) {
                b.state(TrialState.FAIL).failure(new TrialFailure("java.lang.ArithmeticException", "loss became NaN at epoch "
                        + rng.nextInt(20), "java.lang.ArithmeticException: loss became NaN\n\tat Train.step(Train.java:42)"));
            } else if (r < 0.15) {
                int steps = 1 + rng.nextInt(5);
                for (int k = 0; k < steps; k++) {
                    b.intermediateValue(k, v + 50.0 / (k + 1));
                }
                b.state(TrialState.PRUNED).values(v + 50.0 / steps);
            } else {
                if (rng.nextDouble() < 0.3) {
                    for (int k = 0; k < 20; k++) {
                        b.intermediateValue(k, v + 50.0 / (k + 1));
                    }
                }
                b.state(TrialState.COMPLETE).values(v);
            }
            batch.add(b.build());
            if (batch.size() == 1000) {
                s.createTrials(STUDY, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            s.createTrials(STUDY, batch);
        }
    }

    static ChromeDriver browser(Path chromium, Path driverExe, Path profile) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,2400");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverExe.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /** Opens the study page and returns the ms from navigation start until the page said every chart was drawn. */
    double pageReady(ChromeDriver browser, DashboardServer server, ObjectNode run) {
        browser.get("about:blank");
        String url = "http://127.0.0.1:" + server.port() + "/#/study/" + STUDY;
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> Boolean.TRUE.equals(
                browser.executeScript("return !!(window.automl4j && window.automl4j.ready);")));
        double ready = ((Number) browser.executeScript("return window.automl4j.readyAt;")).doubleValue();
        Object errors = browser.executeScript("return window.automl4j.errors.join('; ');");
        Object points = browser.executeScript("var c = echarts.getInstanceByDom(document.getElementById('chart-parallel'));"
                + " return c ? c.getModel().getSeriesByIndex(0).getData().count() : -1;");
        run.put("ready_ms", ready);
        run.put("dom_content_loaded_ms", ((Number) browser.executeScript(
                "var n = performance.getEntriesByType('navigation')[0]; return n ? n.domContentLoadedEventEnd : -1;")).doubleValue());
        run.put("parallel_lines", ((Number) points).intValue());
        run.put("errors", String.valueOf(errors));
        System.out.printf(Locale.ROOT, "%-10s load %d: page ready in %.0f ms%n", run.path("kind").asText("warmup"),
                run.path("load").asInt(), ready);
        return ready;
    }

    /**
     * The API routes measured on a study of {@code trials} trials, by name. The trial page and the single trial
     * are those of the 10,000-trial study of the recorded results (offset 5,000, trial 9,876), moved into the
     * study when it is smaller, so that every route answers 200 for any {@code --trials} of at least 1.
     */
    static Map<String, String> apiRoutes(int trials) {
        Map<String, String> routes = new LinkedHashMap<>();
        String q = "?study=" + STUDY;
        routes.put("studies", "/api/studies");
        routes.put("summary", "/api/study" + q);
        routes.put("history", "/api/study/history" + q);
        routes.put("params", "/api/study/params" + q);
        routes.put("contour", "/api/study/contour" + q + "&x=x&y=lr");
        routes.put("importance", "/api/study/importance" + q);
        routes.put("intermediate", "/api/study/intermediate" + q);
        routes.put("trials_page", "/api/study/trials" + q + "&offset=" + Math.min(5000, trials / 2) + "&limit=50");
        routes.put("trials_sorted_filtered", "/api/study/trials" + q + "&state=COMPLETE&sort=param:lr&order=desc&q=adam&limit=50");
        routes.put("trial", "/api/study/trial" + q + "&number=" + Math.min(9876, trials - 1));
        return routes;
    }

    /** Latency of each API route: the first call on a fresh server (cold) and the median of the next calls. */
    void apiLatency(Storage storage, ArrayNode runs, ObjectNode summary) throws IOException, InterruptedException {
        Map<String, String> routes = apiRoutes(trials);
        HttpClient client = HttpClient.newHttpClient();
        ObjectNode api = summary.putObject("api_ms");
        try (DashboardServer server = DashboardServer.start(storage, new DashboardOptions("127.0.0.1", 0, null))) {
            for (Map.Entry<String, String> e : routes.entrySet()) {
                URI uri = URI.create("http://127.0.0.1:" + server.port() + e.getValue());
                double[] ms = new double[apiReps + 1];
                long bytes = 0;
                for (int i = 0; i <= apiReps; i++) {
                    long t = System.nanoTime();
                    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
                    ms[i] = (System.nanoTime() - t) / 1e6;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(e.getValue() + " answered " + r.statusCode());
                    }
                    bytes = r.body().length;
                }
                ObjectNode run = runs.addObject();
                run.put("kind", "api");
                run.put("route", e.getKey());
                run.put("path", e.getValue());
                run.put("first_call_ms", ms[0]);
                run.put("bytes", bytes);
                ArrayNode all = run.putArray("ms");
                Arrays.stream(ms).forEach(all::add);
                ObjectNode r = api.putObject(e.getKey());
                r.put("first_call_ms", ms[0]);
                r.put("median_ms", Stats.median(Arrays.copyOfRange(ms, 1, ms.length)));
                r.put("bytes", bytes);
                System.out.printf(Locale.ROOT, "api %-24s first %7.1f ms, then median %6.2f ms, %8d bytes%n", e.getKey(), ms[0],
                        r.get("median_ms").asDouble(), bytes);
            }
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
