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
import java.util.Set;
import java.util.concurrent.Callable;
import org.automl4j.nas.bench.TabulatedBenchmark;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.strategy.CellStrategy;
import org.automl4j.nas.strategy.ProgressiveSearch;
import org.automl4j.nas.strategy.RandomSearch;
import org.automl4j.nas.strategy.RegularizedEvolution;
import org.automl4j.nas.strategy.ReinforceController;
import org.automl4j.nas.strategy.SamplerSearch;
import org.automl4j.nas.strategy.SearchHistory;
import org.automl4j.sampler.Samplers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j benchmark nas}: the cell-search strategies on automl4j's tabulated benchmark
 * ({@code digits-cells-v1}: 261 architectures x 3 seeds). Each (strategy, seed) run spends
 * {@code --budget} queries; a query returns the validation accuracy of one of the architecture's training
 * seeds. Reported: the evaluations until an architecture of the top 5 % (by mean validation accuracy over
 * the seeds) is first evaluated, and anytime curves of the incumbent (the architecture with the best
 * observed score so far): its mean validation accuracy, regret against the best, and mean test accuracy.
 */
@Command(name = "nas", mixinStandardHelpOptions = true,
        description = "Compares the NAS strategies on the tabulated digits cell benchmark (lookups, no training).",
        footer = {"", "Examples:", "  ./automl4j benchmark nas", "  ./automl4j benchmark nas --seeds 0-19 --budget 150",
                "  ./automl4j benchmark nas --strategies random,evolution --table my-table.csv"})
final class NasBenchmark implements Callable<Integer> {

    static final int[] CHECKPOINTS = {10, 25, 50, 100, 150};
    static final List<String> ALL = List.of("random", "evolution", "reinforce", "tpe", "smac", "progressive");

    @Option(names = "--strategies", defaultValue = "random,evolution,reinforce,tpe,smac,progressive", split = ",",
            description = "Strategies (${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--seeds", defaultValue = "0-19", description = "Seed range (${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--budget", defaultValue = "150", description = "Queries per run (${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--top", defaultValue = "0.05", description = "Top fraction that counts as found (${DEFAULT-VALUE}).")
    double top;

    @Option(names = "--table", description = "A table file (default: the bundled digits-cells-v1).")
    Path table;

    @Option(names = "--out", description = "Result JSON file (default bench/results/nas-<date>.json).")
    Path out;

