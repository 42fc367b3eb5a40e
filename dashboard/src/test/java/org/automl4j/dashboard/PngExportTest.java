package org.automl4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG export's handling of a Chromium that hangs or fails, with a shell script standing in for it. */
class PngExportTest {

    static Path fakeChromium(Path dir, String body) throws Exception {
        Path p = dir.resolve("chromium");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    static HtmlReport.Written report(Path dir) {
        return new HtmlReport.Written(dir.resolve("r.html"), "s", List.of("chart-history"), 1);
    }

    @Test
    @org.junit.jupiter.api.Timeout(300) // a guard, not a measurement: without the limit working this hung for good
    void aChromiumThatHangsWhileWritingOutputIsStoppedAtTheTimeLimit(@TempDir Path dir) throws Exception {
        // prints (so its output pipe would have to be drained) and then never ends
        Path chromium = fakeChromium(dir, "echo starting; exec sleep 600");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PngExport.write(report(dir), dir.resolve("png"), chromium, 1));
        assertTrue(e.getMessage().contains("took more than 1 s for chart-history and was stopped"), e.getMessage());
    }

    @Test
    void aChromiumThatWritesNoImageIsReportedWithTheEndOfItsOutput(@TempDir Path dir) throws Exception {
        Path chromium = fakeChromium(dir, "echo 'cannot open display: the end of the log'; exit 3");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PngExport.write(report(dir), dir.resolve("png"), chromium, 60));
        assertTrue(e.getMessage().contains("wrote no image for chart-history (exit 3)")
                && e.getMessage().contains("the end of the log"), e.getMessage());
    }
}
