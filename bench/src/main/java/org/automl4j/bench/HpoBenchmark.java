package org.automl4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.automl4j.problems.BenchmarkProblem;
import org.automl4j.problems.Problems;
import org.automl4j.study.Study;
import org.automl4j.trial.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j benchmark hpo}: the HPO suite of the peers' {@code functions.md}, each (function,
 * sampler, seed) run sequentially through ask/tell, timing the sampler as the peers do: ask + suggest +
 * tell, i.e. the trial's time minus the time spent computing the objective from its parameters.
 */
@Command(name = "hpo", mixinStandardHelpOptions = true,
        description = "Runs the HPO benchmark suite and compares with Optuna 3.1.0's figures.",
        footer = {"", "Examples:",
                "  ./automl4j benchmark hpo --functions all --samplers tpe,random --trials 200 --seeds 0-9",
                "  ./automl4j benchmark hpo --functions hartmann6 --samplers tpe --trials 1000 --seeds 0-0",
                "  ./automl4j benchmark hpo --functions branin --samplers 'tpe[ei=48;mv=false]' --seeds 0-4"})
final class HpoBenchmark implements Callable<Integer> {

    @Option(names = "--functions", defaultValue = "all", split = ",",
            description = "Comma-separated problems, or 'all' (${DEFAULT-VALUE}).")
    List<String> functions;

    @Option(names = "--samplers", defaultValue = "tpe,random", split = ",(?![^\\[]*\\])",
            description = "Comma-separated samplers: random, sobol, tpe, tpe-optuna, tpe-mv, tpe[k=v;...] (${DEFAULT-VALUE}).")
    List<String> samplers;

    @Option(names = "--trials", defaultValue = "200", description = "Trials per run (${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seeds", defaultValue = "0-9", description = "Seed range A-B or a single seed (${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--out", description = "Result JSON file (default bench/results/hpo-<time>.json).")
    Path out;

    @Option(names = "--peers", description = "Optuna's figures (default ../shared/peers/hpo/optuna-3.1.0.json.gz"
            + " beside the project).")
    Path peers;

    @Option(names = "--parallel", defaultValue = "1",
            description = "Runs at once (${DEFAULT-VALUE}); keep 1 when timings matter.")
    int parallel;

    /** One finished run. */
    record Run(String function, String sampler, long seed, double[] bestSoFar, double finalRegret, double[] samplerMs,
            double[] samplerCpuMs, double cpuMsTotal, double wallMsTotal) {
    }

