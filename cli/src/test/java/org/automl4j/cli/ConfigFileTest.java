package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @Test
    void flagsComeFromTheFileAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("run.yaml");
        Files.writeString(cfg, "# shared by every command\nstorage: \"sqlite:" + dir.resolve("c.db") + "\"\n"
                + "demo:\n  trials: 12   # demo only\n  seed: 4\n  out: " + dir.resolve("out") + "\n");
        CliRun r = CliRun.of("demo", "--config", cfg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("12 trials in") && r.out().contains("c.db"), r.out());
        CliRun r2 = CliRun.of("--config=" + cfg, "demo", "--trials", "15");
        assertTrue(r2.out().contains("resuming with 12 finished trials") && r2.out().contains("15 trials in"), r2.out());
    }

    @Test
    void aBadConfigFileNamesTheLine(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "storage: memory\n  trials 3\n");
        CliRun r = CliRun.of("demo", "--config", cfg.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 2"), r.err());
        CliRun missing = CliRun.of("demo", "--config", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.yaml"), missing.err());
    }

    @Test
    void aMisspeltKeyOrSectionIsAnErrorWithASuggestionNotIgnored(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("typo.yaml"), "fit:\n  target: target\n  tme: 5s\n");
        CliRun r = CliRun.of("fit", "data.csv", "--config", cfg.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("line 3: 'tme' is not an option of fit; did you mean 'time'?"), r.err());
        Path section = Files.writeString(dir.resolve("section.yaml"), "storage: memory\nfitt:\n  time: 5s\n");
        CliRun s = CliRun.of("demo", "--config", section.toString());
        assertEquals(2, s.code(), s.out());
        assertTrue(s.err().contains("line 2: 'fitt:' names no command; did you mean 'fit'?"), s.err());
        Path global = Files.writeString(dir.resolve("global.yaml"), "storrage: memory\n");
        CliRun g = CliRun.of("demo", "--config", global.toString());
        assertEquals(2, g.code(), g.out());
        assertTrue(g.err().contains("line 1: 'storrage' is not an option of any command; did you mean 'storage'?"),
                g.err());
    }

    @Test
    void aListWithoutItsClosingBracketIsAnError(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("list.yaml"), "fit:\n  learners: [tree, knn\n");
        CliRun r = CliRun.of("fit", "data.csv", "--target", "y", "--config", cfg.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("line 2: the list '[tree, knn' has no closing ']'"), r.err());
    }
}
