package org.automl4j.learners.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.automl4j.data.Task;

/**
 * The serialised form of every model: a small self-describing binary header (magic, format version,
 * learner, task, classes, feature names, typed parameters) followed by the library's own model bytes.
 * Reading parses plain values only; no Java object deserialisation. Internal; not API.
 *
 * @param learner      the learner's name
 * @param task         the task
 * @param classes      class labels (empty for regression)
 * @param featureNames feature names
 * @param params       parameters: Integer, Long, Double, Boolean or String values
 * @param payload      the library's model bytes
 */
public record ModelEnvelope(String learner, Task task, List<String> classes, List<String> featureNames,
        Map<String, Object> params, byte[] payload) {

    private static final int MAGIC = 0x41344A4D; // "A4JM"
    private static final int FORMAT = 1;

    public ModelEnvelope {
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(task, "task");
        classes = List.copyOf(classes);
        featureNames = List.copyOf(featureNames);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(payload, "payload");
    }

    /** The bytes of this envelope. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(learner);
            out.writeUTF(task.name());
            writeStrings(out, classes);
            writeStrings(out, featureNames);
            out.writeInt(params.size());
            for (Map.Entry<String, Object> e : params.entrySet()) {
                out.writeUTF(e.getKey());
                Object v = e.getValue();
                if (v instanceof Integer i) {
                    out.writeByte('I');
                    out.writeInt(i);
                } else if (v instanceof Long l) {
                    out.writeByte('L');
                    out.writeLong(l);
                } else if (v instanceof Double || v instanceof Float) {
                    out.writeByte('D');
                    out.writeDouble(((Number) v).doubleValue());
                } else if (v instanceof Boolean b) {
                    out.writeByte('B');
                    out.writeBoolean(b);
                } else if (v instanceof String s) {
                    out.writeByte('S');
                    out.writeUTF(s);
                } else {
                    throw new IllegalArgumentException("parameter '" + e.getKey() + "' has a value of type "
                            + (v == null ? "null" : v.getClass().getName()) + " that cannot be saved; use an int, long,"
                            + " double, boolean or string");
                }
            }
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Parses an envelope and checks it was written for {@code expectedLearner}.
     *
     * @throws IllegalArgumentException if the bytes are not an automl4j model of that learner
     */
    public static ModelEnvelope read(byte[] bytes, String expectedLearner) {
        Objects.requireNonNull(bytes, "bytes");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (bytes.length < 8 || in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not an automl4j model: the bytes do not start with the model"
                        + " header; pass what Model.toBytes() returned");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("model format version " + format + " is not supported (this"
                        + " automl4j reads version " + FORMAT + "); use the automl4j version that wrote it");
            }
            String learner = in.readUTF();
            if (!learner.equals(expectedLearner)) {
                throw new IllegalArgumentException("these bytes hold a '" + learner + "' model, not a '"
                        + expectedLearner + "' model; load it with Learners.load(\"" + learner + "\", bytes)");
            }
            Task task = Task.valueOf(in.readUTF());
            List<String> classes = readStrings(in, bytes.length);
            List<String> features = readStrings(in, bytes.length);
            int n = readCount(in, bytes.length);
            Map<String, Object> params = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int tag = in.readByte();
                Object v = switch (tag) {
                    case 'I' -> in.readInt();
                    case 'L' -> in.readLong();
                    case 'D' -> in.readDouble();
                    case 'B' -> in.readBoolean();
                    case 'S' -> in.readUTF();
                    default -> throw new IllegalArgumentException("corrupt model: unknown value tag " + tag
                            + " for parameter '" + name + "'");
                };
                params.put(name, v);
            }
            byte[] payload = new byte[readCount(in, bytes.length)];
            in.readFully(payload);
            if (in.available() != 0) {
                throw new IllegalArgumentException("corrupt model: " + in.available() + " trailing bytes");
            }
            return new ModelEnvelope(learner, task, classes, features, params, payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt or truncated automl4j model: " + e, e);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String s : values) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInputStream in, int limit) throws IOException {
        int n = readCount(in, limit);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readUTF());
        }
        return values;
    }

    private static int readCount(DataInputStream in, int limit) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IllegalArgumentException("corrupt model: count " + n + " is impossible in " + limit + " bytes");
        }
        return n;
    }
}
