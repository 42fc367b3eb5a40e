package org.automl4j.checkpoint;

import java.util.Optional;

/**
 * Where trials keep their latest checkpoint, one per (study name, trial number): {@link #save} replaces the
 * previous one, {@link #latest} returns the most recently saved. Implementations are thread-safe, and a
 * reader never sees a half-written checkpoint. Make one with {@link CheckpointStores}.
 */
public interface CheckpointStore {

    /**
     * Stores {@code state} saved at {@code step} as the latest checkpoint of trial {@code trialNumber} of
     * study {@code studyName}, replacing any earlier one.
     *
     * @throws IllegalArgumentException if {@code step < 0}
     * @throws java.io.UncheckedIOException if a durable store cannot write
     */
    void save(String studyName, int trialNumber, long step, byte[] state);

    /** The latest checkpoint of the trial, or empty if it saved none. */
    Optional<Checkpoint> latest(String studyName, int trialNumber);
}
