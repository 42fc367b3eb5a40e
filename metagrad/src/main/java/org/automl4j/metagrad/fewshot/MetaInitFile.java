package org.automl4j.metagrad.fewshot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.automl4j.deep.DeepEngine;
import org.automl4j.metagrad.nn.Activation;
import org.automl4j.metagrad.nn.Loss;
import org.automl4j.metagrad.nn.ConvNet;
import org.automl4j.metagrad.nn.ConvSpec;
import org.automl4j.metagrad.nn.ConvWeights;
import org.automl4j.metagrad.nn.MlpSpec;
import org.automl4j.metagrad.nn.Weights;

/**
 * Saves and loads a {@link MetaInit}. The file is a zip of two entries:
 * <ul>
 *   <li>{@code manifest.properties}: {@code format=automl4j-metainit}, {@code version=1}, the network
 *   ({@code inputs}, {@code hidden} as comma-separated widths, {@code outputs}, {@code activation} relu|tanh),
 *   {@code loss} (mse|softmax_cross_entropy), {@code inner_lr}, {@code inner_steps}, {@code input_scale} and
 *   {@code info.<key>} provenance lines;</li>
 *   <li>{@code weights.npz}: NumPy's npz (written by DJL), arrays {@code W0, b0, W1, b1, ...}: weight
 *   {@code [fanIn, fanOut]} (so {@code out = in @ W + b}) and bias {@code [fanOut]}, float32 —
 *   {@code numpy.load("weights.npz")} reads them.</li>
 * </ul>
 * A convolutional body ({@link ConvInit}) is written as format version 2: the manifest says {@code network=conv} with
 * {@code side}, {@code channels} (comma-separated, per block), {@code outputs}, {@code adapt_lr}, {@code inner_steps},
 * {@code input_scale} and {@code info.<key>} lines, and {@code weights.npz} holds {@code conv0_W [out, in, 3, 3]},
 * {@code conv0_b}, ..., {@code out_W [embedding, outputs]} and {@code out_b}. Multilayer-perceptron files stay
 * version 1, so earlier readers still read them. A body with a cosine embedding ({@link ConvSpec#embeddingScale()}
 * above 0) is written as version 3, which adds {@code embedding_scale}, so a reader that would ignore the scale
 * refuses the file instead.
 * Loading checks every field and shape and reports what is wrong.
 */
public final class MetaInitFile {
    /** The {@code format} value. */
    public static final String FORMAT = "automl4j-metainit";
    /** The format version written for multilayer perceptrons. */
    public static final int VERSION = 1;
    /** The format version written for convolutional bodies (adds {@code network=conv}). */
    public static final int CONV_VERSION = 2;
    /** The format version written for convolutional bodies with a cosine embedding (adds {@code embedding_scale}). */
    public static final int COSINE_VERSION = 3;
    /** The manifest's {@code network} value of a convolutional body. */
    public static final String CONV = "conv";
    private static final String MANIFEST = "manifest.properties";
    private static final String WEIGHTS = "weights.npz";

    private MetaInitFile() {
    }

    /** Writes {@code init} to {@code file} (through a temporary file, then an atomic move). */
    public static void save(DeepEngine engine, MetaInit init, Path file) throws IOException {
        if (init.innerRates() != null) {
            throw new IllegalArgumentException("format version " + VERSION + " stores one inner learning rate, but this"
                    + " initialisation has per-parameter rates (Meta-SGD); keep it in memory or train without learned rates");
        }
        write(file, manifest(init), weights(engine, init.weights()));
    }

