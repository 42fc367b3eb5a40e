package org.automl4j.spark;

import java.time.Duration;
import java.util.Objects;

/**
 * What one {@link SparkTrials#optimize} call did. Immutable.
 *
 * @param started   trials asked from the study and submitted (or failed before submission)
 * @param completed trials that finished COMPLETE
 * @param failed    trials that finished FAIL because the objective threw, returned a bad value, the
 *                  job failed, or the trial ran past the per-trial timeout
 * @param cancelled trials that finished FAIL because the run was cancelled while they were running
 * @param elapsed   wall-clock time of the call
 * @param stopReason why the call ended: {@code "trials"} (nTrials reached), {@code "timeout"},
 *                  {@code "study.stop()"}, {@code "cancel()"}, {@code "sampler exhausted"},
 *                  {@code "interrupted"} or {@code "initial failures"} (the last only in the
 *                  trials' messages: that run ends with {@link org.automl4j.study.StudySetupException})
 */
public record SparkRunResult(int started, int completed, int failed, int cancelled, Duration elapsed,
        String stopReason) {

    /** @throws IllegalArgumentException if a count is negative or they do not add up to {@code started} */
    public SparkRunResult {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(stopReason, "stopReason");
        if (completed < 0 || failed < 0 || cancelled < 0 || completed + failed + cancelled != started) {
            throw new IllegalArgumentException("completed + failed + cancelled must equal started, but got "
                    + completed + " + " + failed + " + " + cancelled + " != " + started);
        }
    }
}
