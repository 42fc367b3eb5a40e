package org.automl4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.io.CsvOptions;
import org.automl4j.data.io.CsvReader;
import org.automl4j.data.metrics.Metric;
import org.automl4j.tabular.AutoML;
import org.automl4j.tabular.AutoMLOptions;
import org.automl4j.tabular.AutoMLResult;
import org.automl4j.tabular.LeaderboardEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark automl}: fits on each development split's train.csv within the budget, predicts
 * test.csv, and computes the test metrics as the peers' harness does (argmax label; balanced accuracy
 * over the classes present in the test set; one-vs-rest macro AUC); prints them next to H2O AutoML's
 * and scikit-learn's figures at the same budget.
 */
@Command(name = "automl", mixinStandardHelpOptions = true,
        description = "Tabular AutoML on the fixed 75/25 splits of ../shared/peers/automl/splits, against H2O AutoML"
                + " and a scikit-learn baseline at the same budget.",
        footer = {"", "Examples:", "  ./automl4j benchmark automl --budget 60",
                "  ./automl4j benchmark automl --datasets iris,credit_g --budget 30",
                "  ./automl4j benchmark automl --train a/train.csv --test a/test.csv --task binary --budget 60"})
public final class AutomlBenchmark implements Callable<Integer> {

    @Option(names = "--splits", description = "Folder of <dataset>/{train,test}.csv (default ../shared/peers/automl/splits).")
    Path splits;

    @Option(names = "--datasets", split = ",", description = "Datasets to run (default: all in --splits).")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--train", description = "One training file instead of --splits (with --test).")
    Path train;

    @Option(names = "--test", description = "The test file for --train.")
    Path test;

    @Option(names = "--task", description = "binary, multiclass or regression (default: inferred).")
    Task task;

    @Option(names = "--budget", defaultValue = "60", description = "Seconds per dataset (default ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Result JSON (default bench/results/automl-<budget>s-<date>.json).")
    Path out;

    @Option(names = "--predictions", description = "Folder for the test-set predictions, one CSV per dataset.")
    Path predictions;

    @Option(names = "--meta", description = "Fit with meta-learning, leaving the dataset itself out of the bundled"
            + " knowledge base (off by default here, so results compare with the earlier runs against H2O; the fit"
            + " command itself uses it unless --no-meta).")
    boolean meta;

