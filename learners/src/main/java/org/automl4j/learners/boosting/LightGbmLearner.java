package org.automl4j.learners.boosting;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.automl4j.data.Dataset;
import org.automl4j.data.Task;
import org.automl4j.learners.Capabilities;
import org.automl4j.learners.Learner;
import org.automl4j.learners.Model;
import org.automl4j.learners.internal.ModelEnvelope;
import org.automl4j.learners.internal.Params;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;

/**
 * LightGBM through lightgbm4j: binary, multiclass and L2-regression objectives, missing values
 * ({@code NaN}) handled natively; as {@code lightgbm} gradient boosting with early stopping on a
 * validation set, as {@code lgbm_rf} / {@code lgbm_extra_trees} LightGBM's random-forest mode
 * ({@link Mode}). Every fit uses {@code num_threads} 1 below {@link #SINGLE_THREAD_CELLS} cells and 2
 * above (system property {@code lgbm.threads} overrides it, for measurements),
 * {@code deterministic=true}, {@code force_col_wise=true} and {@code verbosity=-1}. OpenMP's busy-waiting cannot be switched off from Java
 * ({@code OMP_WAIT_POLICY} is read by the native library at load time); the {@code automl4j}
 * launcher exports {@code OMP_WAIT_POLICY=PASSIVE}, and other callers on small machines should too.
 * Ranges after FLAML's and Optuna's LightGBM examples.
 */
final class LightGbmLearner implements Learner {

    static final String NAME = "lightgbm";
    static final String RF_NAME = "lgbm_rf";
    static final String EXTRA_TREES_NAME = "lgbm_extra_trees";

    /** Gradient boosting, or a forest through LightGBM's random-forest mode. */
    enum Mode {
        /** Gradient boosting ({@code boosting=gbdt}), early stopping on a validation set. */
        GBDT(NAME),
        /** A random forest: {@code boosting=rf}, bagged rows, a random feature subset per split, averaged trees. */
        RANDOM_FOREST(RF_NAME),
        /** As {@link #RANDOM_FOREST} with random split thresholds ({@code extra_trees=true}). */
        EXTRA_TREES(EXTRA_TREES_NAME);

        final String learnerName;

        Mode(String learnerName) {
            this.learnerName = learnerName;
        }

        boolean forest() {
            return this != GBDT;
        }

        static Mode of(String learnerName) {
            for (Mode m : values()) {
                if (m.learnerName.equals(learnerName)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("not a LightGBM learner: " + learnerName);
        }
    }

    private final Mode mode;

    LightGbmLearner() {
        this(Mode.GBDT);
    }

    LightGbmLearner(Mode mode) {
        this.mode = mode;
    }
    /** Boosting rounds without improvement of the validation loss before training stops. */
    static final int EARLY_STOPPING_ROUNDS = 20;
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, false, true, true);
    static final int THREADS = 2;
    /**
     * Below this many cells (rows x features) training uses one thread: with OpenMP threads that sleep
     * between parallel regions ({@code OMP_WAIT_POLICY=PASSIVE}), waking a second thread for every
     * split costs more than it saves on small data (5,000 x 20: 0.4-1.7 s on one thread against
     * 1.8-24 s on two).
     */
    static final long SINGLE_THREAD_CELLS = 1_000_000;

    static int threads(Dataset train) {
        return (long) train.rows() * train.features() < SINGLE_THREAD_CELLS ? 1 : THREADS;
    }

