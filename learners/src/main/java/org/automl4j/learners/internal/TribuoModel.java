package org.automl4j.learners.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Model;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

/**
 * A {@link Model} around a Tribuo model: maps rows to Tribuo examples, Tribuo's named label scores
 * back to the dataset's class order, and saves through Tribuo's protobuf format inside a
 * {@link ModelEnvelope}. Immutable and thread-safe (Tribuo models predict concurrently). Internal;
 * not API.
 */
public final class TribuoModel implements Model, org.automl4j.learners.OnnxWritable {

    private final String learner;
    private final Map<String, Object> params;
    private final Task task;
    private final List<String> classes;
    private final List<String> featureNames;
    private final org.tribuo.Model<?> model;
    private final Map<String, Integer> classIndex;
    /** Predictions of a kNN regression model, which Tribuo 4.3.2 gets wrong ({@link KnnRegression}); else null. */
    private final KnnRegression knnRegression;
    /**
     * Per class (in {@link #classes} order), the factor by which a LIBSVM classifier trained with class weights
     * multiplies its calibrated probabilities before they are normalised again; null when there is none.
     */
    private final double[] classWeightShift;

    /**
     * @param learner the learner name
     * @param params  the resolved parameters
     * @param train   the training data (for task, classes and feature names; not kept)
     * @param model   the fitted Tribuo model
     */
    public TribuoModel(String learner, Map<String, Object> params, Dataset train, org.tribuo.Model<?> model) {
        this(learner, params, train.task(), train.classes(), train.featureNames(), model);
    }

    private TribuoModel(String learner, Map<String, Object> params, Task task, List<String> classes,
            List<String> featureNames, org.tribuo.Model<?> model) {
        this.learner = Objects.requireNonNull(learner, "learner");
        this.params = Map.copyOf(params);
        this.task = task;
        this.classes = List.copyOf(classes);
        this.featureNames = List.copyOf(featureNames);
        this.model = Objects.requireNonNull(model, "model");
        Class<?> expected = task.isClassification() ? Label.class : Regressor.class;
        @SuppressWarnings({"unchecked", "rawtypes"})
        boolean valid = model.validate((Class) expected);
        if (!valid) {
            throw new IllegalArgumentException("a " + task + " model must predict " + expected.getSimpleName()
                    + "s, but the Tribuo model does not");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < this.classes.size(); c++) {
            index.put(this.classes.get(c), c);
        }
        this.classIndex = Map.copyOf(index);
        this.knnRegression = !task.isClassification() && model instanceof org.tribuo.common.nearest.KNNModel<?> knn
                ? KnnRegression.of(knn, this.featureNames.size(), "l1".equals(this.params.get("metric"))) : null;
        this.classWeightShift = !task.isClassification() ? null
                : model instanceof org.tribuo.common.nearest.KNNModel<?> ? voteWeights(this.params, this.classes.size())
                : classWeightShift(model, this.classes);
    }

    /**
     * The model parameter under which a k-NN classifier keeps its classes' vote weights (the mean row weight of
     * each class, in class order, separated by {@code ;}), written by the knn learner when it is given row weights.
     */
    public static final String CLASS_VOTE_WEIGHTS = "class_vote_weights";

    /** {@link #CLASS_VOTE_WEIGHTS}' value for {@code data}: each class's mean row weight (1 for a class without rows). */
    public static String classVoteWeights(Dataset data) {
        Map<Label, Float> byLabel = TribuoData.labelWeights(data);
        StringBuilder out = new StringBuilder();
        for (String c : data.classes()) {
            Float w = byLabel.get(new Label(c));
            out.append(out.length() == 0 ? "" : ";").append(w == null ? 1.0 : w.doubleValue());
        }
        return out.toString();
    }

    /** The vote weights a k-NN classifier was fitted with, as factors on its vote fractions; null when it has none. */
    private static double[] voteWeights(Map<String, Object> params, int classes) {
        if (!(params.get(CLASS_VOTE_WEIGHTS) instanceof String s)) {
            return null;
        }
        String[] parts = s.split(";");
        if (parts.length != classes) {
            throw new IllegalArgumentException("the k-NN model's " + CLASS_VOTE_WEIGHTS + " '" + s + "' has "
                    + parts.length + " weights for " + classes + " classes; the model file is damaged, fit it again");
        }
        double[] shift = new double[classes];
        for (int c = 0; c < classes; c++) {
            double w = Double.parseDouble(parts[c]);
            shift[c] = w > 0 && Double.isFinite(w) ? w : 1;
        }
        return shift;
    }

