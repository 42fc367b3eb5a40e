package org.automl4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.automl4j.multiobjective.Hypervolume;
import org.automl4j.problems.Problems;
import org.automl4j.problems.ZdtProblem;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automl4j benchmark mo}: hypervolume of multi-objective samplers on ZDT problems. */
@Command(name = "mo", mixinStandardHelpOptions = true,
        description = "Runs multi-objective samplers on ZDT1-3 and reports the hypervolume of all complete trials.",
        footer = {"", "Example:", "  ./automl4j benchmark mo --problems zdt1 --samplers nsga2,random --trials 2000 --seeds 0-4"})
final class MultiObjectiveBenchmark implements Callable<Integer> {

    @Option(names = "--problems", defaultValue = "zdt1,zdt2,zdt3", split = ",", description = "(${DEFAULT-VALUE})")
    List<String> problems;

    @Option(names = "--samplers", defaultValue = "nsga2,random", split = ",", description = "(${DEFAULT-VALUE})")
    List<String> samplers;

    @Option(names = "--trials", defaultValue = "2000", description = "(${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--seeds", defaultValue = "0-4", description = "(${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--out", description = "Result JSON file (default bench/results/mo-<time>.json).")
    Path out;

    @Override
    public Integer call() throws Exception {
        long[] range = HpoBenchmark.parseSeeds(seeds);
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = m.createObjectNode();
        doc.put("benchmark", "mo");
        doc.put("command", "./automl4j benchmark mo --problems " + String.join(",", problems) + " --samplers "
                + String.join(",", samplers) + " --trials " + trials + " --seeds " + seeds);
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        ArrayNode runs = doc.putArray("runs");
        Map<String, List<Double>> byGroup = new LinkedHashMap<>();
        for (String pn : problems) {
            ZdtProblem p = Problems.multiObjectiveByName(pn);
            for (String s : samplers) {
                for (long seed = range[0]; seed <= range[1]; seed++) {
                    Study study = Study.builder().directions(p.directions()).sampler(SamplerSpecs.create(s, seed))
                            .build();
                    long t0 = System.nanoTime();
                    study.optimizeMulti(p.objective(), OptimizeOptions.trials(trials));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
                    double[][] pts = new double[complete.size()][];
                    for (int i = 0; i < pts.length; i++) {
                        pts[i] = complete.get(i).valuesArray();
                    }
                    double hv = Hypervolume.of(pts, p.referencePoint());
                    runs.addObject().put("problem", pn).put("sampler", s).put("seed", seed).put("trials", trials)
                            .put("hypervolume", hv).put("max_hypervolume", p.maxHypervolume())
                            .put("front_size", study.bestTrials().size()).put("seconds", seconds);
                    byGroup.computeIfAbsent(pn + "\u0000" + s, k -> new ArrayList<>()).add(hv);
                }
            }
        }
        ArrayNode summary = doc.putArray("summary");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %-12s %12s %12s %12s%n", "problem",
                "sampler", "median HV", "q25", "q75"));
        for (Map.Entry<String, List<Double>> e : byGroup.entrySet()) {
            String[] k = e.getKey().split("\u0000");
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            summary.addObject().put("problem", k[0]).put("sampler", k[1]).put("median_hypervolume", Stats.median(v))
                    .put("q25", Stats.quantile(v, 0.25)).put("q75", Stats.quantile(v, 0.75));
            sb.append(String.format(Locale.ROOT, "%-8s %-12s %12.4f %12.4f %12.4f%n", k[0], k[1], Stats.median(v),
                    Stats.quantile(v, 0.25), Stats.quantile(v, 0.75)));
        }
        Path file = out != null ? out : Paths.get("bench", "results", "mo-"
                + OffsetDateTime.now(ZoneOffset.UTC).toLocalDate() + ".json");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        m.writeValue(file.toFile(), doc);
        System.out.print(sb);
        System.out.println("results written to " + file.toAbsolutePath());
        return 0;
    }
}
