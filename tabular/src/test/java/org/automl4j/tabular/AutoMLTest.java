package org.automl4j.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.automl4j.data.CategoricalColumn;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.NumericColumn;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.examples.Examples;
import org.automl4j.data.split.Split;
import org.automl4j.data.split.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end fits on small data. Each search is limited by a pipeline count (the time limit is far
 * away), so results are exactly reproducible and nothing depends on the machine's speed. Meta-learning
 * is off here (the search starts from the learners' defaults); {@link MetaPlannerTest} covers it.
 */
class AutoMLTest {

    private static AutoMLOptions options(int pipelines, List<String> learners) {
        return AutoMLOptions.of(Duration.ofMinutes(10)).withSeed(3).withMaxPipelines(pipelines).withLearners(learners)
                .withMeta(MetaLearning.off());
    }

    @Test
    void irisFitPredictsHeldOutFlowersAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        Table iris = Examples.iris();
        LabeledTable all = LabeledTable.of(iris, "target");
        Split split = Splits.stratifiedHoldout(all.labels(), all.classes(), 0.25, 0);
        Table train = iris.selectRows(split.train());
        Table test = iris.selectRows(split.test());
        AutoMLResult r = AutoML.fit(train, "target", options(8, List.of("lightgbm", "logistic", "knn", "tree")));
        assertEquals(Task.MULTICLASS, r.model().task());
        assertEquals(8, r.trials());
        assertTrue(r.ensembleScore() >= 0.9, "cross-validated balanced accuracy " + r.ensembleScore());
        if (r.model().stacker() == null) {
            assertTrue(r.ensembleScore() >= r.bestSingleScore() - 1e-12, "ensemble selection starts from the best model");
        }
        assertEquals(8, r.leaderboard().size());
        double weights = r.leaderboard().stream().mapToDouble(LeaderboardEntry::weight).sum();
        assertEquals(1.0, weights, 1e-9, "the ensemble members' weights are on the leaderboard");

        List<String> predicted = r.model().predictLabels(test);
        List<String> truth = new ArrayList<>();
        CategoricalColumn target = (CategoricalColumn) test.column("target");
        for (int i = 0; i < test.rowCount(); i++) {
            truth.add(target.level(i));
        }
        long right = 0;
        for (int i = 0; i < truth.size(); i++) {
            right += predicted.get(i).equals(truth.get(i)) ? 1 : 0;
        }
        assertTrue(right >= 0.9 * truth.size(), right + " of " + truth.size() + " held-out flowers right");

        Path file = dir.resolve("iris.automl4j");
        r.model().save(file);
        AutoMLModel back = AutoMLModel.load(file);
        double[][] a = r.model().predictProba(test);
        double[][] b = back.predictProba(test);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "row " + i + " predicts the same after loading");
        }
        assertEquals(r.model().provenance().dataFingerprint(), back.provenance().dataFingerprint());
        assertEquals(64, back.provenance().dataFingerprint().length());
    }

    @Test
    void sameSeedAndPipelineCountGiveTheSameLeaderboard() {
        Table iris = Examples.iris();
        AutoMLResult a = AutoML.fit(iris, "target", options(6, List.of("tree", "logistic")));
        AutoMLResult b = AutoML.fit(iris, "target", options(6, List.of("tree", "logistic")));
        assertEquals(a.leaderboard().stream().map(e -> e.pipeline() + " " + e.score()).toList(),
                b.leaderboard().stream().map(e -> e.pipeline() + " " + e.score()).toList());
    }

    @Test
    void aFitReportsEachStagesTimeAndTheyAddUpToItsWallTime() {
        AutoMLResult r = AutoML.fit(Examples.iris(), "target", options(4, List.of("tree", "logistic")));
        assertEquals(AutoMLResult.STAGES, List.copyOf(r.stageSeconds().keySet()));
        double sum = 0;
        for (double v : r.stageSeconds().values()) {
            assertTrue(v >= 0, r.stagesLine());
            sum += v;
        }
        assertEquals(r.seconds(), sum, 1e-6, r.stagesLine());
        assertTrue(r.stageSeconds().get("search") > 0, "four pipelines were cross-validated: " + r.stagesLine());
        assertTrue(r.stagesLine().startsWith("setup ") && r.stagesLine().contains(", refit "), r.stagesLine());
    }

    @Test
    void regressionWithMissingValuesAndACategoricalColumnFitsAndRefusesAWrongSchema() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 300;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        List<String> group = new ArrayList<>();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = rng.nextDouble() * 10;
            x2[i] = i % 17 == 0 ? Double.NaN : rng.nextDouble();
            String g = List.of("a", "b", "c").get(i % 3);
            group.add(g);
            y[i] = 3 * x1[i] + (g.equals("b") ? 5 : 0) + rng.nextDouble();
        }
        Table t = new Table(List.of(new NumericColumn("x1", x1), new NumericColumn("x2", x2),
                CategoricalColumn.of("group", group), new NumericColumn("y", y)));
        AutoMLResult r = AutoML.fit(t, "y", options(6, List.of("linear", "lightgbm")));
        assertEquals(Task.REGRESSION, r.model().task());
        assertTrue(r.ensembleScore() < 1.5, "cross-validated RMSE " + r.ensembleScore() + " (sd of y is ~9)");
        double[] pred = r.model().predictValues(t.selectRows(new int[] {0, 1}));
        assertEquals(2, pred.length);
        Table wrong = t.dropColumns(java.util.Set.of("x1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.model().predictValues(wrong));
        assertTrue(e.getMessage().contains("x1"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAModelIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.automl4j");
        Files.writeString(junk, "not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoMLModel.load(junk));
        assertTrue(e.getMessage().contains("not an automl4j model file"), e.getMessage());
    }

    /** A copy of {@code model}'s zip with {@code edit} applied to each entry (name, bytes) -> bytes. */
    private static Path edited(Path model, Path out, java.util.function.BiFunction<String, byte[], byte[]> edit)
            throws Exception {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(model))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(edit.apply(e.getKey(), e.getValue()));
                zip.closeEntry();
            }
        }
        return out;
    }

    private static java.util.function.BiFunction<String, byte[], byte[]> manifest(String regex, String replacement) {
        return (name, bytes) -> name.equals("manifest.json") ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst(regex, replacement).getBytes(java.nio.charset.StandardCharsets.UTF_8) : bytes;
    }

    @Test
    void aModelFileWithADamagedManifestOrMemberIsRefusedNamingTheFileAndTheFix(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.automl4j");
        AutoML.fit(Examples.iris(), "target", options(1, List.of("logistic"))).model().save(model);
        java.util.Map<String, java.util.function.BiFunction<String, byte[], byte[]>> damage = new java.util.LinkedHashMap<>();
        damage.put("not JSON", manifest("\\{", "{ broken"));
        damage.put("task", manifest("\"task\" : \"", "\"task\" : \"X"));
        damage.put("type", manifest("\"type\" : \"NUMERIC\"", "\"type\" : \"WHAT\""));
        damage.put("created", manifest("\"created\" : \"", "\"created\" : \"yesterday "));
        damage.put("member", (name, bytes) -> name.equals("manifest.json") ? bytes : "garbage".getBytes());
        assertEachRefusedAsDamaged(model, dir, damage);
        Path unknown = edited(model, dir.resolve("unknown.automl4j"),
                manifest("\"learner\" : \"logistic\"", "\"learner\" : \"quantum\""));
        String m = assertThrows(IllegalArgumentException.class, () -> AutoMLModel.load(unknown)).getMessage();
        assertTrue(m.contains("uses learner 'quantum', which this program does not have") && m.contains("logistic"), m);
        assertEquals(Task.MULTICLASS, AutoMLModel.load(edited(model, dir.resolve("same.automl4j"), (n, b) -> b)).task());
    }

    /** Each edit of {@code model}'s file is refused on load as damaged, naming the file and the fix. */
    private static void assertEachRefusedAsDamaged(Path model, Path dir,
            java.util.Map<String, java.util.function.BiFunction<String, byte[], byte[]>> damage) throws Exception {
        for (var d : damage.entrySet()) {
            Path bad = edited(model, dir.resolve(d.getKey().replace(' ', '_') + ".automl4j"), d.getValue());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoMLModel.load(bad),
                    d.getKey());
            String m = e.getMessage();
            assertTrue(m.startsWith(bad.toString()) && m.contains("is damaged") && m.contains("automl4j fit"),
                    d.getKey() + ": " + m);
        }
    }

    @Test
    void aModelFileWithoutPipelinesOrWithABadWeightPreprocessorOrStackerIsRefusedAsDamaged(@TempDir Path dir)
            throws Exception {
        Path model = dir.resolve("m.automl4j");
        AutoMLModel fitted = AutoML.fit(Examples.iris(), "target", options(1, List.of("logistic"))).model();
        fitted.save(model);
        java.util.Map<String, java.util.function.BiFunction<String, byte[], byte[]>> damage = new java.util.LinkedHashMap<>();
        // before: this one was read with no pipeline and refused without naming the file
        damage.put("no members", manifest("(?s)\"members\" : \\[.*\\]", "\"members\" : [ ]"));
        // before: these two loaded, and the model predicted 0 for every class (weight read as 0)
        damage.put("no weight", manifest("\"weight\" : [0-9.Ee-]+,", ""));
        damage.put("weight 0.5", manifest("\"weight\" : [0-9.Ee-]+,", "\"weight\" : 0.5,"));
        // before: 'No enum constant ...PreprocessSpec.Imputation.X' and 'preprocessor document lacks field', no file
        damage.put("imputation", manifest("\"imputation\" : \"", "\"imputation\" : \"X"));
        damage.put("spec", manifest("\"spec\"", "\"speck\""));
        assertEachRefusedAsDamaged(model, dir, damage);
        String m = assertThrows(IllegalArgumentException.class, () -> AutoMLModel.load(edited(model,
                dir.resolve("i.automl4j"), damage.get("imputation")))).getMessage();
        assertTrue(m.contains("'imputation' is 'XMEDIAN'") && m.contains("MEAN"), m);

        // a stacked model whose stacker bytes are damaged: before, the library's error without the file's name
        AutoMLModel.Member one = fitted.members().get(0);
        List<AutoMLModel.Member> two = List.of(one, new AutoMLModel.Member(1, one.config(), one.preprocessor(),
                one.model(), one.weight()));
        double[][] p = AutoMLModel.predictOutputs(one.preprocessor(), one.model(), Examples.iris(), Task.MULTICLASS);
        LabeledTable all = LabeledTable.of(Examples.iris(), "target");
        AutoMLModel stacked = new AutoMLModel(fitted.schema(), fitted.task(), fitted.target(), fitted.classes(),
                fitted.metric(), two, fitted.provenance(), org.automl4j.tabular.ensemble.Stacking.fit(List.of(p, p),
                        all.y(), null, Task.MULTICLASS, all.classes(), 1));
        Path stackedFile = dir.resolve("stacked.automl4j");
        stacked.save(stackedFile);
        Path bad = edited(stackedFile, dir.resolve("bad-stacker.automl4j"),
                (name, bytes) -> name.equals("stacker.model") ? "garbage".getBytes() : bytes);
        String s = assertThrows(IllegalArgumentException.class, () -> AutoMLModel.load(bad)).getMessage();
        assertTrue(s.startsWith(bad.toString()) && s.contains("is damaged") && s.contains("stacker"), s);
    }

    @Test
    void aTableWithoutRowsGetsNoPredictionsWhateverTheLearner() {
        // before: XGBoost's predict threw a NullPointerException on an empty batch
        Table iris = Examples.iris();
        AutoMLModel m = AutoML.fit(iris, "target", options(1, List.of("xgboost"))).model();
        Table none = iris.selectRows(new int[0]);
        assertEquals(0, m.predictProba(none).length);
        assertEquals(List.of(), m.predictLabels(none));
        Table wrong = none.dropColumns(java.util.Set.of("petal_width_cm"));
        assertThrows(IllegalArgumentException.class, () -> m.predictProba(wrong), "the schema is still checked");
    }

    @Test
    void earlyStoppedBoostingIsRefitWithTheMedianOfItsFoldsRounds() {
        Table iris = Examples.iris();
        // one pipeline: lightgbm's default (200 rounds, learning rate 0.1), which stops early on each fold
        AutoMLResult r = AutoML.fit(iris, "target", options(1, List.of("lightgbm")));
        AutoMLModel.Member m = r.model().members().get(0);
        int refit = ((Number) m.model().params().get("n_estimators")).intValue();
        assertTrue(refit >= 1 && refit < 200, "refit with " + refit + " rounds");
        assertEquals(refit, ((Number) m.config().learnerParams().get("n_estimators")).intValue(),
                "the member's pipeline records the refit rounds");
    }

    @Test
    void refitRoundsAreTheMedianOfTheFolds() {
        assertEquals(40, AutoML.refitRounds(new int[] {90, 10, 40, 35, 41}));
        assertEquals(38, AutoML.refitRounds(new int[] {35, 41}));
        assertEquals(7, AutoML.refitRounds(new int[] {7}));
        assertThrows(IllegalArgumentException.class, () -> AutoML.refitRounds(new int[0]));
    }

    @Test
    void nestedRowsPartitionTheRows() {
        int[] in = AutoML.nestedRows(7, 3, 1, true);
        int[] out = AutoML.nestedRows(7, 3, 1, false);
        assertArrayEquals(new int[] {1, 4}, in);
        assertArrayEquals(new int[] {0, 2, 3, 5, 6}, out);
    }

    @Test
    void aTimeLimitOfCenturiesIsNoLimitRatherThanAnOverflow() {
        // before: ArithmeticException "long overflow" from Duration.toNanos
        for (Duration d : new Duration[] {Duration.ofDays(400L * 365), Duration.ofSeconds(Long.MAX_VALUE)}) {
            AutoMLOptions o = new AutoMLOptions(d, 1, null, null, List.of("tree"), 5, 0, 2, null, null, null, true,
                    null);
            AutoMLResult r = AutoML.fit(Examples.iris(), "target", o);
            assertEquals(2, r.trials());
            assertEquals(50 * 365 * 86_400.0, r.model().provenance().timeLimitSeconds(), 1e-6);
        }
    }

    @Test
    void tooFewRowsForEveryFoldToTrainOnTwoAreRefusedUpFront() {
        // before: 2 rows gave folds training on 1 row; LightGBM's forests stopped with a fatal error, the SVM
        // scored NaN and the MLP failed on zero gradients, and the model was fitted anyway
        Table t = new Table(List.of(new NumericColumn("x", new double[] {0.1, 0.9}),
                new NumericColumn("y", new double[] {1.5, 3.0})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoML.fit(t, "y", options(2, List.of("tree"))));
        assertTrue(e.getMessage().contains("2 rows only") && e.getMessage().contains("add rows"), e.getMessage());
        Table three = new Table(List.of(new NumericColumn("x", new double[] {0.1, 0.9, 0.4}),
                new NumericColumn("y", new double[] {1.5, 3.0, 2})));
        e = assertThrows(IllegalArgumentException.class, () -> AutoML.fit(three, "y",
                options(2, List.of("tree")).withFolds(2)));
        assertTrue(e.getMessage().contains(" of 2 would train on 1 row")
                && e.getMessage().contains("more folds than 2"), e.getMessage());
        assertEquals(2, AutoML.fit(three, "y", options(2, List.of("tree"))).trials());
    }

    @Test
    void lightGbmForestsRunInTheSearchForRegression() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 200;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble() * 10;
            y[i] = Math.sin(x[i]) * 5 + rng.nextDouble();
        }
        Table t = new Table(List.of(new NumericColumn("x", x), new NumericColumn("y", y)));
        AutoMLResult r = AutoML.fit(t, "y", options(4, List.of("lgbm_rf", "lgbm_extra_trees")));
        assertEquals(4, r.trials());
        assertTrue(r.leaderboard().stream().allMatch(e -> e.state().equals("COMPLETE")), r.leaderboard().toString());
        assertTrue(r.ensembleScore() < 1.5, "cross-validated RMSE " + r.ensembleScore() + " (sd of y is ~3.6)");
    }

    @Test
    void withStackingOffTheEnsembleAveragesWhereTheSameFitWouldStack() {
        Table iris = Examples.iris();
        AutoMLOptions o = AutoMLOptions.of(Duration.ofMinutes(10)).withSeed(0).withMaxPipelines(8)
                .withLearners(List.of("logistic", "knn", "tree")).withMeta(MetaLearning.off());
        assertTrue(o.stacking(), "stacking is allowed by default");
        AutoMLResult stacked = AutoML.fit(iris, "target", o);
        assertNotNull(stacked.model().stacker(), "this seed's nested cross-validation prefers stacking");
        AutoMLResult averaged = AutoML.fit(iris, "target", o.withStacking(false));
        assertNull(averaged.model().stacker());
        assertEquals(stacked.leaderboard().stream().map(LeaderboardEntry::trial).toList(),
                averaged.leaderboard().stream().map(LeaderboardEntry::trial).toList(), "the same search");
        assertTrue(org.automl4j.tabular.export.OnnxExport.check(averaged.model()).stream()
                .noneMatch(p -> p.contains("stacks")), "nothing about stacking stops its export");
        assertTrue(org.automl4j.tabular.export.OnnxExport.check(stacked.model()).stream()
                .anyMatch(p -> p.contains("--no-stacking")), "the stacked model's export problem says what to do");
    }

    @Test
    void aStackedModelPredictsThroughItsMetaLearnerAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        Table iris = Examples.iris();
        AutoMLResult r = AutoML.fit(iris, "target", options(4, List.of("logistic", "tree")));
        AutoMLModel avg = r.model();
        List<AutoMLModel.Member> members = List.of(
                new AutoMLModel.Member(0, avg.members().get(0).config(), avg.members().get(0).preprocessor(),
                        avg.members().get(0).model(), 0.5),
                new AutoMLModel.Member(1, avg.members().get(0).config(), avg.members().get(0).preprocessor(),
                        avg.members().get(0).model(), 0.5));
        double[][] p = AutoMLModel.predictOutputs(members.get(0).preprocessor(), members.get(0).model(),
                iris.dropColumns(java.util.Set.of("target")), Task.MULTICLASS);
        LabeledTable all = LabeledTable.of(iris, "target");
        org.automl4j.learners.Model meta = org.automl4j.tabular.ensemble.Stacking.fit(List.of(p, p), all.y(), null,
                Task.MULTICLASS, all.classes(), 1);
        AutoMLModel stacked = new AutoMLModel(avg.schema(), avg.task(), avg.target(), avg.classes(), avg.metric(),
                members, avg.provenance(), meta);
        double[][] expected = org.automl4j.tabular.ensemble.Stacking.predict(meta, List.of(p, p), Task.MULTICLASS);
        double[][] got = stacked.predictProba(iris);
        for (int i = 0; i < got.length; i++) {
            assertArrayEquals(expected[i], got[i], 1e-12);
        }
        Path file = dir.resolve("stacked.automl4j");
        stacked.save(file);
        AutoMLModel back = AutoMLModel.load(file);
        assertEquals("logistic", back.stacker().learner());
        double[][] again = back.predictProba(iris);
        for (int i = 0; i < got.length; i++) {
            assertArrayEquals(got[i], again[i], 0.0);
        }
        Path plain = dir.resolve("plain.automl4j");
        avg.save(plain);
        assertEquals(null, AutoMLModel.load(plain).stacker());
    }

    @Test
    void anAlarmInterruptsOnlyUntilCancelledAndLeavesNoFlag() throws Exception {
        AutoML.Alarm late = AutoML.Alarm.at(System.nanoTime() + 60_000_000_000L);
        late.cancel();
        assertTrue(!Thread.currentThread().isInterrupted());
        assertTrue(!late.rang());
        AutoML.Alarm now = AutoML.Alarm.at(System.nanoTime());
        long until = System.nanoTime() + 5_000_000_000L;
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertTrue(Thread.currentThread().isInterrupted(), "the alarm rang");
        assertTrue(now.rang(), "and says so, so a learner's error after it counts as a timeout");
        now.cancel();
        assertTrue(!Thread.currentThread().isInterrupted(), "cancel clears the flag it set");
    }

    @Test
    void anInterruptFromElsewhereBeforeTheAlarmRingsSurvivesTheAlarmsCancel() {
        // a caller cancels the fit while a forest is inside one tree; the pipeline's alarm rings before the forest
        // checks its flag. Before: cancel() cleared the flag as the alarm's own, so the search went on to the next
        // pipeline instead of stopping
        Thread.currentThread().interrupt();
        AutoML.Alarm now = AutoML.Alarm.at(System.nanoTime());
        long until = System.nanoTime() + 5_000_000_000L;
        while (!now.rang() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertTrue(now.rang(), "the alarm rang (its time was up), so a learner's error after it counts as a timeout");
        now.cancel();
        assertTrue(Thread.interrupted(), "the caller's interrupt, set before the alarm rang, is not the alarm's to clear");
    }

    @Test
    void anInterruptFromElsewhereSurvivesTheAlarmsCancel() {
        AutoML.Alarm late = AutoML.Alarm.at(System.nanoTime() + 60_000_000_000L);
        Thread.currentThread().interrupt(); // e.g. Future.cancel(true) on the thread running the fit
        late.cancel();
        assertTrue(Thread.interrupted(), "the caller's interrupt is not the alarm's to clear");
    }

    @Test
    void interruptingAFitStopsTheSearchAndReturnsAModelFromThePipelinesThatFinished() {
        Table iris = Examples.iris();
        LabeledTable data = LabeledTable.of(iris, "target");
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        AutoMLResult r;
        try {
            // the listener runs on the fit's own thread: after the 4th pipeline it is interrupted, as by a caller
            r = AutoML.fit(data, options(60, List.of("lightgbm", "logistic", "knn")), (study, trial) -> {
                if (seen.incrementAndGet() == 4) {
                    Thread.currentThread().interrupt();
                }
            });
        } finally {
            assertTrue(Thread.interrupted(), "the fit returns with the interrupt flag set again");
        }
        assertEquals(4, r.trials(), "no pipeline starts after the interrupt");
        assertEquals(150, r.model().predictLabels(iris).size(), "the model from the finished pipelines predicts");
        assertTrue(r.ensembleScore() > 0.8, "score " + r.ensembleScore());
    }

    @Test
    void warmStartPipelinesAreEvaluatedFirstAndBadOnesAreExplained() {
        Table iris = Examples.iris();
        AutoMLOptions o = options(4, List.of("tree", "logistic"))
                .withWarmStart(List.of(java.util.Map.of("learner", "tree", "tree.max_depth", 3)));
        AutoMLResult r = AutoML.fit(iris, "target", o);
        LeaderboardEntry first = r.leaderboard().stream().filter(e -> e.trial() == 0).findFirst().orElseThrow();
        assertEquals("tree", first.learner());
        assertTrue(first.pipeline().contains("max_depth=3"), first.pipeline());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AutoML.fit(iris, "target",
                options(2, List.of("tree")).withWarmStart(List.of(java.util.Map.of("learner", "tree", "tree.depth", 3)))));
        assertTrue(e.getMessage().contains("'tree.depth' is not in this search space"), e.getMessage());
    }

    @Test
    void aBadWarmStartPipelineLeavesNoStudyInTheStorageSoTheCorrectedRunCanTakeItsName() {
        org.automl4j.storage.Storage storage = new org.automl4j.storage.InMemoryStorage();
        AutoMLOptions bad = options(1, List.of("tree")).withStorage(storage, "fit/1")
                .withWarmStart(List.of(java.util.Map.of("learner", "tree", "tree.depth", 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoML.fit(Examples.iris(), "target", bad));
        assertTrue(e.getMessage().contains("'tree.depth'"), e.getMessage());
        // before: the empty study was created first, and the corrected run was refused as 'already exists'
        assertTrue(storage.findStudy("fit/1").isEmpty(), "no study is left behind");
        AutoMLResult r = AutoML.fit(Examples.iris(), "target",
                bad.withWarmStart(List.of(java.util.Map.of("learner", "tree", "tree.max_depth", 3))));
        assertEquals(1, r.trials());
    }

    @Test
    void aSearchKeptInAStorageHasEveryPipelineAsATrialAndTheLeaderboardAndEnsembleAsAttributes() {
        org.automl4j.storage.Storage storage = new org.automl4j.storage.InMemoryStorage();
        AutoMLResult r = AutoML.fit(Examples.iris(), "target",
                options(5, List.of("tree", "logistic")).withStorage(storage, "fit/iris/1"));
        org.automl4j.study.Study kept = org.automl4j.study.Study.builder().name("fit/iris/1").storage(storage)
                .loadIfExists(true).build();
        assertEquals(r.trials(), kept.trials().size());
        assertEquals("automl", kept.userAttrs().get(AutoML.KIND_ATTR));
        assertEquals("balanced_accuracy", kept.userAttrs().get("metric"));
        List<?> board = (List<?>) kept.userAttrs().get("leaderboard");
        assertEquals(r.leaderboard().size(), board.size());
        java.util.Map<?, ?> ensemble = (java.util.Map<?, ?>) kept.userAttrs().get("ensemble");
        assertEquals(r.model().members().size(), ((List<?>) ensemble.get("members")).size());
        assertTrue(kept.trials().stream().allMatch(t -> t.userAttrs().containsKey("pipeline")));
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> AutoML.fit(Examples.iris(),
                "target", options(2, List.of("tree")).withStorage(storage, "fit/iris/1")));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
    }

    @Test
    void rowsWithoutATargetValueAreLeftOutAndCountedWithTheStudy() {
        // before: AutoML.fit(table, ...) dropped them without a word
        Table iris = Examples.iris();
        CategoricalColumn target = (CategoricalColumn) iris.column("target");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            labels.add(i % 10 == 0 ? null : target.level(i));
        }
        List<org.automl4j.data.Column> cols = new ArrayList<>();
        for (String name : iris.names()) {
            cols.add(name.equals("target") ? CategoricalColumn.of("target", labels) : iris.column(name));
        }
        org.automl4j.storage.Storage storage = new org.automl4j.storage.InMemoryStorage();
        AutoMLResult r = AutoML.fit(new Table(cols), "target",
                options(2, List.of("tree")).withStorage(storage, "fit/holes"));
        assertEquals(135, r.model().provenance().rows());
        org.automl4j.study.Study kept = org.automl4j.study.Study.builder().name("fit/holes").storage(storage)
                .loadIfExists(true).build();
        assertEquals(15, ((Number) kept.userAttrs().get("rows_without_target")).intValue());
    }

    @Test
    void aMetaLearningPlanStillRunningAtItsShareOfTheTimeLimitIsGivenUpAndTheSearchStartsFromTheDefaults()
            throws Exception {
        // a planner that never ends by itself: only the deadline stops the wait, however fast the machine
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        MetaPlanner.Plan plan = AutoML.planWithin(() -> {
            never.await();
            return MetaPlanner.Plan.none("never returned");
        }, System.nanoTime() + 20_000_000L, 7.5);
        assertTrue(plan.points().isEmpty(), plan.toString());
        assertTrue(plan.note().contains("left out") && plan.note().contains("25 % of the time limit (7.5 s"),
                plan.note());
        assertFalse(Thread.currentThread().isInterrupted(), "the deadline's own interrupt is cleared");

        // a plan in time is kept; a failing one gives the defaults; an interrupt from elsewhere stays set
        MetaPlanner.Plan quick = MetaPlanner.Plan.none("quick");
        assertEquals(quick, AutoML.planWithin(() -> quick, System.nanoTime() + 60_000_000_000L, 15));
        assertTrue(AutoML.planWithin(() -> {
            throw new IllegalStateException("broken knowledge base");
        }, System.nanoTime() + 60_000_000_000L, 15).note().contains("broken knowledge base"));
        Thread.currentThread().interrupt();
        try {
            MetaPlanner.Plan cancelled = AutoML.planWithin(() -> {
                never.await();
                return quick;
            }, System.nanoTime() + 60_000_000_000L, 15);
            assertEquals("meta-learning: interrupted", cancelled.note());
            assertTrue(Thread.currentThread().isInterrupted(), "a caller's interrupt reaches the search");
        } finally {
            Thread.interrupted();
            never.countDown(); // a planner thread that did start (it was interrupted anyway) has nothing to wait for
        }
    }

    @Test
    void aMetaLearningPlanGivenUpSaysItsShareCountsFromTheFitsStartAndHowLongThePlanRan() throws Exception {
        // setup before planning (a study storage to read) can use the whole share: the plan then ran no time at all.
        // Before, the note said "its plan took longer than 25 % of the time limit (7.5 s)" all the same
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        try {
            MetaPlanner.Plan plan = AutoML.planWithin(() -> {
                never.await();
                return MetaPlanner.Plan.none("never returned");
            }, System.nanoTime(), 7.5);
            assertTrue(plan.note().contains("(7.5 s from the fit's start; the plan ran ") && !plan.note().contains(
                    "took longer"), plan.note());
            assertFalse(Thread.currentThread().isInterrupted(), "the deadline's own interrupt is cleared");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aForestRefitInterruptedAfterTheSearchIsHeldAsideForTheHeaviestMemberAndStopsTheOthers() throws Exception {
        // forests now stop when interrupted (as LightGBM and the MLP): before, a caller stopping the fit during the
        // final refit (or during the stacking check, whose interrupt stays set for the refit) made AutoML.fit throw
        // the forest's CancellationException, losing the whole search, where the class javadoc promises a model
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Callable<String> forest = () -> {
            calls.incrementAndGet();
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("random_forest: training interrupted");
            }
            return "model";
        };
        boolean[] held = {false};
        Thread.currentThread().interrupt();
        assertEquals("model", AutoML.refitHoldingInterrupts(forest, true, () -> held[0] = true));
        assertTrue(held[0] && calls.get() == 2, "the interrupt is held aside and the heaviest member fitted again");
        assertFalse(Thread.currentThread().isInterrupted(), "cleared here; the fit gives it back when it returns");

        held[0] = false;
        Thread.currentThread().interrupt();
        assertEquals(null, AutoML.refitHoldingInterrupts(forest, false, () -> held[0] = true), "a later member");
        assertTrue(held[0] && !Thread.currentThread().isInterrupted());

        java.util.concurrent.CancellationException other = new java.util.concurrent.CancellationException("not ours");
        assertEquals(other, org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> AutoML.refitHoldingInterrupts(() -> {
                    throw other;
                }, true, () -> { })), "without an interrupt it is an error of the fit");
    }

    @Test
    void stackingIsLeftOutWhenItsMetaLearnerFitsWouldRunPastTheTimeLimit() {
        // before: the nested stacking check ran to its end whatever the time; on 600 rows of 300 classes its
        // six meta-learner fits took 36 s after a 60 s fit's search, which so ended at 89 s
        long s = 1_000_000_000L;
        assertTrue(AutoML.stackingFits(0, 0, 0, 6, 7 * s), "nothing done yet, time left");
        assertTrue(AutoML.stackingFits(0, s, 1, 6, 7 * s), "1 s per fit, 5 left, 6 s left");
        assertFalse(AutoML.stackingFits(0, 6 * s, 1, 6, 7 * s), "6 s per fit, 5 left, 1 s left");
        assertFalse(AutoML.stackingFits(0, 8 * s, 0, 6, 7 * s), "past the deadline");
        // System.nanoTime() may be negative; the comparison is by difference
        assertTrue(AutoML.stackingFits(Long.MIN_VALUE + 10, Long.MIN_VALUE + 20, 1, 6, Long.MIN_VALUE + 1000));
    }

    @Test
    void racingStopsPipelinesBelowTheMedianAfterAFoldAndOnlyCompletePipelinesEnterTheEnsemble() {
        AutoMLOptions o = options(30, List.of("tree", "knn", "logistic")).withFolds(5);
        AutoMLResult raced = AutoML.fit(Examples.iris(), "target", o);
        List<LeaderboardEntry> pruned = raced.leaderboard().stream().filter(e -> e.state().equals("PRUNED")).toList();
        assertTrue(!pruned.isEmpty(), raced.leaderboardTable(30));
        java.util.Set<Integer> members = new java.util.HashSet<>();
        raced.model().members().forEach(m -> members.add(m.trial()));
        assertTrue(pruned.stream().noneMatch(e -> members.contains(e.trial())));
        AutoMLResult full = AutoML.fit(Examples.iris(), "target", o.withRacing(false));
        assertTrue(full.leaderboard().stream().noneMatch(e -> e.state().equals("PRUNED")), full.leaderboardTable(30));
    }

    @Test
    void aTableWithNoColumnBesidesTheTargetIsRefusedBeforeAnyPipelineRuns() {
        // before, every pipeline failed inside the learner ("features have 0 rows but there are 32 targets")
        Table onlyTarget = new Table(List.of(CategoricalColumn.of("label",
                List.of("a", "b", "a", "b", "a", "b", "a", "b", "a", "b"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoML.fit(onlyTarget, "label", options(2, List.of("tree"))));
        assertTrue(e.getMessage().contains("no feature columns besides the target 'label'"), e.getMessage());
        NullPointerException noOptions = assertThrows(NullPointerException.class,
                () -> AutoML.fit(onlyTarget, "label", null));
        assertTrue(noOptions.getMessage().contains("AutoMLOptions.of"), noOptions.getMessage());
    }

    @Test
    void savingOntoADirectoryIsRefusedAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        AutoMLModel model = AutoML.fit(Examples.iris(), "target", options(1, List.of("tree"))).model();
        Path folder = Files.createDirectories(dir.resolve("models"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.save(folder));
        assertTrue(e.getMessage().contains("is a directory") && e.getMessage().contains("model.automl4j"),
                e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(folder), left.toList(), "no temporary file beside the directory");
        }
        model.save(folder.resolve("model.automl4j"));
        assertEquals(model.classes(), AutoMLModel.load(folder.resolve("model.automl4j")).classes());
    }

    @Test
    void aNullLearnerOrWarmStartPipelineIsNamedWithItsPosition() {
        AutoMLOptions o = AutoMLOptions.of(Duration.ofSeconds(1));
        NullPointerException learner = assertThrows(NullPointerException.class,
                () -> o.withLearners(java.util.Arrays.asList("tree", null)));
        assertTrue(learner.getMessage().contains("learner #1"), learner.getMessage());
        NullPointerException point = assertThrows(NullPointerException.class,
                () -> o.withWarmStart(java.util.Arrays.asList(java.util.Map.of("learner", "tree"), null)));
        assertTrue(point.getMessage().contains("warm-start pipeline #1 is null"), point.getMessage());
    }

    @Test
    void aNullParameterNameOrValueInAWarmStartPipelineIsNamed() {
        // before: a bare NullPointerException from Map.copyOf, without a message
        java.util.Map<String, Object> point = new java.util.HashMap<>();
        point.put("learner", "tree");
        point.put("tree.max_depth", null);
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> AutoMLOptions.of(Duration.ofSeconds(1)).withWarmStart(List.of(point)));
        assertTrue(e.getMessage() != null && e.getMessage().contains("warm-start pipeline #0")
                && e.getMessage().contains("'tree.max_depth'"), e.getMessage());
    }

    @Test
    void aSecondFitIntoAStorageWithTheDefaultStudyNameIsRefusedNamingIt() {
        org.automl4j.storage.Storage storage = new org.automl4j.storage.InMemoryStorage();
        AutoMLOptions o = new AutoMLOptions(Duration.ofMinutes(10), 3, null, null, List.of("logistic"), 50, 0, 1,
                List.of(), storage, null, true, MetaLearning.off());
        AutoML.fit(Examples.iris(), "target", o);
        // before: the check looked for a study named null, and the storage's DuplicateStudyException advised
        // 'loadIfExists', which AutoMLOptions does not have
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoML.fit(Examples.iris(), "target", o));
        assertTrue(e.getMessage().contains("study 'automl' already exists"), e.getMessage());
    }

    @Test
    void aClassWithASingleRowIsNamedWithAFixAnAutoMLUserCanApply() {
        List<String> labels = new ArrayList<>();
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) {
            labels.add(i == 7 ? "rare" : i % 2 == 0 ? "a" : "b");
            x[i] = i;
        }
        Table t = new Table(List.of(new NumericColumn("x", x), CategoricalColumn.of("label", labels)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoML.fit(t, "label", options(2, List.of("tree"))));
        assertTrue(e.getMessage().contains("class 'rare' of the target 'label' has a single row")
                && !e.getMessage().contains("non-stratified"), e.getMessage());
    }
}
