package org.automl4j.spark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.automl4j.sampler.Samplers;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.SearchSpace;
import org.automl4j.spark.SparkRunResult;
import org.automl4j.spark.SparkTrials;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.TrialState;

/**
 * Wall time of 200 trials of a 50 ms objective: {@link SparkTrials} on {@code local[2]} against a
 * sequential {@link Study#optimize} of the same objective, in the same JVM, 3 repetitions each
 * (after one 10-trial warm-up of each, not counted), and also {@code local[2]} with parallelism 3 (one
 * job queued beyond the cores, which hides Spark's per-job latency of about 10 ms). Writes a JSON file in the format of
 * {@code ../shared/bench/FORMAT.md}.
 *
 * <pre>{@code
 * java -cp ... org.automl4j.spark.bench.SparkSpeedup bench/results/spark-local2-speedup.json "<command line>"
 * }</pre>
 *
 * A command-line program; not thread-safe.
 */
public final class SparkSpeedup {

    static final int TRIALS = 200;
    static final int REPETITIONS = 3;
    static final long OBJECTIVE_MS = 50;

    private static final SearchSpace SPACE = SearchSpace.builder()
            .add("x", new FloatDistribution(-5, 5, false, 0))
            .add("y", new FloatDistribution(-5, 5, false, 0))
            .build();

