package org.automl4j.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * Quiets java.util.logging for command-line use: the learning libraries (Tribuo, OLCUT) log every
 * tree they build at INFO; a command shows warnings only.
 */
public final class Logging {
    private Logging() {
    }

    /**
     * The log level the root options ask for: {@code info} for {@code -v/--verbose}, {@code error} for
     * {@code -q/--quiet}, else {@code warn}. Only options before the sub-command count (after it, {@code -q}
     * may be the sub-command's own option).
     */
    public static String levelFromArgs(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                break;
            }
            if (a.equals("-v") || a.equals("--verbose")) {
                return "info";
            }
            if (a.equals("-q") || a.equals("--quiet")) {
                return "error";
            }
        }
        return "warn";
    }

    /** Sets slf4j-simple's default level; call before the first logger is made. */
    public static void setLevel(String level) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    }

    /** Sets java.util.logging to warnings and above, on standard error. */
    public static void quietLibraries() {
        String config = "handlers=java.util.logging.ConsoleHandler\n"
                + ".level=WARNING\n"
                + "java.util.logging.ConsoleHandler.level=WARNING\n";
        try {
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("could not configure logging", e);
        }
    }
}
