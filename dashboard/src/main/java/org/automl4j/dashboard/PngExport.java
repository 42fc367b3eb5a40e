package org.automl4j.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Each plot of a written {@link HtmlReport} as a PNG file, drawn by headless Chromium: the report page,
 * opened at {@code #/study/NAME/png/PLOT}, shows that plot alone, and Chromium's {@code --screenshot}
 * saves the window. One Chromium run per plot, each with a fresh temporary profile.
 */
public final class PngExport {

    /** Where Chromium is looked for, after the environment variable {@code AUTOML4J_CHROMIUM}. */
    static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"),
            Path.of("/usr/bin/google-chrome"));
    static final int WIDTH = 1100;
    static final int TIMEOUT_S = 90;

    private PngExport() {
    }

    /** The Chromium executable, if there is one. */
    public static Optional<Path> chromium() {
        String env = System.getenv("AUTOML4J_CHROMIUM");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Writes {@code DIR/<plot>.png} for every plot of the report (e.g. {@code history.png}).
     *
     * @return the files written
     * @throws IllegalStateException when Chromium is missing, fails or writes no image
     */
    public static List<Path> write(HtmlReport.Written report, Path dir) throws IOException, InterruptedException {
        Path chromium = chromium().orElseThrow(() -> new IllegalStateException("PNG export needs Chromium: install it"
                + " (apt-get install chromium) or set AUTOML4J_CHROMIUM"));
        return write(report, dir, chromium, TIMEOUT_S);
    }

    /** As {@link #write(HtmlReport.Written, Path)} with this Chromium, giving each plot {@code timeoutSeconds}. */
    static List<Path> write(HtmlReport.Written report, Path dir, Path chromium, int timeoutSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        String url = report.file().toAbsolutePath().toUri() + "#/study/" + encode(report.study()) + "/png/";
        for (String plot : report.plots()) {
            int height = plot.equals("chart-slice") ? 140 + 230 * (int) Math.ceil(Math.max(1, report.params()) / 3.0) : 520;
            Path png = dir.resolve(plot.substring("chart-".length()) + ".png").toAbsolutePath();
            Files.deleteIfExists(png);
            Path profile = Files.createTempDirectory("automl4j-png-");
            // Chromium's output goes to a file: reading a pipe would wait for it to end, so a hung Chromium
            // would never reach the time limit below
            Path logFile = profile.resolve("chromium.log");
            try {
                Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                        "--window-size=" + WIDTH + "," + height, "--virtual-time-budget=20000", "--screenshot=" + png,
                        url + plot).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException("Chromium took more than " + timeoutSeconds + " s for " + plot
                            + " and was stopped; try again, or leave --png out and use the PNG buttons in the page");
                }
                if (!Files.isRegularFile(png) || Files.size(png) == 0) {
                    String tail = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
                    throw new IllegalStateException("Chromium wrote no image for " + plot + " (exit " + p.exitValue() + "): "
                            + tail.substring(Math.max(0, tail.length() - 600)));
                }
                out.add(png);
            } finally {
                delete(profile);
            }
        }
        return out;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
