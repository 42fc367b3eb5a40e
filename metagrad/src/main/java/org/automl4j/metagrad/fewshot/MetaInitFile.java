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
 * Loading checks every field and shape and reports what is wrong.
 */
public final class MetaInitFile {
    /** The {@code format} value. */
    public static final String FORMAT = "automl4j-metainit";
    /** The format version written. */
    public static final int VERSION = 1;
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
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".metainit", ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(manifest(init).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(WEIGHTS));
                zip.write(weights(engine, init.weights()));
                zip.closeEntry();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no initialisation file at " + file.toAbsolutePath()
                    + "; create one with: automl4j metalearn train --out " + file);
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(MANIFEST) || e.getName().equals(WEIGHTS)) {
                    entries.put(e.getName(), zip.readNBytes(64 << 20));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(file + " is not a meta-learned initialisation (not a zip file: "
                    + e.getMessage() + ")", e);
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
        if (version > VERSION) {
            throw new IllegalArgumentException(file + " has format version " + version + "; this automl4j reads up to "
                    + VERSION + ": upgrade automl4j");
        }
        String hiddenText = field(p, "hidden", file).trim();
        List<Integer> hidden = new ArrayList<>();
        if (!hiddenText.isEmpty()) {
            for (String h : hiddenText.split(",")) {
                hidden.add(parseInt(h.trim(), "hidden", file));
            }
        }
        MlpSpec spec = new MlpSpec(intField(p, "inputs", file), hidden, intField(p, "outputs", file),
                enumField(Activation.class, p, "activation", file));
        Loss loss = enumField(Loss.class, p, "loss", file);
        Map<String, String> info = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("info.")) {
                info.put(k.substring(5), p.getProperty(k));
            }
        }
        Weights w = readWeights(engine, spec, entries.get(WEIGHTS), file);
        return new MetaInit(w, loss, doubleField(p, "inner_lr", file), intField(p, "inner_steps", file),
                doubleField(p, "input_scale", file), info);
    }

    private static Weights readWeights(DeepEngine engine, MlpSpec spec, byte[] npz, Path file) {
        try (NDManager m = engine.newManager()) {
            NDList list = NDList.decode(m, new ByteArrayInputStream(npz));
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
