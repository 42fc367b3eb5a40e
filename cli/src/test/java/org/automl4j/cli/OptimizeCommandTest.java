package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external-program protocol end to end, with small shell programs (sh and awk). */
class OptimizeCommandTest {


    private static Path space(Path dir) throws Exception {
        Path f = dir.resolve("space.json");
        Files.writeString(f, "{\"parameters\": [{\"name\": \"x\", \"type\": \"float\", \"low\": -5, \"high\": 5},"
                + " {\"name\": \"kind\", \"type\": \"categorical\", \"choices\": [\"a b\", \"c\"]}]}");
        return f;
    }

    private static List<FrozenTrial> trials(String db, String study) {
        Storage s = Storages.open(db);
        try {
            return s.trials(study);
        } finally {
            Storages.close(s);
        }
    }

    @Test
    void programResultsBecomeTrialsAndTheStudyResumes(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("s.db");
        // value = (x - 2)^2 printed alone as the last line; the categorical with a space arrives quoted
        String cmd = "test {kind} = 'a b' -o {kind} = c || exit 9; awk 'BEGIN { print ({x} - 2) ^ 2 }'";
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command", cmd, "--trials", "15",
                "--sampler", "random", "--storage", db, "--study", "quad");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("15 trials in"), r.out());
        List<FrozenTrial> ts = trials(db, "quad");
        assertEquals(15, ts.size());
        for (FrozenTrial t : ts) {
            assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.failure()));
            double x = (Double) t.params().get("x");
            assertEquals((x - 2) * (x - 2), t.value(), 1e-4);
        }
        CliRun again = CliRun.of("optimize", "--space", space(dir).toString(), "--command", cmd, "--trials", "5",
                "--sampler", "random", "--storage", db, "--study", "quad");
        assertTrue(again.out().contains("15 trials so far"), again.out());
        assertEquals(20, trials(db, "quad").size());
    }

    @Test
    void parametersArriveAsEnvironmentVariablesAndResultLinesWin(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("e.db");
        String cmd = "echo automl4j:result $AUTOML4J_PARAM_X; echo 'some log line'";
        assertEquals(0, CliRun.of("optimize", "--space", space(dir).toString(), "--command", cmd, "--trials", "3",
                "--storage", db, "--study", "env", "-q").code());
        for (FrozenTrial t : trials(db, "env")) {
            assertEquals((Double) t.params().get("x"), t.value(), 1e-9);
        }
    }

    @Test
    void failingHangingAndGarbagePrintingProgramsAreFailTrialsWithTheirStderr(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("f.db");
        Path sp = space(dir);
        CliRun.of("optimize", "--space", sp.toString(), "--command", "echo 'disk on fire' >&2; exit 3", "--trials", "2",
                "--storage", db, "--study", "fails", "-q");
        CliRun.of("optimize", "--space", sp.toString(), "--command", "sleep 30", "--trial-timeout", "300ms", "--trials", "1",
                "--storage", db, "--study", "hangs", "-q");
        CliRun.of("optimize", "--space", sp.toString(), "--command", "echo hello; echo world", "--trials", "1",
                "--storage", db, "--study", "garbage", "-q");
        FrozenTrial fail = trials(db, "fails").get(0);
        assertEquals(TrialState.FAIL, fail.state());
        assertTrue(fail.failure().message().contains("exited with code 3")
                && fail.failure().message().contains("disk on fire"), fail.failure().message());
        FrozenTrial hang = trials(db, "hangs").get(0);
        assertEquals(TrialState.FAIL, hang.state());
        assertTrue(hang.failure().message().contains("timeout"), hang.failure().message());
        FrozenTrial garbage = trials(db, "garbage").get(0);
        assertEquals(TrialState.FAIL, garbage.state());
        assertTrue(garbage.failure().message().contains("no result")
                && garbage.failure().message().contains("'world'"), garbage.failure().message());
    }

    @Test
    void reportedValuesAreStoredAndBadTrialsArePruned(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("p.db");
        // a learning curve that ends at |x|: reports steps 1..4, then the result
        String cmd = "for i in 1 2 3 4; do awk -v i=$i 'BEGIN { x = {x}; if (x < 0) x = -x; print \"automl4j:report \" i \" \" x + 1 / i }'; done;"
                + " awk 'BEGIN { x = {x}; if (x < 0) x = -x; print \"automl4j:result \" x }'";
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command", cmd, "--trials", "20",
                "--sampler", "random", "--pruner", "median", "--storage", db, "--study", "curves");
        assertEquals(0, r.code(), r.err() + r.out());
        List<FrozenTrial> ts = trials(db, "curves");
        long pruned = ts.stream().filter(t -> t.state() == TrialState.PRUNED).count();
        assertTrue(pruned >= 3, "median pruning stopped some programs: " + pruned);
        FrozenTrial first = ts.get(0);
        assertEquals(4, first.intermediateValues().size(), "the first trial ran to the end and kept its curve");
        ts.stream().filter(t -> t.state() == TrialState.PRUNED)
                .forEach(t -> assertTrue(!t.intermediateValues().isEmpty() && t.intermediateValues().size() < 4));
    }

    @Test
    void aPlaceholderTheSpaceLacksIsAClearError(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command", "train --lr {lr}", "--storage",
                "memory");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("[lr]") && r.err().contains("placeholder"), r.err());
    }

    @Test
    void aSpaceFileThatIsNotJsonIsNamedWithExitCode2(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("space.csv"), "x,y\n1,2\n");
        CliRun r = CliRun.of("optimize", "--space", csv.toString(), "--command", "echo {x}", "--storage", "memory");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --space " + csv + ": not valid JSON at line 1"), r.err());
    }

    @Test
    void aProgramTheShellCannotFindIsExplainedInTheFailTrial(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("n.db");
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command",
                "automl4j-no-such-program-here {x}", "--trials", "1", "--storage", db, "--study", "missing", "-q");
        assertEquals(1, r.code(), "no trial completed");
        FrozenTrial t = trials(db, "missing").get(0);
        assertEquals(TrialState.FAIL, t.state());
        assertTrue(t.failure().message().contains("exited with code 127 (the shell found no such program"),
                t.failure().message());
    }

    @Test
    void aSpaceThatIsAFolderIsNamedAsOne(@TempDir Path dir) {
        CliRun r = CliRun.of("optimize", "--space", dir.toString(), "--command", "echo {x}", "--storage", "memory");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is a folder; give the JSON file of the search space"), r.err());
    }

    @Test
    void zeroOrNegativeTrialsAreRefusedWithExitCode2(@TempDir Path dir) throws Exception {
        for (String n : new String[] {"0", "-2"}) {
            CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command", "echo {x}", "--trials", n,
                    "--storage", "memory");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("error: --trials must be at least 1, or -1 for no limit"), r.err());
        }
    }

    @Test
    void aBadTimeoutIsNamedAndRefusedBeforeTheStudyIsCreated(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("t.db");
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command", "echo {x}", "--timeout", "2d",
                "--storage", db, "--study", "never");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --timeout takes a number with the unit s, m or h"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
        CliRun trial = CliRun.of("optimize", "--space", space(dir).toString(), "--command", "echo {x}",
                "--trial-timeout", "0ms", "--storage", db, "--study", "never");
        assertEquals(2, trial.code(), trial.err());
        assertTrue(trial.err().contains("--trial-timeout must be positive"), trial.err());
        assertTrue(CliRun.of("studies", "list", "--storage", db).out().startsWith("no studies"));
    }
}