    @Override
    public String name() {
        return mode.learnerName;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public boolean stopsWhenInterrupted() {
        return true;
    }

    @Override
    public Optional<String> budgetParameter() {
        return Optional.of("n_estimators");
    }

    @Override
    public SearchSpace searchSpace(Task task) {
        if (mode.forest()) {
            // bagging_fraction < 1 is required by LightGBM's rf mode; max_features is the share of
            // features drawn for each split (feature_fraction_bynode), as a forest's max_features
            return SearchSpace.builder()
                    .add("n_estimators", IntDistribution.logScale(20, 500))
                    .add("num_leaves", IntDistribution.logScale(16, 1024))
                    .add("min_child_samples", IntDistribution.logScale(2, 64))
                    .add("max_features", FloatDistribution.of(0.05, 1.0))
                    .add("bagging_fraction", FloatDistribution.of(0.3, 0.9))
                    .build();
        }
        return SearchSpace.builder()
                .add("n_estimators", IntDistribution.logScale(10, 2000))
                .add("learning_rate", FloatDistribution.logScale(0.005, 0.5))
                .add("num_leaves", IntDistribution.logScale(4, 256))
                .add("min_child_samples", IntDistribution.logScale(2, 128))
                .add("feature_fraction", FloatDistribution.of(0.4, 1.0))
                .add("bagging_fraction", FloatDistribution.of(0.5, 1.0))
                .add("lambda_l1", FloatDistribution.logScale(1e-8, 10))
                .add("lambda_l2", FloatDistribution.logScale(1e-8, 10))
                .build();
    }

    @Override
    public Map<String, Object> defaults(Task task) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (mode.forest()) {
            d.put("n_estimators", 100);
            d.put("num_leaves", 256);
            d.put("min_child_samples", 3);
            d.put("max_features", task.isClassification() ? 0.3 : 0.6);
            d.put("bagging_fraction", 0.632);
            return d;
        }
        d.put("n_estimators", 200);
        d.put("learning_rate", 0.1);
        d.put("num_leaves", 31);
        d.put("min_child_samples", 20);
        d.put("feature_fraction", 1.0);
        d.put("bagging_fraction", 1.0);
        d.put("lambda_l1", 1e-8);
        d.put("lambda_l2", 1e-8);
        return d;
    }

    @Override
    public Model fit(Dataset train, Map<String, Object> params, long seed) {
        return fit(train, params, seed, null);
    }

    /**
     * With a validation set, training stops after {@value #EARLY_STOPPING_ROUNDS} rounds without
     * improvement of the validation loss and keeps the best iteration; the model's
     * {@code n_estimators} is then the number of rounds kept.
     */
    @Override
    public Model fit(Dataset train, Map<String, Object> params, long seed, Dataset validation) {
        Map<String, Object> p = Params.resolve(this, train.task(), params);
        if (train.rows() == 0) {
            throw new IllegalArgumentException(name() + ": the training set is empty");
        }
        if (validation != null) {
            if (validation.task() != train.task() || !validation.classes().equals(train.classes())
                    || validation.features() != train.features()) {
                throw new IllegalArgumentException(name() + ": the validation set must have the training set's task,"
                        + " classes and number of features");
            }
        }
        LightGbmModel.ensureNative();
        if (mode.forest()) {
            train = org.automl4j.learners.internal.ConstantTarget.spread(train); // else no tree: predictions 0
        }
        String config = config(train, p, seed);
        int rounds = Params.intValue(p, "n_estimators");
        try (LGBMDataset trainSet = toLgbm(train, config, null);
             LGBMDataset validSet = validation == null || validation.rows() == 0 || mode.forest() ? null
                     : toLgbm(validation, config, trainSet);
             LGBMBooster booster = LGBMBooster.create(trainSet, config)) {
            int kept = rounds;
            if (validSet != null && !mode.forest()) {
                booster.addValidData(validSet);
                double best = Double.POSITIVE_INFINITY;
                int bestRound = 0;
                for (int round = 1; round <= rounds; round++) {
                    checkInterrupted();
                    boolean finished = booster.updateOneIter();
                    double loss = booster.getEval(1)[0];
                    if (loss < best) {
                        best = loss;
                        bestRound = round;
                    } else if (round - bestRound >= EARLY_STOPPING_ROUNDS) {
                        break;
                    }
                    if (finished) {
                        break;
                    }
                }
                kept = Math.max(1, bestRound);
            } else {
                for (int round = 1; round <= rounds; round++) {
                    checkInterrupted();
                    if (booster.updateOneIter()) {
                        kept = round;
                        break;
                    }
                }
            }
            String modelText = booster.saveModelToString(0, kept, LGBMBooster.FeatureImportanceType.SPLIT);
            if (mode.forest()) {
                modelText = leaflessTreesPredictTheInitScore(modelText, initScores(train));
            }
            double[] gain = booster.featureImportance(kept, LGBMBooster.FeatureImportanceType.GAIN);
            Map<String, Object> used = new LinkedHashMap<>(p);
            used.put("n_estimators", kept);
            ModelEnvelope meta = new ModelEnvelope(name(), train.task(), train.classes(), train.featureNames(), used,
                    new byte[0]);
            return new LightGbmModel(meta, modelText, gain);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
        }
    }