    private static final ObjectMapper M = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        Path root = Paths.get(System.getProperty("automl4j.root", "."));
        List<String[]> jobs = new ArrayList<>(); // name, train, test
        if (train != null) {
            if (test == null) {
                throw new IllegalArgumentException("--train needs --test");
            }
            jobs.add(new String[] {train.getParent().getFileName().toString(), train.toString(), test.toString()});
        } else {
            Path dir = splits != null ? splits : root.resolve("../shared/peers/automl/splits");
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no splits folder at " + dir.toAbsolutePath()
                        + "; give --splits or --train/--test");
            }
            try (var s = Files.list(dir)) {
                for (Path d : s.sorted().toList()) {
                    String name = d.getFileName().toString();
                    if (Files.isRegularFile(d.resolve("train.csv")) && (datasets.isEmpty() || datasets.contains(name))) {
                        jobs.add(new String[] {name, d.resolve("train.csv").toString(), d.resolve("test.csv").toString()});
                    }
                }
            }
        }
        Map<String, JsonNode> h2o = peers(root.resolve("../shared/peers/automl/results/h2o-60s.jsonl"));
        Map<String, JsonNode> sk = peers(root.resolve("../shared/peers/automl/results/sklearn-60s.jsonl"));
        ObjectNode doc = M.createObjectNode();
        doc.put("benchmark", "automl");
        doc.put("command", "./automl4j benchmark automl --budget " + budget + " --seed " + seed
                + (meta ? " --meta" : "")
                + (datasets.isEmpty() ? "" : " --datasets " + String.join(",", datasets)));
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        ArrayNode runs = doc.putArray("runs");
        ArrayNode summary = doc.putArray("summary");
        int better = 0;
        int compared = 0;
        System.out.printf(Locale.ROOT, "%-24s %-10s %10s %10s %10s %7s %7s %6s  %s%n", "dataset", "task", "metric", "ours",
                "H2O", "sklearn", "wall s", "models", "leader");
        for (String[] job : jobs) {
            ObjectNode r = runs.addObject();
            r.put("dataset", job[0]).put("budget_s", budget).put("seed", seed);
            try {
                run(job, r);
                r.put("status", "ok");
            } catch (Exception | OutOfMemoryError e) {
                r.put("status", "error").put("error", e.toString());
                System.out.printf(Locale.ROOT, "%-24s ERROR %s%n", job[0], e);
                continue;
            }
            String t = r.path("task").asText();
            boolean cls = !t.equals("regression");
            String key = cls ? "balanced_accuracy" : "rmse";
            double ours = r.path(key).asDouble();
            JsonNode hp = h2o.get(job[0]);
            JsonNode sp = sk.get(job[0]);
            double theirs = hp == null ? Double.NaN : hp.path("metrics").path(key).asDouble(Double.NaN);
            double skv = sp == null ? Double.NaN : sp.path("metrics").path(key).asDouble(Double.NaN);
            boolean atLeast = !Double.isNaN(theirs) && (cls ? ours >= theirs : ours <= theirs);
            if (!Double.isNaN(theirs)) {
                compared++;
                better += atLeast ? 1 : 0;
            }
            ObjectNode s = summary.addObject();
            s.put("dataset", job[0]).put("task", t).put("metric", key).put("ours", ours).put("h2o", theirs)
                    .put("sklearn", skv).put("at_least_h2o", atLeast).put("wall_s", r.path("wall_s").asDouble());
            System.out.printf(Locale.ROOT, "%-24s %-10s %10s %10.4f %10.4f %7.4f %7.1f %6d  %s%n", job[0], t, key, ours,
                    theirs, skv, r.path("wall_s").asDouble(), r.path("models_trained").asInt(), r.path("leader").asText());
        }
        doc.put("datasets_at_least_h2o", better).put("datasets_compared", compared);
        System.out.printf(Locale.ROOT, "at least as good as H2O AutoML on %d of %d datasets%n", better, compared);
        Path file = out != null ? out : Paths.get("bench", "results", String.format(Locale.ROOT, "automl-%.0fs-%s.json",
                budget, OffsetDateTime.now(ZoneOffset.UTC).toLocalDate()));
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        M.writeValue(file.toFile(), doc);
        System.out.println("results written to " + file.toAbsolutePath());
        return 0;
    }

    private void run(String[] job, ObjectNode r) throws Exception {
        long t0 = System.nanoTime();
        Table trainTable = new CsvReader().read(Path.of(job[1]));
        LabeledTable data = task == null ? LabeledTable.of(trainTable, "target") : LabeledTable.of(trainTable, "target", task);
        // meta-learning leaves the dataset itself out of the bundled knowledge base (built from the same datasets)
        AutoMLOptions options = AutoMLOptions.of(Duration.ofMillis((long) (budget * 1000))).withSeed(seed)
                .withTask(data.task()).withMeta(meta ? org.automl4j.tabular.MetaLearning.on().excluding(java.util.Set.of(job[0]))
                        : org.automl4j.tabular.MetaLearning.off());
        AutoMLResult result = AutoML.fit(data, options, null);
        Table testTable = new CsvReader(CsvOptions.builder().types(trainTable.columns().stream().collect(
                java.util.stream.Collectors.toMap(c -> c.name(), c -> c.type()))).build()).read(Path.of(job[2]));
        LabeledTable testData = data.task().isClassification()
                ? LabeledTable.of(testTable, "target", data.task()) : LabeledTable.of(testTable, "target", Task.REGRESSION);
        double wall = (System.nanoTime() - t0) / 1e9;
        r.put("task", data.task().name().toLowerCase(Locale.ROOT)).put("wall_s", wall)
                .put("fit_s", result.seconds()).put("models_trained", result.trials())
                .put("ensemble_members", result.model().members().size())
                .put("validation_score", result.ensembleScore());
        LeaderboardEntry leader = result.leaderboard().get(0);
        r.put("leader", result.model().members().size() > 1 ? "ensemble of " + result.model().members().size()
                : leader.learner());
        if (data.task().isClassification()) {
            double[][] proba = result.model().predictProba(testData.features());
            // test labels as indices of the model's classes (a test class unseen in training counts as wrong)
            Map<String, Integer> idx = new HashMap<>();
            for (int k = 0; k < result.model().classes().size(); k++) {
                idx.put(result.model().classes().get(k), k);
            }
            double[] y = new double[testData.rows()];
            for (int i = 0; i < y.length; i++) {
                String label = testData.classes().get(testData.labels()[i]);
                y[i] = idx.getOrDefault(label, -1);
            }
            for (Metric m : List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY, Metric.F1_MACRO, Metric.LOG_LOSS,
                    Metric.ROC_AUC)) {
                try {
                    r.put(m.id(), m.score(y, proba));
                } catch (RuntimeException e) {
                    r.put(m.id() + "_error", e.getMessage());
                }
            }
            if (predictions != null) {
                writePredictions(job[0], y, proba, result.model().classes());
            }
        } else {
            double[] pred = result.model().predictValues(testData.features());
            double[] y = testData.y();
            for (Metric m : List.of(Metric.RMSE, Metric.MAE, Metric.R2)) {
                r.put(m.id(), m.score(y, pred));
            }
        }
    }

    private void writePredictions(String name, double[] y, double[][] proba, List<String> classes) throws Exception {
        Files.createDirectories(predictions);
        try (BufferedWriter w = Files.newBufferedWriter(predictions.resolve("dev-" + name + ".csv"),
                StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("y_true");
            classes.forEach(c -> h.append(",p_").append(c));
            w.write(h.append('\n').toString());
            for (int i = 0; i < y.length; i++) {
                StringBuilder sb = new StringBuilder(y[i] < 0 ? "?" : classes.get((int) y[i]));
                for (double p : proba[i]) {
                    sb.append(',').append(p);
                }
                w.write(sb.append('\n').toString());
            }
        }
    }

    private static Map<String, JsonNode> peers(Path jsonl) {
        Map<String, JsonNode> out = new HashMap<>();
        if (!Files.isRegularFile(jsonl)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(jsonl)) {
                if (!line.isBlank()) {
                    JsonNode n = M.readTree(line);
                    String d = n.path("dataset").asText();
                    out.put(d.substring(d.indexOf('/') + 1), n);
                }
            }
        } catch (Exception e) {
            System.err.println("could not read peer figures " + jsonl + ": " + e);
        }
        return out;
    }
}