    private SparkSpeedup() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the output JSON path, and optionally the command line to record in it
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/spark-local2-speedup.json");
        String command = args.length > 1 ? args[1] : "org.automl4j.spark.bench.SparkSpeedup " + out;
        long t0 = System.nanoTime();
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("automl4j-spark-speedup")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        List<String> runs = new ArrayList<>();
        double[] sequential = new double[REPETITIONS];
        double[] spark = new double[REPETITIONS];
        double[] queued = new double[REPETITIONS];
        double contextStartS;
        String sparkVersion;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            contextStartS = (System.nanoTime() - t0) / 1e9;
            sparkVersion = sc.version();
            SparkTrials trials = SparkTrials.builder(sc).build();
            SparkTrials oneQueued = SparkTrials.builder(sc).parallelism(trials.parallelism() + 1).build();
            runSequential("warmup-seq", 10);
            runSpark(trials, "warmup-spark", 10);
            runSpark(oneQueued, "warmup-queued", 10);
            for (int rep = 0; rep < REPETITIONS; rep++) {
                sequential[rep] = runSequential("seq-" + rep, TRIALS);
                runs.add(run("sequential", rep, sequential[rep], 1));
                spark[rep] = runSpark(trials, "spark-" + rep, TRIALS);
                runs.add(run("spark-local[2]", rep, spark[rep], trials.parallelism()));
                queued[rep] = runSpark(oneQueued, "queued-" + rep, TRIALS);
                runs.add(run("spark-local[2]-parallelism3", rep, queued[rep], oneQueued.parallelism()));
                System.out.printf(Locale.ROOT, "rep %d: sequential %.2f s, spark local[2] %.2f s, parallelism 3 %.2f s%n",
                        rep, sequential[rep], spark[rep], queued[rep]);
            }
        }
        double medSeq = median(sequential);
        double medSpark = median(spark);
        double medQueued = median(queued);
        double ideal = TRIALS * OBJECTIVE_MS / 1000.0;
        String json = "{\n"
                + "  \"benchmark\": \"spark-speedup\",\n"
                + "  \"command\": " + quote(command) + ",\n"
                + "  \"commit\": " + quote(commit()) + ",\n"
                + "  \"date\": " + quote(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()) + ",\n"
                + "  \"machine\": " + machine(sparkVersion) + ",\n"
                + "  \"protocol\": {\"trials\": " + TRIALS + ", \"objective_ms\": " + OBJECTIVE_MS
                + ", \"repetitions\": " + REPETITIONS + ", \"sampler\": \"random(seed=rep)\", \"space\": \"x,y in [-5,5]\","
                + " \"warmup\": \"one 10-trial run of each method first, not counted\","
                + " \"spark\": \"SparkTrials on local[2], parallelism 2 (the context's default), one Spark job per trial\","
                + " \"sequential\": \"Study.optimize(objective, OptimizeOptions.trials(200)), same JVM\","
                + " \"spark_context_start_s\": " + fmt(contextStartS) + "},\n"
                + "  \"runs\": [\n    " + String.join(",\n    ", runs) + "\n  ],\n"
                + "  \"summary\": [\n"
                + "    {\"method\": \"sequential\", \"median_wall_s\": " + fmt(medSeq) + ", \"min_wall_s\": "
                + fmt(Arrays.stream(sequential).min().orElseThrow()) + ", \"max_wall_s\": "
                + fmt(Arrays.stream(sequential).max().orElseThrow()) + ", \"ideal_wall_s\": " + fmt(ideal) + "},\n"
                + "    {\"method\": \"spark-local[2]\", \"median_wall_s\": " + fmt(medSpark) + ", \"min_wall_s\": "
                + fmt(Arrays.stream(spark).min().orElseThrow()) + ", \"max_wall_s\": "
                + fmt(Arrays.stream(spark).max().orElseThrow()) + ", \"ideal_wall_s\": " + fmt(ideal / 2) + "},\n"
                + "    {\"method\": \"spark-local[2]-parallelism3\", \"median_wall_s\": " + fmt(medQueued)
                + ", \"min_wall_s\": " + fmt(Arrays.stream(queued).min().orElseThrow()) + ", \"max_wall_s\": "
                + fmt(Arrays.stream(queued).max().orElseThrow()) + ", \"ideal_wall_s\": " + fmt(ideal / 2)
                + ", \"note\": \"one job more than cores outstanding, so a core never waits for the driver\"},\n"
                + "    {\"ratio_spark_over_sequential\": " + fmt(medSpark / medSeq) + ", \"speedup\": "
                + fmt(medSeq / medSpark) + ", \"spark_overhead_ms_per_trial\": "
                + fmt((medSpark - ideal / 2) * 1000 * 2 / TRIALS) + ", \"ratio_parallelism3_over_sequential\": "
                + fmt(medQueued / medSeq) + ", \"speedup_parallelism3\": " + fmt(medSeq / medQueued) + "}\n"
                + "  ]\n}\n";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.printf(Locale.ROOT, "median sequential %.2f s, spark local[2] %.2f s (ratio %.3f, speedup %.2fx),"
                + " parallelism 3 %.2f s (ratio %.3f); wrote %s%n", medSeq, medSpark, medSpark / medSeq, medSeq / medSpark,
                medQueued, medQueued / medSeq, out);
    }

    static double objective(Map<String, Object> p) throws InterruptedException {
        Thread.sleep(OBJECTIVE_MS);
        double x = (Double) p.get("x");
        double y = (Double) p.get("y");
        return x * x + y * y;
    }

    private static double runSequential(String name, int n) {
        Study study = Study.builder().name(name).sampler(Samplers.random(seedOf(name))).build();
        long t = System.nanoTime();
        study.optimize(trial -> objective(SPACE.suggest(trial)), OptimizeOptions.trials(n));
        double s = (System.nanoTime() - t) / 1e9;
        check(study, n);
        return s;
    }

    private static double runSpark(SparkTrials trials, String name, int n) {
        Study study = Study.builder().name(name).sampler(Samplers.random(seedOf(name))).build();
        long t = System.nanoTime();
        SparkRunResult r = trials.optimize(study, SPACE, (p, none) -> objective(p), OptimizeOptions.trials(n));
        double s = (System.nanoTime() - t) / 1e9;
        check(study, n);
        if (r.completed() != n) {
            throw new IllegalStateException("spark run " + name + ": " + r);
        }
        return s;
    }

    private static long seedOf(String name) {
        int dash = name.lastIndexOf('-');
        String tail = name.substring(dash + 1);
        return tail.chars().allMatch(Character::isDigit) ? Long.parseLong(tail) : 99;
    }

    private static void check(Study study, int n) {
        int complete = study.trials(TrialState.COMPLETE).size();
        if (complete != n) {
            throw new IllegalStateException("study " + study.name() + ": " + complete + " of " + n + " trials complete");
        }
    }

    private static String run(String method, int rep, double wall, int parallelism) {
        return "{\"method\": " + quote(method) + ", \"repetition\": " + rep + ", \"trials\": " + TRIALS
                + ", \"parallelism\": " + parallelism + ", \"wall_s\": " + fmt(wall) + "}";
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String machine(String sparkVersion) {
        long memBytes = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memBytes = os.getTotalMemorySize();
        }
        return "{\"cores\": " + Runtime.getRuntime().availableProcessors() + ", \"memory_gb\": "
                + Math.round(memBytes / (1024.0 * 1024 * 1024)) + ", \"java\": " + quote(System.getProperty("java.version"))
                + ", \"os\": " + quote(System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch")) + ", \"spark\": " + quote(sparkVersion)
                + "}";
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            String dirty = "";
            Process d = new ProcessBuilder("git", "status", "--porcelain").redirectErrorStream(true).start();
            if (!new String(d.getInputStream().readAllBytes()).isBlank()) {
                dirty = " (with uncommitted changes)";
            }
            return p.waitFor() == 0 ? s + dirty : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
