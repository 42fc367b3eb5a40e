package org.automl4j.nas.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.automl4j.nas.space.Cell;
import org.automl4j.nas.space.CellSpace;
import org.automl4j.nas.strategy.TrialCellEvaluator;
import org.automl4j.trial.Trial;

/**
 * A tabulated NAS benchmark (as NAS-Bench-201 is for the field): every architecture of a small cell space
 * trained beforehand for several seeds, so a strategy's query is a table lookup and strategies can be
 * compared over many repetitions in seconds. A query returns the validation accuracy of one of the
 * architecture's seeds, drawn with the query's seed (training noise is part of the benchmark);
 * isomorphic cells share one entry ({@link Cell#canonical()}). With a trial, the stored per-epoch
 * validation curve is replayed, so pruners stop architectures as they would in real training.
 */
public final class TabulatedBenchmark implements TrialCellEvaluator {

    /**
     * One training run of the table.
     *
     * @param cell               the architecture (canonical)
     * @param seed               the training seed
     * @param validationAccuracy validation accuracy after the last epoch
     * @param testAccuracy       accuracy on the held-out test images
     * @param trainMillis        wall time of the run
     * @param cpuMillis          CPU time of the run
     * @param parameters         trainable values of the network
     * @param validationCurve    validation accuracy after every epoch
     */
    public record Entry(Cell cell, long seed, double validationAccuracy, double testAccuracy, long trainMillis,
            long cpuMillis, long parameters, List<Double> validationCurve) {
        public Entry {
            validationCurve = List.copyOf(validationCurve);
        }
    }

    private final String name;
    private final CellSpace space;
    private final Map<Cell, List<Entry>> entries;
    private final List<String> comments;

    private TabulatedBenchmark(String name, CellSpace space, Map<Cell, List<Entry>> entries, List<String> comments) {
        this.name = name;
        this.space = space;
        this.entries = entries;
        this.comments = List.copyOf(comments);
    }

