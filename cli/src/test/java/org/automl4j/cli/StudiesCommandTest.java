package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudiesCommandTest {

    /** Runs the command line; returns the exit code and what it printed (stdout then stderr). */
    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void studiesCanBeListedShownExportedImportedAndDeleted(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("studies.db");
        assertEquals(0, run("demo", "--trials", "25", "--seed", "2", "--out", dir.toString(), "--storage", db).code());

        Result list = run("studies", "list", "--storage", db);
        assertEquals(0, list.code());
        assertTrue(list.out().contains("demo-branin-tpe") && list.out().contains(" 25 "), list.out());

        Result show = run("studies", "show", "demo-branin-tpe", "--storage", db, "--top", "3");
        assertEquals(0, show.code());
        assertTrue(show.out().contains("best trial #"), show.out());

        Result imp = run("studies", "importance", "demo-branin-tpe", "--storage", db);
        assertEquals(0, imp.code(), imp.err());
        assertTrue(imp.out().contains("x0") && imp.out().contains("x1"), imp.out());

        Path csv = dir.resolve("trials.csv");
        assertEquals(0, run("studies", "export", "demo-branin-tpe", "--out", csv.toString(), "--storage", db).code());
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(csv))).getRecords();
        assertEquals(25, rows.size());
        assertEquals("COMPLETE", rows.get(0).get("state"));
        double x0 = Double.parseDouble(rows.get(0).get("params_x0"));
        assertTrue(x0 >= -5 && x0 <= 10, "x0 within Branin's domain: " + x0);

        Path json = dir.resolve("study.json");
        assertEquals(0, run("studies", "export", "demo-branin-tpe", "--out", json.toString(), "--storage", db).code());
        String other = "sqlite:" + dir.resolve("other.db");
        assertEquals(0, run("studies", "import", json.toString(), "--as", "copy", "--storage", other).code());
        Result copied = run("studies", "list", "--storage", other);
        assertTrue(copied.out().contains("copy") && copied.out().contains(" 25 "), copied.out());

        Result refused = run("studies", "delete", "copy", "--storage", other);
        assertEquals(2, refused.code(), "nothing is deleted without --yes");
        assertTrue(refused.err().contains("--yes"), refused.err());
        assertEquals(0, run("studies", "delete", "copy", "--storage", other, "--yes").code());
        assertTrue(run("studies", "list", "--storage", other).out().contains("no studies"));
    }

    @Test
    void unknownStudyOrStorageIsAClearError(@TempDir Path dir) {
        String db = "sqlite:" + dir.resolve("empty.db");
        Result missing = run("studies", "show", "nope", "--storage", db);
        assertEquals(3, missing.code());
        assertTrue(missing.err().contains("no study named 'nope'"), missing.err());
        Result badUrl = run("studies", "list", "--storage", "mysql://x");
        assertTrue(badUrl.code() != 0);
        assertTrue(badUrl.err().contains("unknown storage URL"), badUrl.err());
    }
}
