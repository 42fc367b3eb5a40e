package org.automl4j.meta.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automl4j.data.Task;
import org.automl4j.meta.features.MetaFeatureVector;

/**
 * A knowledge base as one compact JSON document: the distinct pipelines once, then per dataset its
 * meta-features and {@code [pipeline index, score, seconds]} triples (null for NaN), with the pipeline's
 * origin as a fourth element when one dataset's search found it ({@link Evaluation#origin()}). Derived
 * numbers only, never data rows.
 *
 * <pre>{@code
 * {"format": "automl4j-knowledge-base", "version": 1, "provenance": {...},
 *  "pipelines": [{"learner": "lightgbm", "lightgbm.num_leaves": 31, ...}, ...],
 *  "datasets": [{"name": "iris", "task": "MULTICLASS", "metric": "balanced_accuracy",
 *                "greater_is_better": true, "meta_features": {"rows": 150.0, ...},
 *                "evaluations": [[0, 0.953, 0.41], [7, 0.96, 1.2, "adult"], ...]},
 *               {"name": "vehicle~1", "derived_from": "vehicle", ...}, ...]}
 * }</pre>
 * {@code derived_from} (optional) marks a dataset derived from another known one.
 */
public final class KnowledgeBaseJson {

    static final String FORMAT = "automl4j-knowledge-base";
    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KnowledgeBaseJson() {
    }