    /**
     * The class weights a LIBSVM classifier was trained with (read from its provenance, so saved models keep them),
     * as factors on its probabilities; null when it has none or is another model.
     *
     * <p>Why: LIBSVM's class weights multiply {@code C} for each class's rows, which moves the decision function,
     * but its probability estimates are a sigmoid fitted (Platt scaling) to the unweighted labels, which moves it
     * back: trained with balanced weights, a binary SVM on a 10 % class predicted that class no more often than
     * unweighted. Multiplying each class's calibrated probability by its weight and normalising changes the class
     * priors the probabilities assume in the same proportion as the weights change the classes' shares of the
     * training loss; for balanced weights the priors become equal, which is what {@code class_weight=balanced}
     * asks for and what LIBLINEAR's logistic regression gives directly.
     */
    private static double[] classWeightShift(org.tribuo.Model<?> model, List<String> classes) {
        if (!(model instanceof org.tribuo.classification.libsvm.LibSVMClassificationModel)) {
            return null;
        }
        var configured = model.getProvenance().getTrainerProvenance().getConfiguredParameters().get("labelWeights");
        if (!(configured instanceof com.oracle.labs.mlrg.olcut.provenance.MapProvenance<?> weights)
                || weights.getMap().isEmpty()) {
            return null;
        }
        double[] shift = new double[classes.size()];
        java.util.Arrays.fill(shift, 1);
        for (var e : weights.getMap().entrySet()) {
            int c = classes.indexOf(e.getKey());
            double w = Double.parseDouble(String.valueOf(
                    ((com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance<?>) e.getValue()).getValue()));
            if (c >= 0 && w > 0 && Double.isFinite(w)) {
                shift[c] = w;
            }
        }
        return shift;
    }

    /**
     * Reads a model written by {@link #toBytes()}.
     *
     * @param bytes          the bytes
     * @param learner        the learner that must have written them
     * @param allowedClasses the Tribuo model classes this learner produces (top-level)
     * @throws IllegalArgumentException if the bytes are not such a model, or name a Tribuo class
     *     outside the allowlist
     */
    public static TribuoModel load(byte[] bytes, String learner, Set<String> allowedClasses) {
        ModelEnvelope env = ModelEnvelope.read(bytes, learner);
        org.tribuo.Model<?> model = TribuoProtos.deserialize(env.payload(), allowedClasses);
        return new TribuoModel(learner, env.params(), env.task(), env.classes(), env.featureNames(), model);
    }

    @Override
    public String learner() {
        return learner;
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public double[][] predictProba(double[][] x) {
        if (!task.isClassification()) {
            throw new UnsupportedOperationException(learner + " model for regression has no class probabilities;"
                    + " use predict");
        }
        requireNoMissingUnlessNative(x);
        @SuppressWarnings("unchecked")
        org.tribuo.Model<Label> m = (org.tribuo.Model<Label>) model;
        List<Example<Label>> examples = TribuoData.unlabelledClassification(TribuoData.inputsFor(learner, x),
                featureNames.size());
        List<Prediction<Label>> predictions = model instanceof org.tribuo.common.nearest.KNNModel<?>
                ? knnPredictions(m, examples) : m.predict(examples);
        double[][] proba = new double[x.length][classes.size()];
        for (int i = 0; i < proba.length; i++) {
            Prediction<Label> p = predictions.get(i);
            double[] row = proba[i];
            double sum = 0;
            for (Map.Entry<String, Label> e : p.getOutputScores().entrySet()) {
                Integer c = classIndex.get(e.getKey());
                double s = e.getValue().getScore();
                if (c != null && s > 0 && Double.isFinite(s)) {
                    row[c] = s;
                    sum += s;
                }
            }
            if (sum > 0 && classWeightShift != null) {
                sum = 0;
                for (int c = 0; c < row.length; c++) {
                    row[c] *= classWeightShift[c];
                    sum += row[c];
                }
            }
            if (sum > 0) {
                for (int c = 0; c < row.length; c++) {
                    row[c] /= sum;
                }
            } else {
                java.util.Arrays.fill(row, 0);
                Integer c = classIndex.get(p.getOutput().getLabel());
                if (c == null) {
                    throw new IllegalStateException(learner + " predicted unknown class '" + p.getOutput().getLabel()
                            + "'; known: " + classes);
                }
                row[c] = 1;
            }
        }
        return proba;
    }

    /**
     * A kNN classifier's predictions, computed on a thread no caller interrupts. Tribuo 4.3.2's kNN predicts on a new
     * fixed thread pool of non-daemon threads and, when the waiting thread is interrupted, throws "Thread pool went
     * bang" without shutting the pool down: its threads then stay alive and keep a JVM from exiting (a pipeline
     * stopped by its time limit, a meta-learning plan given up in its 1-NN landmarker). Here an interrupt ends only
     * the wait: the caller gets a {@link java.util.concurrent.CancellationException} with its interrupt flag set
     * again, and the prediction runs to its end on its own thread, which shuts the pool down.
     */
    private <T extends org.tribuo.Output<T>> List<Prediction<T>> knnPredictions(org.tribuo.Model<T> m,
            List<Example<T>> examples) {
        java.util.concurrent.FutureTask<List<Prediction<T>>> task =
                new java.util.concurrent.FutureTask<>(() -> m.predict(examples));
        Thread worker = new Thread(task, "automl4j-" + learner + "-predict");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException(learner + ": prediction of " + examples.size()
                    + " rows given up: the thread was interrupted (it goes on unused until it ends)");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(learner + ": prediction failed", e.getCause());
        }
    }

