package org.automl4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SobolSequenceTest {

    private static final double TWO_52 = 0x1.0p52;

    @Test
    void firstPointsMatchTheStandardSequence() {
        // Gray-code order of the sequential (Antonov-Saleev) generator with Joe-Kuo direction numbers.
        double[][] expected = {
            {0, 0, 0},
            {0.5, 0.5, 0.5},
            {0.75, 0.25, 0.25},
            {0.25, 0.75, 0.75},
            {0.375, 0.375, 0.625},
            {0.875, 0.875, 0.125},
            {0.625, 0.125, 0.875},
            {0.125, 0.625, 0.375},
        };
        SobolSequence sobol = new SobolSequence(3, 0L, false);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], sobol.point(i), 0.0, "point " + i);
        }
    }

    @Test
    void laterDimensionsMatchTheJoeKuoDirectionNumbers() {
        // Points 1..8 of scipy.stats.qmc.Sobol(d=1000, scramble=False), which uses the same Joe-Kuo table.
        int[] dims = {3, 4, 5, 9, 99, 999};
        double[][] expected = {
            {0.5, 0.25, 0.75, 0.875, 0.375, 0.625, 0.125, 0.4375},
            {0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.5625},
            {0.5, 0.75, 0.25, 0.125, 0.625, 0.875, 0.375, 0.3125},
            {0.5, 0.75, 0.25, 0.625, 0.125, 0.375, 0.875, 0.3125},
            {0.5, 0.75, 0.25, 0.875, 0.375, 0.125, 0.625, 0.9375},
            {0.5, 0.75, 0.25, 0.125, 0.625, 0.875, 0.375, 0.9375},
        };
        SobolSequence sobol = new SobolSequence(1000, 0L, false);
        for (int j = 0; j < dims.length; j++) {
            for (int i = 1; i <= 8; i++) {
                assertEquals(expected[j][i - 1], sobol.value(i, dims[j]), 0.0, "point " + i + ", dim " + dims[j]);
            }
        }
    }

    @Test
    void distantPointsMatchReferenceValues() {
        // Coordinates times 2^52 for dims 0, 1, 2, 9, 99, 999. Indices below 2^32 agree with scipy
        // (qmc.Sobol(bits=32).fast_forward); the others come from an independent reference implementation.
        int[] dims = {0, 1, 2, 9, 99, 999};
        long[][] expected = {
            {1000L, 0x3840000000000L, 0x18c0000000000L, 0x84c0000000000L, 0x11c0000000000L, 0x2fc0000000000L,
                0x3340000000000L},
            {123456L, 0x06c8800000000L, 0x2ec8800000000L, 0x4ea8800000000L, 0x3fc2800000000L, 0xecff800000000L,
                0xf5eb800000000L},
            {2147483647L, 0x0000000200000L, 0xaaaaaaaa00000L, 0x8e00eeee00000L, 0xb992e92200000L, 0xc2862dc600000L,
                0x1af0b29e00000L},
            {2147483648L, 0x0000000300000L, 0x5555555500000L, 0x4b00bbbb00000L, 0x3b6d91d300000L, 0x9a3116bb00000L,
                0x6b3d187900000L},
            {2147495993L, 0xa414000300000L, 0x8569555500000L, 0x620cbbbb00000L, 0x569191d300000L, 0x13c516bb00000L,
                0x4ab1187900000L},
            {1099511627783L, 0x2000000001800L, 0xdf8000007f800L, 0x18d52d80ad800L, 0x0b47795ef7800L, 0x82e8b3f5f8800L,
                0x18375ac344800L},
            {4503599627370495L, 0x0000000000001L, 0xf000f000f000fL, 0x9000000055909L, 0xeb00099f503f1L,
                0x9153d6cd08f77L, 0xd1bd30169145bL},
        };
        SobolSequence sobol = new SobolSequence(1000, 0L, false);
        for (long[] row : expected) {
            for (int j = 0; j < dims.length; j++) {
                assertEquals(row[j + 1] / TWO_52, sobol.value(row[0], dims[j]), 0.0,
                        "index " + row[0] + ", dim " + dims[j]);
            }
        }
    }

    @Test
    void randomAccessAgreesWithTheSequentialGrayCodeGenerator() {
        for (boolean scramble : new boolean[] {false, true}) {
            SobolSequence sobol = new SobolSequence(8, 42L, scramble);
            for (int d = 0; d < 8; d++) {
                // Recover direction numbers: v_1 = x_1 ^ x_0, v_{k+1} = x_{2^k} ^ x_{2^k - 1}.
                long[] v = new long[SobolSequence.BITS];
                v[0] = bits(sobol, 1, d) ^ bits(sobol, 0, d);
                for (int k = 1; k < SobolSequence.BITS; k++) {
                    v[k] = bits(sobol, 1L << k, d) ^ bits(sobol, (1L << k) - 1, d);
                }
                for (long start : new long[] {0L, (1L << 31) - 100, 1L << 40}) {
                    long x = bits(sobol, start, d);
                    for (long n = start + 1; n < start + 4096; n++) {
                        x ^= v[Long.numberOfTrailingZeros(n)];
                        assertEquals(x, bits(sobol, n, d), "scramble=" + scramble + ", dim " + d + ", index " + n);
                    }
                }
            }
        }
    }

    @Test
    void valueAgreesWithPoint() {
        SobolSequence sobol = new SobolSequence(20, 7L, true);
        for (long i : new long[] {0, 1, 2, 3, 17, 1023, 1L << 31, (1L << 31) + 5, SobolSequence.MAX_POINTS - 1}) {
            double[] point = sobol.point(i);
            assertEquals(20, point.length);
            for (int d = 0; d < 20; d++) {
                assertEquals(point[d], sobol.value(i, d), 0.0);
            }
        }
    }

    @Test
    void scrambledSequenceIsReproducibleForASeed() {
        SobolSequence a = new SobolSequence(30, 12345L, true);
        SobolSequence b = new SobolSequence(30, 12345L, true);
        assertTrue(a.isScrambled());
        for (long i = 0; i < 256; i++) {
            assertArrayEquals(a.point(i), b.point(i), 0.0, "point " + i);
        }
    }

    @Test
    void differentSeedsGiveDifferentPoints() {
        SobolSequence a = new SobolSequence(30, 1L, true);
        SobolSequence b = new SobolSequence(30, 2L, true);
        SobolSequence plain = new SobolSequence(30, 1L, false);
        for (long i = 0; i < 64; i++) {
            assertFalse(Arrays.equals(a.point(i), b.point(i)), "point " + i);
            assertFalse(Arrays.equals(a.point(i), plain.point(i)), "point " + i);
        }
    }

    @Test
    void seedIsIgnoredWithoutScrambling() {
        SobolSequence a = new SobolSequence(10, 1L, false);
        SobolSequence b = new SobolSequence(10, 99L, false);
        assertFalse(a.isScrambled());
        for (long i = 0; i < 64; i++) {
            assertArrayEquals(a.point(i), b.point(i), 0.0);
        }
    }

    @Test
    void fewerDimensionsGiveAPrefixOfTheSamePoints() {
        for (boolean scramble : new boolean[] {false, true}) {
            SobolSequence small = new SobolSequence(5, 3L, scramble);
            SobolSequence large = new SobolSequence(40, 3L, scramble);
            for (long i = 0; i < 64; i++) {
                assertArrayEquals(small.point(i), Arrays.copyOf(large.point(i), 5), 0.0);
            }
        }
    }

    @Test
    void eachCoordinateIsStratifiedOverPowerOfTwoBlocks() {
        int dims = 50;
        for (boolean scramble : new boolean[] {false, true}) {
            SobolSequence sobol = new SobolSequence(dims, 2024L, scramble);
            for (int m = 6; m <= 10; m++) {
                int n = 1 << m;
                // The first block of 2^m points, and the next aligned one (a Sobol sequence is a (t, s)-sequence).
                for (long start : new long[] {0L, n}) {
                    for (int d = 0; d < dims; d++) {
                        boolean[] seen = new boolean[n];
                        for (long i = start; i < start + n; i++) {
                            int bin = (int) Math.floor(sobol.value(i, d) * n);
                            assertFalse(seen[bin], "scramble=" + scramble + ", m=" + m + ", start=" + start
                                    + ", dim " + d + ": two points in bin " + bin);
                            seen[bin] = true;
                        }
                    }
                }
            }
        }
    }

    @Test
    void pairsOfDimensionsAreStratifiedAsA_TMS_Net() {
        // Dimensions 0 and 1 form a (0, 2)-sequence: every aligned block of 2^m points has exactly one point in
        // each elementary interval of volume 2^-m, i.e. in each cell of a 2^a x 2^(m-a) grid for every a; the
        // square grids 2^k x 2^k (m = 2k) are the special case a = k.
        for (boolean scramble : new boolean[] {false, true}) {
            SobolSequence sobol = new SobolSequence(2, 77L, scramble);
            for (long start : new long[] {0L, 1L << 31}) {
                for (int m = 1; m <= 12; m++) {
                    int n = 1 << m;
                    for (int a = 0; a <= m; a++) {
                        int cols = 1 << a;
                        int rows = 1 << (m - a);
                        boolean[] seen = new boolean[n];
                        for (long i = start; i < start + n; i++) {
                            double[] p = sobol.point(i);
                            int cell = (int) Math.floor(p[0] * cols) * rows + (int) Math.floor(p[1] * rows);
                            assertFalse(seen[cell], "scramble=" + scramble + ", start=" + start + ", grid " + cols
                                    + "x" + rows + ": two points in cell " + cell);
                            seen[cell] = true;
                        }
                    }
                }
            }
        }
    }

    @Test
    void allValuesLieInTheUnitInterval() {
        SobolSequence plain = new SobolSequence(64, 5L, false);
        SobolSequence scrambled = new SobolSequence(64, 5L, true);
        for (long i = 0; i < 4096; i++) {
            checkInUnitInterval(plain.point(i), scrambled.point(i), i);
        }
        for (long i : new long[] {1L << 31, (1L << 31) + 1, (1L << 32) - 1, 1L << 40, SobolSequence.MAX_POINTS - 1}) {
            checkInUnitInterval(plain.point(i), scrambled.point(i), i);
        }
        assertArrayEquals(new double[64], plain.point(0), 0.0);
    }

    @Test
    void acceptsTheFullThousandDimensions() {
        SobolSequence sobol = new SobolSequence(SobolSequence.MAX_DIMENSIONS, 9L, true);
        assertEquals(1000, sobol.dimensions());
        for (long i = 0; i < 16; i++) {
            double[] p = sobol.point(i);
            assertEquals(1000, p.length);
            for (double x : p) {
                assertTrue(x > 0 && x < 1, "value " + x);
            }
        }
    }

    @Test
    void oneDimensionIsTheVanDerCorputSequence() {
        SobolSequence sobol = new SobolSequence(1, 0L, false);
        for (long i = 0; i < 1024; i++) {
            long gray = i ^ (i >>> 1);
            // Radical inverse of the Gray code: reverse its bits into the binary fraction.
            double expected = (Long.reverse(gray) >>> 12) / TWO_52;
            assertEquals(expected, sobol.value(i, 0), 0.0, "index " + i);
        }
    }

    @Test
    void rejectsTooManyDimensions() {
        IllegalArgumentException tooMany =
                assertThrows(IllegalArgumentException.class, () -> new SobolSequence(1001, 0L, false));
        assertTrue(tooMany.getMessage().contains("1000"), tooMany.getMessage());
        IllegalArgumentException none =
                assertThrows(IllegalArgumentException.class, () -> new SobolSequence(0, 0L, true));
        assertTrue(none.getMessage().contains("1000"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SobolSequence(-3, 0L, true));
    }

    @Test
    void rejectsOutOfRangeIndexOrDimension() {
        SobolSequence sobol = new SobolSequence(4, 0L, true);
        assertThrows(IllegalArgumentException.class, () -> sobol.value(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> sobol.value(SobolSequence.MAX_POINTS, 0));
        assertThrows(IllegalArgumentException.class, () -> sobol.point(-1));
        assertThrows(IllegalArgumentException.class, () -> sobol.value(0, 4));
        assertThrows(IllegalArgumentException.class, () -> sobol.value(0, -1));
    }

    private static void checkInUnitInterval(double[] plain, double[] scrambled, long index) {
        for (int d = 0; d < plain.length; d++) {
            assertTrue(plain[d] >= 0 && plain[d] < 1, "index " + index + ", dim " + d + ": " + plain[d]);
            assertTrue(scrambled[d] > 0 && scrambled[d] < 1, "index " + index + ", dim " + d + ": " + scrambled[d]);
        }
    }

    /** The 52 binary digits of a coordinate, undoing the half-cell offset of scrambled values. */
    private static long bits(SobolSequence sobol, long index, int dim) {
        double x = sobol.value(index, dim);
        if (sobol.isScrambled()) {
            long odd = (long) (x * 0x1.0p53);
            assertEquals(1L, odd & 1L, "scrambled values are cell midpoints");
            return odd >>> 1;
        }
        return (long) (x * TWO_52);
    }
}
