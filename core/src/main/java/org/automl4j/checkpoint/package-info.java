/**
 * Checkpoint hooks: an objective saves its state at a budget step with {@code Trial.saveCheckpoint}, and a
 * later trial of the same configuration (a retry of a dead worker's trial, or a continuation enqueued with
 * {@code Study.enqueueContinuation}) reads it back with {@code Trial.checkpoint()} and resumes instead of
 * starting from scratch. {@link org.automl4j.checkpoint.CheckpointStore} is the SPI;
 * {@link org.automl4j.checkpoint.CheckpointStores} makes the in-memory and directory-backed stores.
 */
package org.automl4j.checkpoint;