    /** Writes {@code kb} with a provenance object (command, date, ...) to {@code file}. */
    public static void write(KnowledgeBase kb, Map<String, Object> provenance, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            write(kb, provenance, out);
        }
    }

    /** Writes {@code kb} to {@code out} (left open). */
    public static void write(KnowledgeBase kb, Map<String, Object> provenance, OutputStream out) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.set("provenance", MAPPER.valueToTree(provenance));
        ArrayNode pipelines = doc.putArray("pipelines");
        Map<Map<String, Object>, Integer> index = new LinkedHashMap<>();
        ArrayNode datasets = doc.putArray("datasets");
        for (DatasetEntry d : kb.datasets()) {
            ObjectNode dn = datasets.addObject();
            dn.put("name", d.name());
            dn.put("task", d.task().name());
            dn.put("metric", d.metric());
            dn.put("greater_is_better", d.greaterIsBetter());
            if (d.derived()) {
                dn.put("derived_from", d.derivedFrom());
            }
            ObjectNode mf = dn.putObject("meta_features");
            d.metaFeatures().values().forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    mf.put(k, round(v));
                } else {
                    mf.putNull(k);
                }
            });
            ArrayNode ev = dn.putArray("evaluations");
            for (Evaluation e : d.evaluations()) {
                Integer i = index.get(e.pipeline());
                if (i == null) {
                    i = index.size();
                    index.put(e.pipeline(), i);
                    pipelines.add(MAPPER.valueToTree(e.pipeline()));
                }
                ArrayNode t = ev.addArray();
                t.add(i);
                if (Double.isNaN(e.score())) {
                    t.addNull();
                } else {
                    t.add(round(e.score()));
                }
                if (Double.isNaN(e.seconds())) {
                    t.addNull();
                } else {
                    t.add(round(e.seconds()));
                }
                if (!e.origin().isEmpty()) {
                    t.add(e.origin());
                }
            }
        }
        // one line per pipeline and per dataset part: compact, and a rebuilt knowledge base diffs line by line
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"format\": ").append(MAPPER.writeValueAsString(FORMAT)).append(",\n");
        sb.append("  \"version\": ").append(VERSION).append(",\n");
        sb.append("  \"provenance\": ").append(MAPPER.writeValueAsString(doc.get("provenance"))).append(",\n");
        sb.append("  \"pipelines\": [\n");
        for (int i = 0; i < pipelines.size(); i++) {
            sb.append("    ").append(MAPPER.writeValueAsString(pipelines.get(i)))
                    .append(i + 1 < pipelines.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n  \"datasets\": [\n");
        for (int i = 0; i < datasets.size(); i++) {
            JsonNode d = datasets.get(i);
            sb.append("    {\"name\": ").append(MAPPER.writeValueAsString(d.get("name")))
                    .append(", \"task\": ").append(MAPPER.writeValueAsString(d.get("task")))
                    .append(", \"metric\": ").append(MAPPER.writeValueAsString(d.get("metric")))
                    .append(", \"greater_is_better\": ").append(d.get("greater_is_better").asBoolean())
                    .append(d.has("derived_from") ? ", \"derived_from\": " + MAPPER.writeValueAsString(d.get("derived_from"))
                            : "").append(",\n")
                    .append("     \"meta_features\": ").append(MAPPER.writeValueAsString(d.get("meta_features")))
                    .append(",\n     \"evaluations\": ").append(MAPPER.writeValueAsString(d.get("evaluations")))
                    .append(i + 1 < datasets.size() ? "},\n" : "}\n");
        }
        sb.append("  ]\n}\n");
        out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    /** Seven significant digits are plenty for meta-features and timings. */
    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.7g", v));
    }

    /** Reads a knowledge base written by {@link #write}. */
    public static KnowledgeBase read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no knowledge-base file at " + file.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a knowledge base from {@code in}; {@code source} names it in errors.
     *
     * @throws IllegalArgumentException when the document is not a knowledge base, naming what is wrong
     */
    public static KnowledgeBase read(InputStream in, String source) throws IOException {
        JsonNode doc;
        try {
            doc = MAPPER.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(source + " is not an automl4j knowledge base: not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + "; write one with ./automl4j meta build ... --out FILE or ./automl4j meta export", e);
        }
        if (doc == null || !FORMAT.equals(doc.path("format").asText())) {
            throw new IllegalArgumentException(source + " is not an automl4j knowledge base (its \"format\" must be \""
                    + FORMAT + "\"); write one with ./automl4j meta build ... --out FILE");
        }
        if (doc.path("version").asInt() > VERSION) {
            throw new IllegalArgumentException(source + " has knowledge-base version " + doc.path("version").asInt()
                    + ", newer than this automl4j reads (" + VERSION + "); upgrade automl4j");
        }
        List<Map<String, Object>> pipelines = new ArrayList<>();
        for (JsonNode p : doc.path("pipelines")) {
            pipelines.add(toMap(p));
        }
        List<DatasetEntry> entries = new ArrayList<>();
        for (JsonNode d : doc.path("datasets")) {
            String name = d.path("name").asText();
            Map<String, Double> mf = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : d.path("meta_features").properties()) {
                mf.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
            }
            List<Evaluation> evals = new ArrayList<>();
            for (JsonNode t : d.path("evaluations")) {
                int i = t.path(0).asInt(-1);
                if (i < 0 || i >= pipelines.size()) {
                    throw new IllegalArgumentException(source + ": dataset '" + name + "' refers to pipeline " + i
                            + ", but the file has " + pipelines.size());
                }
                evals.add(new Evaluation(pipelines.get(i), t.path(1).isNumber() ? t.path(1).asDouble() : Double.NaN,
                        t.path(2).isNumber() ? t.path(2).asDouble() : Double.NaN, t.path(3).asText("")));
            }
            Task task;
            try {
                task = Task.valueOf(d.path("task").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": dataset '" + name + "' has task '" + d.path("task").asText()
                        + "'; expected BINARY, MULTICLASS or REGRESSION");
            }
            entries.add(new DatasetEntry(name, task, d.path("metric").asText(), d.path("greater_is_better").asBoolean(),
                    new MetaFeatureVector(mf), evals, d.path("derived_from").asText("")));
        }
        return new KnowledgeBase(entries);
    }

    static Map<String, Object> toMap(JsonNode p) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            JsonNode v = e.getValue();
            Object o;
            if (v.isBoolean()) {
                o = v.asBoolean();
            } else if (v.isIntegralNumber()) {
                o = v.canConvertToInt() ? (Object) v.asInt() : (Object) v.asLong();
            } else if (v.isNumber()) {
                o = v.asDouble();
            } else {
                o = v.asText();
            }
            out.put(e.getKey(), o);
        }
        return out;
    }
}