    @Override
    public Integer call() throws Exception {
        List<String> fns = functions.size() == 1 && functions.get(0).equals("all") ? Problems.suiteNames() : functions;
        for (String f : fns) {
            Problems.byName(f);
        }
        for (String s : samplers) {
            SamplerSpecs.create(s, 0);
        }
        long[] seedRange = parseSeeds(seeds);
        List<Callable<Run>> tasks = new ArrayList<>();
        for (String f : fns) {
            for (String s : samplers) {
                for (long seed = seedRange[0]; seed <= seedRange[1]; seed++) {
                    long sd = seed;
                    tasks.add(() -> run(f, s, sd, trials));
                }
            }
        }
        System.err.printf(Locale.ROOT, "running %d runs (%d functions x %d samplers x %d seeds, %d trials each)%n",
                tasks.size(), fns.size(), samplers.size(), seedRange[1] - seedRange[0] + 1, trials);
        List<Run> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (Callable<Run> t : tasks) {
                futures.add(pool.submit(t));
            }
            for (Future<Run> f : futures) {
                runs.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        OptunaPeer peer = loadPeer();
        ObjectNode doc = document(runs, fns, peer);
        Path file = out != null ? out : Paths.get("bench", "results", "hpo-"
                + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        System.out.println(table(doc, peer, fns));
        System.out.println("results written to " + file.toAbsolutePath());
        return 0;
    }

    static long[] parseSeeds(String s) {
        String[] p = s.split("-");
        try {
            long a = Long.parseLong(p[0].trim());
            long b = p.length > 1 ? Long.parseLong(p[1].trim()) : a;
            if (b < a) {
                throw new IllegalArgumentException("--seeds " + s + ": the range must go up, e.g. 0-9");
            }
            return new long[] {a, b};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds must look like 0-9 or 3, but got '" + s + "'");
        }
    }

    private OptunaPeer loadPeer() {
        List<Path> candidates = new ArrayList<>();
        if (peers != null) {
            candidates.add(peers);
        }
        String root = System.getProperty("automl4j.root");
        if (root != null) {
            candidates.add(Paths.get(root).resolve("../shared/peers/hpo/optuna-3.1.0.json.gz"));
        }
        candidates.add(Paths.get("../shared/peers/hpo/optuna-3.1.0.json.gz"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                try {
                    return OptunaPeer.load(p);
                } catch (IOException e) {
                    System.err.println("could not read Optuna's figures from " + p + ": " + e.getMessage());
                }
            }
        }
        System.err.println("Optuna's figures not found (looked at " + candidates + "); the table shows ours only");
        return null;
    }

    static Run run(String function, String samplerSpec, long seed, int trials) {
        BenchmarkProblem p = Problems.byName(function);
        Study study = Study.builder().name(function + "-" + samplerSpec + "-" + seed)
                .sampler(SamplerSpecs.create(samplerSpec, seed)).build();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] best = new double[trials];
        double[] samplerMs = new double[trials];
        double[] samplerCpuMs = new double[trials];
        double bestValue = Double.POSITIVE_INFINITY;
        long cpuStart = mx.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int i = 0; i < trials; i++) {
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            Trial trial = study.ask();
            double v = Double.NaN;
            Exception failure = null;
            long o0 = 0;
            long oc0 = 0;
            long o1 = 0;
            long oc1 = 0;
            try {
                Map<String, Object> params = p.suggest(trial); // sampling: counted as sampler time
                o0 = System.nanoTime();
                oc0 = mx.getCurrentThreadCpuTime();
                v = p.value(params); // the objective itself
                o1 = System.nanoTime();
                oc1 = mx.getCurrentThreadCpuTime();
            } catch (RuntimeException e) {
                failure = e;
            }
            if (failure != null) {
                study.tellFailure(trial.number(), failure);
            } else {
                study.tell(trial, v);
            }
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            if (failure == null && v < bestValue) {
                bestValue = v;
            }
            best[i] = bestValue;
            samplerMs[i] = ((t1 - t0) - (o1 - o0)) / 1e6;
            samplerCpuMs[i] = ((c1 - c0) - (oc1 - oc0)) / 1e6;
        }
        double cpuTotal = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        double wallTotal = (System.nanoTime() - wallStart) / 1e6;
        return new Run(function, samplerSpec, seed, best, bestValue - p.optimum(), samplerMs, samplerCpuMs, cpuTotal,
                wallTotal);
    }

    /** Trial windows (1-based, inclusive) for per-trial timing. */
    static List<int[]> windows(int trials) {
        List<int[]> w = new ArrayList<>();
        for (int[] x : new int[][] {{1, 50}, {51, 100}, {151, 200}}) {
            if (x[1] <= trials) {
                w.add(x);
            }
        }
        if (trials > 200) {
            for (int a = 1; a + 99 <= trials; a += 100) {
                w.add(new int[] {a, a + 99});
            }
        }
        return w;
    }