    /**
     * Training checks between rounds whether its thread was interrupted and then gives up with a
     * {@link java.util.concurrent.CancellationException} (the interrupt flag stays set), so a caller can
     * bound a fit's time.
     */
    private void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException(name() + ": training interrupted");
        }
    }

    private String config(Dataset train, Map<String, Object> p, long seed) {
        StringBuilder b = new StringBuilder();
        switch (train.task()) {
            case BINARY -> b.append("objective=binary metric=binary_logloss");
            case MULTICLASS -> b.append("objective=multiclass metric=multi_logloss num_class=")
                    .append(train.classCount());
            case REGRESSION -> b.append("objective=regression metric=l2");
            default -> throw new AssertionError(train.task());
        }
        b.append(" num_threads=").append(Integer.getInteger("lgbm.threads", threads(train)))
                .append(" verbosity=-1 deterministic=true force_col_wise=true max_bin=").append(mode.forest() ? 63 : 255)
                .append(" seed=").append(seed)
                .append(" num_leaves=").append(Params.intValue(p, "num_leaves"))
                .append(" min_data_in_leaf=").append(Params.intValue(p, "min_child_samples"));
        double bagging = baggedAtLeastOneRow(Params.doubleValue(p, "bagging_fraction"), train.rows());
        if (mode.forest()) {
            if (train.rows() < 2) {
                throw new IllegalArgumentException(name() + " draws a bag of rows for each tree, which needs at least"
                        + " 2 training rows, but got " + train.rows() + "; add rows or use another learner");
            }
            b.append(" boosting=rf bagging_freq=1 bagging_fraction=").append(num(bagging))
                    .append(" feature_fraction_bynode=").append(num(Params.doubleValue(p, "max_features")))
                    .append(" lambda_l2=0");
            if (mode == Mode.EXTRA_TREES) {
                b.append(" extra_trees=true");
            }
            return b.toString();
        }
        b.append(" learning_rate=").append(num(Params.doubleValue(p, "learning_rate")))
                .append(" feature_fraction=").append(num(Params.doubleValue(p, "feature_fraction")))
                .append(" bagging_fraction=").append(num(bagging))
                .append(" bagging_freq=").append(bagging < 1 ? 1 : 0)
                .append(" lambda_l1=").append(num(Params.doubleValue(p, "lambda_l1")))
                .append(" lambda_l2=").append(num(Params.doubleValue(p, "lambda_l2")));
        return b.toString();
    }

    /**
     * The scores LightGBM starts each class (or the regression target) from, as its {@code boost_from_average}
     * computes them: the weighted mean label for regression, the log-odds of the weighted positive share for
     * binary, the log of each class's weighted share for multiclass (shares clamped to [1e-15, 1 - 1e-15], as
     * LightGBM's {@code kEpsilon}).
     */
    static double[] initScores(Dataset train) {
        double[] y = train.y();
        double[] w = train.weights();
        int outputs = train.task() == org.automl4j.data.Task.MULTICLASS ? train.classCount() : 1;
        double[] sums = new double[Math.max(outputs, 1)];
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double wi = w == null ? 1 : (float) w[i];
            total += wi;
            double label = (float) y[i];
            switch (train.task()) {
                case REGRESSION -> sums[0] += wi * label;
                case BINARY -> sums[0] += label > 0 ? wi : 0;
                case MULTICLASS -> sums[(int) label] += wi;
                default -> throw new AssertionError(train.task());
            }
        }
        double[] init = new double[sums.length];
        for (int k = 0; k < init.length; k++) {
            double share = sums[k] / total;
            init[k] = switch (train.task()) {
                case REGRESSION -> share;
                case BINARY -> {
                    double p = Math.min(Math.max(share, 1e-15), 1 - 1e-15);
                    yield Math.log(p / (1 - p));
                }
                default -> Math.log(Math.max(1e-15, share));
            };
        }
        return init;
    }

    /**
     * LightGBM's random-forest mode adds the start score ({@code boost_from_average}) to every tree that splits,
     * but a tree that found no split (all features constant in its bag, fewer bagged rows than twice
     * {@code min_child_samples}, or a class without rows and so without gradients) keeps a single leaf of 0. Its
     * averaged output then drags predictions toward 0: with no tree splitting, a regression forest predicted 0 and
     * a binary one 0.5 whatever the target, and a class absent from the training rows got the largest
     * probability. This sets each such leaf to its class's start score ({@code initScores}), so a tree without a
     * split predicts the prior, and updates the tree sizes LightGBM's reader uses to find each tree.
     */
    static String leaflessTreesPredictTheInitScore(String modelText, double[] initScores) {
        String[] lines = modelText.split("\n", -1);
        int perIteration = 1;
        int treeSizesLine = -1;
        List<Integer> growth = new ArrayList<>();
        int tree = -1;
        boolean singleLeaf = false;
        boolean changed = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("num_tree_per_iteration=")) {
                perIteration = Integer.parseInt(line.substring("num_tree_per_iteration=".length()).trim());
            } else if (line.startsWith("tree_sizes=")) {
                treeSizesLine = i;
            } else if (line.startsWith("Tree=")) {
                tree = Integer.parseInt(line.substring("Tree=".length()).trim());
                while (growth.size() <= tree) {
                    growth.add(0);
                }
                singleLeaf = false;
            } else if (line.equals("num_leaves=1")) {
                singleLeaf = tree >= 0;
            } else if (singleLeaf && line.startsWith("leaf_value=")
                    && Double.parseDouble(line.substring("leaf_value=".length()).trim()) == 0) {
                double init = initScores[tree % perIteration % initScores.length];
                if (init != 0) {
                    String replaced = "leaf_value=" + Double.toString(init);
                    growth.set(tree, growth.get(tree) + replaced.length() - line.length());
                    lines[i] = replaced;
                    changed = true;
                }
                singleLeaf = false;
            } else if (line.equals("end of trees")) {
                tree = -1;
            }
        }
        if (!changed) {
            return modelText;
        }
        if (treeSizesLine >= 0) {
            String[] sizes = lines[treeSizesLine].substring("tree_sizes=".length()).trim().split(" ");
            StringBuilder b = new StringBuilder("tree_sizes=");
            for (int t = 0; t < sizes.length; t++) {
                b.append(t == 0 ? "" : " ").append(Long.parseLong(sizes[t]) + (t < growth.size() ? growth.get(t) : 0));
            }
            lines[treeSizesLine] = b.toString();
        }
        return String.join("\n", lines);
    }

    /**
     * {@code fraction} raised where needed so that a bag of {@code rows} rows holds at least one: LightGBM
     * bags {@code (int) (fraction * rows)} rows and stops with a fatal error on an empty bag (a fraction of
     * 0.3 on the 2 training rows of a tiny cross-validation fold).
     */
    static double baggedAtLeastOneRow(double fraction, int rows) {
        if (fraction >= 1 || rows <= 0 || (int) (fraction * rows) >= 1) {
            return fraction;
        }
        double f = 1.0 / rows;
        while ((int) (f * rows) < 1) {
            f = Math.nextUp(f);
        }
        return f;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }

    private static LGBMDataset toLgbm(Dataset data, String config, LGBMDataset reference) throws LGBMException {
        int rows = data.rows();
        int cols = data.features();
        LGBMDataset ds = LGBMDataset.createFromMat(LightGbmModel.flatten(data.x(), cols), rows, cols, true, config,
                reference);
        try {
            float[] label = new float[rows];
            for (int i = 0; i < rows; i++) {
                label[i] = (float) data.y()[i];
            }
            ds.setField("label", label);
            if (data.weights() != null) {
                float[] w = new float[rows];
                for (int i = 0; i < rows; i++) {
                    w[i] = (float) data.weights()[i];
                }
                ds.setField("weight", w);
            }
            return ds;
        } catch (LGBMException | RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    @Override
    public Model load(byte[] bytes) {
        return LightGbmModel.load(bytes, mode.learnerName);
    }
}
