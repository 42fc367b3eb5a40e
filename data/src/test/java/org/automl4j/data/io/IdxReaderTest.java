package org.automl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    /** An IDX file of unsigned bytes with the given shape and values. */
    static byte[] idxBytes(int[] shape, int[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, 0x08, (byte) shape.length});
        for (int d : shape) {
            out.writeInt(d);
        }
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsUnsignedBytesWithShapeInRowMajorOrder() throws IOException {
        byte[] raw = idxBytes(new int[] {2, 2, 3}, new int[] {0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255});
        IdxReader.IdxArray a = IdxReader.read(new ByteArrayInputStream(raw), "tiny");
        assertEquals(0x08, a.typeCode());
        assertArrayEquals(new int[] {2, 2, 3}, a.shape());
        assertEquals(2, a.count());
        assertEquals(255f, a.values()[11], "bytes are unsigned");
        assertEquals(250f, a.values()[6]);
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesAndGivesTheSameArray(@TempDir Path dir) throws IOException {
        byte[] raw = idxBytes(new int[] {5}, new int[] {7, 2, 1, 0, 4});
        Path plain = dir.resolve("labels-idx1-ubyte");
        Path packed = dir.resolve("labels-idx1-ubyte.gz");
        Files.write(plain, raw);
        Files.write(packed, gzip(raw));
        assertEquals(IdxReader.read(plain), IdxReader.read(packed));
        assertArrayEquals(new float[] {7, 2, 1, 0, 4}, IdxReader.read(packed).values());
    }

    @Test
    void readsWiderBigEndianTypes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, 0x0B, 1});
        out.writeInt(2);
        out.writeShort(-300);
        out.writeShort(1000);
        IdxReader.IdxArray shorts = IdxReader.read(new ByteArrayInputStream(bytes.toByteArray()), "shorts");
        assertArrayEquals(new float[] {-300, 1000}, shorts.values());

        bytes.reset();
        out.write(new byte[] {0, 0, 0x0D, 1});
        out.writeInt(2);
        out.writeFloat(0.25f);
        out.writeFloat(-1.5f);
        assertArrayEquals(new float[] {0.25f, -1.5f},
                IdxReader.read(new ByteArrayInputStream(bytes.toByteArray()), "floats").values());
    }

    @Test
    void aTruncatedFileSaysItEndsEarly() throws IOException {
        byte[] raw = idxBytes(new int[] {3, 2}, new int[] {1, 2, 3, 4, 5, 6});
        byte[] cut = Arrays.copyOf(raw, raw.length - 2);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(gzip(cut)), "cut.gz"));
        assertTrue(e.getMessage().contains("cut.gz") && e.getMessage().contains("ends early"), e.getMessage());
    }

    @Test
    void aFileThatIsNotIdxIsRejectedWithAHint() {
        byte[] csv = "pixel_0_0,target\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(csv), "digits.csv"));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
        byte[] badType = {0, 0, 0x42, 1, 0, 0, 0, 1, 5};
        e = assertThrows(DataFormatException.class, () -> IdxReader.read(new ByteArrayInputStream(badType), "x"));
        assertTrue(e.getMessage().contains("0x42"), e.getMessage());
    }

    @Test
    void aMissingFileNamesThePath(@TempDir Path dir) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(dir.resolve("nope.gz")));
        assertTrue(e.getMessage().contains("nope.gz") && e.getMessage().contains("no such file"), e.getMessage());
    }
}
