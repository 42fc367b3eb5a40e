package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoggingTest {
    @Test
    void rootOptionsBeforeTheCommandSetTheLogLevel() {
        assertEquals("info", Logging.levelFromArgs(new String[] {"-v", "fit", "x.csv"}));
        assertEquals("error", Logging.levelFromArgs(new String[] {"--quiet", "demo"}));
        assertEquals("warn", Logging.levelFromArgs(new String[] {"optimize", "-q"}), "after the command, -q is its own");
        assertEquals("warn", Logging.levelFromArgs(new String[] {}));
    }
}
