package org.automl4j.checkpoint;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Checkpoints in a concurrent map keyed by study and trial. Thread-safe. */
final class InMemoryCheckpointStore implements CheckpointStore {
    private record Key(String study, int trial) {
    }

    private final ConcurrentHashMap<Key, Checkpoint> checkpoints = new ConcurrentHashMap<>();

    @Override
    public void save(String studyName, int trialNumber, long step, byte[] state) {
        Objects.requireNonNull(studyName, "studyName");
        checkpoints.put(new Key(studyName, trialNumber), new Checkpoint(step, state));
    }

    @Override
    public Optional<Checkpoint> latest(String studyName, int trialNumber) {
        return Optional.ofNullable(checkpoints.get(new Key(Objects.requireNonNull(studyName, "studyName"),
                trialNumber)));
    }

    @Override
    public String toString() {
        return "InMemoryCheckpointStore[" + checkpoints.size() + " trials]";
    }
}
