package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    private static String run(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test
    void demoRunsAStudyPrintsTheBestTrialAndCurveAndWritesTheStudy(@TempDir Path dir) throws Exception {
        String out = run("demo", "--trials", "40", "--seed", "1", "--out", dir.toString(), "--storage",
                "sqlite:" + dir.resolve("studies.db"));
        assertTrue(out.contains("Best trial #"), out);
        assertTrue(out.contains("best so far"), out);
        assertTrue(out.contains("40 trials in"), out);
        Path file = dir.resolve("demo-branin-tpe.json");
        assertTrue(Files.isRegularFile(file));
        String json = Files.readString(file);
        assertTrue(json.contains("\"format\" : \"automl4j-study\""), json.substring(0, 200));
        assertEquals(40, json.split("\"state\" : \"COMPLETE\"", -1).length - 1);
    }

    @Test
    void anOutThatIsAFileIsRefusedBeforeTheStudyRuns(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        String db = "sqlite:" + dir.resolve("d.db");
        CliRun r = CliRun.of("demo", "--trials", "5", "--out", file.toString(), "--storage", db);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --out " + file + " is a file"), r.err());
        CliRun below = CliRun.of("demo", "--trials", "5", "--out", file.resolve("sub").toString(), "--storage", db);
        assertEquals(2, below.code(), below.err());
        assertTrue(below.err().contains("is a file, not a folder"), below.err());
        assertTrue(CliRun.of("studies", "list", "--storage", db).out().startsWith("no studies"), "no study ran");
    }

    @Test
    void sameSeedGivesTheSameDemo(@TempDir Path dir) {
        String a = run("demo", "--trials", "30", "--seed", "5", "--out", dir.resolve("a").toString(), "--storage",
                "sqlite:" + dir.resolve("a.db"));
        String b = run("demo", "--trials", "30", "--seed", "5", "--out", dir.resolve("b").toString(), "--storage",
                "sqlite:" + dir.resolve("b.db"));
        assertEquals(resultPart(a), resultPart(b));
    }

    @Test
    void runningTheDemoAgainResumesTheStoredStudyAsIfItHadNeverStopped(@TempDir Path dir) {
        String db = "sqlite:" + dir.resolve("resumed.db");
        String first = run("demo", "--trials", "20", "--seed", "3", "--out", dir.toString(), "--storage", db);
        assertTrue(first.contains(": new"), first);
        String resumed = run("demo", "--trials", "45", "--seed", "3", "--out", dir.toString(), "--storage", db);
        assertTrue(resumed.contains("resuming with 20 finished trials"), resumed);
        assertTrue(resumed.contains("45 trials in"), resumed);
        String straight = run("demo", "--trials", "45", "--seed", "3", "--out", dir.resolve("s").toString(),
                "--storage", "sqlite:" + dir.resolve("straight.db"));
        assertEquals(resultPart(straight), resultPart(resumed), "the sampler rebuilt its state from the stored"
                + " history, so the resumed run drew the same trials as one uninterrupted run");
        String fresh = run("demo", "--trials", "10", "--seed", "3", "--out", dir.toString(), "--storage", db, "--fresh");
        assertTrue(fresh.contains(": new") && fresh.contains("10 trials in"), fresh);
    }

    /** The best trial and the curve table, without the timing line. */
    private static String resultPart(String out) {
        return out.substring(out.indexOf("Best trial"), out.indexOf(" trials in "));
    }

    @Test
    void helpListsTheDemoWithExamples() {
        String out = run("--help");
        assertTrue(out.contains("demo"), out);
        assertTrue(out.contains("Examples"), out);
    }
}
