package org.automl4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.automl4j.data.Dataset;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.io.CsvReader;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.automl4j.learners.mlp.MlpTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j benchmark transfer}: does a network trained on a similar task help a new one? On the 8x8
 * digits, a source network learns digits 0-4 from all their images; the target task is digits 5-9 from
 * K images per class. The same network is trained on the K-shot set from scratch and fine-tuned from the
 * source's hidden layers (a fresh output layer); both are scored on the other images of 5-9.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Transfer for the tabular neural network: fine-tuning from a network trained on digits 0-4"
                + " against training from scratch, on K-shot digits 5-9. Writes bench/results/transfer-<date>.json.",
        footer = {"", "Example:", "  ./automl4j benchmark transfer --digits ../shared/datasets/images/digits_8x8.csv"})
final class TransferBenchmark implements Callable<Integer> {

    @Option(names = "--digits", defaultValue = "../shared/datasets/images/digits_8x8.csv",
            description = "The 8x8 digits CSV (pixel_*, target).")
    Path digits;

    @Option(names = "--shots", split = ",", defaultValue = "5,10,20", description = "Images per class of the target task.")
    List<Integer> shots;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds (splits and initialisations).")
    int seeds;

    @Option(names = "--out", description = "Result file (default bench/results/transfer-<date>.json).")
    Path out;

    static final Map<String, Object> NET = Map.of("hidden_units", 128, "layers", 2, "dropout", 0.1,
            "learning_rate", 3e-3, "batch_size", 32);

    @Override
    public Integer call() throws Exception {
        Table t = new CsvReader().read(digits);
        NumericColumn target = (NumericColumn) t.column("target");
        List<String> pixels = t.names().stream().filter(n -> n.startsWith("pixel")).toList();
        int n = t.rowCount();
        double[][] x = new double[n][pixels.size()];
        for (int j = 0; j < pixels.size(); j++) {
            NumericColumn c = (NumericColumn) t.column(pixels.get(j));
            for (int i = 0; i < n; i++) {
                x[i][j] = c.get(i) / 16.0;
            }
        }
        List<Integer> low = new ArrayList<>();
        List<Integer> high = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (target.get(i) < 5 ? low : high).add(i);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("benchmark", "transfer");
        doc.put("command", "./automl4j benchmark transfer --digits " + digits + " --shots "
                + String.join(",", shots.stream().map(String::valueOf).toList()) + " --seeds " + seeds);
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        doc.put("load_average_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        doc.put("protocol", "source: mlp (2 x 128, dropout 0.1, Adam 3e-3, batch 32) on all images of digits 0-4, 60"
                + " epochs; target: digits 5-9 with K images per class (seeded), the rest as test; scratch = the same"
                + " network trained from a random initialisation, transfer = the source's hidden layers fine-tuned with"
                + " a fresh head; both 100 epochs, no early stopping; test accuracy");
        ArrayNode rows = doc.putArray("runs");
        ArrayNode summary = doc.putArray("summary");
        Dataset source = dataset(x, target, low, 0);
        for (int k : shots) {
            double[] scratch = new double[seeds];
            double[] transfer = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                Model src = Learners.byName("mlp").fit(source, with(NET, "epochs", 60), s);
                SplittableRandom rnd = new SplittableRandom(1000L * k + s);
                List<Integer> train = new ArrayList<>();
                List<Integer> test = new ArrayList<>();
                for (int c = 5; c < 10; c++) {
                    List<Integer> ofClass = new ArrayList<>();
                    for (int i : high) {
                        if ((int) target.get(i) == c) {
                            ofClass.add(i);
                        }
                    }
                    for (int i = ofClass.size() - 1; i > 0; i--) {
                        int j = rnd.nextInt(i + 1);
                        Integer tmp = ofClass.get(i);
                        ofClass.set(i, ofClass.get(j));
                        ofClass.set(j, tmp);
                    }
                    train.addAll(ofClass.subList(0, k));
                    test.addAll(ofClass.subList(k, ofClass.size()));
                }
                Dataset tr = dataset(x, target, train, 5);
                Dataset te = dataset(x, target, test, 5);
                Model fromScratch = Learners.byName("mlp").fit(tr, with(NET, "epochs", 100), s);
                Model tuned = MlpTransfer.fineTune(src, tr, with(NET, "epochs", 100), s, null);
                scratch[s] = accuracy(fromScratch, te);
                transfer[s] = accuracy(tuned, te);
                ObjectNode r = rows.addObject();
                r.put("shots", k).put("seed", s).put("scratch_accuracy", scratch[s]).put("transfer_accuracy", transfer[s]);
                System.out.printf(Locale.ROOT, "K=%2d seed %d: scratch %.4f  transfer %.4f%n", k, s, scratch[s],
                        transfer[s]);
            }
            ObjectNode m = summary.addObject();
            m.put("shots", k).put("median_scratch_accuracy", Stats.median(scratch))
                    .put("median_transfer_accuracy", Stats.median(transfer));
            int wins = 0;
            for (int s = 0; s < seeds; s++) {
                wins += transfer[s] > scratch[s] ? 1 : 0;
            }
            m.put("transfer_wins", wins).put("seeds", seeds);
        }
        doc.put("load_average_at_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path file = out != null ? out : Paths.get("bench", "results", "transfer-"
                + OffsetDateTime.now(ZoneOffset.UTC).toLocalDate() + ".json");
        Files.createDirectories(file.toAbsolutePath().getParent());
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        System.out.println(summary.toPrettyString());
        System.out.println("results written to " + file.toAbsolutePath());
        return 0;
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static Dataset dataset(double[][] x, NumericColumn target, List<Integer> rows, int firstClass) {
        double[][] xs = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x[rows.get(i)];
            y[i] = target.get(rows.get(i)) - firstClass;
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            classes.add(String.valueOf(firstClass + c));
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < x[0].length; j++) {
            names.add("p" + j);
        }
        return new Dataset(xs, y, null, Task.MULTICLASS, classes, names);
    }

    private static double accuracy(Model m, Dataset d) {
        double[] p = m.predict(d.x());
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += p[i] == d.y()[i] ? 1 : 0;
        }
        return right / (double) p.length;
    }
}
