package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    private static String[] run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void flagsComeFromTheFileAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("run.yaml");
        Files.writeString(cfg, "# shared by every command\nstorage: \"sqlite:" + dir.resolve("c.db") + "\"\n"
                + "demo:\n  trials: 12   # demo only\n  seed: 4\n  out: " + dir.resolve("out") + "\n");
        String[] r = run("demo", "--config", cfg.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("12 trials in") && r[1].contains("c.db"), r[1]);
        String[] r2 = run("--config=" + cfg, "demo", "--trials", "15");
        assertTrue(r2[1].contains("resuming with 12 finished trials") && r2[1].contains("15 trials in"), r2[1]);
    }

    @Test
    void aBadConfigFileNamesTheLine(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "storage: memory\n  trials 3\n");
        String[] r = run("demo", "--config", cfg.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("line 2"), r[2]);
        String[] missing = run("demo", "--config", dir.resolve("nope.yaml").toString());
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("nope.yaml"), missing[2]);
    }
}
