package org.automl4j.tabular.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.automl4j.tabular.preprocess.FittedPreprocessor.CategoricalStep;
import org.automl4j.tabular.preprocess.FittedPreprocessor.NumericStep;

/**
 * A {@link FittedPreprocessor} as JSON and back: plain numbers, strings and arrays, read field by
 * field (no Java deserialisation, no class names in the document). NaN is written as the string "NaN".
 */
public final class PreprocessorJson {
    private static final ObjectMapper M = new ObjectMapper();

    private PreprocessorJson() {
    }

    /** The JSON tree of {@code p}. */
    public static ObjectNode write(FittedPreprocessor p) {
        ObjectNode o = M.createObjectNode();
        PreprocessSpec s = p.spec();
        ObjectNode spec = o.putObject("spec");
        spec.put("imputation", s.imputation().name()).put("missing_indicators", s.missingIndicators())
                .put("encoding", s.encoding().name()).put("rare_level_min_count", s.rareLevelMinCount())
                .put("scaling", s.scaling().name()).put("selection", s.selection().name())
                .put("select_fraction", s.selectFraction());
        ArrayNode num = o.putArray("numeric");
        for (NumericStep n : p.numeric()) {
            ObjectNode x = num.addObject();
            x.put("column", n.column());
            num(x, "fill", n.fill());
            x.put("indicator", n.indicator());
            num(x, "center", n.center());
            num(x, "scale", n.scale());
        }
        ArrayNode cat = o.putArray("categorical");
        for (CategoricalStep c : p.categorical()) {
            ObjectNode x = cat.addObject();
            x.put("column", c.column()).put("encoding", c.encoding().name());
            ArrayNode lv = x.putArray("levels");
            c.levels().forEach(lv::add);
            ArrayNode sl = x.putArray("slot");
            for (int v : c.slot()) {
                sl.add(v);
            }
            x.put("rare_slot", c.rareSlot()).put("missing_slot", c.missingSlot()).put("width", c.width())
                    .put("keep_nan", c.keepNaN());
            if (c.targetValues() != null) {
                ArrayNode tv = x.putArray("target_values");
                for (double[] row : c.targetValues()) {
                    tv.add(array(row));
                }
                x.set("target_missing", array(c.targetMissing()));
                x.set("target_prior", array(c.targetPrior()));
            }
        }
        ArrayNode kept = o.putArray("kept");
        for (int k : p.kept()) {
            kept.add(k);
        }
        ArrayNode names = o.putArray("feature_names");
        p.featureNames().forEach(names::add);
        return o;
    }

    /**
     * Reads a preprocessor written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the field if the document is not one, or if its parts do not fit
     *     together (slots, widths, target statistics and kept columns of different sizes)
     */
    public static FittedPreprocessor read(JsonNode o) {
        JsonNode s = req(o, "spec");
        PreprocessSpec spec = new PreprocessSpec(enumValue(s, "imputation", PreprocessSpec.Imputation.class),
                req(s, "missing_indicators").asBoolean(), enumValue(s, "encoding", PreprocessSpec.Encoding.class),
                req(s, "rare_level_min_count").asInt(), enumValue(s, "scaling", PreprocessSpec.Scaling.class),
                enumValue(s, "selection", PreprocessSpec.FeatureSelection.class), req(s, "select_fraction").asDouble());
        List<NumericStep> num = new ArrayList<>();
        for (JsonNode x : req(o, "numeric")) {
            num.add(new NumericStep(req(x, "column").asText(), num(req(x, "fill")), req(x, "indicator").asBoolean(),
                    num(req(x, "center")), num(req(x, "scale"))));
        }
        List<CategoricalStep> cat = new ArrayList<>();
        for (JsonNode x : req(o, "categorical")) {
            List<String> levels = new ArrayList<>();
            req(x, "levels").forEach(l -> levels.add(l.asText()));
            int[] slot = ints(req(x, "slot"));
            double[][] tv = null;
            double[] tm = null;
            double[] tp = null;
            if (x.has("target_values")) {
                JsonNode t = x.get("target_values");
                tv = new double[t.size()][];
                for (int i = 0; i < tv.length; i++) {
                    tv[i] = doubles(t.get(i));
                }
                tm = doubles(req(x, "target_missing"));
                tp = doubles(req(x, "target_prior"));
            }
            cat.add(new CategoricalStep(req(x, "column").asText(),
                    enumValue(x, "encoding", PreprocessSpec.Encoding.class), levels, slot,
                    req(x, "rare_slot").asInt(), req(x, "missing_slot").asInt(), req(x, "width").asInt(), tv, tm, tp,
                    req(x, "keep_nan").asBoolean()));
        }
        List<String> names = new ArrayList<>();
        req(o, "feature_names").forEach(n -> names.add(n.asText()));
        FittedPreprocessor p = new FittedPreprocessor(spec, num, cat, ints(req(o, "kept")), names);
        checkShapes(p);
        return p;
    }

