package org.automl4j.metagrad.fewshot;

import java.util.SplittableRandom;

/**
 * Random-translation augmentation of square one-channel images stored as rows: each image moves by a whole number
 * of pixels in [-max, max] along each axis, drawn independently per image, with zeros (the background) filling the
 * edge it leaves. Used on the source tasks while meta-training and pretraining, so that the body learns features
 * that do not depend on exact positions; never on test tasks.
 */
final class ImageShifts {

    private ImageShifts() {
    }

    /** {@code row} (a {@code side} x {@code side} image, row-major) moved by {@code dx} columns and {@code dy} rows. */
    static float[] shifted(float[] row, int side, int dx, int dy) {
        float[] out = new float[row.length];
        for (int r = 0; r < side; r++) {
            int from = r - dy;
            if (from < 0 || from >= side) {
                continue;
            }
            for (int c = 0; c < side; c++) {
                int fc = c - dx;
                if (fc >= 0 && fc < side) {
                    out[r * side + c] = row[from * side + fc];
                }
            }
        }
        return out;
    }

    /** {@code e} with every image moved at random by up to {@code max} pixels per axis ({@code e} itself if 0). */
    static Examples augment(Examples e, int side, int max, SplittableRandom rng) {
        if (max == 0) {
            return e;
        }
        float[][] x = new float[e.size()][];
        for (int i = 0; i < x.length; i++) {
            int dx = rng.nextInt(2 * max + 1) - max;
            int dy = rng.nextInt(2 * max + 1) - max;
            x[i] = shifted(e.x()[i], side, dx, dy);
        }
        return new Examples(x, e.y());
    }

    /** {@code t}'s support and query images each moved at random by up to {@code max} pixels per axis. */
    static FewShotTask augment(FewShotTask t, int side, int max, SplittableRandom rng) {
        return max == 0 ? t : new FewShotTask(augment(t.support(), side, max, rng), augment(t.query(), side, max, rng));
    }
}
