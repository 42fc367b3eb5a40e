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
    void fixedParametersKeepTheirValueWhileTheSamplerSearchesTheRest(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("fix.db");
        String cmd = "echo automl4j:result $AUTOML4J_PARAM_X";
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command", cmd, "--trials", "6",
                "--sampler", "tpe", "--fix", "kind=c", "--storage", db, "--study", "fixed", "-q");
        assertEquals(0, r.code(), r.err() + r.out());
        List<FrozenTrial> ts = trials(db, "fixed");
        assertEquals(6, ts.size());
        assertTrue(ts.stream().allMatch(t -> t.state() == TrialState.COMPLETE && "c".equals(t.params().get("kind"))),
                ts.toString());
        assertEquals(6, ts.stream().map(t -> t.params().get("x")).distinct().count());
    }

    @Test
    void bruteForceRunsEveryCombinationOnceAndStops(@TempDir Path dir) throws Exception {
        Path sp = dir.resolve("grid.json");
        Files.writeString(sp, "{\"parameters\": [{\"name\": \"n\", \"type\": \"int\", \"low\": 1, \"high\": 3},"
                + " {\"name\": \"kind\", \"type\": \"categorical\", \"choices\": [\"a\", \"b\"]}]}");
        String db = "sqlite:" + dir.resolve("bf.db");
        CliRun r = CliRun.of("optimize", "--space", sp.toString(), "--command", "echo automl4j:result {n}", "--trials",
                "50", "--sampler", "brute-force", "--storage", db, "--study", "all", "-q");
        assertEquals(0, r.code(), r.err() + r.out());
        List<FrozenTrial> ts = trials(db, "all");
        assertEquals(6, ts.size());
        assertEquals(6, ts.stream().map(FrozenTrial::params).distinct().count());
    }

    @Test
    void aFixOutsideTheSpaceOrOfAnUnknownParameterIsRefusedBeforeAnyTrial(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("badfix.db");
        CliRun out = CliRun.of("optimize", "--space", space(dir).toString(), "--command", "echo 1", "--trials", "2",
                "--fix", "x=9", "--storage", db, "--study", "b");
        assertEquals(2, out.code(), out.err());
        assertTrue(out.err().contains("--fix x=9") && out.err().contains("give a value inside it"), out.err());
        CliRun unknown = CliRun.of("optimize", "--space", space(dir).toString(), "--command", "echo 1", "--trials", "2",
                "--fix", "depth=3", "--storage", db, "--study", "b");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("no parameter 'depth'") && unknown.err().contains("[x, kind]"), unknown.err());
        CliRun word = CliRun.of("optimize", "--space", space(dir).toString(), "--command", "echo 1", "--trials", "2",
                "--fix", "x=big", "--storage", db, "--study", "b");
        assertEquals(2, word.code(), word.err());
        assertTrue(word.err().contains("'big' is not a number"), word.err());
        Storage st = Storages.open(db);
        try {
            assertTrue(st.findStudy("b").isEmpty(), "refused before the study was created");
        } finally {
            Storages.close(st);
        }
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
    void aProgramThatFailsEveryTimeStopsTheRunAfterTheFirstFailuresInsteadOfRunningUntilTheTimeout(@TempDir Path dir)
            throws Exception {
        // before: every trial of --trials -1 --timeout ran, a FAIL at once each, thousands in seconds
        String db = "sqlite:" + dir.resolve("spin.db");
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command", "echo 'no data.csv' >&2; exit 3",
                "--trials", "40", "--storage", db, "--study", "spin", "-q");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("each of the first 10 trials failed")
                && r.err().contains("exited with code 3") && r.err().contains("no data.csv"), r.err());
        List<FrozenTrial> ts = trials(db, "spin");
        assertEquals(10, ts.size()); // OptimizeCommand.INITIAL_FAILURES_TO_STOP
        assertTrue(ts.stream().allMatch(t -> t.state() == TrialState.FAIL));
    }

    @Test
    void aProgramThatFailsOnlyAtFirstGoesOnPastTheFirstFailures(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("late.db");
        String cmd = "if [ \"$AUTOML4J_TRIAL\" -lt 3 ]; then exit 3; fi; echo automl4j:result 1";
        assertEquals(0, CliRun.of("optimize", "--space", space(dir).toString(), "--command", cmd, "--trials", "15",
                "--storage", db, "--study", "late", "-q").code());
        assertEquals(15, trials(db, "late").size());
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
    void theWilcoxonPrunerStopsProgramsWorseOnEachInstance(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("w.db");
        // eight instances of very different difficulty (10 i), each scored |x| worse than the best possible
        String cmd = "awk 'BEGIN { x = {x}; if (x < 0) x = -x; s = 0; for (i = 0; i < 8; i++) {"
                + " print \"automl4j:report \" i \" \" 10 * i + x; s += 10 * i + x }; print \"automl4j:result \" s / 8 }'";
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command", cmd, "--trials", "12",
                "--sampler", "random", "--pruner", "wilcoxon", "--storage", db, "--study", "instances", "-q");
        assertEquals(0, r.code(), r.err() + r.out());
        List<FrozenTrial> ts = trials(db, "instances");
        long pruned = ts.stream().filter(t -> t.state() == TrialState.PRUNED).count();
        assertTrue(pruned >= 3, "programs worse on every instance were pruned: " + pruned + " of " + ts.size());
        ts.stream().filter(t -> t.state() == TrialState.PRUNED)
                .forEach(t -> assertTrue(t.intermediateValues().size() < 8, t.intermediateValues().toString()));
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

    private static Path script(Path dir, String name, String body) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "#!/bin/sh\n" + body);
        assertTrue(f.toFile().setExecutable(true));
        return f;
    }

    private static FrozenTrial only(Path dir, String space, String command, String... more) throws Exception {
        Path sp = Files.writeString(dir.resolve("space-" + Integer.toHexString(command.hashCode()) + ".json"), space);
        String db = "sqlite:" + dir.resolve("one.db");
        String study = "s" + Integer.toHexString(command.hashCode());
        List<String> args = new java.util.ArrayList<>(List.of("optimize", "--space", sp.toString(), "--command", command,
                "--trials", "1", "--storage", db, "--study", study, "-q"));
        args.addAll(List.of(more));
        CliRun.of(args.toArray(String[]::new));
        List<FrozenTrial> ts = trials(db, study);
        assertEquals(1, ts.size());
        return ts.get(0);
    }

    private static final String ONE_X = "{\"parameters\": [{\"name\": \"x\", \"type\": \"int\", \"low\": 1, \"high\": 3}]}";

    @Test
    void valuesReachTheProgramUnchangedWhereverThePlaceholderStandsAndNeverRunAsShellCode(@TempDir Path dir)
            throws Exception {
        // a choice with every shell metacharacter, and one that looks like another placeholder
        String nasty = "it's $HOME; touch PWNED \\\"q\\\" `id` $(id) \\\\ \u00fc {w}";
        String space = "{\"parameters\": [{\"name\": \"v\", \"type\": \"categorical\", \"choices\": [\"" + nasty
                + "\"]}, {\"name\": \"w\", \"type\": \"categorical\", \"choices\": [\"a b\"]}]}";
        Path out = dir.resolve("args.txt");
        Path prog = script(dir.resolve("my programs"), "args.sh",
                "printf '%s\\n' \"$@\" > '" + out + "'; echo automl4j:result 1\n");
        String command = "cd '" + dir + "' && '" + prog + "' {v} \"{v}\" '{v}' x{w}y \"${AUTOML4J_TRIAL}\""
                + " \"$(printf %s \"{v}\")\" \"`printf %s {v}`\" $( (printf %s '{w}') )";
        FrozenTrial t = only(dir, space, command);
        assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.failure()));
        String v = (String) t.params().get("v");
        assertEquals(List.of(v, v, v, "xa by", "0", v, v, "a", "b"), Files.readAllLines(out));
        assertTrue(!Files.exists(dir.resolve("PWNED")), "a value ran as shell code");
    }

    @Test
    void aProgramKilledByASignalIsSaidToBe(@TempDir Path dir) throws Exception {
        FrozenTrial t = only(dir, ONE_X, "kill -9 $$");
        assertEquals(TrialState.FAIL, t.state());
        assertTrue(t.failure().message().startsWith("the program exited with code 137 (stopped by signal 9, SIGKILL:"
                + " the out-of-memory killer or a kill -9?)"), t.failure().message());
    }

    @Test
    void anEmptyCommandIsRefusedBeforeAnyTrial(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command", "  ", "--storage", "memory");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --command is empty; give the program to run"), r.err());
    }

    @Test
    void anEndlessLineIsCutSoMemoryStaysBounded(@TempDir Path dir) throws Exception {
        // 4 MB on one line and no result: the failure quotes the line, cut to 64 K characters
        FrozenTrial t = only(dir, ONE_X, "head -c 4000000 /dev/zero | tr '\\0' a; echo");
        assertEquals(TrialState.FAIL, t.state());
        assertTrue(t.failure().message().contains("its last line was 'aaaa"), t.failure().message().substring(0, 200));
        assertTrue(t.failure().message().length() < 70_000, "length " + t.failure().message().length());
    }

    @Test
    void aProgramThatClosesItsOutputAndGoesOnIsWaitedForNotKilled(@TempDir Path dir) throws Exception {
        // before: 10 s after the end of its output the program was killed, a FAIL with exit code 137
        FrozenTrial t = only(dir, ONE_X, "echo automl4j:result 2; exec >&-; sleep 11; exit 0");
        assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.failure()));
        assertEquals(2.0, t.value());
    }

    private static void assertEnded(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            try {
                h.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.get().destroyForcibly();
                throw new AssertionError("process " + pid + " was left running");
            }
        }
    }

    @Test
    void whatTheProgramLeftRunningInTheBackgroundEndsWithIt(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("bg.pid");
        // the subshell exits at once, so the sleep is handed to init: no longer a descendant of the program
        FrozenTrial t = only(dir, ONE_X, "(sleep 600 >/dev/null 2>&1 & echo $! > '" + pid + "'); echo automl4j:result 1");
        assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.failure()));
        assertEnded(pid);
    }

    @Test
    void aTimedOutProgramThatIgnoresSigtermIsStoppedWithWhatItStarted(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("bg.pid");
        FrozenTrial t = only(dir, ONE_X, "trap '' TERM; (sleep 600 >/dev/null 2>&1 & echo $! > '" + pid + "');"
                + " sleep 600", "--trial-timeout", "1s");
        assertEquals(TrialState.FAIL, t.state());
        assertTrue(t.failure().message().contains("ran past the trial timeout of PT1S and was stopped"),
                t.failure().message());
        assertEnded(pid);
    }

    @Test
    void resultsAndReportsTakeOnlyNumbersAsProgramsPrintThemAndSayWhatIsWrong(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"echo automl4j:result nan", "the program's result 'automl4j:result nan' is not a finite number"},
            {"echo automl4j:result 1e309", "the program's result 'automl4j:result 1e309' is not a finite number"},
            {"echo automl4j:result 1d", "'1d' in 'automl4j:result 1d' is not a number"},
            {"echo automl4j:result4", "no result"},
            {"echo automl4j:report -1 0.5; echo automl4j:result 1", "STEP must be a whole number from 0"},
            {"echo automl4j:report 1.5 0.5; echo automl4j:result 1", "STEP must be a whole number from 0"},
            {"echo automl4j:report 99999999999999999999 0.5; echo automl4j:result 1", "STEP must be a whole number"},
            {"echo automl4j:report 2 abc; echo automl4j:result 1", "'abc' is not a number"},
            {"echo automl4j:result 3 >&2", "it printed a result line on standard error, where it does not count"},
        };
        for (String[] c : cases) {
            FrozenTrial t = only(dir, ONE_X, c[0]);
            assertEquals(TrialState.FAIL, t.state(), c[0]);
            assertTrue(t.failure().message().contains(c[1]), c[0] + ": " + t.failure().message());
        }
        FrozenTrial crlf = only(dir, ONE_X, "printf 'automl4j:report 1 inf\\r\\nautoml4j:result  -.5e1 \\r\\n'");
        assertEquals(TrialState.COMPLETE, crlf.state(), String.valueOf(crlf.failure()));
        assertEquals(-5.0, crlf.value());
    }

    @Test
    void parametersThatWouldShareAnEnvironmentVariableAreRefusedBeforeAnyTrial(@TempDir Path dir) throws Exception {
        Path sp = Files.writeString(dir.resolve("env.json"), "{\"parameters\": ["
                + "{\"name\": \"learning-rate\", \"type\": \"float\", \"low\": 0, \"high\": 1},"
                + " {\"name\": \"learning_rate\", \"type\": \"float\", \"low\": 0, \"high\": 1}]}");
        CliRun r = CliRun.of("optimize", "--space", sp.toString(), "--command", "echo 1", "--storage", "memory");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'learning-rate' and 'learning_rate' would both be the environment variable"
                + " AUTOML4J_PARAM_LEARNING_RATE"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void aFailTrialsConsoleLineEndsWithTheLastLineOfItsStandardError(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("optimize", "--space", space(dir).toString(), "--command",
                "echo 'loading data' >&2; echo 'CUDA out of memory' >&2; exit 1", "--trials", "1", "--storage", "memory");
        assertTrue(r.out().contains("trial 0 FAIL the program exited with code 1; the end of its standard error:"
                + " CUDA out of memory"), r.out());
    }
}