    /**
     * Refuses a document whose parts do not fit together (an edited or damaged one), which would otherwise be read
     * and fail with an index out of bounds at the first prediction.
     */
    private static void checkShapes(FittedPreprocessor p) {
        for (CategoricalStep c : p.categorical()) {
            String where = "preprocessor of column '" + c.column() + "': ";
            int k = c.levels().size();
            switch (c.encoding()) {
                case ONE_HOT, ORDINAL -> {
                    if (c.slot().length != k) {
                        throw new IllegalArgumentException(where + "'slot' has " + c.slot().length + " entries for "
                                + k + " levels");
                    }
                    int width = c.encoding() == PreprocessSpec.Encoding.ONE_HOT ? c.width() : 1;
                    if (c.width() != width || c.width() < 0) {
                        throw new IllegalArgumentException(where + "'width' is " + c.width());
                    }
                    if (c.encoding() == PreprocessSpec.Encoding.ONE_HOT) {
                        for (int v : c.slot()) {
                            inRange(where + "'slot'", v, width);
                        }
                        inRange(where + "'rare_slot'", c.rareSlot(), width);
                        inRange(where + "'missing_slot'", c.missingSlot(), width);
                    }
                }
                case TARGET -> {
                    boolean ok = c.targetValues() != null && c.targetValues().length == k
                            && c.targetMissing().length == c.width() && c.targetPrior().length == c.width();
                    for (int i = 0; ok && i < k; i++) {
                        ok = c.targetValues()[i].length == c.width();
                    }
                    if (!ok) {
                        throw new IllegalArgumentException(where + "the target statistics do not have one row of "
                                + c.width() + " values per level (" + k + " levels), for missing values and the prior");
                    }
                }
                default -> throw new AssertionError(c.encoding());
            }
        }
        int width = p.encodedWidth();
        int[] kept = p.kept();
        for (int j = 0; j < kept.length; j++) {
            if (kept[j] < 0 || kept[j] >= width || (j > 0 && kept[j] <= kept[j - 1])) {
                throw new IllegalArgumentException("preprocessor 'kept' " + java.util.Arrays.toString(kept) + " is not"
                        + " ascending column indices below the encoded width " + width);
            }
        }
        if (kept.length != p.featureNames().size()) {
            throw new IllegalArgumentException("preprocessor has " + kept.length + " 'kept' columns but "
                    + p.featureNames().size() + " 'feature_names'");
        }
    }

    /** {@code v} is -1 (none) or a slot below {@code width}. */
    private static void inRange(String what, int v, int width) {
        if (v < -1 || v >= width) {
            throw new IllegalArgumentException(what + " holds " + v + ", outside -1.." + (width - 1));
        }
    }

    private static JsonNode req(JsonNode o, String field) {
        JsonNode n = o == null ? null : o.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("preprocessor document lacks field '" + field + "'");
        }
        return n;
    }

    /** Field {@code field} of {@code o} as a constant of {@code type}, or an error naming the field and the choices. */
    private static <E extends Enum<E>> E enumValue(JsonNode o, String field, Class<E> type) {
        String v = req(o, field).asText();
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("preprocessor field '" + field + "' is '" + v + "', which is none of "
                    + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }

    private static void num(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.put(field, Double.toString(v));
        }
    }

    private static double num(JsonNode n) {
        return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
    }

    private static ArrayNode array(double[] v) {
        ArrayNode a = M.createArrayNode();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = num(a.get(i));
        }
        return out;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
