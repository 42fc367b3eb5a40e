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