    /** The strategy a name stands for, with the settings this benchmark uses. */
    static CellStrategy strategy(String name) {
        return switch (name) {
            case "random" -> new RandomSearch();
            case "evolution" -> new RegularizedEvolution(20, 5);
            case "reinforce" -> new ReinforceController(0.5, 0.9);
            case "tpe" -> new SamplerSearch("tpe", Samplers::tpe);
            case "smac" -> new SamplerSearch("smac", Samplers::smac);
            case "progressive" -> new ProgressiveSearch(5);
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "'; use " + String.join(", ", ALL));
        };
    }

    /**
     * One run's outcome.
     *
     * @param foundAt     evaluations until a top architecture was first evaluated, or budget + 1 if never
     * @param incumbentMeanValidation the incumbent's mean validation accuracy after each evaluation
     * @param incumbentMeanTest       the incumbent's mean test accuracy after each evaluation
     */
    record Run(String strategy, long seed, int foundAt, List<Double> incumbentMeanValidation,
            List<Double> incumbentMeanTest, String finalIncumbent, double millis) {
    }

    static Run run(String name, TabulatedBenchmark table, Set<Cell> topSet, int budget, long seed) {
        long t0 = System.nanoTime();
        SearchHistory h = strategy(name).search(table.space(), table, budget, seed);
        double millis = (System.nanoTime() - t0) / 1e6;
        int foundAt = budget + 1;
        List<Double> val = new ArrayList<>();
        List<Double> test = new ArrayList<>();
        double bestObserved = Double.NEGATIVE_INFINITY;
        Cell incumbent = null;
        List<SearchHistory.Evaluation> ev = h.evaluations();
        for (int i = 0; i < ev.size(); i++) {
            Cell c = ev.get(i).cell().canonical();
            if (foundAt > budget && topSet.contains(c)) {
                foundAt = i + 1;
            }
            if (ev.get(i).score() > bestObserved) {
                bestObserved = ev.get(i).score();
                incumbent = c;
            }
            val.add(table.meanValidation(incumbent));
            test.add(table.meanTest(incumbent));
        }
        while (val.size() < budget) { // a strategy that ran out of new cells keeps its incumbent
            val.add(val.get(val.size() - 1));
            test.add(test.get(test.size() - 1));
        }
        return new Run(name, seed, foundAt, val, test, incumbent.encode(), millis);
    }

    @Override
    public Integer call() throws Exception {
        for (String s : strategies) {
            if (!ALL.contains(s)) {
                System.err.println("unknown strategy '" + s + "'; use " + String.join(", ", ALL));
                return 2;
            }
        }
        if (budget < 1) {
            System.err.println("--budget must be at least 1, got " + budget);
            return 2;
        }
        long[] range = HpoBenchmark.parseSeeds(seeds);
        TabulatedBenchmark t = table == null ? TabulatedBenchmark.digits() : TabulatedBenchmark.read(table);
        List<Cell> ranking = t.ranking();
        Set<Cell> topSet = t.top(top);
        double best = t.meanValidation(ranking.get(0));

        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = m.createObjectNode();
        doc.put("benchmark", "nas");
        doc.put("command", "./automl4j benchmark nas --strategies " + String.join(",", strategies) + " --seeds " + seeds
                + " --budget " + budget + (top != 0.05 ? " --top " + top : "") + (table != null ? " --table " + table : ""));
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        ObjectNode tab = doc.putObject("table");
        tab.put("name", t.name());
        tab.put("space", t.space().encode());
        tab.put("architectures", ranking.size());
        tab.put("complete", t.isComplete());
        tab.put("top_fraction", top);
        tab.put("top_architectures", topSet.size());
        tab.put("top_cutoff_mean_validation", topSet.stream().mapToDouble(t::meanValidation).min().orElseThrow());
        tab.put("best_architecture", ranking.get(0).encode());
        tab.put("best_mean_validation", best);
        tab.put("best_mean_test", t.meanTest(ranking.get(0)));
        tab.put("median_mean_validation", t.meanValidation(ranking.get(ranking.size() / 2)));
        tab.put("cpu_seconds_to_build", t.totalCpuSeconds());
        ArrayNode comments = tab.putArray("recipe");
        t.comments().forEach(comments::add);

        ArrayNode runs = doc.putArray("runs");
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (String s : strategies) {
            for (long seed = range[0]; seed <= range[1]; seed++) {
                Run r = run(s, t, topSet, budget, seed);
                groups.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
                ObjectNode o = runs.addObject().put("strategy", s).put("seed", seed).put("budget", budget)
                        .put("evaluations_to_top", r.foundAt()).put("found", r.foundAt() <= budget)
                        .put("final_incumbent", r.finalIncumbent()).put("wall_ms", r.millis());
                ArrayNode v = o.putArray("incumbent_mean_validation");
                r.incumbentMeanValidation().forEach(v::add);
                ArrayNode te = o.putArray("incumbent_mean_test");
                r.incumbentMeanTest().forEach(te::add);
            }
        }

        ArrayNode summary = doc.putArray("summary");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "table %s: %d architectures, top %.0f%% = %d (mean validation >= %.4f), best %.4f%n", t.name(),
                ranking.size(), top * 100, topSet.size(), tab.get("top_cutoff_mean_validation").asDouble(), best));
        sb.append(String.format(Locale.ROOT, "%-12s %12s %14s %7s   %s%n", "strategy", "evals to top", "[q25, q75]",
                "found", "median regret (mean validation) after 10 / 25 / 50 / 100 / 150 evaluations"));
        for (Map.Entry<String, List<Run>> e : groups.entrySet()) {
            List<Run> g = e.getValue();
            double[] found = g.stream().mapToDouble(Run::foundAt).toArray();
            ObjectNode o = summary.addObject().put("strategy", e.getKey()).put("seeds", g.size())
                    .put("median_evaluations_to_top", Stats.median(found))
                    .put("q25_evaluations_to_top", Stats.quantile(found, 0.25))
                    .put("q75_evaluations_to_top", Stats.quantile(found, 0.75))
                    .put("found_fraction", g.stream().filter(r -> r.foundAt() <= budget).count() / (double) g.size())
                    .put("median_wall_ms", Stats.median(g.stream().mapToDouble(Run::millis).toArray()));
            ArrayNode curveVal = o.putArray("median_incumbent_mean_validation");
            ArrayNode curveTest = o.putArray("median_incumbent_mean_test");
            for (int i = 0; i < budget; i++) {
                int k = i;
                curveVal.add(Stats.median(g.stream().mapToDouble(r -> r.incumbentMeanValidation().get(k)).toArray()));
                curveTest.add(Stats.median(g.stream().mapToDouble(r -> r.incumbentMeanTest().get(k)).toArray()));
            }
            ObjectNode regret = o.putObject("median_regret_at");
            StringBuilder rs = new StringBuilder();
            for (int cp : CHECKPOINTS) {
                if (cp <= budget) {
                    double r = best - curveVal.get(cp - 1).asDouble();
                    regret.put(Integer.toString(cp), r);
                    rs.append(String.format(Locale.ROOT, " %.4f", r));
                }
            }
            sb.append(String.format(Locale.ROOT, "%-12s %12.1f [%5.1f, %5.1f] %6.0f%%  %s%n", e.getKey(),
                    o.get("median_evaluations_to_top").asDouble(), o.get("q25_evaluations_to_top").asDouble(),
                    o.get("q75_evaluations_to_top").asDouble(), 100 * o.get("found_fraction").asDouble(), rs));
        }
        Path file = out != null ? out : Paths.get(System.getProperty("automl4j.root", ".")).resolve(Paths.get("bench",
                "results", "nas-" + OffsetDateTime.now(ZoneOffset.UTC).toLocalDate() + ".json"));
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        m.writeValue(file.toFile(), doc);
        System.out.print(sb);
        System.out.println("(a run that never found one counts as budget + 1)");
        System.out.println("results written to " + file.toAbsolutePath());
        return 0;
    }
}
