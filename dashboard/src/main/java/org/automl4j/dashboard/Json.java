package org.automl4j.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** JSON for the API and for inlining into HTML, from Jackson trees. */
final class Json {

    static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper INLINE = new ObjectMapper();

    static {
        INLINE.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    private Json() {
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    static ArrayNode array() {
        return F.arrayNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JSON text safe inside an HTML {@code <script type="application/json">} element: {@code <}, {@code >},
     * {@code &}, U+2028 and U+2029 are written as {@code \\uXXXX}, so no data can close the element.
     */
    static String inlineSafe(JsonNode node) {
        try {
            return INLINE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A value held in an attribute map (numbers, strings, booleans, lists, maps) as a JSON tree; NaN and
     * infinities, at any depth, become null.
     */
    static JsonNode value(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return F.numberNode(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            // as everywhere in the API: a value that is not finite is null (JSON has no NaN or Infinity)
            return number(d);
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = object();
            m.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = array();
            l.forEach(x -> a.add(value(x)));
            return a;
        }
        return F.textNode(String.valueOf(v));
    }

    /** A number, or null for NaN and infinities (which JSON cannot hold). */
    static JsonNode number(double d) {
        return Double.isFinite(d) ? F.numberNode(d) : F.nullNode();
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_CUSTOM;
            escapes['>'] = ESCAPE_CUSTOM;
            escapes['&'] = ESCAPE_CUSTOM;
            escapes['\''] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 128 && escapes[ch] == ESCAPE_CUSTOM || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
