package org.automl4j.problems;

/**
 * The SplitMix64 generator exactly as in the benchmark definitions (functions.md §4), so that the
 * multi-fidelity noise stream matches the Python reference bit for bit. Not thread-safe.
 */
public final class SplitMix64 {

    /** The golden-ratio increment {@code 0x9E3779B97F4A7C15}. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A generator whose first {@link #nextLong()} is {@code mix64(state + GAMMA)}. */
    public SplitMix64(long state) {
        this.state = state;
    }

    /** The SplitMix64 finaliser (all arithmetic mod 2^64, logical shifts). */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits (read as unsigned by the reference). */
    public long nextLong() {
        state += GAMMA;
        return mix64(state);
    }

    /** A uniform double in [0, 1): the top 53 bits of {@link #nextLong()} times 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A standard normal by Box-Muller, cosine branch only: consumes two {@link #nextDouble()}s. */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
