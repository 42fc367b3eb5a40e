package org.automl4j.metagrad.fewshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.automl4j.data.io.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ImageSet#fromIdx} on tiny MNIST-style IDX files written here, and its average pooling. */
class ImageSetIdxTest {

    @TempDir
    Path dir;

    /** Three 4x4 8-bit images: image i holds value 10 * i + pixel index (0..15), so every pixel is distinct. */
    private static int[][] images() {
        int[][] img = new int[3][16];
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 16; p++) {
                img[i][p] = 10 * i + p * (i == 2 ? 15 : 1);
            }
        }
        return img;
    }

    private Path writeImages(String name, int[][] img, int rows, int cols, boolean gzip) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(f);
             DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
            out.write(new byte[] {0, 0, 0x08, 3});
            out.writeInt(img.length);
            out.writeInt(rows);
            out.writeInt(cols);
            for (int[] im : img) {
                for (int v : im) {
                    out.writeByte(v);
                }
            }
        }
        return f;
    }

    private Path writeLabels(String name, int[] labels, boolean gzip) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(f);
             DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
            out.write(new byte[] {0, 0, 0x08, 1});
            out.writeInt(labels.length);
            for (int v : labels) {
                out.writeByte(v);
            }
        }
        return f;
    }

    @Test
    void idxFilesGiveOneRowPerImageWithItsLabelAndPixelsOver255() throws IOException {
        int[][] img = images();
        Path x = writeImages("t10k-images-idx3-ubyte.gz", img, 4, 4, true);
        Path y = writeLabels("t10k-labels-idx1-ubyte.gz", new int[] {2, 0, 1}, true);

        ImageSet set = ImageSet.fromIdx(x, y, 1);

        assertEquals(4, set.side());
        assertEquals(16, set.features());
        assertEquals(3, set.pixels().length);
        assertArrayEquals(new int[] {2, 0, 1}, set.labels());
        assertEquals(List.of("0", "1", "2"), set.classNames());
        assertEquals(1.0, set.scale());
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 16; p++) {
                assertEquals(img[i][p] / 255f, set.pixels()[i][p], 1e-6f, "image " + i + " pixel " + p);
            }
        }
        // class "1" is the third image only
        assertEquals(1, set.classRows(1, 0).length);
        assertArrayEquals(set.pixels()[2], set.classRows(1, 0)[0]);
    }

    @Test
    void poolingByTwoAveragesEachTwoByTwoBlockOfAHandMadeImage() {
        float[] image = {
            1, 2, 0, 0,
            3, 6, 0, 4,
            8, 8, 1, 1,
            8, 0, 1, 1,
        };
        float[] pooled = ImageSet.averagePool(image, 1, 4, 4, 2);
        assertArrayEquals(new float[] {3, 1, 6, 1}, pooled, 1e-6f);
        // two channels pool separately; a 4x2 image by 2 gives 2x1
        float[] twoChannels = {1, 3, 5, 7, 0, 0, 2, 2, /* channel 2 */ 4, 4, 4, 4, 8, 0, 0, 0};
        assertArrayEquals(new float[] {4, 1, 4, 2}, ImageSet.averagePool(twoChannels, 2, 4, 2, 2), 1e-6f);
    }

    @Test
    void pooledIdxSetHasTheHalfSideAndStillTurns() throws IOException {
        int[][] img = images();
        Path x = writeImages("imgs-idx3-ubyte", img, 4, 4, false);
        Path y = writeLabels("labels-idx1-ubyte", new int[] {0, 1, 1}, false);

        ImageSet set = ImageSet.fromIdx(x, y, 2);

        assertEquals(2, set.side());
        assertEquals(4, set.features());
        // image 0 holds p = r * 4 + c; its top-left block is (0 + 1 + 4 + 5) / 4 = 2.5, then 4.5, 10.5, 12.5
        assertArrayEquals(new float[] {2.5f / 255, 4.5f / 255, 10.5f / 255, 12.5f / 255}, set.pixels()[0], 1e-6f);
        float[] turned = set.classRows(0, 1)[0];
        assertArrayEquals(ImageSet.rotate(set.pixels()[0], 2, 1), turned, 0f);
    }

    @Test
    void aMissingImagesFileIsNamedWithTheExpectedKindOfFile() throws IOException {
        Path y = writeLabels("t10k-labels-idx1-ubyte.gz", new int[] {0, 1, 1}, true);
        Path missing = dir.resolve("no-such-images-idx3-ubyte.gz");

        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageSet.fromIdx(missing, y, 2));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void aPoolFactorThatDoesNotDivideTheSideIsRejectedWithTheUsableOnes() throws IOException {
        Path x = writeImages("t10k-images-idx3-ubyte.gz", images(), 4, 4, true);
        Path y = writeLabels("t10k-labels-idx1-ubyte.gz", new int[] {0, 1, 1}, true);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageSet.fromIdx(x, y, 3));
        assertTrue(e.getMessage().contains("[1, 2, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageSet.fromIdx(x, y, 0));
    }

    @Test
    void labelsOfAnotherSizeThanTheImagesAreRejected() throws IOException {
        Path x = writeImages("t10k-images-idx3-ubyte.gz", images(), 4, 4, true);
        Path y = writeLabels("t10k-labels-idx1-ubyte.gz", new int[] {0, 1}, true);

        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageSet.fromIdx(x, y, 1));
        assertTrue(e.getMessage().contains("2 labels for 3 images"), e.getMessage());
    }
}
