package org.automl4j.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A Sobol low-discrepancy sequence in up to {@value #MAX_DIMENSIONS} dimensions, with optional
 * random linear matrix scrambling (Matoušek) plus a random digital shift (the "LMS + shift" randomisation of
 * scipy's {@code qmc.Sobol(scramble=True)}).
 *
 * <h2>Direction numbers</h2>
 *
 * Dimension 0 (the first coordinate) is the van der Corput sequence in base 2 (all {@code m_k = 1}).
 * Dimensions 1 to 999 use the primitive polynomials and initial direction numbers of S. Joe and F. Y.
 * Kuo, "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput.
 * 30 (2008) 2635–2654 (file {@code new-joe-kuo-6.1000}, shipped as a classpath resource next to this
 * class; see {@code README-joe-kuo.md} there for its origin and licence). Each instance reads that
 * resource once in its constructor, parsing only the lines it needs; nothing is cached statically.
 *
 * <p>Direction integers have {@value #BITS} bits: direction number {@code k} (1-based) of a dimension
 * is {@code v_k = m_k · 2^(52-k)}, extended past the file's initial values by the usual Sobol
 * recurrence. Every coordinate is therefore a dyadic rational {@code j / 2^52} in {@code [0, 1)},
 * and every double returned is exact.
 *
 * <h2>Random access in Gray-code order</h2>
 *
 * {@link #value(long, int)} computes coordinate {@code dim} of point {@code index} directly, as the
 * XOR of the direction numbers {@code v_{k+1}} for the set bits {@code k} of the <em>Gray code</em>
 * {@code g = index ^ (index >>> 1)} of the index, in {@code O(bits)} operations. This is the order
 * produced by the usual sequential (Antonov–Saleev) generator, which XORs {@code v_{c+1}} into the
 * previous point where {@code c} is the number of trailing zeros of {@code index}; so {@code
 * point(i)} equals the {@code i}-th point (0-based) of that generator, as scipy's, Commons Math's
 * and Joe and Kuo's own reference code produce it. Point 0 of the unscrambled sequence is the origin,
 * point 1 is {@code (0.5, ..., 0.5)}. Indices from 0 to {@link #MAX_POINTS}{@code  - 1} (2^52 - 1)
 * are supported. Because a Sobol sequence is a digital (t, s)-sequence, every aligned block of
 * {@code 2^m} consecutive points (starting at a multiple of {@code 2^m}) is a (t, m, s)-net; in
 * particular each coordinate puts exactly one point in each of the {@code 2^m} equal bins.
 *
 * <h2>Scrambling</h2>
 *
 * With {@code scramble = true}, each dimension gets a random lower-triangular binary {@code 52 × 52}
 * matrix {@code L} with unit diagonal (output digit {@code i}, counted from the most significant,
 * depends only on input digits {@code 1..i}) and a random 52-bit digital shift {@code e}; the point
 * becomes {@code L·x ⊕ e}. Since {@code L} is linear over GF(2) it is applied once to the direction
 * numbers, so scrambled points cost the same as unscrambled ones. Both are drawn deterministically
 * from {@code new SplittableRandom(seed)}: for each dimension in turn, 52 matrix rows then the shift.
 * This randomisation keeps the net structure (and so all stratification properties above), and each
 * point is uniformly distributed on {@code [0, 1)^d}. Scrambled coordinates are returned as the
 * midpoint of their {@code 2^-52} cell, {@code (2y + 1) / 2^53}, which is exact in a double and lies
 * strictly inside {@code (0, 1)}: a scrambled coordinate is never exactly 0 or 1. Unscrambled
 * coordinates are {@code y / 2^52}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SobolSequence {

    /** Largest number of dimensions supported (1 van der Corput + 999 Joe–Kuo dimensions). */
    public static final int MAX_DIMENSIONS = 1000;

    /** Number of bits of the direction integers, and so of the binary digits of each coordinate. */
    public static final int BITS = 52;

    /** Number of distinct points: indices must lie in {@code [0, MAX_POINTS)}. */
    public static final long MAX_POINTS = 1L << BITS;

    static final String RESOURCE = "new-joe-kuo-6.1000";

    private static final double UNIT = 0x1.0p-52;
    private static final double HALF_UNIT = 0x1.0p-53;

    private final int dimensions;
    private final boolean scramble;
    /** directions[d][k] is the (possibly scrambled) direction integer v_{k+1} of dimension d. */
    private final long[][] directions;
    /** Digital shift per dimension (all zero when unscrambled). */
    private final long[] shifts;

    /**
     * Builds a Sobol sequence.
     *
     * @param dimensions number of coordinates, from 1 to {@value #MAX_DIMENSIONS}
     * @param seed seed of the scrambling; ignored when {@code scramble} is false
     * @param scramble whether to apply random linear matrix scrambling plus a digital shift
     * @throws IllegalArgumentException if {@code dimensions} is outside {@code 1..1000}
     * @throws IllegalStateException if the direction-number resource is missing or malformed
     */
    public SobolSequence(int dimensions, long seed, boolean scramble) {
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new IllegalArgumentException(
                    "Sobol sequence dimensions must be between 1 and "
                            + MAX_DIMENSIONS
                            + " (the Joe-Kuo direction numbers shipped cover at most "
                            + MAX_DIMENSIONS
                            + " dimensions), got "
                            + dimensions);
        }
        this.dimensions = dimensions;
        this.scramble = scramble;
        this.directions = readDirections(dimensions);
        this.shifts = new long[dimensions];
        if (scramble) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int d = 0; d < dimensions; d++) {
                scrambleDimension(directions[d], random);
                shifts[d] = random.nextLong() & (MAX_POINTS - 1);
            }
        }
    }

    /** Returns the number of coordinates of each point. */
    public int dimensions() {
        return dimensions;
    }

    /** Returns whether this sequence is scrambled. */
    public boolean isScrambled() {
        return scramble;
    }

    /**
     * Returns coordinate {@code dim} of point {@code index}, computed directly from the Gray code of
     * {@code index} (see the class documentation).
     *
     * @param index 0-based point index, in {@code [0, 2^52)}
     * @param dim 0-based coordinate, in {@code [0, dimensions())}
     * @return the coordinate, in {@code [0, 1)} (strictly inside {@code (0, 1)} when scrambled)
     * @throws IllegalArgumentException if {@code index} or {@code dim} is out of range
     */
    public double value(long index, int dim) {
        checkIndex(index);
        if (dim < 0 || dim >= dimensions) {
            throw new IllegalArgumentException(
                    "dimension must be between 0 and " + (dimensions - 1) + ", got " + dim);
        }
        return toDouble(bits(index ^ (index >>> 1), dim));
    }

    /**
     * Returns point {@code index} of the sequence.
     *
     * @param index 0-based point index, in {@code [0, 2^52)}
     * @return a new array of {@link #dimensions()} coordinates, each in {@code [0, 1)}
     * @throws IllegalArgumentException if {@code index} is out of range
     */
    public double[] point(long index) {
        checkIndex(index);
        long gray = index ^ (index >>> 1);
        double[] point = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            point[d] = toDouble(bits(gray, d));
        }
        return point;
    }

    @Override
    public String toString() {
        return "SobolSequence[dimensions=" + dimensions + ", scrambled=" + scramble + "]";
    }

    private long bits(long gray, int dim) {
        long[] v = directions[dim];
        long x = shifts[dim];
        for (long g = gray; g != 0; g &= g - 1) {
            x ^= v[Long.numberOfTrailingZeros(g)];
        }
        return x;
    }

    private double toDouble(long bits) {
        // Both forms are exact: bits < 2^52, so 2 * bits + 1 < 2^53 fits the double mantissa.
        return scramble ? (2 * bits + 1) * HALF_UNIT : bits * UNIT;
    }

    private static void checkIndex(long index) {
        if (index < 0 || index >= MAX_POINTS) {
            throw new IllegalArgumentException(
                    "Sobol point index must be between 0 and 2^" + BITS + " - 1, got " + index);
        }
    }

    /**
     * Replaces the direction integers of one dimension by {@code L·v} for a random lower-triangular
     * binary matrix {@code L} with unit diagonal. Digit {@code r} (0-based from the most significant)
     * sits at bit {@code 51 - r}; row {@code r} of {@code L} has random entries in columns {@code 0..r-1}
     * (bits {@code 51..52-r}) and a one on the diagonal (bit {@code 51 - r}).
     */
    private static void scrambleDimension(long[] v, SplittableRandom random) {
        long[] rows = new long[BITS];
        for (int r = 0; r < BITS; r++) {
            long above = r == 0 ? 0L : (-1L << (BITS - r)) & (MAX_POINTS - 1);
            rows[r] = (random.nextLong() & above) | (1L << (BITS - 1 - r));
        }
        for (int k = 0; k < BITS; k++) {
            long in = v[k];
            long out = 0L;
            for (int r = 0; r < BITS; r++) {
                out |= (long) (Long.bitCount(rows[r] & in) & 1) << (BITS - 1 - r);
            }
            v[k] = out;
        }
    }

    private static long[][] readDirections(int dimensions) {
        long[][] directions = new long[dimensions][];
        long[] vanDerCorput = new long[BITS];
        for (int k = 0; k < BITS; k++) {
            vanDerCorput[k] = 1L << (BITS - 1 - k);
        }
        directions[0] = vanDerCorput;
        if (dimensions == 1) {
            return directions;
        }
        InputStream in = SobolSequence.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(
                    "Sobol direction numbers not found on the classpath: org/automl4j/internal/" + RESOURCE);
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line = reader.readLine(); // header: d s a m_i
            for (int d = 1; d < dimensions; d++) {
                line = reader.readLine();
                if (line == null) {
                    throw new IllegalStateException(
                            RESOURCE + " ends before dimension " + (d + 1) + " of " + dimensions);
                }
                directions[d] = parseLine(line.trim(), d + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Sobol direction numbers " + RESOURCE, e);
        }
        return directions;
    }

    /**
     * Parses one line {@code d s a m_1 ... m_s} and extends the initial direction numbers to {@link
     * #BITS} with the recurrence {@code m_k = 2 a_1 m_{k-1} ⊕ 4 a_2 m_{k-2} ⊕ ... ⊕ 2^{s-1} a_{s-1}
     * m_{k-s+1} ⊕ 2^s m_{k-s} ⊕ m_{k-s}}, where {@code a_1 ... a_{s-1}} are the bits of {@code a} from
     * the most significant.
     */
    private static long[] parseLine(String line, int expectedDimension) {
        String[] fields = line.split("\\s+");
        try {
            if (fields.length < 4 || Integer.parseInt(fields[0]) != expectedDimension) {
                throw new IllegalStateException(
                        RESOURCE + ": malformed line for dimension " + expectedDimension + ": " + line);
            }
            int s = Integer.parseInt(fields[1]);
            long a = Long.parseLong(fields[2]);
            if (s < 1 || s >= BITS || fields.length != 3 + s) {
                throw new IllegalStateException(
                        RESOURCE + ": malformed line for dimension " + expectedDimension + ": " + line);
            }
            long[] m = new long[BITS];
            for (int k = 0; k < s; k++) {
                m[k] = Long.parseLong(fields[3 + k]);
            }
            for (int k = s; k < BITS; k++) {
                long next = m[k - s] ^ (m[k - s] << s);
                for (int j = 1; j < s; j++) {
                    if (((a >>> (s - 1 - j)) & 1L) != 0) {
                        next ^= m[k - j] << j;
                    }
                }
                m[k] = next;
            }
            long[] v = new long[BITS];
            for (int k = 0; k < BITS; k++) {
                v[k] = m[k] << (BITS - 1 - k);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    RESOURCE + ": malformed line for dimension " + expectedDimension + ": " + line, e);
        }
    }
}
