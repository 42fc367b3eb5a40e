package org.automl4j.tabular.export;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automl4j.data.ColumnType;
import org.automl4j.data.Schema;
import org.automl4j.learners.OnnxWritable;
import org.automl4j.tabular.AutoMLModel;
import org.automl4j.tabular.preprocess.FittedPreprocessor;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes a fitted {@link AutoMLModel} as one ONNX graph: the whole pipeline (imputation, missing-value
 * indicators, scaling, feature selection) of each ensemble member, the member's learner, and the weighted
 * average, so any ONNX runtime predicts as {@link AutoMLModel#predictProba} does (to float precision).
 *
 * <p>The graph has one input, {@code features}: float {@code [rows, k]} holding the model's numeric input
 * columns in the order {@link #inputColumns} gives (missing values as NaN), and one output:
 * {@code probabilities} {@code [rows, classes]} in the model's class order, or {@code prediction}
 * {@code [rows, 1]} for regression. Input columns and classes are also in the model's metadata
 * ({@code automl4j.inputs}, {@code automl4j.classes}).
 *
 * <p>What can be exported: models whose input columns are all numeric, whose every member's learner can
 * write ONNX ({@code logistic}, {@code linear}, {@code svm}; see {@link OnnxWritable}), and that average
 * their members (no stacking meta-learner). {@link #check} says why another model cannot.
 */
public final class OnnxExport {

    /** ONNX IR version written (supported by ONNX Runtime 1.10 and later). */
    static final long IR_VERSION = 8;

    private OnnxExport() {
    }

    /** The numeric input columns the graph's {@code features} input holds, in order. */
    public static List<String> inputColumns(AutoMLModel model) {
        List<String> out = new ArrayList<>();
        for (Schema.Field f : model.schema().columns()) {
            if (f.type() == ColumnType.NUMERIC) {
                out.add(f.name());
            }
        }
        return out;
    }

    /**
     * Why {@code model} cannot be exported, or an empty list when it can.
     */
    public static List<String> check(AutoMLModel model) {
        List<String> problems = new ArrayList<>();
        for (Schema.Field f : model.schema().columns()) {
            if (f.type() != ColumnType.NUMERIC) {
                problems.add("column '" + f.name() + "' is " + f.type().name().toLowerCase(java.util.Locale.ROOT)
                        + "; ONNX export takes numeric columns only (encode it as numbers before fitting)");
            }
        }
        if (model.stacker() != null) {
            problems.add("the model stacks its members with a meta-learner; ONNX export writes averaged ensembles"
                    + " (fit again with --no-stacking, or AutoMLOptions.withStacking(false))");
        }
        for (AutoMLModel.Member m : model.members()) {
            if (!(m.model() instanceof OnnxWritable w) || !w.canWriteOnnx()) {
                problems.add("pipeline " + m.trial() + " uses learner '" + m.config().learner()
                        + "', which cannot be written as ONNX (logistic, linear and svm can: fit with"
                        + " --learners logistic,linear,svm to get an exportable model)");
            }
        }
        return problems;
    }

    /**
     * Writes {@code model} to {@code file}.
     *
     * @throws IllegalArgumentException if the model cannot be exported; the message lists every reason
     */
    public static void write(AutoMLModel model, Path file) throws IOException {
        byte[] bytes = toModelProto(model).toByteArray();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, bytes);
    }

    /** The ONNX model of {@code model}; see {@link #write}. */
    public static OnnxMl.ModelProto toModelProto(AutoMLModel model) {
        List<String> problems = check(model);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("this model cannot be exported to ONNX: " + String.join("; ", problems));
        }
        List<String> inputs = inputColumns(model);
        Map<String, Integer> inputIndex = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            inputIndex.put(inputs.get(i), i);
        }
        ONNXContext ctx = new ONNXContext();
        ctx.setName("automl4j");
        ONNXPlaceholder features = ctx.floatInput("features", inputs.size());
        boolean classification = model.task().isClassification();
        int outputs = classification ? model.classes().size() : 1;
        List<ONNXRef<?>> weighted = new ArrayList<>();
        int k = 0;
        for (AutoMLModel.Member m : model.members()) {
            String p = "m" + k++;
            ONNXRef<?> x = preprocess(ctx, features, m.preprocessor(), inputIndex, p);
            ONNXNode out = ((OnnxWritable) m.model()).writeOnnx(x, p + "_model");
            weighted.add(out.apply(ONNXOperators.MUL, ctx.constant(p + "_weight", (float) m.weight())));
        }
        ONNXRef<?> sum = weighted.size() == 1 ? weighted.get(0) : ctx.operation(ONNXOperators.SUM, weighted, "ensemble");
        ONNXPlaceholder out = ctx.floatOutput(classification ? "probabilities" : "prediction", outputs);
        sum.apply(ONNXOperators.IDENTITY).assignTo(out);
        OnnxMl.ModelProto.Builder b = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("automl4j")
                .setProducerVersion(model.provenance().automl4jVersion())
                .setDomain("org.automl4j")
                .setModelVersion(1)
                .setDocString("automl4j " + model.task().name().toLowerCase(java.util.Locale.ROOT) + " model for '"
                        + model.target() + "'")
                .setGraph(ctx.buildGraph())
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(1).build());
        b.addMetadataProps(entry("automl4j.inputs", String.join(",", inputs)));
        b.addMetadataProps(entry("automl4j.classes", String.join(",", model.classes())));
        b.addMetadataProps(entry("automl4j.target", model.target()));
        return b.build();
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /**
     * The preprocessor's output columns: picks its numeric columns from the input, fills missing values,
     * adds indicators, scales, and keeps the selected columns in the preprocessor's order.
     */
    static ONNXRef<?> preprocess(ONNXContext ctx, ONNXRef<?> features, FittedPreprocessor pre,
            Map<String, Integer> inputIndex, String p) {
        List<FittedPreprocessor.NumericStep> steps = pre.numeric();
        int n = steps.size();
        long[] columns = new long[n];
        float[] fill = new float[n];
        float[] center = new float[n];
        float[] scale = new float[n];
        List<Long> indicatorOf = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            FittedPreprocessor.NumericStep s = steps.get(j);
            columns[j] = inputIndex.get(s.column());
            fill[j] = (float) s.fill();
            center[j] = (float) s.center();
            scale[j] = (float) s.scale();
            if (s.indicator()) {
                indicatorOf.add((long) j);
            }
        }
        ONNXNode x = ctx.operation(ONNXOperators.GATHER, List.of(features, ctx.array(p + "_columns", columns)),
                p + "_x", Map.of("axis", 1));
        ONNXNode missing = x.apply(Extra.IS_NAN);
        ONNXNode filled = ctx.operation(ONNXOperators.WHERE,
                List.of(missing, ctx.array(p + "_fill", fill), x), p + "_filled");
        ONNXNode scaled = filled.apply(ONNXOperators.SUB, ctx.array(p + "_center", center))
                .apply(ONNXOperators.DIV, ctx.array(p + "_scale", scale));
        // encoded order: each column, followed by its indicator when it has one; then selection
        long[] pick = new long[n + indicatorOf.size()];
        int col = 0;
        int ind = 0;
        for (int j = 0; j < n; j++) {
            pick[col++] = j;
            if (steps.get(j).indicator()) {
                pick[col++] = n + ind++;
            }
        }
        ONNXRef<?> encoded = scaled;
        if (!indicatorOf.isEmpty()) {
            long[] ind64 = indicatorOf.stream().mapToLong(Long::longValue).toArray();
            ONNXNode flags = ctx.operation(ONNXOperators.GATHER, List.of(missing, ctx.array(p + "_indicators", ind64)),
                    p + "_flags", Map.of("axis", 1)).cast(float.class);
            encoded = ctx.operation(ONNXOperators.CONCAT, List.of(scaled, flags), p + "_with_flags", Map.of("axis", 1));
        }
        int[] kept = pre.kept();
        long[] order = new long[kept.length];
        for (int j = 0; j < kept.length; j++) {
            order[j] = pick[kept[j]];
        }
        return ctx.operation(ONNXOperators.GATHER, List.of(encoded, ctx.array(p + "_order", order)), p + "_encoded",
                Map.of("axis", 1));
    }

    /** ONNX operators Tribuo's list lacks. */
    enum Extra implements ONNXOperator {
        IS_NAN("IsNaN", 1, 1, 13);

        private final String name;
        private final int inputs;
        private final int outputs;
        private final int version;

        Extra(String name, int inputs, int outputs, int version) {
            this.name = name;
            this.inputs = inputs;
            this.outputs = outputs;
            this.version = version;
        }

        @Override
        public String getOpName() {
            return name;
        }

        @Override
        public int getNumInputs() {
            return inputs;
        }

        @Override
        public int getNumOptionalInputs() {
            return 0;
        }

        @Override
        public int getNumOutputs() {
            return outputs;
        }

        @Override
        public Map<String, ONNXAttribute> getAttributes() {
            return Collections.emptyMap();
        }

        @Override
        public Set<String> getMandatoryAttributeNames() {
            return Collections.emptySet();
        }

        @Override
        public int getOpVersion() {
            return version;
        }

        @Override
        public String getOpDomain() {
            return "";
        }
    }
}