    private ObjectNode document(List<Run> runs, List<String> fns, OptunaPeer peer) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode doc = m.createObjectNode();
        doc.put("benchmark", "hpo");
        doc.put("command", "./automl4j benchmark hpo --functions " + String.join(",", fns) + " --samplers "
                + String.join(",", samplers) + " --trials " + trials + " --seeds " + seeds
                + (parallel != 1 ? " --parallel " + parallel : ""));
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        ArrayNode rs = doc.putArray("runs");
        for (Run r : runs) {
            ObjectNode o = rs.addObject();
            o.put("function", r.function()).put("sampler", r.sampler()).put("seed", r.seed()).put("trials", trials);
            ArrayNode b = o.putArray("best_so_far");
            for (double x : r.bestSoFar()) {
                b.add(x);
            }
            o.put("final_regret", r.finalRegret());
            ArrayNode s = o.putArray("sampler_ms");
            for (double x : r.samplerMs()) {
                s.add(Math.round(x * 1e4) / 1e4);
            }
            ArrayNode sc = o.putArray("sampler_cpu_ms");
            for (double x : r.samplerCpuMs()) {
                sc.add(Math.round(x * 1e4) / 1e4);
            }
            o.put("cpu_ms_total", r.cpuMsTotal()).put("wall_ms_total", r.wallMsTotal());
        }
        ArrayNode summary = doc.putArray("summary");
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (Run r : runs) {
            groups.computeIfAbsent(r.function() + "\u0000" + r.sampler(), k -> new ArrayList<>()).add(r);
        }
        for (List<Run> g : groups.values()) {
            ObjectNode o = summary.addObject();
            String fn = g.get(0).function();
            double optimum = Problems.byName(fn).optimum();
            double[] finals = g.stream().mapToDouble(Run::finalRegret).toArray();
            o.put("function", fn).put("sampler", g.get(0).sampler()).put("seeds", g.size());
            o.put("median_final_regret", Stats.median(finals)).put("q25", Stats.quantile(finals, 0.25))
                    .put("q75", Stats.quantile(finals, 0.75));
            ObjectNode at = o.putObject("median_regret_at");
            for (int k : new int[] {50, 100, 200, 500, 1000}) {
                if (k <= trials) {
                    at.put(Integer.toString(k), Stats.median(g.stream().mapToDouble(r -> r.bestSoFar()[k - 1] - optimum)
                            .toArray()));
                }
            }
            ObjectNode ms = o.putObject("median_sampler_ms");
            ObjectNode cms = o.putObject("median_sampler_cpu_ms");
            for (int[] w : windows(trials)) {
                List<Double> all = new ArrayList<>();
                List<Double> allCpu = new ArrayList<>();
                for (Run r : g) {
                    for (int i = w[0] - 1; i < w[1]; i++) {
                        all.add(r.samplerMs()[i]);
                        allCpu.add(r.samplerCpuMs()[i]);
                    }
                }
                String key = w[0] + "-" + w[1];
                ms.put(key, Stats.median(all.stream().mapToDouble(Double::doubleValue).toArray()));
                cms.put(key, Stats.median(allCpu.stream().mapToDouble(Double::doubleValue).toArray()));
            }
            if (peer != null) {
                OptunaPeer.Row best = peer.bestTpe(fn);
                if (best != null) {
                    ObjectNode p = o.putObject("optuna_best_tpe");
                    p.put("variant", best.sampler()).put("median_final_regret", best.medianFinal())
                            .put("cpu_ms_151_200", best.cpuMs151to200());
                }
                OptunaPeer.Row any = peer.bestAny(fn);
                if (any != null) {
                    o.putObject("optuna_best_any").put("sampler", any.sampler())
                            .put("median_final_regret", any.medianFinal());
                }
            }
        }
        if (peer != null) {
            doc.set("mean_rank", meanRanks(doc, peer, fns));
        }
        return doc;
    }

    /**
     * Mean rank of median final regret per sampler, over the functions of this run, ranking ours together
     * with every Optuna sampler (ties share the average rank). Optuna's are prefixed {@code optuna:}.
     */
    static ObjectNode meanRanks(ObjectNode doc, OptunaPeer peer, List<String> fns) {
        Map<String, Double> sum = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (String fn : fns) {
            Map<String, Double> medians = new LinkedHashMap<>();
            for (var node : doc.get("summary")) {
                if (node.get("function").asText().equals(fn)) {
                    medians.put(node.get("sampler").asText(), node.get("median_final_regret").asDouble());
                }
            }
            for (OptunaPeer.Row r : peer.rowsFor(fn)) {
                medians.put("optuna:" + r.sampler(), r.medianFinal());
            }
            for (Map.Entry<String, Double> e : medians.entrySet()) {
                double less = 0;
                double equal = 0;
                for (double v : medians.values()) {
                    less += v < e.getValue() ? 1 : 0;
                    equal += v == e.getValue() ? 1 : 0;
                }
                double rank = less + (equal + 1) / 2.0;
                sum.merge(e.getKey(), rank, Double::sum);
                count.merge(e.getKey(), 1, Integer::sum);
            }
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        sum.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> out.put(e.getKey(), e.getValue() / count.get(e.getKey())));
        return out;
    }

    private String table(ObjectNode doc, OptunaPeer peer, List<String> fns) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n%-18s %-22s %11s %23s %10s %10s %10s %22s %22s %10s%n", "function",
                "sampler", "final", "[q25, q75]", "@50", "@100", "@200", "ms/trial 1-50|51-100|151-200",
                "optuna best tpe", "opt ms"));
        Map<String, int[]> wins = new LinkedHashMap<>();
        for (var node : doc.get("summary")) {
            String fn = node.get("function").asText();
            String s = node.get("sampler").asText();
            var at = node.get("median_regret_at");
            var ms = node.get("median_sampler_ms");
            String optuna = "";
            String optMs = "";
            if (node.has("optuna_best_tpe")) {
                var p = node.get("optuna_best_tpe");
                optuna = String.format(Locale.ROOT, "%.3g (%s)", p.get("median_final_regret").asDouble(),
                        p.get("variant").asText());
                optMs = String.format(Locale.ROOT, "%.3g", p.get("cpu_ms_151_200").asDouble());
                int[] w = wins.computeIfAbsent(s, k -> new int[3]);
                double ours = node.get("median_final_regret").asDouble();
                double theirs = p.get("median_final_regret").asDouble();
                w[0] += ours <= theirs ? 1 : 0;
                w[1] += ours < theirs ? 1 : 0;
                w[2]++;
            }
            sb.append(String.format(Locale.ROOT, "%-18s %-22s %11.3g [%9.3g, %9.3g] %10s %10s %10s %22s %22s %10s%n",
                    fn, abbreviate(s, 22), node.get("median_final_regret").asDouble(), node.get("q25").asDouble(),
                    node.get("q75").asDouble(), fmt(at, "50"), fmt(at, "100"), fmt(at, "200"),
                    fmt(ms, "1-50") + "|" + fmt(ms, "51-100") + "|" + fmt(ms, "151-200"), optuna, optMs));
        }
        for (Map.Entry<String, int[]> e : wins.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%s vs Optuna's best TPE variant: no worse on %d of %d problems,"
                    + " better on %d%n", e.getKey(), e.getValue()[0], e.getValue()[2], e.getValue()[1]));
        }
        Map<String, int[]> any = new LinkedHashMap<>();
        for (var node : doc.get("summary")) {
            if (node.has("optuna_best_any")) {
                int[] w = any.computeIfAbsent(node.get("sampler").asText(), k -> new int[2]);
                w[0] += node.get("median_final_regret").asDouble()
                        <= node.get("optuna_best_any").get("median_final_regret").asDouble() ? 1 : 0;
                w[1]++;
            }
        }
        for (Map.Entry<String, int[]> e : any.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%s at %d trials vs Optuna's best sampler of any kind at 200 trials:"
                    + " no worse on %d of %d problems%n", e.getKey(), trials, e.getValue()[0], e.getValue()[1]));
        }
        if (doc.has("mean_rank")) {
            sb.append("mean rank over these problems, ours together with Optuna's samplers:");
            doc.get("mean_rank").fields().forEachRemaining(e -> sb.append(String.format(Locale.ROOT, " %s=%.2f",
                    e.getKey(), e.getValue().asDouble())));
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    private static String fmt(com.fasterxml.jackson.databind.JsonNode n, String key) {
        return n != null && n.has(key) ? String.format(Locale.ROOT, "%.3g", n.get(key).asDouble()) : "-";
    }
}
