package org.automl4j.tabular.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.automl4j.data.Column;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.examples.Examples;
import org.automl4j.tabular.AutoML;
import org.automl4j.tabular.AutoMLModel;
import org.automl4j.tabular.AutoMLOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exported graphs run in ONNX Runtime and give the Java model's predictions. */
class OnnxExportTest {

    private static AutoMLOptions options(int pipelines, String... learners) {
        return AutoMLOptions.of(Duration.ofMinutes(10)).withSeed(2).withMaxPipelines(pipelines)
                .withLearners(List.of(learners));
    }

    /** The same members, averaged (the search may have chosen stacking, which export refuses). */
    private static AutoMLModel averaged(AutoMLModel m) {
        return new AutoMLModel(m.schema(), m.task(), m.target(), m.classes(), m.metric(), m.members(), m.provenance(),
                null);
    }

    private static float[][] run(byte[] onnx, float[][] x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, x);
                OrtSession.Result r = session.run(Map.of("features", input))) {
            return (float[][]) r.get(0).getValue();
        }
    }

    private static float[][] matrix(Table t, List<String> columns) {
        float[][] x = new float[t.rowCount()][columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            NumericColumn c = (NumericColumn) t.column(columns.get(j));
            for (int i = 0; i < x.length; i++) {
                x[i][j] = (float) c.get(i);
            }
        }
        return x;
    }

    @Test
    void anExportedClassifierGivesTheJavaModelsProbabilitiesInOnnxRuntime(@TempDir Path dir) throws Exception {
        Table iris = Examples.iris();
        AutoMLModel model = averaged(AutoML.fit(iris, "target", options(6, "logistic", "svm")).model());
        Path file = dir.resolve("iris.onnx");
        OnnxExport.write(model, file);
        Table features = iris.dropColumns(java.util.Set.of("target"));
        float[][] onnx = run(Files.readAllBytes(file), matrix(features, OnnxExport.inputColumns(model)));
        double[][] java = model.predictProba(features);
        assertEquals(java.length, onnx.length);
        double worst = 0;
        for (int i = 0; i < java.length; i++) {
            assertEquals(3, onnx[i].length);
            for (int c = 0; c < 3; c++) {
                worst = Math.max(worst, Math.abs(java[i][c] - onnx[i][c]));
            }
        }
        StringBuilder members = new StringBuilder();
        for (AutoMLModel.Member m : model.members()) {
            AutoMLModel one = new AutoMLModel(model.schema(), model.task(), model.target(), model.classes(),
                    model.metric(), List.of(new AutoMLModel.Member(m.trial(), m.config(), m.preprocessor(), m.model(), 1.0)),
                    model.provenance(), null);
            float[][] o1 = run(OnnxExport.toModelProto(one).toByteArray(), matrix(features, OnnxExport.inputColumns(model)));
            double[][] j1 = one.predictProba(features);
            double w1 = 0;
            for (int i = 0; i < j1.length; i++) {
                for (int c = 0; c < 3; c++) {
                    w1 = Math.max(w1, Math.abs(j1[i][c] - o1[i][c]));
                }
            }
            members.append(m.config().describe()).append(" w=").append(m.weight()).append(" diff=").append(w1)
                    .append(" e.g. java ").append(Arrays.toString(j1[60])).append(" onnx ")
                    .append(Arrays.toString(o1[60])).append('\n');
        }
        assertTrue(worst < 1e-4, "largest difference " + worst + " for\n" + members);
    }

    /**
     * An SVM trained with balanced class weights on three classes of 200, 40 and 20 rows: its probabilities are
     * LIBSVM's calibrated ones shifted by the class weights, in Java and in the graph alike.
     */
    @Test
    void anExportedClassWeightedSvmGivesTheJavaModelsShiftedProbabilities() throws Exception {
        SplittableRandom rnd = new SplittableRandom(8);
        int n = 260;
        double[] a = new double[n];
        double[] b = new double[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            int c = i < 200 ? 0 : i < 240 ? 1 : 2;
            a[i] = rnd.nextGaussian() + 0.8 * c;
            b[i] = rnd.nextGaussian() - 0.5 * c;
            y[i] = "c" + c;
        }
        Table t = new Table(List.of(new NumericColumn("a", a), new NumericColumn("b", b),
                org.automl4j.data.CategoricalColumn.of("y", List.of(y))));
        AutoMLModel model = averaged(AutoML.fit(t, "y", options(1, "svm").withMetric("balanced_accuracy")).model());
        assertEquals(1, model.members().size());
        assertTrue(model.members().get(0).config().balanceClasses(),
                "the default pipeline for balanced accuracy is weighted");
        Table features = t.dropColumns(java.util.Set.of("y"));
        float[][] onnx = run(OnnxExport.toModelProto(model).toByteArray(),
                matrix(features, OnnxExport.inputColumns(model)));
        double[][] java = model.predictProba(features);
        int rare = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(java[i][c], onnx[i][c], 1e-4, "row " + i + " class " + c);
            }
            rare += i >= 200 && java[i][0] < Math.max(java[i][1], java[i][2]) ? 1 : 0;
        }
        assertTrue(rare > 30, "rows of the two rare classes predicted as rare: " + rare + " of 60");
    }

    @Test
    void anExportedRegressionPipelineImputesAndScalesAsTheJavaModelDoes() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 300;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian() * 10 + 3;
            b[i] = rnd.nextDouble() * 100;
            y[i] = 2 * a[i] - 0.1 * b[i] + rnd.nextGaussian();
            if (i % 7 == 0) {
                a[i] = Double.NaN; // missing values: imputation and indicator columns in the graph
            }
        }
        List<Column> cols = new ArrayList<>(List.of(new NumericColumn("a", a), new NumericColumn("b", b),
                new NumericColumn("y", y)));
        Table t = new Table(cols);
        AutoMLModel model = averaged(AutoML.fit(t, "y", options(6, "linear", "svm")).model());
        assertTrue(model.members().stream().anyMatch(m -> m.preprocessor().numeric().stream()
                .anyMatch(s -> s.indicator())), "the test needs a pipeline with a missing-value indicator");
        Table features = t.dropColumns(java.util.Set.of("y"));
        float[][] onnx = run(OnnxExport.toModelProto(model).toByteArray(),
                matrix(features, OnnxExport.inputColumns(model)));
        double[] java = model.predictValues(features);
        for (int i = 0; i < n; i++) {
            assertEquals(java[i], onnx[i][0], 1e-3 * Math.max(1, Math.abs(java[i])), "row " + i);
        }
    }

    /**
     * A target around 1000 varying by a thousandth: the elastic net standardises it and keeps its mean and scale in
     * Tribuo's model, so Java and the graph agree (before, Java predicted the mean plus one from a model with no
     * weight and the graph the mean).
     */
    @Test
    void anExportedLinearModelOfANearlyConstantTargetGivesTheJavaPredictions() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 200;
        double[] a = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            y[i] = 1000 + 0.001 * a[i];
        }
        Table t = new Table(List.of(new NumericColumn("a", a), new NumericColumn("y", y)));
        AutoMLModel model = averaged(AutoML.fit(t, "y", options(1, "linear")).model());
        Table features = t.dropColumns(java.util.Set.of("y"));
        float[][] onnx = run(OnnxExport.toModelProto(model).toByteArray(),
                matrix(features, OnnxExport.inputColumns(model)));
        double[] java = model.predictValues(features);
        for (int i = 0; i < n; i++) {
            assertEquals(y[i], java[i], 1e-5, "Java, row " + i);
            assertEquals(java[i], onnx[i][0], 1e-3, "ONNX, row " + i);
        }
    }

    @Test
    void aModelWithATreeOrACategoricalColumnIsRefusedWithWhatToDo() {
        AutoMLModel trees = averaged(AutoML.fit(Examples.iris(), "target", options(2, "tree")).model());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toModelProto(trees));
        assertTrue(e.getMessage().contains("learner 'tree', which cannot be written as ONNX"), e.getMessage());
        assertTrue(e.getMessage().contains("--learners logistic,linear,svm"), e.getMessage());
        List<Column> cols = new ArrayList<>();
        cols.add(org.automl4j.data.CategoricalColumn.of("colour", List.of("red", "blue", "red", "blue", "red",
            "blue", "red", "blue", "red", "blue", "red", "blue")));
        cols.add(new NumericColumn("y", new double[] {1, 2, 1.1, 2.2, 0.9, 2.1, 1, 2, 1.2, 1.9, 1, 2}));
        AutoMLModel categorical = averaged(AutoML.fit(new Table(cols), "y", options(1, "linear").withFolds(2)).model());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toModelProto(categorical));
        assertTrue(c.getMessage().contains("column 'colour' is categorical"), c.getMessage());
    }
}
