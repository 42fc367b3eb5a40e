package org.automl4j.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import org.automl4j.nas.bench.DigitsCellTable;
import org.automl4j.nas.bench.TabulatedBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j benchmark nas-table}: (re)builds the tabulated cell benchmark {@code digits-cells-v1}
 * by training every architecture of its space for every seed (see {@link DigitsCellTable}); resumes an
 * interrupted file.
 */
@Command(name = "nas-table", mixinStandardHelpOptions = true,
        description = {"Trains every cell of {none, skip_connect, nor_conv_3x3} (261 classes) on the 8x8 digits for"
                + " seeds 0-2 and writes the table the nas benchmark reads (about 10-20 minutes of CPU).",
                "An existing file is completed, not overwritten: delete it to start over."},
        footer = {"", "Examples:", "  ./automl4j benchmark nas-table",
                "  ./automl4j benchmark nas-table --out /tmp/table.csv --limit 10    # time a few rows"})
final class NasTableCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Table file (default nas/src/main/resources/org/automl4j/nas/bench/"
            + DigitsCellTable.VERSION + ".csv).")
    Path out;

    @Option(names = "--limit", defaultValue = "2147483647", description = "Stop after this many new rows.")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            System.err.println("--limit must be at least 1, got " + limit);
            return 2;
        }
        Path file = out != null ? out : Paths.get(System.getProperty("automl4j.root", "."))
                .resolve("nas/src/main/resources/org/automl4j/nas/bench/" + DigitsCellTable.VERSION + ".csv");
        DigitsCellTable.generate(file, limit, System.out::println);
        TabulatedBenchmark t = TabulatedBenchmark.read(file);
        System.out.printf("%s: %d architectures%s; %.0f s of CPU in all%n", file.toAbsolutePath(),
                t.architectures().size(), t.isComplete() ? " (complete)" : " (incomplete)", t.totalCpuSeconds());
        return 0;
    }
}