    /**
     * Writes a convolutional body to {@code file} (format version 2, or 3 with a cosine embedding; temporary file, then
     * an atomic move).
     */
    public static void save(DeepEngine engine, ConvInit init, Path file) throws IOException {
        ConvSpec s = init.weights().spec();
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", Integer.toString(s.embeddingScale() > 0 ? COSINE_VERSION : CONV_VERSION));
        p.setProperty("network", CONV);
        p.setProperty("side", Integer.toString(s.side()));
        p.setProperty("channels", String.join(",", s.channels().stream().map(String::valueOf).toList()));
        p.setProperty("outputs", Integer.toString(s.outputs()));
        if (s.embeddingScale() > 0) {
            p.setProperty("embedding_scale", Double.toString(s.embeddingScale()));
        }
        p.setProperty("adapt_lr", Double.toString(init.adaptLr()));
        p.setProperty("inner_steps", Integer.toString(init.innerSteps()));
        p.setProperty("input_scale", Double.toString(init.inputScale()));
        init.info().forEach((k, v) -> p.setProperty("info." + k, v));
        StringWriter w = new StringWriter();
        p.store(w, "automl4j meta-learned convolutional body; weights in weights.npz (numpy.load)");
        ConvNet net = new ConvNet(s);
        try (NDManager m = engine.newManager()) {
            NDList list = new NDList();
            for (int i = 0; i < s.arrays(); i++) {
                Shape shape = net.shape(i, 1);
                NDArray a = org.automl4j.metagrad.nn.Tensors.create(m, init.weights().arrays()[i],
                        new Shape(java.util.Arrays.copyOfRange(shape.getShape(), 1, shape.dimension())));
                a.setName(convArrayName(s, i));
                list.add(a);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.encode(out, NDList.Encoding.NPZ);
            write(file, w.toString(), out.toByteArray());
        }
    }

    private static String convArrayName(ConvSpec s, int i) {
        return i < 2 * s.blocks() ? "conv" + i / 2 + (i % 2 == 0 ? "_W" : "_b") : i == 2 * s.blocks() ? "out_W" : "out_b";
    }

    private static void write(Path file, String manifest, byte[] weights) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a new file (not Files.createTempFile, whose owner-only permissions the move would carry to the result)
        Path tmp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime()
                + ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW);
                 ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(manifest.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(WEIGHTS));
                zip.write(weights);
                zip.closeEntry();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether {@code file} holds a convolutional body ({@link #loadConv}) rather than a perceptron ({@link #load}). */
    public static boolean isConv(Path file) throws IOException {
        return CONV.equals(read(file).manifest().getProperty("network"));
    }

    /**
     * Reads a convolutional body written by {@link #save(DeepEngine, ConvInit, Path)}.
     *
     * @throws IllegalArgumentException when the file is not such a file or a field or array is wrong (the message
     *                                  names it)
     */
    public static ConvInit loadConv(DeepEngine engine, Path file) throws IOException {
        Entries e = read(file);
        Properties p = e.manifest();
        if (!CONV.equals(p.getProperty("network"))) {
            throw new IllegalArgumentException(file + " holds a multilayer perceptron, not a convolutional body; read it"
                    + " with MetaInitFile.load");
        }
        List<Integer> channels = new ArrayList<>();
        for (String c : field(p, "channels", file).split(",")) {
            channels.add(parseInt(c.trim(), "channels", file));
        }
        // files written before cosine embeddings existed have no embedding_scale: their embedding is unnormalised
        double scale = p.containsKey("embedding_scale") ? doubleField(p, "embedding_scale", file) : 0;
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(file + ": embedding_scale must be a finite number >= 0, got " + scale
                    + "; the file is damaged: train and save the body again");
        }
        ConvSpec spec = damaged(file, () -> new ConvSpec(intField(p, "side", file), channels, intField(p, "outputs", file),
                scale));
        ConvNet net = new ConvNet(spec);
        float[][] arrays = new float[spec.arrays()][];
        try (NDManager m = engine.newManager()) {
            NDList list = decode(m, e.weights(), file);
            Map<String, NDArray> byName = new HashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            for (int i = 0; i < spec.arrays(); i++) {
                long[] shape = net.shape(i, 1).getShape();
                arrays[i] = array(byName, convArrayName(spec, i), java.util.Arrays.copyOfRange(shape, 1, shape.length), file);
            }
        } catch (ai.djl.engine.EngineException | IllegalStateException ex) {
            throw new IllegalArgumentException(file + ": " + WEIGHTS + " cannot be read: " + ex.getMessage(), ex);
        }
        return damaged(file, () -> new ConvInit(new ConvWeights(spec, arrays), doubleField(p, "adapt_lr", file),
                intField(p, "inner_steps", file), doubleField(p, "input_scale", file), info(p)));
    }

    private static Map<String, String> info(Properties p) {
        Map<String, String> info = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("info.")) {
                info.put(k.substring(5), p.getProperty(k));
            }
        }
        return info;
    }

    /** A file's two entries, its manifest already checked for format and version. */
    private record Entries(Properties manifest, byte[] weights) {
    }

    private static Entries read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " is a folder, not an initialisation file; give the"
                    + " .metainit file written by: automl4j metalearn train --out FILE");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no initialisation file at " + file.toAbsolutePath()
                    + "; create one with: automl4j metalearn train --out " + file);
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(MANIFEST) || e.getName().equals(WEIGHTS)) {
                    entries.put(e.getName(), zip.readAllBytes()); // whole: a large network's weights exceed any cap
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(file + " is not a meta-learned initialisation (not a zip file: "
                    + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + " is cut short (the zip archive ends early); copy it again or"
                    + " write it again with: automl4j metalearn train --out " + file, e);
        }
        if (!entries.containsKey(MANIFEST) || !entries.containsKey(WEIGHTS)) {
            throw new IllegalArgumentException(file + " is not a meta-learned initialisation: it lacks " + MANIFEST
                    + " or " + WEIGHTS);
        }
        Properties p = new Properties();
        p.load(new StringReader(new String(entries.get(MANIFEST), StandardCharsets.UTF_8)));
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IllegalArgumentException(file + ": format is '" + p.getProperty("format") + "', expected " + FORMAT);
        }
        int version = intField(p, "version", file);
        if (version < VERSION) {
            throw new IllegalArgumentException(file + " has format version " + version + ", but versions start at " + VERSION
                    + "; the file is damaged: train and save it again");
        }
        if (version > COSINE_VERSION) {
            throw new IllegalArgumentException(file + " has format version " + version + "; this automl4j reads up to "
                    + COSINE_VERSION + ": upgrade automl4j");
        }
        return new Entries(p, entries.get(WEIGHTS));
    }

    private static String manifest(MetaInit init) throws IOException {
        MlpSpec s = init.weights().spec();
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", Integer.toString(VERSION));
        p.setProperty("inputs", Integer.toString(s.inputs()));
        p.setProperty("hidden", String.join(",", s.hidden().stream().map(String::valueOf).toList()));
        p.setProperty("outputs", Integer.toString(s.outputs()));
        p.setProperty("activation", s.activation().name().toLowerCase(Locale.ROOT));
        p.setProperty("loss", init.loss().name().toLowerCase(Locale.ROOT));
        p.setProperty("inner_lr", Double.toString(init.innerLr()));
        p.setProperty("inner_steps", Integer.toString(init.innerSteps()));
        p.setProperty("input_scale", Double.toString(init.inputScale()));
        init.info().forEach((k, v) -> p.setProperty("info." + k, v));
        StringWriter w = new StringWriter();
        p.store(w, "automl4j meta-learned initialisation; weights in weights.npz (numpy.load)");
        return w.toString();
    }

    private static byte[] weights(DeepEngine engine, Weights w) throws IOException {
        MlpSpec s = w.spec();
        try (NDManager m = engine.newManager()) {
            NDList list = new NDList();
            for (int l = 0; l < s.layers(); l++) {
                NDArray wt = org.automl4j.metagrad.nn.Tensors.create(m, w.tensor(2 * l), new Shape(s.fanIn(l), s.fanOut(l)));
                wt.setName("W" + l);
                NDArray b = org.automl4j.metagrad.nn.Tensors.create(m, w.tensor(2 * l + 1), new Shape(s.fanOut(l)));
                b.setName("b" + l);
                list.add(wt);
                list.add(b);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.encode(out, NDList.Encoding.NPZ);
            return out.toByteArray();
        }
    }

    /**
     * Reads a file written by {@link #save}.
     *
     * @throws IllegalArgumentException when the file is not such a file or a field or array is wrong (the message
     *                                  names it)
     */
    public static MetaInit load(DeepEngine engine, Path file) throws IOException {
        Entries e = read(file);
        Properties p = e.manifest();
        if (CONV.equals(p.getProperty("network"))) {
            throw new IllegalArgumentException(file + " holds a convolutional body; read it with MetaInitFile.loadConv"
                    + " (the command line does this itself)");
        }
        String hiddenText = field(p, "hidden", file).trim();
        List<Integer> hidden = new ArrayList<>();
        if (!hiddenText.isEmpty()) {
            for (String h : hiddenText.split(",")) {
                hidden.add(parseInt(h.trim(), "hidden", file));
            }
        }
        MlpSpec spec = damaged(file, () -> new MlpSpec(intField(p, "inputs", file), hidden, intField(p, "outputs", file),
                enumField(Activation.class, p, "activation", file)));
        Loss loss = enumField(Loss.class, p, "loss", file);
        Map<String, String> info = info(p);
        Weights w = readWeights(engine, spec, e.weights(), file);
        return damaged(file, () -> new MetaInit(w, loss, doubleField(p, "inner_lr", file), intField(p, "inner_steps", file),
                doubleField(p, "input_scale", file), info));
    }

    /**
     * Builds a part of a loaded file; a value the part refuses (a width of 0, a negative rate) means the file was
     * damaged or edited, so the message names the file and says so. Messages that already name the file pass as they are.
     */
    private static <T> T damaged(Path file, java.util.function.Supplier<T> part) {
        try {
            return part.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": " + MANIFEST + " describes no usable initialisation ("
                    + e.getMessage() + "); the file is damaged: train and save it again", e);
        }
    }

    private static Weights readWeights(DeepEngine engine, MlpSpec spec, byte[] npz, Path file) {
        try (NDManager m = engine.newManager()) {
            NDList list = decode(m, npz, file);
            Map<String, NDArray> byName = new HashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            List<float[]> t = new ArrayList<>();
            for (int l = 0; l < spec.layers(); l++) {
                t.add(array(byName, "W" + l, new long[] {spec.fanIn(l), spec.fanOut(l)}, file));
                t.add(array(byName, "b" + l, new long[] {spec.fanOut(l)}, file));
            }
            return new Weights(spec, t);
        } catch (ai.djl.engine.EngineException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": " + WEIGHTS + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The arrays of a weights.npz; a damaged one (DJL: "Malformed data") is reported with the file's name. */
    private static NDList decode(NDManager m, byte[] npz, Path file) {
        try {
            return NDList.decode(m, new ByteArrayInputStream(npz));
        } catch (IllegalArgumentException | IllegalStateException | ai.djl.engine.EngineException e) {
            throw new IllegalArgumentException(file + ": " + WEIGHTS + " is damaged (" + e.getMessage() + "); copy the"
                    + " file again or write it again with: automl4j metalearn train --out " + file, e);
        }
    }

    private static float[] array(Map<String, NDArray> byName, String name, long[] shape, Path file) {
        NDArray a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException(file + ": " + WEIGHTS + " lacks array " + name + " (has " + byName.keySet() + ")");
        }
        if (!Arrays.equals(a.getShape().getShape(), shape)) {
            throw new IllegalArgumentException(file + ": array " + name + " has shape " + a.getShape() + ", the manifest's"
                    + " network needs " + new Shape(shape));
        }
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    }

    private static String field(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": " + MANIFEST + " lacks '" + key + "'");
        }
        return v;
    }

    private static int intField(Properties p, String key, Path file) {
        return parseInt(field(p, key, file).trim(), key, file);
    }

    private static int parseInt(String v, String key, Path file) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": '" + key + "' is '" + v + "', not an integer", e);
        }
    }

    private static double doubleField(Properties p, String key, Path file) {
        String v = field(p, key, file).trim();
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": '" + key + "' is '" + v + "', not a number", e);
        }
    }

    private static <E extends Enum<E>> E enumField(Class<E> type, Properties p, String key, Path file) {
        String v = field(p, key, file).trim();
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": '" + key + "' is '" + v + "'; expected one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList(), e);
        }
    }
}
