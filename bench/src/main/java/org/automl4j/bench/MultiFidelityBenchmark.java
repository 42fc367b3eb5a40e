package org.automl4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import org.automl4j.problems.LearningCurveProblem;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j benchmark mf}: the multi-fidelity protocol of the peers' {@code functions.md} §4.
 * Each trial trains epoch by epoch on the synthetic learning curves, reporting after every epoch and
 * asking the pruner; cost = epochs trained; a run stops once 8100 epochs are spent. The incumbent is
 * the trial with the lowest observed 81-epoch loss; its true regret (noise-free L81 - 0.05) is
 * recorded at 810, 1620, 4050 and 8100 epochs.
 */
@Command(name = "mf", mixinStandardHelpOptions = true,
        description = "Runs sampler+pruner pairs on the synthetic learning-curve benchmark (8100 epochs).",
        footer = {"", "Example:", "  ./automl4j benchmark mf --samplers random,tpe --pruners none --seeds 0-9"})
final class MultiFidelityBenchmark implements Callable<Integer> {

    static final int[] CHECKPOINTS = {810, 1620, 4050, 8100};

    @Option(names = "--samplers", defaultValue = "random,tpe", split = ",(?![^\\[]*\\])", description = "(${DEFAULT-VALUE})")
    List<String> samplers;

    @Option(names = "--pruners", defaultValue = "none", split = ",", description = "(${DEFAULT-VALUE})")
    List<String> pruners;

    @Option(names = "--seeds", defaultValue = "0-9", description = "(${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--budget", defaultValue = "8100", description = "Epochs per run (${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--out", description = "Result JSON file (default bench/results/mf-<time>.json).")
    Path out;

    /** One run's outcome. */
    record Run(String sampler, String pruner, long seed, int epochsUsed, int trials, int completeTrials,
            Map<Integer, Double> trueRegretAt, double overheadMs, int incumbentTrial, Map<String, Object> incumbent) {
    }

    static Run run(String samplerSpec, String prunerSpec, long seed, int budget) {
        LearningCurveProblem problem = new LearningCurveProblem(seed);
        Study study = Study.builder().sampler(SamplerSpecs.create(samplerSpec, seed))
                .pruner(PrunerSpecs.create(prunerSpec)).build();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int epochs = 0;
        double incumbentObs = Double.POSITIVE_INFINITY;
        double incumbentTrue = Double.POSITIVE_INFINITY;
        List<double[]> trajectory = new ArrayList<>(); // {cumulative epochs, incumbent true regret}
        long overheadNanos = 0;
        int complete = 0;
        int incumbentTrial = -1;
        Map<String, Object> incumbent = Map.of();
        while (epochs < budget) {
            long c0 = mx.getCurrentThreadCpuTime();
            Trial trial = study.ask();
            Map<String, Object> params = problem.suggest(trial);
            long o0 = mx.getCurrentThreadCpuTime();
            double[] curve = LearningCurveProblem.observedCurve(params, seed); // the "training" itself
            long objective = mx.getCurrentThreadCpuTime() - o0;
            int trained = 0;
            boolean pruned = false;
            for (int b = 1; b <= LearningCurveProblem.MAX_BUDGET; b++) {
                trained++;
                trial.report(b, curve[b - 1]);
                if (trial.shouldPrune()) {
                    pruned = true;
                    break;
                }
            }
            FrozenTrial done = pruned ? study.tell(trial.number(), TrialState.PRUNED)
                    : study.tell(trial, curve[LearningCurveProblem.MAX_BUDGET - 1]);
            overheadNanos += mx.getCurrentThreadCpuTime() - c0 - objective; // sampler + pruner + storage
            epochs += trained;
            if (done.state() == TrialState.COMPLETE) {
                complete++;
                if (done.value() < incumbentObs) {
                    incumbentObs = done.value();
                    incumbentTrue = LearningCurveProblem.finalLoss(params) - 0.05;
                    incumbentTrial = done.number();
                    incumbent = params;
                }
            }
            trajectory.add(new double[] {epochs, incumbentTrue});
        }
        Map<Integer, Double> at = new LinkedHashMap<>();
        for (int cp : CHECKPOINTS) {
            double r = Double.POSITIVE_INFINITY;
            for (double[] row : trajectory) {
                if (row[0] <= cp) {
                    r = row[1];
                }
            }
            at.put(cp, r);
        }
        return new Run(samplerSpec, prunerSpec, seed, epochs, study.trials().size(), complete, at, overheadNanos / 1e6,
                incumbentTrial, incumbent);
    }

