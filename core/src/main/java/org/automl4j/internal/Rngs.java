package org.automl4j.internal;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from a sampler seed, a trial number and a
 * label (a parameter name), so a trial's draws do not depend on thread scheduling or on which
 * other parameters were sampled before. Stateless.
 */
public final class Rngs {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private Rngs() {
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The stream for (seed, trial number, label). */
    public static SplittableRandom forTrial(long seed, int trialNumber, String label) {
        long h = mix64(seed + GAMMA);
        h = mix64(h ^ (trialNumber + 1L) * GAMMA);
        h = mix64(h ^ label.hashCode() * 0xD1B54A32D192ED03L);
        return new SplittableRandom(h);
    }
}
