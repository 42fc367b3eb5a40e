package org.automl4j.study;

import java.time.Duration;

/**
 * How long and how wide {@link Study#optimize} runs. Immutable; build with {@link #trials(int)} or
 * {@link #timeout(Duration)} and refine with the {@code with...} methods:
 * <pre>{@code OptimizeOptions.trials(200).withTimeout(Duration.ofMinutes(5)).withJobs(4)}</pre>
 *
 * @param nTrials            trials to run in this call, or {@code -1} for no limit
 * @param timeout            stop starting new trials after this long, or null for no limit
 * @param nJobs              worker threads, {@code >= 1}
 * @param maxInitialFailures if each of the first this many trials of the call fails, the setup is
 *                           taken to be wrong and {@link StudySetupException} is thrown; 0 disables
 */
public record OptimizeOptions(int nTrials, Duration timeout, int nJobs, int maxInitialFailures) {

    /** Default for {@link #maxInitialFailures}. */
    public static final int DEFAULT_MAX_INITIAL_FAILURES = 5;

    /** @throws IllegalArgumentException on a negative count other than -1, a non-positive timeout or nJobs below 1 */
    public OptimizeOptions {
        if (nTrials < -1) {
            throw new IllegalArgumentException("nTrials must be >= 0, or -1 for no limit, but got " + nTrials);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, but got " + timeout);
        }
        if (nJobs < 1) {
            throw new IllegalArgumentException("nJobs must be >= 1, but got " + nJobs + "; use 1 for sequential runs");
        }
        if (maxInitialFailures < 0) {
            throw new IllegalArgumentException("maxInitialFailures must be >= 0 (0 disables the check), but got "
                    + maxInitialFailures);
        }
    }

    /** Run {@code n} trials, sequentially. */
    public static OptimizeOptions trials(int n) {
        return new OptimizeOptions(n, null, 1, DEFAULT_MAX_INITIAL_FAILURES);
    }

    /** Run until {@code timeout} has passed (trials already running are finished). */
    public static OptimizeOptions timeout(Duration timeout) {
        return new OptimizeOptions(-1, timeout, 1, DEFAULT_MAX_INITIAL_FAILURES);
    }

    public OptimizeOptions withTrials(int n) {
        return new OptimizeOptions(n, timeout, nJobs, maxInitialFailures);
    }

    public OptimizeOptions withTimeout(Duration t) {
        return new OptimizeOptions(nTrials, t, nJobs, maxInitialFailures);
    }

    public OptimizeOptions withJobs(int n) {
        return new OptimizeOptions(nTrials, timeout, n, maxInitialFailures);
    }

    public OptimizeOptions withMaxInitialFailures(int n) {
        return new OptimizeOptions(nTrials, timeout, nJobs, n);
    }
}
