package org.automl4j.storage.json;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automl4j.space.Distribution;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StudyRecord;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialState;

/**
 * Exports a study with all its trials to JSON and imports it into a storage. The document:
 * {@code {"format":"automl4j-study","version":1,"name":..,"directions":[..],"user_attrs":{..},
 * "trials":[{"number":0,"state":"COMPLETE","values":[..],"params":{..},"distributions":{..},
 * "intermediate_values":{"1":0.5},"user_attrs":{..},"system_attrs":{..},"start":"..","complete":"..",
 * "failure":{"type":..,"message":..,"stack_trace":..}}]}}. Stateless.
 */
public final class StudyJson {
    /**
     * NaN and infinities (in attributes, intermediate values) are written as JSON's non-standard bare tokens, as
     * Python's json module writes and reads them, so that they are imported as numbers, not strings.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String FORMAT = "automl4j-study";

    private StudyJson() {
    }

    /** The JSON tree of study {@code name} in {@code storage}. */
    public static ObjectNode toTree(Storage storage, String name) {
        StudyRecord r = storage.findStudy(name).orElseThrow(() -> new JsonCodecException("no study named '" + name
                + "' to export"));
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT).put("version", 1).put("name", r.name()).put("created", r.created().toString());
        ArrayNode dirs = root.putArray("directions");
        r.directions().forEach(d -> dirs.add(d.name()));
        root.set("user_attrs", MAPPER.valueToTree(r.userAttrs()));
        ArrayNode trials = root.putArray("trials");
        for (FrozenTrial t : storage.trials(name)) {
            trials.add(trial(t));
        }
        return root;
    }

    private static ObjectNode trial(FrozenTrial t) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("number", t.number()).put("state", t.state().name());
        ArrayNode values = o.putArray("values");
        t.values().forEach(values::add);
        ObjectNode params = o.putObject("params");
        ObjectNode dists = o.putObject("distributions");
        t.params().forEach((k, v) -> {
            params.set(k, DistributionJson.value(v));
            dists.set(k, DistributionJson.write(t.distributions().get(k)));
        });
        ObjectNode iv = o.putObject("intermediate_values");
        t.intermediateValues().forEach((step, v) -> iv.put(Long.toString(step), v));
        o.set("user_attrs", MAPPER.valueToTree(t.userAttrs()));
        o.set("system_attrs", MAPPER.valueToTree(t.systemAttrs()));
        if (t.start() != null) {
            o.put("start", t.start().toString());
        }
        if (t.complete() != null) {
            o.put("complete", t.complete().toString());
        }
        if (t.failure() != null) {
            o.putObject("failure").put("type", t.failure().type()).put("message", t.failure().message())
                    .put("stack_trace", t.failure().stackTrace());
        }
        return o;
    }

    /** Writes study {@code name} to {@code file} (parent folders are created). */
    public static void write(Storage storage, String name, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            MAPPER.writeValue(file.toFile(), toTree(storage, name));
        } catch (IOException e) {
            throw new JsonCodecException("could not write study '" + name + "' to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes study {@code name} to {@code out} (left open), as {@link #write(Storage, String, Path)} writes a file:
     * with NaN and infinities as numbers, which a tree's own {@code toString()} would write as strings.
     */
    public static void write(Storage storage, String name, java.io.Writer out) throws IOException {
        MAPPER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, toTree(storage, name));
    }

    /**
     * Imports a study document into {@code storage} under {@code newName} (or its own name if null).
     * Finished trials are imported as they are; unfinished ones are imported as FAIL (their worker is gone).
     * The study keeps its creation time where the storage can set it. All or nothing: every trial is read and
     * checked before the study is made, and the study is written by {@link Storage#importStudy} (in a database one
     * transaction), so a failed or killed import leaves no trace of the study and can simply be run again.
     *
     * @throws JsonCodecException naming the place in the document that is wrong
     */
    public static StudyRecord read(JsonNode root, Storage storage, String newName) {
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new JsonCodecException("not an automl4j study document: \"format\" must be \"" + FORMAT + "\"");
        }
        String name = newName != null ? newName : DistributionJson.text(root, "name", "study");
        List<Direction> dirs = new ArrayList<>();
        for (JsonNode d : root.path("directions")) {
            dirs.add(constant(Direction.class, d.asText(), "directions"));
        }
        JsonNode trials = root.path("trials");
        List<FrozenTrial> all = new ArrayList<>(trials.size());
        for (int i = 0; i < trials.size(); i++) {
            String where = "trials[" + i + "]";
            try {
                FrozenTrial t = readTrial(trials.get(i), where);
                t.checkStorableAsFinished(name, dirs.size());
                all.add(t);
            } catch (JsonCodecException e) {
                throw e;
            } catch (RuntimeException e) { // a bad number, timestamp or value
                throw new JsonCodecException(where + ": " + e.getMessage(), e);
            }
        }
        Instant created;
        try {
            created = root.hasNonNull("created") ? Instant.parse(root.get("created").asText()) : Instant.now();
        } catch (java.time.format.DateTimeParseException e) {
            throw new JsonCodecException("created: " + e.getMessage() + "; write a time such as 2026-01-31T12:00:00Z", e);
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("user_attrs").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            attrs.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
        }
        // one call, so that a durable storage writes it in one transaction: all of it or, after a crash, nothing
        return storage.importStudy(new StudyRecord(name, dirs, attrs, created), all);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String text, String where) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new JsonCodecException(where + ": unknown " + type.getSimpleName() + " '" + text + "'; use one of "
                    + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }

    private static FrozenTrial readTrial(JsonNode o, String where) {
        FrozenTrial.Builder b = FrozenTrial.builder();
        TrialState state = constant(TrialState.class, DistributionJson.text(o, "state", where), where + ".state");
        List<Double> values = new ArrayList<>();
        o.path("values").forEach(v -> values.add(v.asDouble()));
        Iterator<Map.Entry<String, JsonNode>> ps = o.path("params").fields();
        while (ps.hasNext()) {
            Map.Entry<String, JsonNode> e = ps.next();
            Distribution d = DistributionJson.read(o.path("distributions").get(e.getKey()),
                    where + ".distributions." + e.getKey());
            b.param(e.getKey(), d, d.toExternal(d.toInternal(DistributionJson.scalar(e.getValue(),
                    where + ".params." + e.getKey()))));
        }
        Iterator<Map.Entry<String, JsonNode>> iv = o.path("intermediate_values").fields();
        while (iv.hasNext()) {
            Map.Entry<String, JsonNode> e = iv.next();
            b.intermediateValue(Long.parseLong(e.getKey()), e.getValue().asDouble());
        }
        Map<String, Object> ua = MAPPER.convertValue(o.path("user_attrs"), LinkedHashMap.class);
        if (ua != null) {
            ua.forEach(b::userAttr);
        }
        Map<String, Object> sa = MAPPER.convertValue(o.path("system_attrs"), LinkedHashMap.class);
        if (sa != null) {
            sa.forEach(b::systemAttr);
        }
        if (o.hasNonNull("start")) {
            b.start(Instant.parse(o.get("start").asText()));
        }
        if (o.hasNonNull("complete")) {
            b.complete(Instant.parse(o.get("complete").asText()));
        }
        JsonNode f = o.path("failure");
        if (f.isObject()) {
            b.failure(new TrialFailure(f.path("type").asText(), f.path("message").asText(),
                    f.path("stack_trace").asText()));
        }
        if (!state.isFinished()) {
            state = TrialState.FAIL;
            b.failure(TrialFailure.of("Interrupted", "the trial was " + o.get("state").asText()
                    + " when the study was exported"));
            values.clear();
        }
        return b.state(state).values(values).build();
    }

    /** Reads a study document from a file into {@code storage}. */
    public static StudyRecord read(Path file, Storage storage, String newName) {
        JsonNode doc;
        try {
            doc = MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new JsonCodecException(file + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")") + ": " + JsonCodecException.jacksonMessage(e)
                    + "; give a document written by 'automl4j studies export'", e);
        } catch (IOException e) {
            throw new JsonCodecException("could not read " + file + ": " + e.getMessage(), e);
        }
        try {
            return read(doc, storage, newName);
        } catch (JsonCodecException e) {
            throw new JsonCodecException(file + ": " + e.getMessage(), e);
        }
    }
}
