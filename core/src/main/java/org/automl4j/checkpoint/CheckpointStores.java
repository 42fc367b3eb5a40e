package org.automl4j.checkpoint;

import java.nio.file.Path;
import java.util.Objects;

/** Factories for the built-in {@link CheckpointStore}s; both are thread-safe. */
public final class CheckpointStores {
    private CheckpointStores() {
    }

    /** A store in this JVM's memory: checkpoints live as long as the store object (one process). */
    public static CheckpointStore inMemory() {
        return new InMemoryCheckpointStore();
    }

    /**
     * A store in directory {@code dir} (created if missing): one file per trial under a folder per study,
     * written to a temporary file and renamed, so a crash leaves the previous checkpoint intact. A new store
     * on the same directory (another process, a restarted worker) sees the checkpoints saved before.
     */
    public static CheckpointStore directory(Path dir) {
        return new DirectoryCheckpointStore(Objects.requireNonNull(dir, "checkpoint directory"));
    }
}
