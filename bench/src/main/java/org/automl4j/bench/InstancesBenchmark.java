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
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.automl4j.internal.Rngs;
import org.automl4j.problems.BenchmarkProblem;
import org.automl4j.problems.Problems;
import org.automl4j.pruner.Pruner;
import org.automl4j.pruner.Pruners;
import org.automl4j.sampler.Samplers;
import org.automl4j.study.Direction;
import org.automl4j.study.Study;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j benchmark instances}: the Wilcoxon pruner on objectives that average a score over instances, as
 * cross-validation folds or benchmark problems do. Instance i of a suite function f scores a configuration x as
 * f(x) + d_i + e_i(x): d_i is the instance's difficulty (sd 2 s, fixed per instance) and e_i(x) a noise of sd s
 * drawn from (seed, instance, x), with s a fifth of f's spread over 200 random points. A trial evaluates the
 * instances in a shuffled order, reports each at the instance's number and asks the pruner after each; its value
 * is the mean over all instances. Cost is instances evaluated; a run stops when the budget is spent. The incumbent
 * is the COMPLETE trial with the best mean, scored by its true regret f(x) - f*.
 */
@Command(name = "instances", mixinStandardHelpOptions = true,
        description = "TPE with and without the Wilcoxon pruner on suite functions averaged over noisy instances.",
        footer = {"", "Example:", "  ./automl4j benchmark instances --functions branin,hartmann6 --seeds 0-9"})
final class InstancesBenchmark implements Callable<Integer> {

    @Option(names = "--functions", defaultValue = "branin,hartmann6,rosenbrock10,levy10", split = ",",
            description = "Suite functions (default ${DEFAULT-VALUE}).")
    List<String> functions;

    @Option(names = "--pruners", defaultValue = "none,wilcoxon", split = ",",
            description = "none, wilcoxon (p < 0.1) or wilcoxon-0.05 (default ${DEFAULT-VALUE}).")
    List<String> pruners;

    @Option(names = "--instances", defaultValue = "20", description = "Instances per evaluation (default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--budget", defaultValue = "2000", description = "Instance evaluations per run (default ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--seeds", defaultValue = "0-9", description = "(${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--out", description = "Result JSON file (default bench/results/instances-<date>.json).")
    Path out;

    static Pruner pruner(String spec) {
        return switch (spec.trim()) {
            case "none" -> Pruners.none();
            case "wilcoxon" -> Pruners.wilcoxon();
            case "wilcoxon-0.05" -> Pruners.wilcoxon(0.05, 2);
            default -> throw new IllegalArgumentException("unknown pruner '" + spec + "'; use none, wilcoxon or"
                    + " wilcoxon-0.05");
        };
    }

    /** One run: regret of the incumbent at checkpoints of the budget, trials started and completed. */
    record Run(Map<Integer, Double> regretAt, int trials, int complete, int evaluations) {
    }

    /** f's spread over 200 random points of its space (seeded), for the noise scale. */
    static double spread(BenchmarkProblem p) {
        Study s = Study.builder().sampler(Samplers.random(12345)).build();
        double[] v = new double[200];
        for (int i = 0; i < v.length; i++) {
            Trial t = s.ask();
            v[i] = p.value(p.suggest(t));
            s.tell(t, v[i]);
        }
        double mean = java.util.Arrays.stream(v).average().orElse(0);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
    }

