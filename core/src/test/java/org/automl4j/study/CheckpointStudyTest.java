package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.automl4j.budget.Budget;
import org.automl4j.checkpoint.Checkpoint;
import org.automl4j.checkpoint.CheckpointStore;
import org.automl4j.checkpoint.CheckpointStores;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;
import org.automl4j.trial.TrialPrunedException;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStudyTest {
    @TempDir
    Path dir;

    /**
     * Trains epoch by epoch up to {@code stopAfter} (then gives up as if pruned) or the budget's max, resuming
     * from the checkpoint if there is one; counts the epochs each trial actually trains. The "model" is the
     * running sum of the learning rate, so a resumed model must equal one trained from scratch.
     */
    private static final class CountingObjective implements Objective {
        final Map<Integer, Integer> epochsTrained = new HashMap<>();
        final Map<Integer, Long> resumedFrom = new HashMap<>();
        final Map<Integer, Integer> stopAfter = new HashMap<>();

        @Override
        public double evaluate(Trial t) {
            double lr = t.suggestFloat("lr", 0.01, 0.1);
            Optional<Checkpoint> ckpt = t.checkpoint();
            long epoch = ckpt.map(Checkpoint::step).orElse(0L);
            double model = ckpt.map(c -> ByteBuffer.wrap(c.state()).getDouble()).orElse(0.0);
            resumedFrom.put(t.number(), epoch);
            long max = t.budget().orElseThrow().maxStep();
            while (epoch < max) {
                epoch++;
                model += lr;
                epochsTrained.merge(t.number(), 1, Integer::sum);
                t.report(epoch, 1 / model);
                t.saveCheckpoint(epoch, ByteBuffer.allocate(8).putDouble(model).array());
                if (epoch == stopAfter.getOrDefault(t.number(), -1)) {
                    throw new TrialPrunedException();
                }
            }
            return model;
        }
    }

    private static Study study(CheckpointStore store) {
        Study.Builder b = Study.builder().name("ckpt").budget(Budget.epochs(9));
        return (store == null ? b : b.checkpoints(store)).build();
    }

    @Test
    void aContinuedTrialResumesFromTheCheckpointAndTrainsOnlyTheMissingEpochs() {
        Study study = study(CheckpointStores.inMemory());
        CountingObjective objective = new CountingObjective();
        objective.stopAfter.put(0, 3);
        study.optimize(objective, 1);
        assertEquals(TrialState.PRUNED, study.trials().get(0).state());

        FrozenTrial waiting = study.enqueueContinuation(0);
        assertEquals(0, waiting.systemAttrs().get("resume_from"));
        study.optimize(objective, 1);

        FrozenTrial first = study.trials().get(0);
        FrozenTrial continued = study.trials().get(1);
        assertEquals(first.params(), continued.params(), "same configuration");
        assertEquals(3L, objective.resumedFrom.get(1));
        assertEquals(Map.of(0, 3, 1, 6), objective.epochsTrained, "9 epochs in all, none trained twice");
        assertEquals(9 * (double) first.params().get("lr"), continued.value(), 1e-12,
                "the resumed model equals one trained from scratch");
        assertEquals(9, study.checkpoints().orElseThrow().latest("ckpt", 1).orElseThrow().step());
    }

    @Test
    void aContinuationResumesFromADirectoryStoreInANewProcess() {
        Storage storage = new InMemoryStorage();
        CountingObjective objective = new CountingObjective();
        objective.stopAfter.put(0, 4);
        Study.builder().name("ckpt").storage(storage).budget(Budget.epochs(9))
                .checkpoints(CheckpointStores.directory(dir)).build().optimize(objective, 1);

        // a new study object and a new store on the same directory, as after a restart
        Study later = Study.builder().name("ckpt").storage(storage).loadIfExists(true).budget(Budget.epochs(9))
                .checkpoints(CheckpointStores.directory(dir)).build();
        later.enqueueContinuation(0);
        later.optimize(objective, 1);
        assertEquals(4L, objective.resumedFrom.get(1));
        assertEquals(5, objective.epochsTrained.get(1));
    }

    @Test
    void aRetriedTrialInheritsTheCheckpointOfTheTrialItRetries() {
        Study study = study(CheckpointStores.inMemory());
        CountingObjective objective = new CountingObjective();
        study.optimize(t -> {
            t.suggestFloat("lr", 0.01, 0.1);
            t.saveCheckpoint(4, ByteBuffer.allocate(8).putDouble(0.2).array());
            throw new IllegalStateException("worker died");
        }, 1);
        FrozenTrial dead = study.trials().get(0);
        // what a storage does when it re-queues a dead worker's trial
        study.storage().createTrial(study.name(), FrozenTrial.builder().state(TrialState.WAITING)
                .systemAttr(LiveTrial.FIXED_PARAMS, dead.params()).systemAttr("retry_of", 0).build());
        study.optimize(objective, 1);
        assertEquals(4L, objective.resumedFrom.get(1));
        assertEquals(5, objective.epochsTrained.get(1));
    }

    @Test
    void checkpointsAreFoundAlongAChainOfContinuations() {
        Study study = study(CheckpointStores.inMemory());
        study.optimize(t -> {
            t.suggestFloat("lr", 0.01, 0.1);
            t.saveCheckpoint(2, new byte[] {42});
            throw new TrialPrunedException();
        }, 1);
        study.enqueueContinuation(0);
        study.optimize(t -> { // saves nothing
            t.suggestFloat("lr", 0.01, 0.1);
            throw new IllegalStateException("out of memory");
        }, 1);
        study.enqueueContinuation(1);
        Checkpoint[] seen = new Checkpoint[1];
        study.optimize(t -> {
            seen[0] = t.checkpoint().orElseThrow();
            return 0.0;
        }, 1);
        assertEquals(new Checkpoint(2, new byte[] {42}), seen[0], "trial 2 -> 1 (nothing saved) -> 0");
    }

    @Test
    void withoutAStoreSavingDoesNothingAndContinuationsStartFromScratch() {
        Study study = study(null);
        CountingObjective objective = new CountingObjective();
        objective.stopAfter.put(0, 3);
        study.optimize(objective, 1);
        study.enqueueContinuation(0);
        study.optimize(objective, 1);
        assertEquals(0L, objective.resumedFrom.get(1));
        assertEquals(Map.of(0, 3, 1, 9), objective.epochsTrained);
        assertEquals(Optional.empty(), study.checkpoints());
    }

    @Test
    void objectivesThatIgnoreCheckpointsStillWorkWithAStore() {
        Study study = study(CheckpointStores.inMemory());
        study.optimize(t -> t.suggestFloat("x", -1, 1) * t.suggestFloat("x", -1, 1), 3);
        study.enqueueContinuation(1);
        study.optimize(t -> t.suggestFloat("x", -1, 1) * t.suggestFloat("x", -1, 1), 1);
        assertEquals(4, study.trials(TrialState.COMPLETE).size());
        assertEquals(study.trials().get(1).params(), study.trials().get(3).params());
    }

    @Test
    void onlyFinishedTrialsCanBeContinued() {
        Study study = study(CheckpointStores.inMemory());
        Trial running = study.ask();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> study.enqueueContinuation(running.number()));
        assertTrue(e.getMessage().contains("RUNNING"), e.getMessage());
    }

    @Test
    void savingAtANegativeStepIsRejected() {
        Trial t = study(CheckpointStores.inMemory()).ask();
        assertThrows(IllegalArgumentException.class, () -> t.saveCheckpoint(-1, new byte[0]));
        t.saveCheckpointAt(3.0, new byte[] {1});
        assertEquals(List.of(3L), List.of(t.checkpoint().orElseThrow().step()));
    }
}
