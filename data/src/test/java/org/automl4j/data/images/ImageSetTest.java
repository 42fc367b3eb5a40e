package org.automl4j.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.automl4j.data.io.CsvReader;
import org.automl4j.data.io.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSetTest {

    @Test
    void theBundledDigitsAre1797ImagesOf8x8InTenClasses() {
        ImageSet d = ImageSet.digits();
        assertEquals(1797, d.size());
        assertEquals("1x8x8", d.shape());
        assertEquals(10, d.classCount());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, d.classCounts());
        float max = 0;
        for (float p : d.pixels()) {
            max = Math.max(max, p);
        }
        assertEquals(1f, max, "grey levels 0..16 are scaled to [0, 1]");
        // first row of the file: 0,0,5,13,9,1,0,0 ... target 0
        assertEquals(0, d.label(0));
        assertEquals(5 / 16f, d.image(0)[2]);
        assertEquals(13 / 16f, d.image(0)[3]);
    }

    @Test
    void aSeededSplitIsStratifiedDisjointAndReproducible() {
        ImageSet d = ImageSet.digits();
        ImageSet.TrainTest a = d.split(0.2, 7);
        ImageSet.TrainTest b = d.split(0.2, 7);
        assertEquals(d.size(), a.train().size() + a.test().size());
        assertArrayEquals(a.test().labels(), b.test().labels());
        assertArrayEquals(a.test().pixels(), b.test().pixels());
        int[] counts = a.test().classCounts();
        int[] all = d.classCounts();
        for (int k = 0; k < 10; k++) {
            assertEquals(Math.round(0.2 * all[k]), counts[k], "class " + k + " keeps its share");
        }
        assertNotEquals(Arrays.toString(a.test().labels()), Arrays.toString(d.split(0.2, 8).test().labels()));
    }

    @Test
    void aStratifiedFractionKeepsEveryClass() {
        ImageSet small = ImageSet.digits().stratifiedFraction(0.05, 3);
        assertEquals(90, small.size(), "5% of each class, rounded");
        for (int c : small.classCounts()) {
            assertTrue(c >= 8 && c <= 10, Arrays.toString(small.classCounts()));
        }
    }

    private static byte[] idx(int type, int[] shape, int[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write(new byte[] {0, 0, (byte) type, (byte) shape.length});
            for (int d : shape) {
                out.writeInt(d);
            }
            for (int v : values) {
                out.writeByte(v);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void readsAnMnistStyleIdxPairAndFolder(@TempDir Path dir) throws IOException {
        int[] px = new int[3 * 2 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = i * 20;
        }
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), idx(0x08, new int[] {3, 2, 2}, px));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), idx(0x08, new int[] {3}, new int[] {2, 0, 1}));
        ImageSet s = ImageSet.fromIdxFolder(dir);
        assertEquals(3, s.size());
        assertEquals("1x2x2", s.shape());
        assertEquals(3, s.classCount());
        assertArrayEquals(new int[] {2, 0, 1}, s.labels());
        assertEquals(220 / 255f, s.image(2)[3], 1e-7);

        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), idx(0x08, new int[] {1, 2, 2}, new int[] {1, 2, 3, 4}));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageSet.fromIdxFolder(dir));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte"), e.getMessage());
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), idx(0x08, new int[] {1}, new int[] {1}));
        assertEquals(4, ImageSet.fromIdxFolder(dir).size(), "t10k and train are joined");
    }

    @Test
    void mismatchedIdxFilesAreRejected(@TempDir Path dir) throws IOException {
        Path img = dir.resolve("a-images-idx3-ubyte.gz");
        Path lab = dir.resolve("a-labels-idx1-ubyte.gz");
        Files.write(img, idx(0x08, new int[] {2, 1, 1}, new int[] {0, 255}));
        Files.write(lab, idx(0x08, new int[] {3}, new int[] {0, 1, 1}));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageSet.fromIdx("a", img, lab));
        assertTrue(e.getMessage().contains("3 labels for 2 images"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> ImageSet.fromIdx("a", lab, img));
        assertTrue(e.getMessage().contains("labels file"), e.getMessage());
    }

    @Test
    void tablesWithOutOfRangePixelsOrNonIntegerLabelsAreRejected() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageSet.fromTable("t",
                new CsvReader().readString("pixel_0_0,pixel_0_1,pixel_1_0,pixel_1_1,y\n0,1,2,20,1\n0,0,0,0,0\n", "t.csv"), "y", 16));
        assertTrue(e.getMessage().contains("20.0") && e.getMessage().contains("pixel_1_1"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> ImageSet.fromTable("t",
                new CsvReader().readString("a,b,c,d,y\n0,1,2,3,1.5\n0,0,0,0,0\n", "t.csv"), "y", 16));
        assertTrue(e.getMessage().contains("'1.5'"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> ImageSet.fromTable("t",
                new CsvReader().readString("a,b,c,y\n0,1,2,1\n0,0,0,0\n", "t.csv"), "y", 16));
        assertTrue(e.getMessage().contains("not a square"), e.getMessage());
    }

    @Test
    void aTableOrIdxFolderWhoseImagesAllHaveOneLabelIsRejectedInsteadOfBecomingTwoClasses(@TempDir Path dir)
            throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageSet.fromTable("t",
                new CsvReader().readString("pixel_0_0,pixel_0_1,y\n0,1,0\n2,3,0\n4,5,0\n", "t.csv"), "y", 16));
        assertTrue(e.getMessage().contains("every image has label 0 (3 images)"), e.getMessage());
        assertTrue(e.getMessage().contains("at least two classes"), e.getMessage());
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), idx(0x08, new int[] {2, 1, 1}, new int[] {0, 255}));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), idx(0x08, new int[] {2}, new int[] {3, 3}));
        e = assertThrows(DataFormatException.class, () -> ImageSet.fromIdxFolder(dir));
        assertTrue(e.getMessage().contains("every image has label 3 (2 images)"), e.getMessage());
    }

    @Test
    void becomesALabeledTableWithOneColumnPerPixel() {
        ImageSet d = ImageSet.digits().subset(new int[] {0, 1, 2});
        var t = d.toLabeledTable("digit");
        assertEquals(64, t.features().columnCount());
        assertEquals("pixel_0_2", t.features().column(2).name());
        assertEquals(3, t.rows());
    }
}