    static Run run(BenchmarkProblem problem, double scale, String prunerSpec, long seed, int k, int budget) {
        double[] difficulty = new double[k];
        SplittableRandom d = new SplittableRandom(Rngs.mix64(seed * 31 + 7));
        for (int i = 0; i < k; i++) {
            difficulty[i] = 2 * scale * d.nextGaussian();
        }
        Study study = Study.builder().direction(Direction.MINIMIZE).sampler(Samplers.tpe(seed))
                .pruner(pruner(prunerSpec)).build();
        int[] checkpoints = {budget / 4, budget / 2, budget};
        Map<Integer, Double> regretAt = new LinkedHashMap<>();
        int used = 0;
        int next = 0;
        double bestMean = Double.POSITIVE_INFINITY;
        double bestRegret = Double.NaN;
        int trials = 0;
        int complete = 0;
        while (used < budget) {
            Trial t = study.ask();
            trials++;
            Map<String, Object> params = problem.suggest(t);
            double f = problem.value(params);
            SplittableRandom order = Rngs.forTrial(seed, t.number(), "order");
            int[] perm = new int[k];
            for (int i = 0; i < k; i++) {
                perm[i] = i;
            }
            for (int i = k - 1; i > 0; i--) {
                int j = order.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            double sum = 0;
            boolean pruned = false;
            int evaluated = 0;
            for (int n = 0; n < k && used < budget; n++) {
                int i = perm[n];
                double noise = new SplittableRandom(Rngs.mix64(seed ^ Rngs.mix64(i * 1_000_003L
                        ^ Double.doubleToLongBits(f)))).nextGaussian();
                double v = f + difficulty[i] + scale * noise;
                sum += v;
                used++;
                evaluated++;
                t.report(i, v);
                if (t.shouldPrune()) {
                    pruned = true;
                    break;
                }
                while (next < checkpoints.length && used >= checkpoints[next]) {
                    regretAt.put(checkpoints[next++], bestRegret);
                }
            }
            if (pruned) {
                study.tell(t.number(), TrialState.PRUNED);
            } else if (evaluated < k) {
                study.tell(t.number(), TrialState.PRUNED); // the budget ran out inside the trial: stopped early
            } else {
                double mean = sum / k;
                study.tell(t, mean);
                complete++;
                if (mean < bestMean) {
                    bestMean = mean;
                    bestRegret = f - problem.optimum();
                }
            }
            while (next < checkpoints.length && used >= checkpoints[next]) {
                regretAt.put(checkpoints[next++], bestRegret);
            }
        }
        return new Run(regretAt, trials, complete, used);
    }

    @Override
    public Integer call() throws Exception {
        long[] range = HpoBenchmark.parseSeeds(seeds);
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = m.createObjectNode();
        doc.put("benchmark", "instances");
        doc.put("command", "./automl4j benchmark instances --functions " + String.join(",", functions) + " --pruners "
                + String.join(",", pruners) + " --instances " + instances + " --budget " + budget + " --seeds " + seeds);
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        ArrayNode runs = doc.putArray("runs");
        ArrayNode summary = doc.putArray("summary");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s %-14s %8s %8s %12s %12s %12s%n",
                "function", "pruner", "trials", "complete", "regret@1/4", "@1/2", "@budget"));
        for (String fn : functions) {
            BenchmarkProblem problem = Problems.byName(fn);
            double scale = spread(problem) / 5;
            for (String p : pruners) {
                List<Run> group = new ArrayList<>();
                for (long seed = range[0]; seed <= range[1]; seed++) {
                    Run r = run(problem, scale, p, seed, instances, budget);
                    group.add(r);
                    ObjectNode o = runs.addObject().put("function", fn).put("pruner", p).put("seed", seed)
                            .put("noise_sd", scale).put("trials", r.trials()).put("complete_trials", r.complete())
                            .put("evaluations", r.evaluations());
                    ObjectNode at = o.putObject("true_regret_at");
                    r.regretAt().forEach((c, v) -> at.put(Integer.toString(c), v));
                }
                ObjectNode o = summary.addObject().put("function", fn).put("pruner", p).put("seeds", group.size())
                        .put("median_trials", Stats.median(group.stream().mapToDouble(Run::trials).toArray()))
                        .put("median_complete_trials", Stats.median(group.stream().mapToDouble(Run::complete).toArray()));
                ObjectNode med = o.putObject("median_true_regret_at");
                double[] row = new double[3];
                int c = 0;
                for (int cp : new int[] {budget / 4, budget / 2, budget}) {
                    double[] v = group.stream().mapToDouble(r -> r.regretAt().getOrDefault(cp, Double.NaN)).toArray();
                    row[c++] = Stats.median(v);
                    med.put(Integer.toString(cp), row[c - 1]);
                }
                sb.append(String.format(Locale.ROOT, "%-18s %-14s %8.0f %8.0f %12.4g %12.4g %12.4g%n", fn, p,
                        o.get("median_trials").asDouble(), o.get("median_complete_trials").asDouble(), row[0], row[1],
                        row[2]));
            }
        }
        Path file = out != null ? out : Paths.get("bench", "results", "instances-"
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
