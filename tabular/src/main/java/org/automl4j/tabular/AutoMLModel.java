package org.automl4j.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.automl4j.data.ColumnType;
import org.automl4j.data.Schema;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.metrics.Metric;
import org.automl4j.learners.Learners;
import org.automl4j.learners.Model;
import org.automl4j.tabular.ensemble.Stacking;
import org.automl4j.tabular.pipeline.PipelineConfig;
import org.automl4j.tabular.preprocess.FittedPreprocessor;
import org.automl4j.tabular.preprocess.PreprocessorJson;

/**
 * A fitted AutoML model: a weighted ensemble of pipelines (preprocessor + learner model), with the
 * training schema, the task, the class labels and its provenance. Thread-safe and immutable.
 * {@link #save} writes one zip file (a JSON manifest plus each learner's own model format);
 * {@link #load} reads it back field by field, never with Java deserialisation, and prediction refuses
 * tables whose columns do not match the training schema.
 *
 * @param schema     the training features' columns
 * @param task       binary, multiclass or regression
 * @param target     the target column's name
 * @param classes    class labels by index (empty for regression)
 * @param metric     the metric the search optimised
 * @param members    the ensemble, weights summing to 1
 * @param provenance where the model came from
 * @param stacker    null for a weighted average of the members; else the meta-learner that maps the
 *     members' outputs side by side ({@link Stacking#features}) to the prediction (the weights are then
 *     only informative)
 */
