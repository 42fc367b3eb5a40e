package org.automl4j.nas.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.automl4j.data.images.ImageSet;
import org.automl4j.deep.DeepEngine;
import org.automl4j.nas.evaluator.CellNetworkSpec;
import org.automl4j.nas.evaluator.EpochCallback;
import org.automl4j.nas.evaluator.NetworkTrainer;
import org.automl4j.nas.evaluator.Samples;
import org.automl4j.nas.evaluator.TrainedNetwork;
import org.automl4j.nas.evaluator.TrainingConfig;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.space.Op;

/**
 * The recipe of automl4j's tabulated cell benchmark, {@code digits-cells-v1}, and its generator: every
 * isomorphism class of the cell space {none, skip_connect, nor_conv_3x3} (261 classes, the disconnected
 * one included) trained on the bundled 8x8 digits with one fixed short schedule for seeds 0, 1 and 2.
 *
 * <p>Data: the 1,797 digits split stratified 80/20 into train and test (seed 0), the train part split
 * 80/20 again into fit and validation (seed 1): 1,151 / 287 / 359 images. Network: {@link #SPEC}. Training:
 * {@link #CONFIG}. Each row of the table holds the class's canonical encoding, the seed, the validation
 * accuracy after every epoch, the final validation and test accuracy, the training time and the parameter
 * count. Regenerate with {@code ./automl4j benchmark nas-table} (or this class's {@code main}); the
 * generator appends to an existing file and skips what it holds, so an interrupted run resumes.
 */
public final class DigitsCellTable {
    /** The table's version; part of its resource name. */
    public static final String VERSION = "digits-cells-v1";
    /** The classpath resource holding the table. */
    public static final String RESOURCE = "/org/automl4j/nas/bench/" + VERSION + ".csv";
    /** The cell space tabulated. */
    public static final CellSpace SPACE = CellSpace.of(Op.NONE, Op.SKIP, Op.CONV_3X3);
    /** Stem of 16 filters, one cell, one stage. */
    public static final CellNetworkSpec SPEC = new CellNetworkSpec(16, 1, 1);
    /** Adam, learning rate 0.003 cosine-annealed, batch 64, 10 epochs. */
    public static final TrainingConfig CONFIG = new TrainingConfig(TrainingConfig.Optimizer.ADAM, 3e-3, 0.9, 0, 64, 10,
            1.0, true);
    /** The training seeds. */
    public static final List<Long> SEEDS = List.of(0L, 1L, 2L);
    /** The CSV header. */
    public static final String HEADER = "architecture,seed,validation_accuracy,test_accuracy,train_ms,cpu_ms,parameters,"
            + "validation_curve";

    private DigitsCellTable() {
    }

    /** The fit / validation / test parts of the digits the table was built on. */
    public static Samples[] data() {
        ImageSet.TrainTest outer = ImageSet.digits().split(0.2, 0);
        ImageSet.TrainTest inner = outer.train().split(0.2, 1);
        return new Samples[] {Samples.of(inner.train()), Samples.of(inner.test()), Samples.of(outer.test())};
    }

    /**
     * Trains every class of {@link #SPACE} for every seed not already in {@code out} and appends the rows.
     *
     * @param limit stop after this many new rows (for timing a few); {@code Integer.MAX_VALUE} for all
     * @param log   told one line per row
     */
    public static void generate(Path out, int limit, Consumer<String> log) {
        // one PyTorch thread: the networks are tiny, and on a shared 2-core machine a second spinning thread
        // costs more than it gives; the results do not depend on the thread count
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        DeepEngine engine = DeepEngine.start();
        Samples[] d = data();
        NetworkTrainer trainer = new NetworkTrainer(engine);
        Set<String> done = new HashSet<>();
        try {
            if (Files.exists(out)) {
                for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                    if (!line.startsWith("#") && !line.startsWith("architecture,") && !line.isBlank()) {
                        String[] f = line.split(",");
                        done.add(f[0] + "," + f[1]);
                    }
                }
            } else {
                if (out.getParent() != null) {
                    Files.createDirectories(out.getParent());
                }
                Files.writeString(out, header(engine, d), StandardCharsets.UTF_8);
            }
            List<Cell> classes = SPACE.classes();
            int written = 0;
            long started = System.nanoTime();
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
                for (long seed : SEEDS) {
                    for (Cell cell : classes) {
                        String key = cell.encode() + "," + seed;
                        if (done.contains(key) || written >= limit) {
                            continue;
                        }
                        String row = row(trainer, d, cell, seed);
                        w.write(row);
                        w.newLine();
                        w.flush();
                        written++;
                        log.accept(String.format(Locale.ROOT, "%d/%d  %.0f s  %s", done.size() + written,
                                classes.size() * SEEDS.size(), (System.nanoTime() - started) / 1e9, row));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the table " + out + ": " + e.getMessage(), e);
        }
    }

    static String row(NetworkTrainer trainer, Samples[] d, Cell cell, long seed) {
        long cpu0 = processCpuNanos();
        try (TrainedNetwork net = trainer.fit(() -> SPEC.build(cell, d[0].classes()), d[0], d[1], CONFIG, seed,
                EpochCallback.NONE)) {
            StringJoiner curve = new StringJoiner(";");
            for (double a : net.result().validationAccuracy()) {
                curve.add(String.format(Locale.ROOT, "%.6f", a));
            }
            double test = net.accuracy(d[2]);
            long cpuMs = (processCpuNanos() - cpu0) / 1_000_000;
            return String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%d,%d,%d,%s", cell.encode(), seed,
                    net.result().finalValidationAccuracy(), test, net.result().trainMillis(), cpuMs,
                    net.result().parameters(), curve);
        }
    }

    /** CPU time of the whole process (all threads), in nanoseconds. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static String header(DeepEngine engine, Samples[] d) {
        return "# automl4j tabulated NAS benchmark " + VERSION + "\n"
                + "# space: " + SPACE.encode() + " (" + SPACE.classes().size() + " isomorphism classes)\n"
                + "# data: bundled 8x8 digits; test = stratified 20% (seed 0); validation = stratified 20% of the rest"
                + " (seed 1); " + d[0].size() + " fit / " + d[1].size() + " validation / " + d[2].size() + " test\n"
                + "# network: " + SPEC + "\n"
                + "# training: " + CONFIG + "; seeds " + SEEDS + "\n"
                + "# engine: " + engine.describe() + ", " + System.getProperty("ai.djl.pytorch.num_threads", "default") + " thread(s)" + "; generated " + Instant.now() + " by org.automl4j.nas.bench.DigitsCellTable\n"
                + HEADER + "\n";
    }

    /** {@code DigitsCellTable OUT.csv [LIMIT]}: builds (or completes) the table. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: DigitsCellTable OUT.csv [LIMIT]");
            System.exit(2);
        }
        generate(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE, System.out::println);
    }
}
