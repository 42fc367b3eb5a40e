package org.automl4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code automl4j benchmark rank}: merges the summaries of several {@code hpo} result files (same trial
 * count and seeds) and ranks every sampler together with all of Optuna's by median final regret.
 */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Mean rank of median final regret over the problems, ours (from result files) with Optuna's.",
        footer = {"", "Example:", "  ./automl4j benchmark rank bench/results/hpo-suite-200x10.json bench/results/hpo-cmaes-200x10.json"})
final class RankBenchmark implements Callable<Integer> {

    @Parameters(arity = "1..*", description = "hpo result files to merge")
    List<Path> files;

    @Option(names = "--exclude", split = ",", description = "samplers to leave out")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--peers", description = "Optuna's figures (default ../shared/peers/hpo/optuna-3.1.0.json.gz)")
    Path peers;

    @Override
    public Integer call() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode merged = m.createObjectNode();
        ArrayNode summary = merged.putArray("summary");
        Set<String> fns = new LinkedHashSet<>();
        Set<String> trials = new LinkedHashSet<>();
        for (Path f : files) {
            JsonNode doc = m.readTree(f.toFile());
            for (JsonNode s : doc.get("summary")) {
                if (!exclude.contains(s.get("sampler").asText())) {
                    summary.add(s);
                    fns.add(s.get("function").asText());
                }
            }
            for (JsonNode r : doc.get("runs")) {
                trials.add(r.get("trials").asText());
                break;
            }
        }
        Path peerFile = peers != null ? peers : Paths.get(System.getProperty("automl4j.root", "."))
                .resolve("../shared/peers/hpo/optuna-3.1.0.json.gz");
        OptunaPeer peer = OptunaPeer.load(peerFile);
        ObjectNode ranks = HpoBenchmark.meanRanks(merged, peer, new ArrayList<>(fns));
        System.out.printf(Locale.ROOT, "mean rank over %d problems (trials per run in the files: %s; Optuna: 200):%n",
                fns.size(), trials);
        ranks.fields().forEachRemaining(e -> System.out.printf(Locale.ROOT, "  %-22s %.2f%n", e.getKey(),
                e.getValue().asDouble()));
        return 0;
    }
}
