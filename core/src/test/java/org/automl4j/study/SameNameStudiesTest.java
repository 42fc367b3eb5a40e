package org.automl4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.automl4j.pruner.Pruner;
import org.automl4j.pruner.Pruners;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;
import org.automl4j.trial.Trial;
import org.junit.jupiter.api.Test;

/** Samplers and pruners tell same-name studies of different storages (or re-created ones) apart. */
class SameNameStudiesTest {

    private static Study study(Storage storage, Sampler sampler, Pruner pruner) {
        return Study.builder().name("shared").storage(storage).direction(Direction.MAXIMIZE).sampler(sampler)
                .pruner(pruner).loadIfExists(true).build();
    }

    @Test
    void aSharedPrunerKeepsSeparateHistoriesForSameNameStudiesOfTwoStorages() {
        Pruner pruner = Pruners.median(1, 0, 1);
        Study first = study(new InMemoryStorage(), Samplers.random(0), pruner);
        first.optimize(t -> {
            t.suggestFloat("x", 0, 1);
            t.report(0, 10.0);
            return 10.0;
        }, 5);
        Study second = study(new InMemoryStorage(), Samplers.random(0), pruner);
        Trial trial = second.ask();
        trial.report(0, 1.0);
        // the second study has no COMPLETE trial yet, so the median pruner must wait (the first study's
        // step-0 median of 10 would prune it if the histories mixed)
        assertFalse(trial.shouldPrune());
        // and within the first study the same report is pruned against its own median
        Trial inFirst = first.ask();
        inFirst.report(0, 1.0);
        assertTrue(inFirst.shouldPrune());
    }

    @Test
    void aSamplerRefusesASameNameStudyOfAnotherStorage() {
        Sampler sampler = Samplers.tpe(0);
        Study first = study(new InMemoryStorage(), sampler, Pruners.none());
        first.optimize(t -> t.suggestFloat("x", 0, 1), 3);
        Study second = study(new InMemoryStorage(), sampler, Pruners.none());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.ask());
        assertTrue(e.getMessage().contains("another study of that name"), e.getMessage());
        assertTrue(e.getMessage().contains("give each study its own sampler"), e.getMessage());
    }

    @Test
    void aSamplerRefusesAStudyDeletedAndCreatedAgain() {
        Storage storage = new InMemoryStorage();
        storage.createStudy("shared", List.of(Direction.MAXIMIZE), Instant.parse("2026-01-01T00:00:00Z"));
        Sampler sampler = Samplers.tpe(0);
        study(storage, sampler, Pruners.none()).optimize(t -> t.suggestFloat("x", 0, 1), 3);
        storage.deleteStudy("shared");
        storage.createStudy("shared", List.of(Direction.MAXIMIZE), Instant.parse("2026-01-02T00:00:00Z"));
        Study again = study(storage, sampler, Pruners.none());
        assertThrows(IllegalStateException.class, () -> again.ask());
    }

    @Test
    void twoHandlesOfOneStudyShareASamplerAndHaveEqualIdentities() {
        Storage storage = new InMemoryStorage();
        Sampler sampler = Samplers.tpe(0);
        Study a = study(storage, sampler, Pruners.none());
        Study b = study(storage, sampler, Pruners.none());
        assertEquals(a.identity(), b.identity());
        a.optimize(t -> t.suggestFloat("x", 0, 1), 3);
        b.optimize(t -> t.suggestFloat("x", 0, 1), 3);
        assertEquals(6, storage.findStudy("shared").isPresent() ? a.trials().size() : -1);
        assertNotEquals(a.identity(), study(new InMemoryStorage(), Samplers.tpe(0), Pruners.none()).identity());
    }
}
