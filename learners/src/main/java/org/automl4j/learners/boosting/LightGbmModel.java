package org.automl4j.learners.boosting;

import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.automl4j.data.Task;
import org.automl4j.learners.Model;
import org.automl4j.learners.internal.ModelEnvelope;
import org.automl4j.learners.internal.TribuoModel;

/**
 * A LightGBM model: the model text (LightGBM's own format) plus a native booster loaded from it
 * ({@link NativeBooster}), freed when this object becomes unreachable. Immutable and thread-safe.
 */
final class LightGbmModel implements Model, org.automl4j.learners.FeatureImportances {

    /** Frees native boosters of unreachable models (one daemon thread for the module). */
    private static final Cleaner CLEANER = Cleaner.create();
    private static final String MODEL_TEXT_START = "tree\n";

    private final ModelEnvelope meta;
    private final String modelText;
    private final NativeBooster booster;
    private final int classes;
    /** Total gain per feature, known for a model fitted in this process; null for a loaded one. */
    private final double[] gain;

    LightGbmModel(ModelEnvelope meta, String modelText) {
        this(meta, modelText, null);
    }

    LightGbmModel(ModelEnvelope meta, String modelText, double[] gain) {
        this.gain = gain == null ? null : gain.clone();
        this.meta = meta;
        this.modelText = modelText;
        this.classes = meta.classes().size();
        ensureNative();
        this.booster = NativeBooster.fromModelText(modelText);
        int expected = meta.task() == Task.MULTICLASS ? classes : 1;
        if (booster.outputsPerRow() != expected) {
            booster.free();
            throw new IllegalArgumentException("lightgbm model gives " + booster.outputsPerRow() + " outputs per row,"
                    + " but a " + meta.task() + " model with classes " + meta.classes() + " needs " + expected);
        }
        NativeBooster b = booster;
        CLEANER.register(this, b::free);
    }

    static LightGbmModel load(byte[] bytes, String learner) {
        ModelEnvelope env = ModelEnvelope.read(bytes, learner);
        String text = new String(env.payload(), StandardCharsets.UTF_8);
        if (!text.startsWith(MODEL_TEXT_START)) {
            throw new IllegalArgumentException("corrupt lightgbm model: the payload is not LightGBM model text");
        }
        return new LightGbmModel(env, text);
    }

    /**
     * Loads LightGBM's native libraries once per process. lightgbm4j extracts them to fixed names in
     * {@code java.io.tmpdir} ({@code /tmp/lib_lightgbm.so}); a second JVM starting LightGBM overwrites that
     * file while the first has it mapped, which crashes the first. So the extraction goes to a folder of this
     * process's own (the property is pointed there only for the duration of the load) and is deleted at exit.
     */
    /** Set once the native libraries are loaded in this process (a load-once latch, never reset). */
    private static volatile boolean nativeLoaded;

    static void ensureNative() {
        // LGBMBooster's class initialiser already loads the libraries, so it must not be touched before the
        // temporary folder is in place: this class keeps its own flag
        if (nativeLoaded) {
            return;
        }
        synchronized (LightGbmModel.class) {
            if (nativeLoaded) {
                return;
            }
            String tmp = System.getProperty("java.io.tmpdir");
            try {
                java.nio.file.Path own = java.nio.file.Files.createTempDirectory("automl4j-lightgbm-");
                own.toFile().deleteOnExit();
                for (String lib : new String[] {"lib_lightgbm.so", "lib_lightgbm_swig.so", "lib_lightgbm.dylib",
                    "lib_lightgbm_swig.dylib", "lib_lightgbm.dll", "lib_lightgbm_swig.dll"}) {
                    own.resolve(lib).toFile().deleteOnExit();
                }
                System.setProperty("java.io.tmpdir", own.toString());
                try {
                    LGBMBooster.loadNative();
                    nativeLoaded = true;
                } finally {
                    System.setProperty("java.io.tmpdir", tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load LightGBM's native library: " + e.getMessage(), e);
            }
        }
    }

    static double[] flatten(double[][] x, int cols) {
        double[] flat = new double[x.length * cols];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features but the model was"
                        + " fitted on " + cols);
            }
            System.arraycopy(x[i], 0, flat, i * cols, cols);
        }
        return flat;
    }

    @Override
    public String learner() {
        return meta.learner();
    }

    @Override
    public Map<String, Object> params() {
        return meta.params();
    }

    @Override
    public Task task() {
        return meta.task();
    }

    private double[] raw(double[][] x) {
        int cols = meta.featureNames().size();
        if (x.length == 0) {
            return new double[0];
        }
        try {
            return booster.predict(flatten(x, cols), x.length, cols, "num_threads=" + LightGbmLearner.THREADS);
        } finally {
            // the Cleaner frees the native booster once this model is unreachable, which the JIT may decide
            // as soon as the field is read; without the fence a collection during prediction frees the
            // booster under LightGBM's feet (a use after free that crashed the JVM in a later malloc)
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public double[][] predictProba(double[][] x) {
        if (!meta.task().isClassification()) {
            throw new UnsupportedOperationException("lightgbm model for regression has no class probabilities; use"
                    + " predict");
        }
        double[] raw = raw(x);
        double[][] proba = new double[x.length][classes];
        for (int i = 0; i < x.length; i++) {
            if (meta.task() == Task.BINARY) {
                proba[i][1] = raw[i];
                proba[i][0] = 1 - raw[i];
            } else {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    proba[i][c] = raw[i * classes + c];
                    sum += proba[i][c];
                }
                for (int c = 0; c < classes; c++) {
                    proba[i][c] /= sum;
                }
            }
        }
        return proba;
    }

    @Override
    public double[] predict(double[][] x) {
        if (!meta.task().isClassification()) {
            return raw(x);
        }
        double[][] proba = predictProba(x);
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = TribuoModel.argmax(proba[i]);
        }
        return out;
    }

    @Override
    public byte[] toBytes() {
        return new ModelEnvelope(meta.learner(), meta.task(), meta.classes(), meta.featureNames(), meta.params(),
                modelText.getBytes(StandardCharsets.UTF_8)).toBytes();
    }

    @Override
    public String toString() {
        return "LightGbmModel[" + meta.task() + ", " + meta.params() + "]";
    }

    @Override
    public double[] featureImportances() {
        if (gain == null) {
            throw new UnsupportedOperationException("feature importances are known only for a model fitted in this"
                    + " process, not for a loaded one");
        }
        return gain.clone();
    }
}
