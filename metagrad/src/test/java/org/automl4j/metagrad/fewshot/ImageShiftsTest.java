package org.automl4j.metagrad.fewshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageShiftsTest {

    /** A 3x3 image with values 1..9, row-major. */
    private static final float[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void aShiftMovesPixelsAndFillsTheVacatedEdgeWithZeros() {
        assertArrayEquals(new float[] {0, 1, 2, 0, 4, 5, 0, 7, 8}, ImageShifts.shifted(IMAGE, 3, 1, 0), "one column right");
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 0, 0, 0}, ImageShifts.shifted(IMAGE, 3, 0, -1), "one row up");
        assertArrayEquals(new float[] {0, 0, 0, 2, 3, 0, 5, 6, 0}, ImageShifts.shifted(IMAGE, 3, -1, 1), "left and down");
        assertArrayEquals(IMAGE, ImageShifts.shifted(IMAGE, 3, 0, 0));
    }

    @Test
    void augmentationDrawsShiftsWithinTheLimitPerImageAndIsSeeded() {
        float[][] x = new float[200][];
        for (int i = 0; i < x.length; i++) {
            x[i] = IMAGE.clone();
        }
        Examples e = new Examples(x, new float[200]);
        Examples a = ImageShifts.augment(e, 3, 1, new SplittableRandom(3));
        Set<String> seen = new HashSet<>();
        for (float[] row : a.x()) {
            boolean match = false;
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    if (java.util.Arrays.equals(row, ImageShifts.shifted(IMAGE, 3, dx, dy))) {
                        match = true;
                        seen.add(dx + "," + dy);
                    }
                }
            }
            assertTrue(match, "every image is one of the nine shifts of at most one pixel");
        }
        assertEquals(9, seen.size(), "all nine shifts occur among 200 images: " + seen);
        Examples again = ImageShifts.augment(e, 3, 1, new SplittableRandom(3));
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(a.x()[i], again.x()[i]);
        }
        assertSame(e, ImageShifts.augment(e, 3, 0, new SplittableRandom(3)), "no shift: unchanged");
        assertArrayEquals(e.y(), a.y(), "labels stay");
    }
}