    @Override
    public Integer call() throws Exception {
        long[] range = HpoBenchmark.parseSeeds(seeds);
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = m.createObjectNode();
        doc.put("benchmark", "mf");
        doc.put("command", "./automl4j benchmark mf --samplers " + String.join(",", samplers) + " --pruners "
                + String.join(",", pruners) + " --seeds " + seeds + (budget != 8100 ? " --budget " + budget : ""));
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        ArrayNode runs = doc.putArray("runs");
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (String s : samplers) {
            for (String p : pruners) {
                for (long seed = range[0]; seed <= range[1]; seed++) {
                    Run r = run(s, p, seed, budget);
                    groups.computeIfAbsent(s + "+" + p, k -> new ArrayList<>()).add(r);
                    ObjectNode o = runs.addObject().put("sampler", s).put("pruner", p).put("seed", seed)
                            .put("epochs_used", r.epochsUsed()).put("trials", r.trials())
                            .put("complete_trials", r.completeTrials()).put("overhead_ms", r.overheadMs());
                    ObjectNode at = o.putObject("true_regret_at");
                    r.trueRegretAt().forEach((k, v) -> at.put(Integer.toString(k), v));
                    o.put("incumbent_trial", r.incumbentTrial());
                    ObjectNode inc = o.putObject("incumbent_params");
                    r.incumbent().forEach((k, v) -> inc.put(k, ((Number) v).doubleValue()));
                }
            }
        }
        ArrayNode summary = doc.putArray("summary");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-28s %8s %8s %10s %10s %10s %22s %12s%n",
                "sampler+pruner", "trials", "@81", "@810", "@1620", "@4050", "@8100 [q25, q75]", "overhead s"));
        for (Map.Entry<String, List<Run>> e : groups.entrySet()) {
            List<Run> g = e.getValue();
            ObjectNode o = summary.addObject().put("pair", e.getKey()).put("seeds", g.size())
                    .put("median_trials", Stats.median(g.stream().mapToDouble(Run::trials).toArray()))
                    .put("median_complete_trials", Stats.median(g.stream().mapToDouble(Run::completeTrials).toArray()))
                    .put("median_overhead_s", Stats.median(g.stream().mapToDouble(Run::overheadMs).toArray()) / 1000);
            ObjectNode med = o.putObject("median_true_regret_at");
            double[] q = null;
            for (int cp : CHECKPOINTS) {
                double[] v = g.stream().mapToDouble(r -> r.trueRegretAt().get(cp)).toArray();
                med.put(Integer.toString(cp), Stats.median(v));
                if (cp == 8100) {
                    q = new double[] {Stats.quantile(v, 0.25), Stats.quantile(v, 0.75)};
                    o.put("q25_8100", q[0]).put("q75_8100", q[1]);
                }
            }
            sb.append(String.format(Locale.ROOT, "%-28s %8.0f %8.0f %10.3g %10.3g %10.3g %10.3g [%.3g, %.3g] %12.3f%n",
                    e.getKey(), o.get("median_trials").asDouble(), o.get("median_complete_trials").asDouble(),
                    med.get("810").asDouble(), med.get("1620").asDouble(), med.get("4050").asDouble(),
                    med.get("8100").asDouble(), q[0], q[1], o.get("median_overhead_s").asDouble()));
        }
        sb.append("Optuna 3.1.0 (peers §3): best @810 random+sha 0.0151; best @8100 tpe+none 0.00117;"
                + " random+hyperband 0.00675; tpe+sha overhead 115 s/run").append(System.lineSeparator());
        Path file = out != null ? out : Paths.get("bench", "results", "mf-"
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
