package org.automl4j.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.automl4j.study.Study;
import org.automl4j.trial.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramObjectiveTest {

    @Test
    void stopAllEndsTheRunningProgramsAndWhatTheyStarted(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        SearchSpace space = SearchSpace.builder().add("x", IntDistribution.of(1, 3)).build();
        // the shell starts a long child and records its pid, as a training script would start workers
        String command = "sleep 600 & echo $! > " + pidFile + "; wait";
        ProgramObjective objective = new ProgramObjective(command, space, "s", 1, null);
        Study study = Study.builder().name("s").build();
        Trial trial = study.ask();
        CompletableFuture<double[]> run = CompletableFuture.supplyAsync(() -> {
            try {
                return objective.evaluate(trial);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        while (!(Files.exists(pidFile) && Files.readString(pidFile).strip().matches("\\d+"))) {
            Thread.sleep(20);
        }
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertEquals(1, objective.runningPrograms());

        objective.stopAll();

        ExecutionException e = assertThrows(ExecutionException.class, run::get);
        assertTrue(e.getCause().getCause() instanceof ProgramObjective.ProgramFailedException, e.toString());
        assertEquals(0, objective.runningPrograms());
        ProcessHandle.of(child).ifPresent(h -> h.onExit().join());
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the child " + child + " still runs");
    }
}
