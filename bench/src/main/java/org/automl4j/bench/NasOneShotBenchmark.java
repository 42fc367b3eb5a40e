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
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.automl4j.deep.DeepEngine;
import org.automl4j.nas.bench.DigitsCellTable;
import org.automl4j.nas.bench.TabulatedBenchmark;
import org.automl4j.nas.evaluator.Darts;
import org.automl4j.nas.evaluator.Samples;
import org.automl4j.nas.evaluator.Supernet;
import org.automl4j.nas.evaluator.TrainingConfig;
import org.automl4j.nas.space.Cell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j benchmark nas-oneshot}: how well weight sharing ranks architectures, on the tabulated
 * digits cells. On the table's own data, network skeleton and optimiser ({@link DigitsCellTable}), it
 * trains a one-shot {@link Supernet} per seed and scores a seeded sample of connected cells with the shared
 * weights; Kendall's tau against the table's stand-alone mean validation accuracy says how well the
 * rankings agree (with, for scale, the tau between one training seed of the table and the mean of the two
 * others on the same sample: the agreement stand-alone training reaches with itself). It also runs DARTS
 * (first order) per seed and reports where its discretised cell ranks in the table.
 */
@Command(name = "nas-oneshot", mixinStandardHelpOptions = true,
        description = "Ranking agreement of the one-shot supernet and DARTS with stand-alone training on the digits cell table"
                + " (trains; a few CPU minutes).",
        footer = {"", "Examples:", "  ./automl4j benchmark nas-oneshot",
                "  ./automl4j benchmark nas-oneshot --seeds 0 --sample 20 --supernet-epochs 10 --darts-epochs 5",
                "  ./automl4j benchmark nas-oneshot --controller reinforce --darts-epochs 0 --out bench/results/enas.json"})
