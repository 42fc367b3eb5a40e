package org.automl4j.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.automl4j.dashboard.HtmlReport;
import org.automl4j.dashboard.PngExport;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code automl4j report STUDY --out report.html}: one study as a self-contained HTML page, plots as PNG. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes one study as a single self-contained HTML page (the dashboard's plots and trial table,"
                + " charting library and data inlined: open it anywhere, send it by mail). Each plot has a PNG"
                + " button; --png also writes every plot as a PNG file (needs Chromium)."},
        footer = {"", "Examples:", "  ./automl4j report demo-branin-tpe --out branin.html",
                "  ./automl4j report my-study --storage sqlite:runs/studies.db --out report.html --png plots/"})
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    StorageOption storage = new StorageOption();

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--png", paramLabel = "DIR", description = "Also write each plot as DIR/<plot>.png, drawn by headless"
            + " Chromium (/usr/bin/chromium, or the program named by AUTOML4J_CHROMIUM).")
    Path png;

    /** Whether the two paths name the same file (through links too, when both exist). */
    static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // unreadable: compare the names below
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (png != null && Files.exists(png) && !Files.isDirectory(png)) {
            throw new IllegalArgumentException("--png " + png + " is a file; give a folder for the PNG files (it is"
                    + " made if missing), e.g. " + png.toAbsolutePath().resolveSibling("plots"));
        }
        FitCommand.checkWritableFolder(png, "--png");
        if (png != null && PngExport.chromium().isEmpty()) {
            System.err.println("error: --png needs Chromium, which was not found; install it (apt-get install chromium)"
                    + " or name it with AUTOML4J_CHROMIUM=/path/to/chromium, or leave --png out and use the PNG"
                    + " buttons in the page");
            return org.automl4j.cli.Main.USAGE_ERROR;
        }
        FitCommand.checkWritable(out, "--out", "report.html");
        java.util.Optional<Path> db = Storages.sqliteFile(storage.url);
        if (db.isPresent() && sameFile(db.get(), out)) { // writing would replace the studies with the page
            throw new IllegalArgumentException("--out " + out + " is the study database itself (--storage " + storage.url
                    + "); give another file, e.g. " + out.toAbsolutePath().resolveSibling("report.html"));
        }
        if (db.isPresent() && !Files.exists(db.get())) { // opening would create an empty database at a mistyped path
            System.err.println("no study named '" + study + "': there is no database file " + db.get().toAbsolutePath()
                    + " (--storage " + storage.url + "); check the path: studies are written there by fit, optimize,"
                    + " nas or demo");
            return StudiesCommand.NOT_FOUND;
        }
        Storage s = storage.open();
        HtmlReport.Written written;
        try {
            if (!HtmlReport.exists(s, study)) {
                System.err.println("no study named '" + study + "' in this storage; see: automl4j studies list --storage ...");
                return StudiesCommand.NOT_FOUND;
            }
            written = HtmlReport.write(s, study, out);
        } finally {
            Storages.close(s);
        }
        System.err.println("wrote the report of study '" + study + "' to " + out.toAbsolutePath() + " ("
                + Files.size(out) / 1024 + " KB)");
        if (png != null) {
            for (Path p : PngExport.write(written, png)) {
                System.err.println("wrote " + p.toAbsolutePath());
            }
        }
        return 0;
    }
}
