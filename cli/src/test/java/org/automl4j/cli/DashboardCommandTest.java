package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.automl4j.dashboard.PngExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {

    @Test
    void reportWithAPngFolderUnderAFileStopsBeforeWritingThePage(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("studies.db");
        assertEquals(0, CliRun.of("demo", "--trials", "5", "--out", dir.toString(), "--storage", db).code());
        Path file = Files.writeString(dir.resolve("afile"), "x");
        Path page = dir.resolve("r.html");
        CliRun r = CliRun.of("report", "demo-branin-tpe", "--storage", db, "--out", page.toString(), "--png",
                file.resolve("plots").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--png " + file.resolve("plots") + " cannot be made: " + file + " is a file"), r.err());
        assertFalse(Files.exists(page), "the page is not written when the PNGs cannot be");
    }

    @Test
    void reportWritesOneSelfContainedPageOfTheStudy(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("studies.db");
        assertEquals(0, CliRun.of("demo", "--trials", "20", "--seed", "3", "--out", dir.toString(), "--storage", db).code());
        Path out = dir.resolve("branin.html");
        CliRun r = CliRun.of("report", "demo-branin-tpe", "--storage", db, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("wrote the report of study 'demo-branin-tpe'"), r.err());
        String html = Files.readString(out);
        assertTrue(html.contains("id=\"automl4j-report-data\"") && html.contains("\"study\":\"demo-branin-tpe\""));
        assertTrue(html.length() > 1_000_000, "the charting library is inside");

        CliRun missing = CliRun.of("report", "nope", "--storage", db, "--out", dir.resolve("x.html").toString());
        assertEquals(3, missing.code());
        assertTrue(missing.err().contains("no study named 'nope'"), missing.err());
        CliRun noOut = CliRun.of("report", "demo-branin-tpe", "--storage", db);
        assertEquals(2, noOut.code());
        assertTrue(noOut.err().contains("--out"), noOut.err());
    }

    @Test
    void reportToAnUnwritablePathIsABadInputErrorWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun r = CliRun.of("report", "any", "--storage", "memory", "--out", file.resolve("r.html").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --out ") && r.err().contains("is a file, not a folder"), r.err());
        Path db = dir.resolve("typo").resolve("studies.db");
        CliRun noDb = CliRun.of("report", "any", "--storage", "sqlite:" + db, "--out", dir.resolve("r.html").toString());
        assertEquals(3, noDb.code(), noDb.err());
        assertTrue(noDb.err().contains("there is no database file"), noDb.err());
        assertFalse(Files.exists(db.getParent()), "no database was created");
    }

    @Test
    void reportRefusesAFolderAPngFileOrTheDatabaseItselfAsOutputNamingTheFix(@TempDir Path dir) throws Exception {
        Path dbFile = dir.resolve("studies.db");
        try (var s = org.automl4j.storage.jdbc.JdbcStorage.sqlite(dbFile)) {
            s.createStudy("s", java.util.List.of(org.automl4j.study.Direction.MINIMIZE));
        }
        String db = "sqlite:" + dbFile;
        CliRun folder = CliRun.of("report", "s", "--storage", db, "--out", dir.toString());
        assertEquals(2, folder.code(), folder.err());
        assertTrue(folder.err().contains("is a folder; give a file name, e.g. " + dir.toAbsolutePath().resolve("report.html")),
                "an HTML file is suggested, not a model file: " + folder.err());
        byte[] studies = Files.readAllBytes(dbFile);
        CliRun self = CliRun.of("report", "s", "--storage", db, "--out", dbFile.toString());
        assertEquals(2, self.code(), self.err());
        assertTrue(self.err().contains("is the study database itself"), self.err());
        assertArrayEquals(studies, Files.readAllBytes(dbFile), "the studies are not replaced by the page");
        Path aFile = Files.writeString(dir.resolve("plots"), "x");
        Path html = dir.resolve("r.html");
        CliRun png = CliRun.of("report", "s", "--storage", db, "--out", html.toString(), "--png", aFile.toString());
        assertEquals(2, png.code(), png.err());
        assertTrue(png.err().contains("--png " + aFile + " is a file; give a folder"), png.err());
        assertFalse(Files.exists(html), "nothing is written before the arguments are known to be right");
        CliRun empty = CliRun.of("report", "s", "--storage", db, "--out", html.toString());
        assertEquals(0, empty.code(), "a study without trials still gets a page: " + empty.err());
    }

    @Test
    void aReportThatCannotBeWrittenUnderwaySaysWhyWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path full = Path.of("/dev/full"); // every write fails: no space left on device
        assumeTrue(Files.exists(full), "needs Linux's /dev/full");
        Path dbFile = dir.resolve("studies.db");
        try (var s = org.automl4j.storage.jdbc.JdbcStorage.sqlite(dbFile)) {
            s.createStudy("s", java.util.List.of(org.automl4j.study.Direction.MINIMIZE));
        }
        CliRun r = CliRun.of("report", "s", "--storage", "sqlite:" + dbFile, "--out", full.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("error: cannot write the report to /dev/full") && r.err().contains("check the disk"),
                r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void reportWritesEveryPlotAsPng(@TempDir Path dir) throws Exception {
        boolean chromium = PngExport.chromium().isPresent();
        if (!chromium && System.getenv("CI") != null) {
            throw new AssertionError("report --png needs Chromium and CI is set; install it: apt-get install -y chromium");
        }
        assumeTrue(chromium, "Chromium is not installed; PNG export not tested");
        String db = "sqlite:" + dir.resolve("studies.db");
        assertEquals(0, CliRun.of("demo", "--trials", "15", "--seed", "4", "--out", dir.toString(), "--storage", db).code());
        Path pngs = dir.resolve("plots");
        CliRun r = CliRun.of("report", "demo-branin-tpe", "--storage", db, "--out", dir.resolve("r.html").toString(),
                "--png", pngs.toString());
        assertEquals(0, r.code(), r.err());
        for (String plot : new String[] {"history", "importance", "parallel", "slice", "contour", "intermediate"}) {
            Path p = pngs.resolve(plot + ".png");
            assertTrue(Files.isRegularFile(p), plot);
            byte[] b = Files.readAllBytes(p);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(b, 4), plot + " is a PNG");
            assertTrue(b.length > 5_000, plot + " has something drawn: " + b.length + " bytes");
        }
    }

    @Test
    void dashboardRefusesBadOptionsWithTheFix(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("studies.db");
        CliRun port = CliRun.of("dashboard", "--storage", db, "--port", "70000");
        assertEquals(2, port.code());
        assertTrue(port.err().contains("between 0 and 65535"), port.err());
        CliRun token = CliRun.of("dashboard", "--storage", db, "--token", "abc");
        assertEquals(2, token.code());
        assertTrue(token.err().contains("--token must be 16 to 256 characters"), token.err());
        CliRun host = CliRun.of("dashboard", "--storage", db, "--host", "no-such-host.invalid");
        assertEquals(2, host.code());
        assertTrue(host.err().contains("not an address of this machine"), host.err());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun busy = CliRun.of("dashboard", "--storage", db, "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, busy.code());
            assertTrue(busy.err().contains("the port is in use") && busy.err().contains("choose another --port"), busy.err());
            assertTrue(busy.err().startsWith("error: ") && busy.err().strip().lines().count() == 1,
                    "one error line, no server log: " + busy.err());
        }
        assertTrue(CliRun.of("dashboard", "--help").out().contains("Examples:"));
        assertTrue(CliRun.of("report", "--help").out().contains("--png"));
    }
}
