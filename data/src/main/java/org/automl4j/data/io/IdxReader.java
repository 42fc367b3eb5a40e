package org.automl4j.data.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format (LeCun's MNIST files): two zero bytes, a type byte (0x08 unsigned byte, 0x09 signed
 * byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double), the number of dimensions, each dimension as a
 * big-endian 32-bit integer, then the values in row-major order, big-endian. Gzip-compressed files
 * ({@code .gz}) are recognised by their magic bytes, whatever their name. Values come back as
 * {@code float}; 32-bit integers beyond 2^24 in magnitude, which a float cannot hold exactly, are an error.
 */
public final class IdxReader {

    /** Refuse tensors above this many values (2^31 - 1 cannot be indexed by a Java array). */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * An IDX tensor.
     *
     * @param typeCode the IDX type byte (0x08 for MNIST pixels and labels)
     * @param shape    the dimensions, outermost first
     * @param values   every value in row-major order
     */
    public record IdxArray(int typeCode, int[] shape, float[] values) {
        /** Copies nothing: treat the arrays as read-only. */
        public IdxArray {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                        + values.length);
            }
        }

        /** The number of entries along the first dimension (images, labels). */
        public int count() {
            return shape.length == 0 ? 1 : shape[0];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdxArray a && a.typeCode == typeCode && Arrays.equals(a.shape, shape)
                    && Arrays.equals(a.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * typeCode + Arrays.hashCode(shape)) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "IdxArray[type=0x" + Integer.toHexString(typeCode) + ", shape=" + Arrays.toString(shape) + "]";
        }
    }

    private IdxReader() {
    }

    /**
     * Reads an IDX file, gzip-compressed or not.
     *
     * @throws DataFormatException if the file is missing, truncated or not IDX, saying which and how to fix it
     */
    public static IdxArray read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        } catch (NoSuchFileException e) {
            throw new DataFormatException(path.toString(), 0, null, "no such file; give the path of an IDX file"
                    + " such as t10k-images-idx3-ubyte.gz", e);
        } catch (IOException e) {
            throw new DataFormatException(path.toString(), 0, null, "cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an IDX stream (gzip-compressed or not); {@code source} names it in errors.
     *
     * @throws DataFormatException if the stream is truncated or not IDX
     */
    public static IdxArray read(InputStream raw, String source) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            InputStream in = buffered;
            if (b0 == 0x1f && b1 == 0x8b) {
                in = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
            }
            return parse(new DataInputStream(in), source);
        } catch (EOFException e) {
            throw new DataFormatException(source, 0, null, "the file ends early: the header promises more values than"
                    + " it holds; the download is probably incomplete", e);
        } catch (java.util.zip.ZipException e) {
            throw new DataFormatException(source, 0, null, "corrupt gzip data (" + e.getMessage()
                    + "); decompress it with gunzip to check, or download it again", e);
        } catch (IOException e) {
            throw new DataFormatException(source, 0, null, "cannot read the data: " + e.getMessage(), e);
        }
    }

    private static IdxArray parse(DataInputStream in, String source) throws IOException {
        int z0 = in.read();
        int z1 = in.read();
        int type = in.read();
        int dims = in.read();
        if (z0 != 0 || z1 != 0 || dims < 0) {
            throw new DataFormatException(source, 0, null, "not an IDX file: it should start with two zero bytes, a"
                    + " type byte and a dimension count (MNIST images: 00 00 08 03); is it a CSV or an image?");
        }
        int width = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> throw new DataFormatException(source, 0, null, "unknown IDX type byte 0x"
                    + Integer.toHexString(type) + "; IDX knows 0x08, 0x09, 0x0B, 0x0C, 0x0D and 0x0E");
        };
        if (dims == 0 || dims > 8) {
            throw new DataFormatException(source, 0, null, "an IDX tensor with " + dims
                    + " dimensions; expected 1 (labels) to 8 (images have 3)");
        }
        int[] shape = new int[dims];
        long n = 1;
        for (int d = 0; d < dims; d++) {
            shape[d] = in.readInt();
            if (shape[d] < 0) {
                throw new DataFormatException(source, 0, null, "dimension " + d + " is negative (" + shape[d]
                        + "); the header is corrupt");
            }
            n *= shape[d];
            if (n > MAX_VALUES) {
                throw new DataFormatException(source, 0, null, "the tensor " + Arrays.toString(Arrays.copyOf(shape, d + 1))
                        + "... has more than " + MAX_VALUES + " values, too many for one array; split the file");
            }
        }
        float[] values = new float[(int) n];
        byte[] buf = new byte[1 << 16];
        int perBuf = buf.length / width;
        int done = 0;
        while (done < values.length) {
            int k = Math.min(perBuf, values.length - done);
            in.readFully(buf, 0, k * width);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(buf, 0, k * width); // big-endian by default
            for (int i = 0; i < k; i++) {
                values[done + i] = switch (type) {
                    case 0x08 -> buf[i] & 0xff;
                    case 0x09 -> buf[i];
                    case 0x0B -> bb.getShort();
                    case 0x0C -> exactInt(bb.getInt(), source, done + i);
                    case 0x0D -> bb.getFloat();
                    default -> (float) bb.getDouble();
                };
            }
            done += k;
        }
        return new IdxArray(type, shape, values);
    }

    private static float exactInt(int v, String source, int index) {
        if (Math.abs((long) v) > (1 << 24)) {
            throw new DataFormatException(source, 0, null, "int32 value " + v + " at position " + index
                    + " cannot be held exactly as a float (limit 2^24); this reader is for pixels and labels");
        }
        return v;
    }
}
