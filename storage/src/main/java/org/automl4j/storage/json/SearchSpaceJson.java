package org.automl4j.storage.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.space.Condition;
import org.automl4j.space.Forbidden;
import org.automl4j.space.SearchSpace;

/**
 * Reads and writes a declarative {@link SearchSpace}:
 * <pre>{@code
 * {"parameters": [{"name": "algo", "type": "categorical", "choices": ["svm", "forest"]},
 *                 {"name": "C", "type": "float", "low": 0.001, "high": 1000, "log": true}],
 *  "conditions": [{"child": "C", "parent": "algo", "values": ["svm"]}],
 *  "forbidden":  [{"algo": ["svm"], "C": [1000]}]}
 * }</pre>
 * Errors name the place in the document ({@code parameters[1]}) and what was wrong. Stateless.
 */
public final class SearchSpaceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SearchSpaceJson() {
    }

    /** The space as a JSON tree. */
    public static ObjectNode toTree(SearchSpace space) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode params = root.putArray("parameters");
        space.parameters().forEach((name, d) -> {
            ObjectNode p = MAPPER.createObjectNode().put("name", name);
            p.setAll(DistributionJson.write(d));
            params.add(p);
        });
        ArrayNode conds = root.putArray("conditions");
        for (Condition c : space.conditions()) {
            ObjectNode o = conds.addObject().put("child", c.child()).put("parent", c.parent());
            ArrayNode v = o.putArray("values");
            c.values().forEach(x -> v.add(DistributionJson.value(x)));
        }
        ArrayNode forb = root.putArray("forbidden");
        for (Forbidden f : space.forbidden()) {
            ObjectNode o = forb.addObject();
            f.clauses().forEach((k, vs) -> {
                ArrayNode a = o.putArray(k);
                vs.forEach(x -> a.add(DistributionJson.value(x)));
            });
        }
        return root;
    }

    /** The space as pretty-printed JSON text. */
    public static String write(SearchSpace space) {
        try {
            return MAPPER.writeValueAsString(toTree(space));
        } catch (JsonProcessingException e) {
            throw new JsonCodecException("could not write the search space: " + e.getMessage(), e);
        }
    }

    private static final Set<String> TOP_FIELDS = Set.of("parameters", "conditions", "forbidden");
    private static final Set<String> PARAMETER_FIELDS =
            Set.of("name", "type", "low", "high", "log", "step", "choices", "java_types");

    /** A misspelt field ("lg" for "log") would otherwise be ignored without a word. */
    private static void onlyFields(JsonNode o, Set<String> known, String where) {
        if (!o.isObject()) {
            throw new JsonCodecException(where + ": expected an object, but got " + o);
        }
        Iterator<String> it = o.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new JsonCodecException(where + ": unknown field \"" + f + "\"; the fields are "
                        + known.stream().sorted().toList());
            }
        }
    }

    /** Reads a space from JSON text. @throws JsonCodecException naming what is wrong and where */
    public static SearchSpace read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(json);
        } catch (JsonProcessingException e) {
            throw new JsonCodecException("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + JsonCodecException.jacksonMessage(e), e);
        }
        return fromTree(root);
    }

    /** Reads a space from a JSON tree. */
    public static SearchSpace fromTree(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("parameters").isArray()) {
            throw new JsonCodecException("a search space is an object with a \"parameters\" array");
        }
        onlyFields(root, TOP_FIELDS, "the search space");
        for (String list : List.of("conditions", "forbidden")) {
            if (root.has(list) && !root.get(list).isArray()) {
                throw new JsonCodecException("\"" + list + "\" must be an array [...], but got " + root.get(list));
            }
        }
        SearchSpace.Builder b = SearchSpace.builder();
        JsonNode params = root.get("parameters");
        for (int i = 0; i < params.size(); i++) {
            String where = "parameters[" + i + "]";
            JsonNode p = params.get(i);
            String name = DistributionJson.text(p, "name", where);
            if (name.isBlank()) {
                throw new JsonCodecException(where + ": the name is empty; give the parameter a name");
            }
            onlyFields(p, PARAMETER_FIELDS, where + " ('" + name + "')");
            try {
                b.add(name, DistributionJson.read(p, where + " ('" + name + "')"));
            } catch (IllegalArgumentException e) {
                throw new JsonCodecException(where + ": " + e.getMessage(), e);
            }
        }
        JsonNode conds = root.path("conditions");
        for (int i = 0; i < conds.size(); i++) {
            String where = "conditions[" + i + "]";
            JsonNode c = conds.get(i);
            List<Object> values = new ArrayList<>();
            JsonNode vs = c.path("values");
            if (!vs.isArray()) {
                throw new JsonCodecException(where + ": needs \"values\": [...] (the parent's values)");
            }
            for (int j = 0; j < vs.size(); j++) {
                values.add(DistributionJson.scalar(vs.get(j), where + ".values[" + j + "]"));
            }
            try {
                b.condition(new Condition(DistributionJson.text(c, "child", where), DistributionJson.text(c, "parent",
                        where), values));
            } catch (IllegalArgumentException e) {
                throw new JsonCodecException(where + ": " + e.getMessage(), e);
            }
        }
        JsonNode forb = root.path("forbidden");
        for (int i = 0; i < forb.size(); i++) {
            String where = "forbidden[" + i + "]";
            Map<String, List<Object>> clauses = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = forb.get(i).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                List<Object> vs = new ArrayList<>();
                JsonNode arr = e.getValue().isArray() ? e.getValue() : MAPPER.createArrayNode().add(e.getValue());
                for (int j = 0; j < arr.size(); j++) {
                    vs.add(DistributionJson.scalar(arr.get(j), where + "." + e.getKey()));
                }
                clauses.put(e.getKey(), vs);
            }
            try {
                b.forbid(new Forbidden(clauses));
            } catch (IllegalArgumentException e) {
                throw new JsonCodecException(where + ": " + e.getMessage(), e);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new JsonCodecException("invalid search space: " + e.getMessage(), e);
        }
    }
}