    @Override
    public double[] predict(double[][] x) {
        double[] out = new double[x.length];
        if (task.isClassification()) {
            double[][] proba = predictProba(x);
            for (int i = 0; i < out.length; i++) {
                out[i] = argmax(proba[i]);
            }
            return out;
        }
        requireNoMissingUnlessNative(x);
        if (knnRegression != null) {
            for (int i = 0; i < x.length; i++) {
                if (x[i].length != featureNames.size()) {
                    throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features but the model"
                            + " was fitted on " + featureNames.size());
                }
            }
            return knnRegression.predict(x);
        }
        @SuppressWarnings("unchecked")
        org.tribuo.Model<Regressor> m = (org.tribuo.Model<Regressor>) model;
        List<Prediction<Regressor>> predictions = m.predict(TribuoData.unlabelledRegression(
                TribuoData.inputsFor(learner, x), featureNames.size()));
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions.get(i).getOutput().getValues()[0];
        }
        return out;
    }

    @Override
    public byte[] toBytes() {
        byte[] payload = model.serialize().toByteArray();
        return new ModelEnvelope(learner, task, classes, featureNames, params, payload).toBytes();
    }

    @Override
    public boolean canWriteOnnx() {
        return model instanceof org.tribuo.ONNXExportable;
    }

    @Override
    public org.tribuo.util.onnx.ONNXNode writeOnnx(org.tribuo.util.onnx.ONNXRef<?> features, String prefix) {
        if (!(model instanceof org.tribuo.ONNXExportable exportable)) {
            throw new UnsupportedOperationException(learner + " models (" + model.getClass().getSimpleName()
                    + ") cannot be written as ONNX; linear, logistic and SVM models can");
        }
        org.tribuo.util.onnx.ONNXContext ctx = features.onnxContext();
        // Tribuo reads features in the order of its feature IDs; ours are named f000j, so map each ID to its column
        org.tribuo.ImmutableFeatureMap fm = model.getFeatureIDMap();
        long[] columns = new long[fm.size()];
        for (org.tribuo.VariableInfo info : fm) {
            String name = info.getName();
            columns[fm.getID(name)] = Integer.parseInt(name.substring(1));
        }
        org.tribuo.util.onnx.ONNXRef<?> in = ctx.operation(org.tribuo.util.onnx.ONNXOperators.GATHER,
                List.of(features, ctx.array(prefix + "_feature_order", columns)), prefix + "_features",
                Map.of("axis", 1));
        if (!task.isClassification()) {
            return exportable.writeONNXGraph(in);
        }
        @SuppressWarnings("unchecked")
        org.tribuo.ImmutableOutputInfo<Label> labels = (org.tribuo.ImmutableOutputInfo<Label>) model.getOutputIDInfo();
        int[] column = new int[labels.size()]; // output column of each Tribuo output ID
        org.tribuo.util.onnx.ONNXNode out;
        if (model instanceof org.tribuo.classification.liblinear.LibLinearClassificationModel ll) {
            // Tribuo 4.3 writes LIBLINEAR's logistic regression as a softmax, but LIBLINEAR (and so the Java
            // model) scores each class by a sigmoid and normalises: write that instead
            de.bwaldvogel.liblinear.Model inner = ll.getInnerModels().get(0);
            int[] ids = inner.getLabels();
            for (int k = 0; k < ids.length; k++) {
                column[ids[k]] = k;
            }
            out = liblinearLogistic(ctx, in, inner, fm.size(), prefix);
        } else {
            for (int id = 0; id < column.length; id++) {
                column[id] = id;
            }
            out = exportable.writeONNXGraph(in);
        }
        long[] order = new long[classes.size()];
        for (int c = 0; c < order.length; c++) {
            int id = labels.getID(new Label(classes.get(c)));
            if (id < 0) {
                throw new UnsupportedOperationException(learner + " model never saw class '" + classes.get(c)
                        + "' in training, so its ONNX graph has no output for it");
            }
            order[c] = column[id];
        }
        org.tribuo.util.onnx.ONNXNode proba = ctx.operation(org.tribuo.util.onnx.ONNXOperators.GATHER,
                List.of(out, ctx.array(prefix + "_class_order", order)), prefix + "_proba", Map.of("axis", 1));
        return classWeightShift == null ? proba : shifted(ctx, proba, classWeightShift, prefix);
    }

    /** {@code p * shift / sum(p * shift)} as operators, as {@link #predictProba} does for a weighted LIBSVM model. */
    private static org.tribuo.util.onnx.ONNXNode shifted(org.tribuo.util.onnx.ONNXContext ctx,
            org.tribuo.util.onnx.ONNXNode p, double[] shift, String prefix) {
        int k = shift.length;
        float[] factors = new float[k];
        for (int c = 0; c < k; c++) {
            factors[c] = (float) shift[c];
        }
        return normalisedRows(ctx, p.apply(org.tribuo.util.onnx.ONNXOperators.MUL,
                ctx.array(prefix + "_class_weights", factors)), k, prefix + "_shift");
    }

    /** Each row of {@code p} ({@code k} columns) divided by its sum, as operators (a product with a k x k of ones). */
    private static org.tribuo.util.onnx.ONNXNode normalisedRows(org.tribuo.util.onnx.ONNXContext ctx,
            org.tribuo.util.onnx.ONNXNode p, int k, String prefix) {
        org.tribuo.util.onnx.ONNXInitializer ones = ctx.floatTensor(prefix + "_ones", List.of(k, k), buf -> {
            for (int i = 0; i < k * k; i++) {
                buf.put(1f);
            }
        });
        org.tribuo.util.onnx.ONNXNode sums = ctx.operation(org.tribuo.util.onnx.ONNXOperators.GEMM, List.of(p, ones),
                prefix + "_sums");
        return p.apply(org.tribuo.util.onnx.ONNXOperators.DIV, sums);
    }

    /**
     * LIBLINEAR's probability estimates as operators: a sigmoid of each class's decision value, normalised to
     * sum to 1 (for two classes the decision values are {@code z} and {@code -z}, so the normalisation is 1).
     * Columns are in LIBLINEAR's label order.
     */
    private static org.tribuo.util.onnx.ONNXNode liblinearLogistic(org.tribuo.util.onnx.ONNXContext ctx,
            org.tribuo.util.onnx.ONNXRef<?> x, de.bwaldvogel.liblinear.Model m, int features, String prefix) {
        int k = m.getNrClass();
        float[] bias = new float[k];
        for (int c = 0; c < k; c++) {
            bias[c] = (float) m.getDecfunBias(c);
        }
        org.tribuo.util.onnx.ONNXInitializer w = ctx.floatTensor(prefix + "_weights", List.of(features, k), buf -> {
            for (int j = 0; j < features; j++) {
                for (int c = 0; c < k; c++) {
                    buf.put(j < m.getNrFeature() ? (float) m.getDecfunCoef(j + 1, c) : 0f);
                }
            }
        });
        org.tribuo.util.onnx.ONNXNode p = ctx.operation(org.tribuo.util.onnx.ONNXOperators.GEMM,
                List.of(x, w, ctx.array(prefix + "_bias", bias)), prefix + "_decision")
                .apply(org.tribuo.util.onnx.ONNXOperators.SIGMOID);
        return normalisedRows(ctx, p, k, prefix);
    }

    /**
     * Refuses NaN in rows to predict (Tribuo's models fail on it in unclear ways), except for XGBoost, whose native
     * library sends a missing value down each split's default branch.
     */
    private void requireNoMissingUnlessNative(double[][] x) {
        if (!(model instanceof org.tribuo.common.xgboost.XGBoostModel)) {
            TribuoData.requireNoMissing(x, featureNames, learner);
        }
    }

    /** The index of the largest value, the first on ties. */
    public static int argmax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "TribuoModel[" + learner + ", " + task + ", " + model.getClass().getSimpleName() + "]";
    }
}
