package org.automl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automl4j.data.Column;
import org.automl4j.data.ColumnType;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.junit.jupiter.api.Test;

/**
 * Reads the development datasets in {@code /work/shared/datasets} (or {@code -Dautoml4j.datasets=DIR})
 * when the folder exists, and checks each against the README's manifest: rows, numeric and categorical
 * feature counts, missing cells and the task inferred for {@code target}. Skipped when the folder is absent.
 */
class SharedDatasetsTest {
    private static final Path DIR = Path.of(System.getProperty("automl4j.datasets", "/work/shared/datasets"));
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([a-z_]+\\.csv)` \\|.*\\| (binary|multiclass \\(\\d+\\)|regression) \\| (\\d+) \\| (\\d+) \\((\\d+) / (\\d+)\\) \\| (no|yes \\((\\d+) cells.*?\\)) \\|");

    record Entry(String file, String task, int rows, int features, int numeric, int categorical, int missingCells) {
    }

    private static List<Entry> manifest() throws Exception {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                out.add(new Entry(m.group(1), m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                        m.group(8) == null ? 0 : Integer.parseInt(m.group(8))));
            }
        }
        return out;
    }

    @Test
    void readsEveryDatasetWithTheManifestsShape() throws Exception {
        assumeTrue(Files.isRegularFile(DIR.resolve("README.md")), "no shared datasets folder at " + DIR);
        List<Entry> entries = manifest();
        assertEquals(11, entries.size(), "manifest rows parsed: " + entries);
        for (Entry e : entries) {
            Table t = CsvReader.readCsv(DIR.resolve(e.file()));
            String what = e.file() + ": ";
            assertEquals(e.rows(), t.rowCount(), what + "rows");
            assertEquals(e.features() + 1, t.columnCount(), what + "columns");
            LabeledTable data = LabeledTable.of(t, "target");
            assertEquals(0, data.droppedRows(), what + "missing targets");
            int numeric = 0;
            int missing = 0;
            for (Column c : data.features().columns()) {
                if (c.type() == ColumnType.NUMERIC) {
                    numeric++;
                }
                missing += c.missingCount();
            }
            assertEquals(e.numeric(), numeric, what + "numeric features");
            assertEquals(e.categorical(), e.features() - numeric, what + "categorical features");
            assertEquals(e.missingCells(), missing, what + "missing cells");
            Task expected = e.task().equals("binary") ? Task.BINARY
                    : e.task().equals("regression") ? Task.REGRESSION : Task.MULTICLASS;
            assertEquals(expected, data.task(), what + "task");
            if (expected == Task.MULTICLASS) {
                assertEquals(e.task(), "multiclass (" + data.classCount() + ")", what + "classes");
            }
        }
    }

    @Test
    void adultHas48842RowsAnd14Features() {
        Path adult = DIR.resolve("adult.csv");
        assumeTrue(Files.isRegularFile(adult), "no " + adult);
        Table t = CsvReader.readCsv(adult);
        assertEquals(48842, t.rowCount());
        LabeledTable data = LabeledTable.of(t, "target");
        assertEquals(14, data.features().columnCount());
        assertEquals(Task.BINARY, data.task());
        assertTrue(data.classes().contains(">50K"));
    }
}
