package org.automl4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.automl4j.problems.BenchmarkProblem;
import org.automl4j.problems.Problems;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Study;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automl4j benchmark memory}: heap used by a long random-sampler study kept in memory. */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Runs a long random-sampler study in memory and reports the heap it needs.",
        footer = {"", "Example (the 1 GB goal):",
                "  AUTOML4J_JAVA_OPTS=-Xmx1g ./automl4j benchmark memory --trials 100000"})
final class MemoryBenchmark implements Callable<Integer> {

    @Option(names = "--trials", defaultValue = "100000", description = "Trials (${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--function", defaultValue = "hartmann6", description = "Problem (${DEFAULT-VALUE}).")
    String function;

    @Option(names = "--out", description = "Result JSON file (default bench/results/memory-<time>.json).")
    Path out;

    @Override
    public Integer call() throws Exception {
        BenchmarkProblem p = Problems.byName(function);
        Study study = Study.builder().sampler(Samplers.random(0)).build();
        long t0 = System.nanoTime();
        study.optimize(p.objective(), trials);
        double seconds = (System.nanoTime() - t0) / 1e9;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long used = mem.getHeapMemoryUsage().getUsed();
        int complete = study.trials(TrialState.COMPLETE).size();
        ObjectNode doc = new ObjectMapper().createObjectNode();
        doc.put("benchmark", "memory");
        doc.put("command", "./automl4j benchmark memory --trials " + trials + " --function " + function);
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        ObjectNode r = doc.putArray("runs").addObject();
        r.put("function", function).put("sampler", "random").put("trials", trials).put("complete", complete)
                .put("heap_used_mb_after_gc", used / (1024.0 * 1024)).put("max_heap_mb",
                        Runtime.getRuntime().maxMemory() / (1024.0 * 1024))
                .put("bytes_per_trial", (double) used / trials).put("seconds", seconds)
                .put("ms_per_trial", seconds * 1000 / trials);
        Path file = out != null ? out : Paths.get("bench", "results", "memory-"
                + OffsetDateTime.now(ZoneOffset.UTC).toLocalDate() + ".json");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        System.out.printf(Locale.ROOT, "%d trials (%d complete) in %.1f s; heap after GC %.0f MB of max %.0f MB"
                + " (%.0f bytes per trial)%nresults written to %s%n", trials, complete, seconds, used / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0, (double) used / trials, file.toAbsolutePath());
        return 0;
    }
}