final class NasOneShotBenchmark implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "0-4", description = "Seed range: one supernet and one DARTS run each (${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--sample", defaultValue = "50", description = "Connected cells scored per supernet (${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--supernet-epochs", defaultValue = "100", description = "Supernet training epochs (${DEFAULT-VALUE}).")
    int supernetEpochs;

    @Option(names = "--darts-epochs", defaultValue = "50", description = "DARTS search epochs; 0 skips DARTS (${DEFAULT-VALUE}).")
    int dartsEpochs;

    @Option(names = "--alpha-lr", defaultValue = "0.003", description = "DARTS architecture learning rate (${DEFAULT-VALUE}).")
    double alphaLr;

    @Option(names = "--controller", defaultValue = "uniform", description = "Supernet sampling: uniform, or reinforce"
            + " (ENAS: each batch's cell from a REINFORCE controller updated after every epoch from 20 children's"
            + " validation accuracy with the shared weights; the controller's most likely cell is ranked in the table too)"
            + " (${DEFAULT-VALUE}).")
    String controller;

    @Option(names = "--out", description = "Result JSON file (default bench/results/nas-oneshot-<date>.json).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (sample < 3 || supernetEpochs < 1 || dartsEpochs < 0 || !(alphaLr > 0)
                || !controller.equals("uniform") && !controller.equals("reinforce")) {
            System.err.println("need --sample >= 3, --supernet-epochs >= 1, --darts-epochs >= 0, --alpha-lr > 0 and"
                    + " --controller uniform or reinforce");
            return 2;
        }
        boolean enas = controller.equals("reinforce");
        long[] range = HpoBenchmark.parseSeeds(seeds);
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        DeepEngine engine = DeepEngine.start();
        TabulatedBenchmark table = TabulatedBenchmark.digits();
        List<Cell> ranking = table.ranking();
        List<Cell> connected = ranking.stream().filter(Cell::isConnected).toList();
        Samples[] d = DigitsCellTable.data();
        TrainingConfig base = DigitsCellTable.CONFIG;

        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = m.createObjectNode();
        doc.put("benchmark", "nas-oneshot");
        doc.put("command", "./automl4j benchmark nas-oneshot --seeds " + seeds + " --sample " + sample
                + " --supernet-epochs " + supernetEpochs + " --darts-epochs " + dartsEpochs + " --alpha-lr " + alphaLr
                + (enas ? " --controller reinforce" : ""));
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        doc.put("engine", engine.describe() + ", " + System.getProperty("ai.djl.pytorch.num_threads") + " PyTorch thread(s)");
        ObjectNode setup = doc.putObject("setup");
        setup.put("table", table.name());
        setup.put("space", table.space().encode());
        setup.put("network", DigitsCellTable.SPEC.toString());
        setup.put("data", d[0].size() + " fit / " + d[1].size() + " validation / " + d[2].size() + " test digits (the table's split)");
        setup.put("supernet_training", base.withEpochs(supernetEpochs).toString()
                + (enas ? "; each batch's cell drawn from a REINFORCE controller (" + Supernet.Sampling.reinforce()
                        + "), children rewarded with their accuracy on a validation batch" : "; one uniformly sampled cell per batch")
                + "; scores = validation accuracy with shared weights, batch-norm on batch statistics");
        setup.put("darts_training", dartsEpochs == 0 ? "skipped (--darts-epochs 0)" : base.withEpochs(dartsEpochs) + " for the weights (fit split); alpha: Adam lr " + alphaLr
                + ", betas 0.5/0.999, weight decay 1e-3 (validation split); first order; discretised by argmax over ops other than none");
        setup.put("sample", sample + " connected cells per seed, drawn without replacement with the run's seed from "
                + connected.size() + " connected classes");

        StringBuilder sb = new StringBuilder();
        ArrayNode sn = doc.putArray("supernet");
        List<Double> taus = new ArrayList<>();
        List<Double> ceilings = new ArrayList<>();
        List<Double> controllerPercentiles = new ArrayList<>();
        for (long seed = range[0]; seed <= range[1]; seed++) {
            List<Cell> cells = sampleCells(connected, Math.min(sample, connected.size()), seed);
            long t0 = System.nanoTime();
            double[] shared = new double[cells.size()];
            List<Double> losses;
            double trainSeconds;
            Supernet.Run run = null;
            try (Supernet net = new Supernet(engine, table.space(), DigitsCellTable.SPEC, d[0].sampleShape(), d[0].classes(),
                    seed)) {
                if (enas) {
                    run = net.train(d[0], d[1], base.withEpochs(supernetEpochs), seed, Supernet.Sampling.reinforce(),
                            org.automl4j.nas.evaluator.EpochCallback.NONE);
                    losses = run.losses();
                } else {
                    losses = net.train(d[0], base.withEpochs(supernetEpochs), seed);
                }
                trainSeconds = (System.nanoTime() - t0) / 1e9;
                for (int i = 0; i < cells.size(); i++) {
                    shared[i] = net.score(cells.get(i), d[1]);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] standalone = cells.stream().mapToDouble(table::meanValidation).toArray();
            double[] seed0 = cells.stream().mapToDouble(c -> table.lookup(c, 0).validationAccuracy()).toArray();
            double[] others = cells.stream().mapToDouble(c -> (table.lookup(c, 1).validationAccuracy()
                    + table.lookup(c, 2).validationAccuracy()) / 2).toArray();
            double tau = Stats.kendallTau(shared, standalone);
            double ceiling = Stats.kendallTau(seed0, others);
            taus.add(tau);
            ceilings.add(ceiling);
            ObjectNode o = sn.addObject().put("seed", seed).put("kendall_tau", tau)
                    .put("kendall_tau_table_seed0_vs_seeds12", ceiling)
                    .put("train_seconds", trainSeconds).put("wall_seconds", seconds)
                    .put("mean_shared_score", mean(shared)).put("mean_standalone", mean(standalone));
            ArrayNode l = o.putArray("epoch_loss");
            losses.forEach(l::add);
            if (run != null) {
                Cell best = run.policyCell().canonical();
                int rank = ranking.indexOf(best) + 1;
                double percentile = 100.0 * (ranking.size() - rank) / (ranking.size() - 1);
                controllerPercentiles.add(percentile);
                o.put("controller_cell", run.policyCell().encode()).put("controller_cell_rank", rank)
                        .put("controller_cell_percentile", percentile)
                        .put("controller_cell_mean_validation", table.meanValidation(best));
                ArrayNode cv = o.putArray("children_validation_per_epoch");
                run.validationScores().forEach(cv::add);
                sb.append(String.format(Locale.ROOT, "controller seed %d: most likely cell %s ranks %d of %d (percentile %.1f)%n",
                        seed, run.policyCell().encode(), rank, ranking.size(), percentile));
            }
            ArrayNode rows = o.putArray("cells");
            for (int i = 0; i < cells.size(); i++) {
                rows.addObject().put("cell", cells.get(i).encode()).put("supernet_score", shared[i])
                        .put("standalone_mean_validation", standalone[i]);
            }
            sb.append(String.format(Locale.ROOT, "supernet seed %d: Kendall tau %.3f on %d cells (table seed 0 vs seeds 1-2: %.3f),"
                    + " %.1f s%n", seed, tau, cells.size(), ceiling, seconds));
        }
        ArrayNode dn = doc.putArray("darts");
        List<Double> percentiles = new ArrayList<>();
        for (long seed = range[0]; seed <= range[1] && dartsEpochs > 0; seed++) {
            Darts.Result r = new Darts(engine, table.space(), DigitsCellTable.SPEC, alphaLr)
                    .search(d[0], d[1], base.withEpochs(dartsEpochs), seed);
            Cell c = r.cell().canonical();
            int rank = ranking.indexOf(c) + 1;
            double percentile = 100.0 * (ranking.size() - rank) / (ranking.size() - 1);
            percentiles.add(percentile);
            ObjectNode o = dn.addObject().put("seed", seed).put("cell", r.cell().encode()).put("rank", rank)
                    .put("of", ranking.size()).put("percentile", percentile)
                    .put("mean_validation", table.meanValidation(c)).put("mean_test", table.meanTest(c))
                    .put("seconds", r.millis() / 1000.0);
            ArrayNode w = o.putArray("softmax_alpha");
            for (double[] row : r.weights()) {
                ArrayNode a = w.addArray();
                for (double v : row) {
                    a.add(v);
                }
            }
            ArrayNode acc = o.putArray("mixed_validation_accuracy");
            r.validationAccuracy().forEach(acc::add);
            sb.append(String.format(Locale.ROOT, "DARTS seed %d: %s ranks %d of %d (percentile %.1f; mean validation %.4f,"
                    + " best %.4f), %.1f s%n", seed, r.cell().encode(), rank, ranking.size(), percentile,
                    table.meanValidation(c), table.meanValidation(ranking.get(0)), r.millis() / 1000.0));
        }
        ObjectNode summary = doc.putObject("summary");
        summary.put("median_kendall_tau", Stats.median(taus.stream().mapToDouble(Double::doubleValue).toArray()));
        summary.put("median_kendall_tau_table_seed0_vs_seeds12",
                Stats.median(ceilings.stream().mapToDouble(Double::doubleValue).toArray()));
        if (!percentiles.isEmpty()) {
            summary.put("median_darts_percentile", Stats.median(percentiles.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (!controllerPercentiles.isEmpty()) {
            summary.put("median_controller_cell_percentile",
                    Stats.median(controllerPercentiles.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        summary.put("best_mean_validation", table.meanValidation(ranking.get(0)));

        Path file = out != null ? out : Paths.get(System.getProperty("automl4j.root", ".")).resolve(Paths.get("bench",
                "results", "nas-oneshot-" + OffsetDateTime.now(ZoneOffset.UTC).toLocalDate() + ".json"));
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        m.writeValue(file.toFile(), doc);
        System.out.print(sb);
        System.out.printf(Locale.ROOT, "median Kendall tau %.3f (stand-alone self-agreement %.3f)%s%s%n",
                summary.get("median_kendall_tau").asDouble(), summary.get("median_kendall_tau_table_seed0_vs_seeds12").asDouble(),
                percentiles.isEmpty() ? "" : String.format(Locale.ROOT, "; median DARTS percentile %.1f",
                        summary.get("median_darts_percentile").asDouble()),
                controllerPercentiles.isEmpty() ? "" : String.format(Locale.ROOT, "; median controller-cell percentile %.1f",
                        summary.get("median_controller_cell_percentile").asDouble()));
        System.out.println("results written to " + file.toAbsolutePath());
        return 0;
    }

    static List<Cell> sampleCells(List<Cell> from, int n, long seed) {
        List<Cell> pool = new ArrayList<>(from);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(pool.size() - i);
            Cell t = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, t);
        }
        return List.copyOf(pool.subList(0, n));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