    /** The table shipped with automl4j: {@link DigitsCellTable#VERSION} (see {@link DigitsCellTable}). */
    public static TabulatedBenchmark digits() {
        try (InputStream in = TabulatedBenchmark.class.getResourceAsStream(DigitsCellTable.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the benchmark table " + DigitsCellTable.RESOURCE + " is missing from the"
                        + " class path; rebuild it with ./automl4j benchmark nas-table");
            }
            return read(in, "classpath:" + DigitsCellTable.RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a table file written by {@link DigitsCellTable}. */
    public static TabulatedBenchmark read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmark table " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a table: {@code #} comment lines (one {@code # space: <ops>} line gives the cell space), the
     * header {@link DigitsCellTable#HEADER}, then one row per architecture and seed.
     *
     * @throws IllegalArgumentException naming the source and line of a malformed row
     */
    public static TabulatedBenchmark read(InputStream in, String source) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<Cell, List<Entry>> entries = new LinkedHashMap<>();
        List<String> comments = new ArrayList<>();
        CellSpace space = null;
        String line;
        int n = 0;
        boolean header = false;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                if (line.startsWith("# space: ")) {
                    String ops = line.substring("# space: ".length()).split(" ")[0];
                    space = CellSpace.parse(ops);
                }
                continue;
            }
            if (!header) {
                if (!line.equals(DigitsCellTable.HEADER)) {
                    throw new IllegalArgumentException(source + ", line " + n + ": expected the header '"
                            + DigitsCellTable.HEADER + "'");
                }
                header = true;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 8) {
                throw new IllegalArgumentException(source + ", line " + n + ": expected 8 fields, got " + f.length);
            }
            try {
                Cell cell = Cell.decode(f[0]).canonical();
                List<Double> curve = new ArrayList<>();
                for (String v : f[7].split(";")) {
                    curve.add(Double.parseDouble(v));
                }
                entries.computeIfAbsent(cell, c -> new ArrayList<>()).add(new Entry(cell, Long.parseLong(f[1]),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
                        Long.parseLong(f[6]), curve));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ", line " + n + ": " + e.getMessage(), e);
            }
        }
        if (space == null) {
            throw new IllegalArgumentException(source + ": no '# space: <ops>' line; the table does not say its cell space");
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(source + ": the table has no rows");
        }
        for (List<Entry> e : entries.values()) {
            e.sort(Comparator.comparingLong(Entry::seed));
        }
        return new TabulatedBenchmark(source, space, entries, comments);
    }

    /** Where the table was read from. */
    public String name() {
        return name;
    }

    /** The cell space the table covers. */
    public CellSpace space() {
        return space;
    }

    /** The table's comment lines (recipe, engine, date). */
    public List<String> comments() {
        return comments;
    }

    /** The tabulated architectures (canonical cells), in table order. */
    public List<Cell> architectures() {
        return List.copyOf(entries.keySet());
    }

    /** Whether every class of {@link #space()} has at least one row. */
    public boolean isComplete() {
        return entries.keySet().containsAll(space.classes());
    }

    /**
     * The runs of {@code cell}'s isomorphism class, by seed.
     *
     * @throws IllegalArgumentException if the class is not in the table
     */
    public List<Entry> entries(Cell cell) {
        List<Entry> e = entries.get(cell.canonical());
        if (e == null) {
            throw new IllegalArgumentException("cell " + cell.encode() + " is not in the table " + name + " (space "
                    + space + (space.contains(cell) ? "; the table is incomplete, rebuild it)" : ")"));
        }
        return e;
    }

    /** The run a query with {@code seed} sees: one of the class's seeds, drawn uniformly with {@code seed}. */
    public Entry lookup(Cell cell, long seed) {
        List<Entry> e = entries(cell);
        return e.get(new SplittableRandom(seed).nextInt(e.size()));
    }

    /** The validation accuracy of a seeded draw among the architecture's runs. */
    @Override
    public double evaluate(Cell cell, long seed) {
        return lookup(cell, seed).validationAccuracy();
    }

    /**
     * Replays the drawn run's validation curve to {@code trial}, one report per epoch ({@code reportAt} when
     * the study has an epoch budget), stopping when the pruner says so.
     */
    @Override
    public Outcome evaluate(Cell cell, long seed, Trial trial) {
        Entry e = lookup(cell, seed);
        List<Double> curve = e.validationCurve();
        boolean budget = trial.budget().isPresent();
        for (int epoch = 1; epoch <= curve.size(); epoch++) {
            double v = curve.get(epoch - 1);
            if (budget) {
                trial.reportAt(epoch, v);
            } else {
                trial.report(epoch, v);
            }
            if (epoch < curve.size() && trial.shouldPrune()) {
                return new Outcome(v, true);
            }
        }
        return new Outcome(e.validationAccuracy(), false);
    }

    /** Mean validation accuracy over the class's seeds: the quality a search is after. */
    public double meanValidation(Cell cell) {
        return entries(cell).stream().mapToDouble(Entry::validationAccuracy).average().orElseThrow();
    }

    /** Mean test accuracy over the class's seeds. */
    public double meanTest(Cell cell) {
        return entries(cell).stream().mapToDouble(Entry::testAccuracy).average().orElseThrow();
    }

    /** The architectures by mean validation accuracy, best first (ties by encoding). */
    public List<Cell> ranking() {
        List<Cell> out = new ArrayList<>(entries.keySet());
        out.sort(Comparator.comparingDouble((Cell c) -> -meanValidation(c)).thenComparing(Cell::encode));
        return out;
    }

    /**
     * The best {@code ceil(fraction * size)} architectures by mean validation accuracy, plus any tied with
     * the last of them.
     */
    public Set<Cell> top(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        List<Cell> ranked = ranking();
        int k = (int) Math.ceil(fraction * ranked.size());
        double cut = meanValidation(ranked.get(k - 1));
        Set<Cell> out = new LinkedHashSet<>();
        for (Cell c : ranked) {
            if (meanValidation(c) >= cut) {
                out.add(c);
            }
        }
        return out;
    }

    /** Total CPU time the table took to build, in seconds. */
    public double totalCpuSeconds() {
        return entries.values().stream().flatMap(List::stream).mapToLong(Entry::cpuMillis).sum() / 1000.0;
    }

    /** Total wall time of the table's training runs, in seconds. */
    public double totalTrainSeconds() {
        return entries.values().stream().flatMap(List::stream).mapToLong(Entry::trainMillis).sum() / 1000.0;
    }

    @Override
    public String toString() {
        return "TabulatedBenchmark[" + name + ", " + entries.size() + " architectures, space " + space + "]";
    }
}
