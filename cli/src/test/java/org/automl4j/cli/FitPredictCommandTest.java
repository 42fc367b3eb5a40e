package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.automl4j.learners.Learners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitPredictCommandTest {


    /** The bundled iris file, found from the module folder or the project root. */
    private static Path iris() {
        Path p = Path.of("../examples/iris.csv");
        return Files.isRegularFile(p) ? p : Path.of("examples/iris.csv");
    }

    @Test
    void anOutPathInAFolderThatRefusesFilesStopsBeforeTheSearchEvenForRoot() {
        // /proc looks writable to root (permissions say yes), but no file can be made in it.
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        CliRun r = CliRun.of("fit", iris().toString(), "--target", "target", "--time", "5s", "--storage", "memory",
                "--no-progress", "--out", "/proc/automl4j-test/m.automl4j");
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("--out /proc/automl4j-test/m.automl4j cannot be written: the folder /proc is not"
                + " writable"), r.err());
        assertFalse(r.out().contains("balanced_accuracy"), "no search, no leaderboard: " + r.out());
    }

    @Test
    void aBadFlagValueOrAnUnknownFlagIsOneErrorLineNamingItWithExitCode2() {
        CliRun badValue = CliRun.of("fit", "examples/iris.csv", "--target", "target", "--seed", "abc");
        assertEquals(2, badValue.code());
        assertEquals("error: Invalid value for option '--seed': 'abc' is not a long; see: automl4j fit --help",
                badValue.err().strip());
        CliRun typo = CliRun.of("fit", "examples/iris.csv", "--target", "target", "--tme", "5s");
        assertEquals(2, typo.code());
        assertEquals("error: Unknown options: '--tme', '5s'; see: automl4j fit --help", typo.err().strip());
        CliRun missing = CliRun.of("fit", "examples/iris.csv");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: Missing required option: '--target=<target>'"), missing.err());
        assertFalse(missing.err().contains("Usage:"), "no whole usage text: " + missing.err());
    }

    @Test
    void fitHelpForLearnersNamesEveryLearnerTheFlagAccepts() {
        CliRun r = CliRun.of("fit", "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        int from = help.indexOf("--learners=<learners>[,<learners>...] Only these learners");
        assertTrue(from >= 0, help);
        String text = help.substring(from, help.indexOf(" --", from + 10));
        for (String name : Learners.names()) {
            assertTrue(Pattern.compile("[ ,:]" + Pattern.quote(name) + "[,.]").matcher(text).find(),
                    "fit --help does not name the learner '" + name + "' under --learners: " + text);
        }
    }

    @Test
    void fitWritesAModelAndLeaderboardThatPredictReads(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("iris.automl4j");
        Path board = dir.resolve("leaderboard.csv");
        CliRun fit = CliRun.of("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines", "6",
                "--learners", "logistic,tree,knn", "--out", model.toString(), "--leaderboard", board.toString(),
                "--storage", "sqlite:" + dir.resolve("s.db"), "--study", "fit/iris");
        assertEquals(0, fit.code(), fit.err());
        CliRun show = CliRun.of("studies", "show", "fit/iris", "--storage", "sqlite:" + dir.resolve("s.db"));
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("automl4j.kind"), show.out());
        assertTrue(show.out().contains("stage_seconds={setup="), "the fit's time by stage is kept: " + show.out());
        assertTrue(fit.out().contains("150 rows, 4 features") && fit.out().contains("multiclass, 3 classes"), fit.out());
        assertTrue(fit.out().contains("balanced_accuracy"), fit.out());
        assertTrue(fit.out().contains("time by stage: setup ") && fit.out().contains(", search "), fit.out());
        assertEquals(7, Files.readAllLines(board).size(), "header + 6 pipelines");

        Path preds = dir.resolve("preds.csv");
        CliRun predict = CliRun.of("predict", model.toString(), iris().toString(), "--out", preds.toString());
        assertEquals(0, predict.code(), predict.err());
        List<String> lines = Files.readAllLines(preds);
        assertEquals("prediction,p_setosa,p_versicolor,p_virginica", lines.get(0));
        assertEquals(151, lines.size());
        assertTrue(lines.get(1).startsWith("setosa,"), lines.get(1));

        CliRun evaluate = CliRun.of("evaluate", model.toString(), iris().toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().startsWith("iris.csv on 150 rows (tuned for balanced_accuracy)"), evaluate.out());
        assertTrue(evaluate.out().contains("balanced_accuracy") && evaluate.out().contains("<- tuned for")
                && evaluate.out().contains("log_loss") && evaluate.out().contains("roc_auc"), evaluate.out());
        assertTrue(evaluate.out().contains("confusion matrix") && evaluate.out().lines().anyMatch(
                l -> l.strip().startsWith("setosa") && l.strip().endsWith("0") && l.contains("50")), evaluate.out());

        CliRun importance = CliRun.of("feature-importance", model.toString(), iris().toString(), "--repeats", "3");
        assertEquals(0, importance.code(), importance.err());
        List<String> out = importance.out().lines().toList();
        assertTrue(out.get(0).startsWith("permutation importance: loss of balanced_accuracy") && out.get(0).contains("150 rows"),
                importance.out());
        assertTrue(out.get(1).matches("feature\\s+importance\\s+stddev"), out.get(1));
        assertEquals(6, out.size(), "a line per feature: " + importance.out());
        assertTrue(out.get(2).startsWith("petal_"), "a petal measurement matters most: " + importance.out());
        Path noTarget = dir.resolve("no-target.csv");
        Files.write(noTarget, Files.readAllLines(iris()).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        CliRun refused = CliRun.of("feature-importance", model.toString(), noTarget.toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("has no column 'target'"), refused.err());
        CliRun refusedToo = CliRun.of("evaluate", model.toString(), noTarget.toString());
        assertEquals(2, refusedToo.code(), refusedToo.err());
        assertTrue(refusedToo.err().contains("has no column 'target'"), refusedToo.err());
    }

    @Test
    void exportWritesAnOnnxFileForALinearModelAndExplainsWhyATreeCannot(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("lin.automl4j");
        CliRun fit = CliRun.of("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines", "2",
                "--learners", "logistic", "--out", model.toString(), "--storage", "memory");
        assertEquals(0, fit.code(), fit.err());
        CliRun export = CliRun.of("export", model.toString(), "--onnx", dir.resolve("lin.onnx").toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.size(dir.resolve("lin.onnx")) > 100);
        assertTrue(export.out().contains("setosa, versicolor, virginica"), export.out());
        if (Files.exists(Path.of("/dev/full"))) { // Linux: every write fails with no space left on device
            CliRun full = CliRun.of("export", model.toString(), "--onnx", "/dev/full");
            assertEquals(1, full.code(), full.err());
            assertTrue(full.err().startsWith("error: ") && full.err().contains("check the disk"), full.err());
            assertFalse(full.err().contains("\tat "), "no stack trace: " + full.err());
        }
        Path tree = dir.resolve("tree.automl4j");
        assertEquals(0, CliRun.of("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines",
                "1", "--learners", "tree", "--out", tree.toString(), "--storage", "memory").code());
        CliRun refused = CliRun.of("export", tree.toString(), "--onnx", dir.resolve("tree.onnx").toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("cannot be written as ONNX"), refused.err());
    }

    @Test
    void predictToAFolderSuggestsACsvFileNotAModelFile(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("m.automl4j"), "never read: the output is checked first");
        CliRun r = CliRun.of("predict", model.toString(), iris().toString(), "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is a folder; give a file name, e.g. " + dir.toAbsolutePath().resolve("predictions.csv")),
                r.err());
    }

    @Test
    void exportRefusesAFolderOrTheModelFileItselfAsOutputBeforeReadingTheModel(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("m.automl4j"), "never read: the output is checked first");
        CliRun folder = CliRun.of("export", model.toString(), "--onnx", dir.toString());
        assertEquals(2, folder.code(), folder.err());
        assertTrue(folder.err().contains("--onnx " + dir + " is a folder; give a file name, e.g. "
                + dir.toAbsolutePath().resolve("model.onnx")), folder.err());
        CliRun self = CliRun.of("export", model.toString(), "--onnx", model.toString());
        assertEquals(2, self.code(), self.err());
        assertTrue(self.err().contains("is the model file itself"), self.err());
        assertEquals("never read: the output is checked first", Files.readString(model), "the model is not replaced");
        CliRun modelFolder = CliRun.of("export", dir.toString(), "--onnx", dir.resolve("m.onnx").toString());
        assertEquals(2, modelFolder.code(), modelFolder.err());
        assertTrue(modelFolder.err().contains("is a folder, not a model file"), modelFolder.err());
    }

    @Test
    void theNeuralNetworkLearnerTakesPartInAFitAndItsModelPredictsAfterLoading(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("nn.automl4j");
        CliRun fit = CliRun.of("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines", "3",
                "--learners", "mlp,logistic", "--out", model.toString(), "--storage", "memory", "--no-meta");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("mlp"), fit.out());
        CliRun predict = CliRun.of("predict", model.toString(), iris().toString());
        assertEquals(0, predict.code(), predict.err());
        assertEquals(151, predict.out().strip().split("\\R").length);
    }

    @Test
    void badInputGivesAClearErrorAndExitCode2(@TempDir Path dir) throws Exception {
        CliRun missingTarget = CliRun.of("fit", iris().toString(), "--target", "species", "--time", "5s");
        assertEquals(2, missingTarget.code());
        assertTrue(missingTarget.err().contains("species") && missingTarget.err().contains("sepal"), missingTarget.err());
        CliRun badTime = CliRun.of("fit", iris().toString(), "--target", "target", "--time", "soon");
        assertEquals(2, badTime.code());
        assertTrue(badTime.err().contains("--time"), badTime.err());
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b,target\n1,2,x\n3,y\n");
        CliRun r = CliRun.of("fit", ragged.toString(), "--target", "target");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 3"), r.err());
        Path notModel = dir.resolve("x.automl4j");
        Files.writeString(notModel, "x");
        CliRun p = CliRun.of("predict", notModel.toString(), iris().toString());
        assertEquals(2, p.code());
        assertTrue(p.err().contains("not an automl4j model file"), p.err());
    }

    @Test
    void fitRefusesAnUnwritableOutOrLeaderboardBeforeSearching(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String db = "sqlite:" + dir.resolve("s.db");
        CliRun out = CliRun.of("fit", iris().toString(), "--target", "target", "--time", "5m", "--storage", db,
                "--out", file.resolve("model.automl4j").toString());
        assertEquals(2, out.code(), out.err());
        assertTrue(out.err().contains("--out") && out.err().contains(file + " is a file, not a folder"), out.err());
        assertTrue(out.out().isEmpty(), "nothing was read or searched: " + out.out());
        CliRun board = CliRun.of("fit", iris().toString(), "--target", "target", "--time", "5m", "--storage", db,
                "--leaderboard", dir.toString());
        assertEquals(2, board.code(), board.err());
        assertTrue(board.err().contains("--leaderboard") && board.err().contains("is a folder"), board.err());
        assertEquals(0, CliRun.of("studies", "list", "--storage", db).out().lines()
                .filter(l -> l.startsWith("fit/")).count(), "no study was started");
    }

    @Test
    void fitOfAFolderOrWithEveryFeatureIgnoredIsABadInputError(@TempDir Path dir) throws Exception {
        CliRun folder = CliRun.of("fit", dir.toString(), "--target", "target", "--storage", "memory");
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains("is a folder"), folder.err());
        CliRun noFeatures = CliRun.of("fit", iris().toString(), "--target", "target", "--storage", "memory", "--ignore",
                "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm");
        assertEquals(2, noFeatures.code(), noFeatures.err());
        assertTrue(noFeatures.err().contains("no column to predict 'target' from"), noFeatures.err());
    }

    @Test
    void aTimeLimitTooShortForAnyPipelineAsksForMoreTimeWithoutAStackTrace() throws Exception {
        CliRun r = CliRun.of("fit", iris().toString(), "--target", "target", "--time", "1ms", "--no-meta",
                "--learners", "tree", "--storage", "memory");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: no pipeline finished") && r.err().contains("--time"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void commonMissingMarkersKeepANumericColumnNumericInFitAndPredict(@TempDir Path dir) throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(iris()));
        String[] markers = {"NA", "?", "null", "N/A", "NaN"};
        for (int i = 0; i < 25; i++) {
            int row = 1 + 6 * i;
            lines.set(row, lines.get(row).replaceFirst("^[^,]*", markers[i % markers.length]));
        }
        Path data = Files.write(dir.resolve("na.csv"), lines);
        Path model = dir.resolve("m.automl4j");
        CliRun fit = quickFit(data, "target", "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        assertEquals(org.automl4j.data.ColumnType.NUMERIC,
                org.automl4j.tabular.AutoMLModel.load(model).schema().types().get("sepal_length_cm"), fit.out());
        CliRun predict = CliRun.of("predict", model.toString(), data.toString());
        assertEquals(0, predict.code(), predict.err());
        assertEquals(151, predict.out().strip().split("\\R").length);
    }

    @Test
    void missingValuesOptionReplacesTheCommonMarkersSoACategorySpelledNaStaysACategory(@TempDir Path dir)
            throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(iris()));
        String[] regions = {"EU", "NA", "ASIA"};
        lines.set(0, lines.get(0) + ",region");
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i) + "," + regions[i % 3];
            lines.set(i, i % 10 == 0 ? line.replaceFirst("^[^,]*", "unknown") : line);
        }
        Path data = Files.write(dir.resolve("regions.csv"), lines);
        Path model = dir.resolve("m.automl4j");
        CliRun fit = quickFit(data, "target", "--out", model.toString(), "--missing-values=unknown");
        assertEquals(0, fit.code(), fit.err());
        org.automl4j.data.Schema schema = org.automl4j.tabular.AutoMLModel.load(model).schema();
        assertEquals(org.automl4j.data.ColumnType.NUMERIC, schema.types().get("sepal_length_cm"),
                "'unknown' is read as missing, so the column stays numeric");
        assertTrue(schema.columns().stream().filter(f -> f.name().equals("region")).findFirst().orElseThrow().levels()
                .contains("NA"), "'NA' is a region here, not a missing value: " + schema);
        CliRun predict = CliRun.of("predict", model.toString(), data.toString(), "--missing-values=unknown");
        assertEquals(0, predict.code(), predict.err());
        assertEquals(151, predict.out().strip().split("\\R").length);

        assertFalse(predict.err().contains("not seen in training"), predict.err());
        List<String> newRegions = new java.util.ArrayList<>(lines);
        for (int i = 1; i <= 3; i++) {
            newRegions.set(i, newRegions.get(i).replaceFirst(",[^,]*$", ",AFRICA"));
        }
        Path unseen = Files.write(dir.resolve("unseen.csv"), newRegions);
        CliRun withUnseen = CliRun.of("predict", model.toString(), unseen.toString(), "--missing-values=unknown");
        assertEquals(0, withUnseen.code(), withUnseen.err());
        assertEquals(151, withUnseen.out().strip().split("\\R").length);
        assertTrue(withUnseen.err().contains("categories not seen in training are predicted as missing values:"
                + " 'region' in 3 rows"), withUnseen.err());

        Path byDefault = dir.resolve("d.automl4j");
        assertEquals(0, quickFit(data, "target", "--out", byDefault.toString()).code());
        org.automl4j.data.Schema common = org.automl4j.tabular.AutoMLModel.load(byDefault).schema();
        assertFalse(common.columns().stream().filter(f -> f.name().equals("region")).findFirst().orElseThrow()
                .levels().contains("NA"), "by default NA is a missing value");
        assertEquals(org.automl4j.data.ColumnType.CATEGORICAL, common.types().get("sepal_length_cm"),
                "by default 'unknown' is a word in a numeric column");

        Path onlyEmpty = dir.resolve("e.automl4j");
        assertEquals(0, quickFit(data, "target", "--out", onlyEmpty.toString(), "--missing-values=").code());
        org.automl4j.data.Schema none = org.automl4j.tabular.AutoMLModel.load(onlyEmpty).schema();
        assertTrue(none.columns().stream().filter(f -> f.name().equals("region")).findFirst().orElseThrow().levels()
                .contains("NA"), "an empty list: only empty fields are missing");
    }

    @Test
    void aColumnWhoseNameHasACommaCanBeIgnoredInDoubleQuotes(@TempDir Path dir) throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(iris()));
        lines.set(0, lines.get(0) + ",\"id,row\"");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + "," + i);
        }
        Path data = Files.write(dir.resolve("ids.csv"), lines);
        Path model = dir.resolve("m.automl4j");
        CliRun r = quickFit(data, "target", "--out", model.toString(), "--ignore", "\"id,row\",sepal_width_cm");
        assertEquals(0, r.code(), r.err());
        java.util.Set<String> used = org.automl4j.tabular.AutoMLModel.load(model).schema().types().keySet();
        assertFalse(used.contains("id,row"), used.toString());
        assertFalse(used.contains("sepal_width_cm"), used.toString());
        assertTrue(used.contains("petal_length_cm"), used.toString());
    }

    @Test
    void aTargetAlsoListedInIgnoreIsNamedAsSuch() {
        CliRun r = CliRun.of("fit", iris().toString(), "--target", "target", "--ignore", "sepal_length_cm,target",
                "--storage", "memory");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'target' is also in --ignore") && r.err().contains("remove it from --ignore"),
                r.err());
    }

    @Test
    void numbersWrittenWithADecimalCommaOrThousandsSeparatorsArePointedOut(@TempDir Path dir) throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(iris())) {
            String[] f = line.split(",");
            lines.add(f[0].replace('.', ',') + ";" + (f[1].contains(".") ? "1," + f[1].replace(".", "") + "0"
                    : f[1]) + ";" + f[2] + ";" + f[3] + ";" + f[4]);
        }
        Path data = Files.write(dir.resolve("semi.csv"), lines);
        CliRun r = quickFit(data, "target", "--out", dir.resolve("m.automl4j").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("column 'sepal_length_cm' is read as categorical because its values are numbers"
                + " written with commas ('5,1')"), r.out());
        assertTrue(r.out().contains("column 'sepal_width_cm' is read as categorical because its values are numbers"
                + " written with commas ('1,350')"), r.out());
        assertFalse(r.out().contains("'petal_length_cm' is read as categorical"), r.out());
    }

    @Test
    void aTargetOfManyWholeNumberCodesReadAsRegressionIsPointedOut(@TempDir Path dir) throws Exception {
        // before: 60 class codes 0..59 were silently fitted as a regression
        List<String> lines = new java.util.ArrayList<>(List.of("x,code"));
        for (int i = 0; i < 180; i++) {
            lines.add((i % 7) + "." + (i % 5) + "," + (i % 60));
        }
        Path data = Files.write(dir.resolve("codes.csv"), lines);
        CliRun r = quickFit(data, "code", "--out", dir.resolve("m.automl4j").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: the target 'code' holds 60 different whole numbers (0 to 59) and is"
                + " predicted as a number (regression); if they are class labels, give --task multiclass"), r.out());
        CliRun classes = quickFit(data, "code", "--task", "multiclass", "--out", dir.resolve("n.automl4j").toString());
        assertEquals(0, classes.code(), classes.err());
        assertTrue(classes.out().contains("(multiclass, 60 classes)") && !classes.out().contains("note:"),
                classes.out());
        CliRun lengths = quickFit(iris(), "sepal_length_cm", "--out", dir.resolve("o.automl4j").toString());
        assertEquals(0, lengths.code(), lengths.err());
        assertFalse(lengths.out().contains("whole numbers"), lengths.out());
    }

    @Test
    void featuresThatAllHoldASingleValueArePointedOut(@TempDir Path dir) throws Exception {
        // before: the fit went on without a word and its model predicted one class for every row
        List<String> lines = new java.util.ArrayList<>(List.of("a,b,c,y"));
        for (int i = 0; i < 30; i++) {
            lines.add("1,k," + (i == 3 ? "5" : "") + "," + (i % 2 == 0 ? "p" : "q"));
        }
        Path data = Files.write(dir.resolve("flat.csv"), lines);
        CliRun r = quickFit(data, "y", "--out", dir.resolve("m.automl4j").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: no feature column varies (each holds a single value)"), r.out());
        CliRun varied = quickFit(iris(), "target", "--out", dir.resolve("n.automl4j").toString());
        assertFalse(varied.out().contains("varies"), varied.out());
    }

    @Test
    void aCategoricalColumnWithADifferentValueInEveryRowIsPointedOutAsAnIdentifier(@TempDir Path dir)
            throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(iris()));
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, (i == 0 ? "id" : "row-" + i) + "," + lines.get(i));
        }
        Path data = Files.write(dir.resolve("ids.csv"), lines);
        CliRun r = quickFit(data, "target", "--out", dir.resolve("m.automl4j").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: column 'id' has a different value in every row ('row-1', 'row-2', ...),"
                + " like an identifier; if it is one, leave it out with --ignore id"), r.out());
        CliRun ignored = quickFit(data, "target", "--ignore", "id", "--out",
                dir.resolve("n.automl4j").toString());
        assertEquals(0, ignored.code(), ignored.err());
        assertFalse(ignored.out().contains("note:"), ignored.out());
    }

    @Test
    void aRegressionTargetWhoseSquaresOverflowIsFittedAndItsScoreReadable(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i * 1e200).append('\n');
        }
        Path data = Files.writeString(dir.resolve("huge.csv"), csv);
        CliRun r = CliRun.of("fit", data.toString(), "--target", "y", "--time", "5m", "--max-pipelines", "1",
                "--learners", "linear", "--no-meta", "--storage", "memory", "--out", dir.resolve("m.automl4j").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*validation rmse: ensemble \\d\\.\\d{4}e\\+\\d{3}, best single pipeline .*"),
                r.out());
    }

    @Test
    void aNumericColumnWithAStrayWordIsPointedOut(@TempDir Path dir) throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(iris()));
        lines.set(41, lines.get(41).replaceFirst("^[^,]*", "oops"));
        Path data = Files.write(dir.resolve("stray.csv"), lines);
        CliRun r = quickFit(data, "target", "--out", dir.resolve("m.automl4j").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("column 'sepal_length_cm' is read as categorical because 1 of its values is not"
                + " a number ('oops' in data row 41"), r.out());
        CliRun clean = quickFit(iris(), "target", "--out", dir.resolve("c.automl4j").toString());
        assertFalse(clean.out().contains("note:"), clean.out());
    }

    @Test
    void predictExplainsATruncatedModelAMissingColumnAndAnUnwritableOut(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tree.automl4j");
        assertEquals(0, CliRun.of("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines",
                "1", "--learners", "tree", "--no-meta", "--out", model.toString(), "--storage", "memory").code());
        byte[] bytes = Files.readAllBytes(model);
        Path cut = Files.write(dir.resolve("cut.automl4j"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun truncated = CliRun.of("predict", cut.toString(), iris().toString());
        assertEquals(2, truncated.code(), truncated.err());
        assertTrue(truncated.err().contains("cut.automl4j is cut short"), truncated.err());

        List<String> lines = Files.readAllLines(iris());
        List<String> without = lines.stream().map(l -> l.substring(l.indexOf(',') + 1)).toList();
        Path lacking = Files.write(dir.resolve("lacking.csv"), without);
        CliRun missing = CliRun.of("predict", model.toString(), lacking.toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("lacks the column [sepal_length_cm] that the model was trained on"),
                missing.err());

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun out = CliRun.of("predict", model.toString(), iris().toString(), "--out",
                file.resolve("p.csv").toString());
        assertEquals(2, out.code(), out.err());
        assertTrue(out.err().contains("is a file, not a folder"), out.err());
    }

    @Test
    void predictOfAValueTheTrainingTypeCannotHoldAdvisesFixingTheValueNotRetypingTheColumn(@TempDir Path dir)
            throws Exception {
        Path model = dir.resolve("tree.automl4j");
        assertEquals(0, CliRun.of("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines",
                "1", "--learners", "tree", "--no-meta", "--out", model.toString(), "--storage", "memory").code());
        Path word = Files.writeString(dir.resolve("word.csv"), "sepal_length_cm,sepal_width_cm,petal_length_cm,"
                + "petal_width_cm\n5.1,3.5,1.4,0.2\n\"4,9\",3.0,1.4,0.2\n");
        CliRun r = CliRun.of("predict", model.toString(), word.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("line 3, column 'sepal_length_cm': '4,9' is not a number, but the model was"
                + " trained with 'sepal_length_cm' as a NUMERIC column; fix the value or leave it empty (missing)"),
                r.err());
        assertFalse(r.err().contains("declare the column"), r.err());
    }

    @Test
    void aColumnWithoutValuesIsLeftOutSoPredictNeedsNeitherItNorItsGuessedType(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(iris()).stream()
                .map(l -> l + (l.startsWith("sepal") ? ",notes" : ",")).toList();
        Path data = Files.write(dir.resolve("empty.csv"), lines);
        Path model = dir.resolve("m.automl4j");
        CliRun fit = quickFit(data, "target", "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("150 rows, 4 features") && fit.out().contains("note: column notes has no values"
                + " and is left out, so predict does not need it"), fit.out());
        Path text = Files.writeString(dir.resolve("text.csv"), "sepal_length_cm,sepal_width_cm,petal_length_cm,"
                + "petal_width_cm,notes\n5.1,3.5,1.4,0.2,looks fine\n");
        CliRun withText = CliRun.of("predict", model.toString(), text.toString());
        assertEquals(0, withText.code(), withText.err());
        assertTrue(withText.out().contains("setosa"), withText.out());
        CliRun without = CliRun.of("predict", model.toString(), iris().toString());
        assertEquals(0, without.code(), without.err());
    }

    @Test
    void encodingReadsASpreadsheetExportThatIsNotUtf8(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x,city,target\n");
        String[] cities = {"Montr\u00e9al", "Qu\u00e9bec", "Paris"};
        for (int i = 0; i < 30; i++) {
            csv.append(i % 7).append(',').append(cities[i % 3]).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        Path data = Files.write(dir.resolve("latin.csv"), csv.toString().getBytes(java.nio.charset.Charset.forName(
                "windows-1252")));
        Path model = dir.resolve("m.automl4j");
        CliRun utf8 = CliRun.of("fit", data.toString(), "--target", "target", "--storage", "memory");
        assertEquals(2, utf8.code(), utf8.err());
        assertTrue(utf8.err().contains("is not valid UTF-8 text"), utf8.err());
        CliRun fit = quickFit(data, "target", "--out", model.toString(), "--encoding",
                "windows-1252");
        assertEquals(0, fit.code(), fit.err());
        assertEquals(List.of(cities), org.automl4j.tabular.AutoMLModel.load(model).schema().columns().get(1).levels());
        CliRun predict = CliRun.of("predict", model.toString(), data.toString(), "--encoding", "windows-1252");
        assertEquals(0, predict.code(), predict.err());
        assertEquals(31, predict.out().strip().split("\\R").length);
        CliRun unknown = CliRun.of("predict", model.toString(), data.toString(), "--encoding", "klingon");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("--encoding klingon is not a character set"), unknown.err());
    }

    @Test
    void aTimeWithAnUnknownUnitIsRefusedInsteadOfReadAsSeconds() {
        for (String time : new String[] {"2d", "1y", "3w"}) {
            CliRun r = CliRun.of("fit", iris().toString(), "--target", "target", "--time", time, "--storage", "memory");
            assertEquals(2, r.code(), time + ": " + r.out());
            assertTrue(r.err().contains("unit s, m or h") && r.err().contains("'" + time + "'"), r.err());
        }
    }

    @Test
    void zeroTimesWrittenInMillisecondsOrIsoFormAreRefused() {
        for (String time : new String[] {"0ms", "PT0S", "PT-5S"}) {
            CliRun r = CliRun.of("fit", iris().toString(), "--target", "target", "--time", time, "--storage", "memory");
            assertEquals(2, r.code(), time + ": " + r.out());
            assertTrue(r.err().contains("--time must be positive"), r.err());
        }
    }

    @Test
    void predictIgnoresWhatIsInColumnsTheModelDoesNotUse(@TempDir Path dir) throws Exception {
        // before: an extra column inferred numeric with an infinite value stopped the prediction
        Path model = dir.resolve("m.automl4j");
        assertEquals(0, quickFit(iris(), "target", "--out", model.toString()).code());
        Path data = Files.writeString(dir.resolve("new.csv"), "id,petal_width_cm,sepal_length_cm,sepal_width_cm,"
                + "petal_length_cm\n1,0.2,5.1,3.5,1.4\ninf,2.0,6.5,3.0,5.2\n");
        CliRun r = CliRun.of("predict", model.toString(), data.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(1).startsWith("setosa,") && lines.get(2).startsWith("virginica,"), r.out());
    }

    @Test
    void predictReadsAnArffFileAsFitDoes(@TempDir Path dir) throws Exception {
        // before: the ARFF file was read as CSV and its columns reported missing ("the file has [@relation iris]")
        Path model = dir.resolve("m.automl4j");
        assertEquals(0, quickFit(iris(), "target", "--out", model.toString()).code());
        Path arff = Files.writeString(dir.resolve("new.arff"), "% two flowers\n@relation iris\n"
                + "@attribute sepal_length_cm numeric\n@attribute sepal_width_cm numeric\n"
                + "@attribute petal_length_cm numeric\n@attribute petal_width_cm numeric\n@data\n5.1,3.5,1.4,0.2\n"
                + "6.5,3.0,5.2,2.0\n");
        CliRun r = CliRun.of("predict", model.toString(), arff.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(1).startsWith("setosa,") && lines.get(2).startsWith("virginica,"), r.out());
        Path lacking = Files.writeString(dir.resolve("lacking.arff"), "@relation iris\n"
                + "@attribute sepal_length_cm numeric\n@attribute sepal_width_cm numeric\n"
                + "@attribute petal_length_cm numeric\n@data\n5.1,3.5,1.4\n");
        CliRun missing = CliRun.of("predict", model.toString(), lacking.toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("lacking.arff lacks the column [petal_width_cm] that the model was trained"
                + " on"), missing.err());
    }

    @Test
    void aPredictionThatFailsLeavesAnEarlierOutFileAsItWas(@TempDir Path dir) throws Exception {
        // before: --out was opened (and its header written) first, so the failure left a header-only file
        Path model = dir.resolve("m.automl4j");
        assertEquals(0, quickFit(iris(), "target", "--out", model.toString()).code());
        Path arff = Files.writeString(dir.resolve("new.arff"), "@relation iris\n"
                + "@attribute sepal_length_cm {short,long}\n@attribute sepal_width_cm numeric\n"
                + "@attribute petal_length_cm numeric\n@attribute petal_width_cm numeric\n@data\nshort,3.5,1.4,0.2\n");
        Path preds = Files.writeString(dir.resolve("preds.csv"), "earlier predictions\n");
        CliRun r = CliRun.of("predict", model.toString(), arff.toString(), "--out", preds.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'sepal_length_cm' is CATEGORICAL but was NUMERIC in training"), r.err());
        assertEquals("earlier predictions\n", Files.readString(preds));
    }

    @Test
    void categoricalTurnsANumericArffAttributeIntoCategoriesAsItDoesForCsv(@TempDir Path dir) throws Exception {
        // before: --categorical was silently ignored for .arff files, so the zone codes stayed one number
        StringBuilder arff = new StringBuilder("@relation zones\n@attribute zone numeric\n@attribute x numeric\n"
                + "@attribute y {a,b}\n@data\n");
        for (int i = 0; i < 60; i++) {
            int zone = 1 + i % 3;
            arff.append(zone).append(',').append(i % 7).append(',').append(zone == 2 ? "a" : "b").append('\n');
        }
        Path data = Files.writeString(dir.resolve("zones.arff"), arff);
        Path model = dir.resolve("m.automl4j");
        CliRun fit = quickFit(data, "y", "--out", model.toString(), "--categorical", "zone");
        assertEquals(0, fit.code(), fit.err());
        org.automl4j.data.Schema schema = org.automl4j.tabular.AutoMLModel.load(model).schema();
        assertEquals(org.automl4j.data.ColumnType.CATEGORICAL, schema.types().get("zone"), schema.toString());
        assertEquals(List.of("1", "2", "3"), schema.columns().stream().filter(f -> f.name().equals("zone")).findFirst()
                .orElseThrow().levels());
        CliRun predict = CliRun.of("predict", model.toString(), data.toString());
        assertEquals(0, predict.code(), predict.err());
        assertEquals(61, predict.out().strip().lines().count());
        assertFalse(predict.err().contains("not seen in training"), predict.err());

        CliRun unknown = quickFit(data, "y", "--categorical", "zip");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("--categorical zip: no such column in zones.arff; its columns are [zone, x, y]"),
                unknown.err());
    }

    @Test
    void aColumnBothCategoricalAndIgnoredIsRefusedNamingBothFlagsForArffAsForCsv(@TempDir Path dir) throws Exception {
        // before: the ARFF reader dropped the ignored column first, then said "--categorical zone: no such column in
        // zones.arff; its columns are [x, y]", of a column the file has
        Path arff = Files.writeString(dir.resolve("zones.arff"), "@relation zones\n@attribute zone numeric\n"
                + "@attribute x numeric\n@attribute y {a,b}\n@data\n1,0,a\n2,1,b\n1,2,a\n2,3,b\n");
        Path csv = Files.writeString(dir.resolve("zones.csv"), "zone,x,y\n1,0,a\n2,1,b\n1,2,a\n2,3,b\n");
        for (Path data : List.of(arff, csv)) {
            CliRun both = quickFit(data, "y", "--categorical", "zone", "--ignore", "zone");
            assertEquals(2, both.code(), both.err());
            assertTrue(both.err().contains("--categorical and --ignore both name the column 'zone' of "
                    + data.getFileName() + "; keep it in only one"), both.err());
        }
    }

    /** A one-pipeline fit (a tree, no meta-learning, studies in memory) with the given further arguments. */
    private static CliRun quickFit(Path data, String target, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("fit", data.toString(), "--target", target, "--time", "5m",
                "--max-pipelines", "1", "--learners", "tree", "--no-meta", "--storage", "memory"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }
}
