package org.automl4j.storage.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;

/**
 * Writes and reads one {@link Distribution} as a JSON object:
 * {@code {"type":"float","low":0,"high":1,"log":false,"step":0}},
 * {@code {"type":"int","low":1,"high":9,"log":false,"step":1}},
 * {@code {"type":"categorical","choices":["a",1,true]}}; categorical choices that are {@code Long}, {@code Float},
 * {@code Short} or {@code Byte} also get {@code "java_types":["long",null,..]} (one entry per choice), so they are
 * read back as the same Java objects (JSON would give Integer or Double). Stateless.
 */
public final class DistributionJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DistributionJson() {
    }

    /** The JSON object of {@code d}. */
    public static ObjectNode write(Distribution d) {
        ObjectNode o = F.objectNode();
        if (d instanceof FloatDistribution f) {
            o.put("type", "float").put("low", f.low()).put("high", f.high()).put("log", f.log()).put("step", f.step());
        } else if (d instanceof IntDistribution i) {
            o.put("type", "int").put("low", i.low()).put("high", i.high()).put("log", i.log()).put("step", i.step());
        } else if (d instanceof CategoricalDistribution c) {
            o.put("type", "categorical");
            ArrayNode a = o.putArray("choices");
            boolean typed = false;
            for (Object v : c.choices()) {
                a.add(value(v));
                typed |= javaType(v) != null;
            }
            if (typed) { // numbers JSON alone would read back as Integer or Double
                ArrayNode t = o.putArray("java_types");
                c.choices().forEach(v -> t.add(javaType(v) == null ? F.nullNode() : F.textNode(javaType(v))));
            }
        } else {
            throw new AssertionError(d);
        }
        return o;
    }

    /** Number types of categorical choices that are written with their name in {@code "java_types"}. */
    private static final List<String> JAVA_TYPES = List.of("long", "float", "short", "byte");

    private static String javaType(Object v) {
        return v instanceof Long ? "long" : v instanceof Float ? "float" : v instanceof Short ? "short"
                : v instanceof Byte ? "byte" : null;
    }

    /** {@code choice} as the number type named in {@code "java_types"} (absent or null: as read). */
    private static Object asJavaType(Object choice, JsonNode type, String where) {
        if (type == null || type.isNull()) {
            return choice;
        }
        if (!(choice instanceof Number n)) {
            throw new JsonCodecException(where + ": java type '" + type.asText() + "' given for " + choice
                    + ", which is not a number");
        }
        switch (type.asText()) {
            case "long":
                return n.longValue();
            case "float":
                return n.floatValue();
            case "short":
                return n.shortValue();
            case "byte":
                return n.byteValue();
            default:
                throw new JsonCodecException(where + ": unknown java type '" + type.asText() + "'; use one of "
                        + JAVA_TYPES + " or null");
        }
    }

    /** A parameter value (string, number, boolean) as JSON. */
    static JsonNode value(Object v) {
        if (v instanceof String s) {
            return F.textNode(s);
        } else if (v instanceof Boolean b) {
            return F.booleanNode(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return F.numberNode(((Number) v).intValue());
        } else if (v instanceof Long l) {
            return F.numberNode(l);
        } else if (v instanceof Number n) {
            return F.numberNode(n.doubleValue());
        }
        throw new IllegalArgumentException("cannot write " + v + " (" + (v == null ? "null" : v.getClass().getName())
                + ") as a parameter value; use strings, numbers or booleans");
    }

    /** A JSON scalar as a Java value: text, boolean, Integer/Long for integral numbers, Double otherwise. */
    static Object scalar(JsonNode n, String where) {
        if (n.isTextual()) {
            return n.textValue();
        } else if (n.isBoolean()) {
            return n.booleanValue();
        } else if (n.isInt()) {
            return n.intValue();
        } else if (n.isIntegralNumber()) {
            return n.longValue();
        } else if (n.isNumber()) {
            return n.doubleValue();
        }
        throw new JsonCodecException(where + ": expected a string, number or boolean, but got " + n);
    }

    /** Reads a distribution; {@code where} names its place in the document for error messages. */
    public static Distribution read(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new JsonCodecException(where + ": expected an object like {\"type\":\"float\",\"low\":0,\"high\":1},"
                    + " but got " + n);
        }
        String type = text(n, "type", where);
        try {
            switch (type) {
                case "float":
                    return new FloatDistribution(num(n, "low", where), num(n, "high", where),
                            n.path("log").asBoolean(false), n.path("step").asDouble(0));
                case "int":
                    return new IntDistribution(whole(n, "low", where), whole(n, "high", where),
                            n.path("log").asBoolean(false), n.path("step").asInt(1));
                case "categorical":
                    JsonNode c = n.get("choices");
                    if (c == null || !c.isArray()) {
                        throw new JsonCodecException(where + ": a categorical needs \"choices\": [...]");
                    }
                    List<Object> choices = new ArrayList<>();
                    JsonNode types = n.path("java_types");
                    for (int i = 0; i < c.size(); i++) {
                        choices.add(asJavaType(scalar(c.get(i), where + ".choices[" + i + "]"), types.get(i),
                                where + ".java_types[" + i + "]"));
                    }
                    return new CategoricalDistribution(choices);
                default:
                    throw new JsonCodecException(where + ": unknown type '" + type
                            + "'; use \"float\", \"int\" or \"categorical\"");
            }
        } catch (IllegalArgumentException e) {
            throw new JsonCodecException(where + ": " + e.getMessage(), e);
        }
    }

    static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new JsonCodecException(where + ": missing text field \"" + field + "\"");
        }
        return v.textValue();
    }

    static double num(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new JsonCodecException(where + ": missing number field \"" + field + "\"");
        }
        if (!v.isNumber()) {
            throw new JsonCodecException(where + ": \"" + field + "\" must be a number, but got " + v
                    + "; write it without quotes");
        }
        return v.doubleValue();
    }

    /** An int bound: a whole number in the range of int (before: 0.5 was cut to 0 and 1e12 to 2147483647). */
    private static int whole(JsonNode n, String field, String where) {
        double v = num(n, field, where);
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new JsonCodecException(where + ": an int parameter's \"" + field + "\" must be a whole number from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", but got " + n.get(field)
                    + "; use type \"float\" for other numbers");
        }
        return (int) v;
    }
}