public record AutoMLModel(Schema schema, Task task, String target, List<String> classes, Metric metric,
        List<Member> members, Provenance provenance, Model stacker) {

    /** The file format's name, in the manifest. */
    public static final String FORMAT = "automl4j-model";
    static final int FORMAT_VERSION = 2;
    /** The version written for a weighted average (readers of version 1 read it); stacked models are 2. */
    static final int FORMAT_VERSION_AVERAGE = 1;
    private static final String STACKER_ENTRY = "stacker.model";
    private static final String MANIFEST = "manifest.json";
    private static final ObjectMapper M = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** How far the members' weights in a model file may add up from 1 (they are written normalised). */
    static final double WEIGHT_SUM_TOLERANCE = 1e-6;

    /**
     * One pipeline of the ensemble.
     *
     * @param trial        the search trial it came from
     * @param config       the pipeline's configuration
     * @param preprocessor its fitted preprocessing
     * @param model        its fitted learner
     * @param weight       its weight in the ensemble
     */
    public record Member(int trial, PipelineConfig config, FittedPreprocessor preprocessor, Model model, double weight) {
    }

    public AutoMLModel {
        Objects.requireNonNull(schema, "schema");
        classes = List.copyOf(classes);
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one pipeline");
        }
    }

    /** A weighted average of the members (no stacker). */
    public AutoMLModel(Schema schema, Task task, String target, List<String> classes, Metric metric,
            List<Member> members, Provenance provenance) {
        this(schema, task, target, classes, metric, members, provenance, null);
    }

    /**
     * Class probabilities (rows x classes, in the order of {@link #classes()}; each row sums to 1) for a
     * classification model; a table without rows gives none.
     *
     * @throws IllegalArgumentException if {@code table} lacks a training column or has one of another type
     * @throws IllegalStateException for a regression model
     */
    public double[][] predictProba(Table table) {
        if (!task.isClassification()) {
            throw new IllegalStateException("a regression model has no class probabilities; use predictValues");
        }
        return blend(table);
    }

    /** Predicted values of a regression model. */
    public double[] predictValues(Table table) {
        if (task.isClassification()) {
            throw new IllegalStateException("a classification model predicts labels; use predictLabels or predictProba");
        }
        double[][] out = blend(table);
        double[] v = new double[out.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = out[i][0];
        }
        return v;
    }

    /** Predicted class labels of a classification model (the most probable class; the first on ties). */
    public List<String> predictLabels(Table table) {
        double[][] p = predictProba(table);
        List<String> out = new ArrayList<>(p.length);
        for (double[] row : p) {
            int best = 0;
            for (int k = 1; k < row.length; k++) {
                if (row[k] > row[best]) {
                    best = k;
                }
            }
            out.add(classes.get(best));
        }
        return out;
    }

    private double[][] blend(Table table) {
        Table conformed = schema.conform(table);
        if (conformed.rowCount() == 0) {
            // nothing to predict; not every library takes an empty batch (XGBoost's predict fails on one)
            return new double[0][task.isClassification() ? classes.size() : 1];
        }
        if (stacker != null) {
            List<double[][]> outputs = new ArrayList<>();
            for (Member m : members) {
                outputs.add(predictOutputs(m.preprocessor(), m.model(), conformed, task));
            }
            return Stacking.predict(stacker, outputs, task);
        }
        double[][] sum = null;
        for (Member m : members) {
            double[][] p = predictOutputs(m.preprocessor(), m.model(), conformed, task);
            if (sum == null) {
                sum = new double[p.length][p.length == 0 ? 0 : p[0].length];
            }
            for (int i = 0; i < p.length; i++) {
                for (int k = 0; k < p[i].length; k++) {
                    sum[i][k] += m.weight() * p[i][k];
                }
            }
        }
        return sum;
    }

    /** One pipeline's outputs: class probabilities, or the value as a one-column matrix. */
    static double[][] predictOutputs(FittedPreprocessor pre, Model model, Table features, Task task) {
        return outputs(model, pre.transform(features), task);
    }

    /** A model's outputs on preprocessed rows: class probabilities, or the value as a one-column matrix. */
    static double[][] outputs(Model model, double[][] x, Task task) {
        if (task.isClassification()) {
            return model.predictProba(x);
        }
        double[] v = model.predict(x);
        double[][] out = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ save / load

    /**
     * Writes the model to {@code file} (atomically: a temporary file renamed into place; nothing is left behind
     * when writing fails).
     *
     * @throws IllegalArgumentException if {@code file} is a directory
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(abs + " is a directory; save the model to a file in it, e.g. "
                    + abs.resolve("model.automl4j"));
        }
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
            ObjectNode manifest = manifest();
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(M.writeValueAsBytes(manifest));
            zip.closeEntry();
            for (int i = 0; i < members.size(); i++) {
                zip.putNextEntry(new ZipEntry("member-" + i + ".model"));
                zip.write(members.get(i).model().toBytes());
                zip.closeEntry();
            }
            if (stacker != null) {
                zip.putNextEntry(new ZipEntry(STACKER_ENTRY));
                zip.write(stacker.toBytes());
                zip.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private ObjectNode manifest() {
        ObjectNode o = M.createObjectNode();
        o.put("format", FORMAT).put("version", stacker == null ? FORMAT_VERSION_AVERAGE : FORMAT_VERSION);
        o.put("task", task.name()).put("target", target).put("metric", metric.name());
        ArrayNode cl = o.putArray("classes");
        classes.forEach(cl::add);
        ArrayNode sc = o.putArray("schema");
        for (Schema.Field f : schema.columns()) {
            ObjectNode fo = sc.addObject();
            fo.put("name", f.name()).put("type", f.type().name());
            ArrayNode lv = fo.putArray("levels");
            f.levels().forEach(lv::add);
        }
        ObjectNode pv = o.putObject("provenance");
        pv.put("created", provenance.created().toString()).put("automl4j_version", provenance.automl4jVersion())
                .put("java_version", provenance.javaVersion()).put("data_sha256", provenance.dataFingerprint())
                .put("rows", provenance.rows()).put("seed", provenance.seed())
                .put("time_limit_seconds", provenance.timeLimitSeconds()).put("fit_seconds", provenance.fitSeconds());
        ArrayNode ms = o.putArray("members");
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            ObjectNode mo = ms.addObject();
            mo.put("trial", m.trial()).put("weight", m.weight()).put("learner", m.config().learner())
                    .put("pipeline", m.config().describe()).put("balance_classes", m.config().balanceClasses())
                    .put("entry", "member-" + i + ".model");
            mo.set("learner_params", M.valueToTree(new java.util.TreeMap<>(m.config().learnerParams())));
            mo.set("preprocessor", PreprocessorJson.write(m.preprocessor()));
        }
        if (stacker != null) {
            o.putObject("stacker").put("learner", stacker.learner()).put("entry", STACKER_ENTRY);
        }
        return o;
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not an automl4j model file, is cut short, is damaged or edited (a
     *     manifest that is not JSON or holds an unreadable value, no pipeline, an unreadable preprocessor, a weight
     *     that is not a number >= 0, weights of an average not adding up to 1, a member or stacker whose bytes do
     *     not load: the message names the file, the field or pipeline, and the fix), names a learner this program
     *     lacks, or holds a library model of a type the learner does not produce
     */
    public static AutoMLModel load(Path file) throws IOException {
        JsonNode manifest = null;
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream is = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(is)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                zip.transferTo(buf);
                if (e.getName().equals(MANIFEST)) {
                    try {
                        manifest = M.readTree(buf.toByteArray());
                    } catch (com.fasterxml.jackson.core.JsonProcessingException bad) {
                        throw damaged(file, MANIFEST + " is not valid JSON (" + bad.getOriginalMessage() + ")", bad);
                    }
                } else {
                    entries.put(e.getName(), buf.toByteArray());
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(file + " is not an automl4j model file (not a zip archive): "
                    + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + " is cut short (the zip archive ends early); copy it again or"
                    + " write it again with ./automl4j fit", e);
        }
        if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalArgumentException(file + " is not an automl4j model file (no " + MANIFEST
                    + " with format \"" + FORMAT + "\"); write models with AutoMLModel.save or ./automl4j fit");
        }
        int version = manifest.path("version").asInt();
        if (version > FORMAT_VERSION) {
            throw new IllegalArgumentException(file + " was written by a newer automl4j (model format " + version
                    + "; this one reads up to " + FORMAT_VERSION + ")");
        }
        try {
            return fromManifest(file, manifest, entries);
        } catch (java.time.DateTimeException | NullPointerException | ClassCastException e) {
            throw damaged(file, MANIFEST + " holds a value that cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The reason a model file cannot be used, naming the file and the fix. */
    private static IllegalArgumentException damaged(Path file, String what, Throwable cause) {
        return new IllegalArgumentException(file + " is damaged or was edited: " + what + "; copy it again or write"
                + " it again with ./automl4j fit", cause);
    }

    /** A manifest's enum value, or an error naming the field and what it may be. */
    private static <E extends Enum<E>> E enumValue(Path file, JsonNode node, String field, Class<E> type) {
        String v = node.path(field).asText();
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw damaged(file, MANIFEST + " has " + field + " '" + v + "', which is none of "
                    + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }

    private static AutoMLModel fromManifest(Path file, JsonNode manifest, Map<String, byte[]> entries) {
        Task task = enumValue(file, manifest, "task", Task.class);
        List<String> classes = new ArrayList<>();
        manifest.path("classes").forEach(c -> classes.add(c.asText()));
        List<Schema.Field> fields = new ArrayList<>();
        for (JsonNode f : manifest.path("schema")) {
            List<String> levels = new ArrayList<>();
            f.path("levels").forEach(l -> levels.add(l.asText()));
            fields.add(new Schema.Field(f.path("name").asText(), enumValue(file, f, "type", ColumnType.class), levels));
        }
        JsonNode pv = manifest.path("provenance");
        Provenance provenance = new Provenance(Instant.parse(pv.path("created").asText()),
                pv.path("automl4j_version").asText(), pv.path("java_version").asText(), pv.path("data_sha256").asText(),
                pv.path("rows").asInt(), pv.path("seed").asLong(), pv.path("time_limit_seconds").asDouble(),
                pv.path("fit_seconds").asDouble());
        List<Member> members = new ArrayList<>();
        for (JsonNode mo : manifest.path("members")) {
            String learner = mo.path("learner").asText();
            byte[] bytes = entries.get(mo.path("entry").asText());
            if (bytes == null) {
                throw new IllegalArgumentException(file + " lacks entry " + mo.path("entry").asText()
                        + "; the file is damaged");
            }
            if (!Learners.names().contains(learner)) {
                // not damage: a learner this program lacks (e.g. mlp without the learners-mlp module)
                throw new IllegalArgumentException(file + ": pipeline " + mo.path("trial").asInt() + " uses learner '"
                        + learner + "', which this program does not have (it has " + Learners.names() + "); load the"
                        + " model where that learner's module is on the class path, as in the automl4j command");
            }
            Model model;
            try {
                model = Learners.load(learner, bytes);
            } catch (IllegalArgumentException e) {
                throw damaged(file, "pipeline " + mo.path("trial").asInt() + " (learner '" + learner + "', entry "
                        + mo.path("entry").asText() + ") cannot be loaded: " + e.getMessage(), e);
            }
            Map<String, Object> params = new LinkedHashMap<>();
            mo.path("learner_params").fields().forEachRemaining(en -> params.put(en.getKey(),
                    M.convertValue(en.getValue(), Object.class)));
            FittedPreprocessor pre;
            try {
                pre = PreprocessorJson.read(mo.path("preprocessor"));
            } catch (IllegalArgumentException e) {
                throw damaged(file, "the preprocessor of pipeline " + mo.path("trial").asInt() + " cannot be read ("
                        + e.getMessage() + ")", e);
            }
            JsonNode weight = mo.path("weight");
            if (!weight.isNumber() || !(weight.asDouble() >= 0) || !Double.isFinite(weight.asDouble())) {
                throw damaged(file, "pipeline " + mo.path("trial").asInt() + " has weight '" + weight
                        + "', not a number >= 0", null);
            }
            PipelineConfig config = new PipelineConfig(learner, params, pre.spec(),
                    mo.path("balance_classes").asBoolean());
            members.add(new Member(mo.path("trial").asInt(), config, pre, model, weight.asDouble()));
        }
        if (members.isEmpty()) {
            throw damaged(file, MANIFEST + " lists no pipeline under 'members'", null);
        }
        Model stacker = null;
        JsonNode st = manifest.path("stacker");
        if (!st.isMissingNode() && !st.isNull()) {
            String learner = st.path("learner").asText();
            if (!learner.equals(Stacking.metaLearner(task).name())) {
                throw new IllegalArgumentException(file + ": the stacker must be '" + Stacking.metaLearner(task).name()
                        + "' for " + task + ", not '" + learner + "'");
            }
            byte[] bytes = entries.get(st.path("entry").asText());
            if (bytes == null) {
                throw new IllegalArgumentException(file + " lacks entry " + st.path("entry").asText()
                        + "; the file is damaged");
            }
            try {
                stacker = Learners.load(learner, bytes);
            } catch (IllegalArgumentException e) {
                throw damaged(file, "the stacker (entry " + st.path("entry").asText() + ") cannot be loaded: "
                        + e.getMessage(), e);
            }
        }
        double total = members.stream().mapToDouble(Member::weight).sum();
        if (stacker == null && Math.abs(total - 1) > WEIGHT_SUM_TOLERANCE) {
            // the weights average the members' predictions; a stacker's members carry them only for information
            throw damaged(file, "the pipelines' weights add up to " + total + ", not 1", null);
        }
        return new AutoMLModel(new Schema(fields), task, manifest.path("target").asText(), classes,
                enumValue(file, manifest, "metric", Metric.class), members, provenance, stacker);
    }
}
