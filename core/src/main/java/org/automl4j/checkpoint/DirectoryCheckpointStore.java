package org.automl4j.checkpoint;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * One file per trial, {@code <dir>/<encoded study name>/trial-<number>.ckpt}: a magic header, the step, the
 * length, the bytes and their CRC32. Written to a temporary file in the same folder, forced to disk and
 * renamed over the old file (atomically where the file system can), so readers see the old or the new
 * checkpoint, never a torn one. Thread-safe and safe across processes sharing the directory.
 */
final class DirectoryCheckpointStore implements CheckpointStore {
    private static final int MAGIC = 0x41344A43; // "A4JC"
    private static final int VERSION = 1;

    private final Path dir;

    DirectoryCheckpointStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create checkpoint directory " + dir
                    + "; pass a writable directory to CheckpointStores.directory", e);
        }
    }

    /** The trial's checkpoint file. */
    Path file(String studyName, int trialNumber) {
        return dir.resolve(encode(studyName)).resolve("trial-" + trialNumber + ".ckpt");
    }

    /** The longest encoded study name used as it is: file systems allow 255 bytes per name. */
    static final int MAX_NAME = 255;

    /**
     * A file-name-safe, injective encoding: letters, digits, '-' and '_' kept, other bytes as %XX. An encoding
     * longer than {@link #MAX_NAME} characters (a long or non-Latin study name) is cut to 200 and followed by
     * '.' (which the full encoding never has) and 32 hex digits of the name's SHA-256, so it stays a valid file
     * name and apart from every other.
     */
    static String encode(String studyName) {
        StringBuilder sb = new StringBuilder("study-");
        for (byte b : studyName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        if (sb.length() <= MAX_NAME) {
            return sb.toString();
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(studyName.getBytes(StandardCharsets.UTF_8));
            return sb.substring(0, 200) + "." + java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must have", e);
        }
    }

    @Override
    public void save(String studyName, int trialNumber, long step, byte[] state) {
        Objects.requireNonNull(studyName, "studyName");
        Checkpoint checkpoint = new Checkpoint(step, state);
        Path target = file(studyName, trialNumber);
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp);
                    DataOutputStream data = new DataOutputStream(out)) {
                byte[] bytes = checkpoint.state();
                CRC32 crc = new CRC32();
                crc.update(bytes);
                data.writeInt(MAGIC);
                data.writeInt(VERSION);
                data.writeLong(step);
                data.writeInt(bytes.length);
                data.write(bytes);
                data.writeLong(crc.getValue());
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of trial " + trialNumber + " of study '"
                    + studyName + "' to " + target + "; check that the directory is writable and has space", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the failure that brought us here is the one to report
                }
            }
        }
    }

    @Override
    public Optional<Checkpoint> latest(String studyName, int trialNumber) {
        Objects.requireNonNull(studyName, "studyName");
        Path f = file(studyName, trialNumber);
        try (InputStream in = Files.newInputStream(f); DataInputStream data = new DataInputStream(in)) {
            int magic = data.readInt();
            int version = data.readInt();
            if (magic != MAGIC || version != VERSION) {
                throw new IllegalStateException("checkpoint file " + f + " is not an automl4j checkpoint (version "
                        + VERSION + "); remove it or point the store at another directory");
            }
            long step = data.readLong();
            int length = data.readInt();
            if (length < 0) {
                throw corrupt(f);
            }
            byte[] bytes = data.readNBytes(length);
            if (bytes.length != length) {
                throw corrupt(f);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (data.readLong() != crc.getValue()) {
                throw corrupt(f);
            }
            return Optional.of(new Checkpoint(step, bytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.io.EOFException e) {
            throw corrupt(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint file " + f, e);
        }
    }

    private static IllegalStateException corrupt(Path f) {
        return new IllegalStateException("checkpoint file " + f + " is truncated or corrupt (it was not written"
                + " by this store's atomic rename); delete it so the trial starts from scratch");
    }

    @Override
    public String toString() {
        return "DirectoryCheckpointStore[" + dir + "]";
    }
}
