package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automl4j.nas.evaluator.OneShotTrials;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NasCommandTest {

    private static Path iris() {
        Path p = Path.of("../examples/iris.csv");
        return Files.isRegularFile(p) ? p : Path.of("examples/iris.csv");
    }

    @Test
    void anOutFolderUnderAFileStopsBeforeTheSearch(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        CliRun r = CliRun.of("nas", "--data", "digits", "--ops", "none,skip_connect", "--evaluations", "1", "--epochs", "1",
                "--final-epochs", "0", "--channels", "4", "--threads", "1", "--storage", "memory",
                "--out", file.resolve("model").toString());
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("--out " + file.resolve("model") + " cannot be made: " + file + " is a file"), r.err());
        assertFalse(r.out().contains("search:"), "no search runs: " + r.out());
    }

    @Test
    void theHelpsStudiesShowExampleNamesTheStudyOfTheFirstExample(@TempDir Path dir) {
        // The first example, "nas --data digits --evaluations 30", on a tiny budget and with the default study name.
        String url = "sqlite:" + dir.resolve("studies.db");
        CliRun run = CliRun.of("nas", "--data", "digits", "--ops", "none,skip_connect", "--evaluations", "1",
                "--epochs", "1", "--final-epochs", "0", "--channels", "4", "--threads", "1", "--storage", url,
                "--out", dir.resolve("model").toString());
        assertEquals(0, run.code(), run.err() + run.out());
        Matcher example = Pattern.compile("\\./automl4j studies show (\\S+)").matcher(CliRun.of("nas", "--help").out());
        assertTrue(example.find(), "nas --help shows a 'studies show' example");
        CliRun show = CliRun.of("studies", "show", example.group(1), "--storage", url);
        assertEquals(0, show.code(), "the example's study " + example.group(1) + ": " + show.err() + show.out());
    }

    @Test
    void aCellSearchOnTheDigitsRecordsTrialsAndSavesTheBestNetwork(@TempDir Path dir) throws Exception {
        String url = "sqlite:" + dir.resolve("studies.db");
        Path out = dir.resolve("model");
        CliRun r = CliRun.of("nas", "--data", "digits", "--ops", "none,skip_connect,nor_conv_3x3", "--strategy", "random",
                "--evaluations", "2", "--epochs", "1", "--final-epochs", "1", "--channels", "4", "--threads", "1",
                "--storage", url, "--study", "nas-test", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("best cell: |"), r.out());
        assertTrue(r.out().contains("node 3 (output)"), "prints the diagram: " + r.out());
        assertTrue(r.out().contains("test accuracy"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model-0000.params")));
        assertTrue(Files.readString(out.resolve("architecture.dot")).startsWith("digraph cell"));
        assertTrue(Files.readString(out.resolve("architecture.txt")).startsWith("cell |"));
        Storage storage = Storages.open(url);
        try {
            Study study = Study.builder().name("nas-test").storage(storage).loadIfExists(true).build();
            assertEquals("nas", study.userAttrs().get("automl4j.kind"));
            List<FrozenTrial> trials = study.trials();
            assertEquals(2, trials.size());
            for (FrozenTrial t : trials) {
                assertTrue(((String) t.userAttrs().get("architecture")).startsWith("|"), t.userAttrs().toString());
                assertTrue(((String) t.userAttrs().get("architecture_dot")).startsWith("digraph"));
            }
            assertTrue(study.userAttrs().containsKey("nas.final_test_accuracy"), study.userAttrs().toString());
        } finally {
            Storages.close(storage);
        }
    }

    @Test
    void aChainSearchOnATableTrainsMultiLayerPerceptrons(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("nas", "--data", iris().toString(), "--target", "target", "--evaluations", "2", "--epochs", "2",
                "--final-epochs", "2", "--threads", "1", "--storage", "memory", "--out", dir.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("chain space") && r.out().contains("best chain: dense"), r.out());
        assertTrue(Files.readString(dir.resolve("architecture.txt")).contains("input 4, classes 3"), r.out());
    }

    @Test
    void aSupernetTrainingThatDivergesEndsWithOneLineNamingTheLearningRate(@TempDir Path dir) {
        CliRun r = CliRun.of("nas", "--data", "digits", "--ops", "none,skip_connect,nor_conv_3x3", "--strategy",
                "supernet", "--oneshot-epochs", "1", "--evaluations", "2", "--final-epochs", "0", "--channels", "4",
                "--threads", "1", "--optimizer", "sgd", "--lr", "1e30", "--storage", "memory",
                "--out", dir.resolve("sn").toString());
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("diverged") && r.err().contains("lower the learning rate"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void theOneShotStrategiesAndMorphismsRunEndToEndOnATinyBudget(@TempDir Path dir) throws Exception {
        String url = "sqlite:" + dir.resolve("studies.db");
        CliRun supernet = CliRun.of("nas", "--data", "digits", "--ops", "none,skip_connect,nor_conv_3x3", "--strategy",
                "supernet", "--oneshot-epochs", "1", "--evaluations", "6", "--final-epochs", "1", "--channels", "4",
                "--threads", "1", "--storage", url, "--study", "sn", "--out", dir.resolve("sn").toString());
        assertEquals(0, supernet.code(), supernet.err() + supernet.out());
        assertTrue(supernet.out().contains("supernet: 1 epochs") && supernet.out().contains("best cell: |"), supernet.out());
        CliRun enas = CliRun.of("nas", "--data", "digits", "--ops", "none,skip_connect,nor_conv_3x3", "--strategy",
                "supernet", "--controller", "reinforce", "--oneshot-epochs", "2", "--evaluations", "4", "--final-epochs", "0",
                "--channels", "4", "--threads", "1", "--storage", url, "--study", "enas", "--out", dir.resolve("enas").toString());
        assertEquals(0, enas.code(), enas.err() + enas.out());
        assertTrue(enas.out().contains("reinforce sampling") && enas.out().contains("controller's most likely cell |"),
                enas.out());
        CliRun darts = CliRun.of("nas", "--data", "digits", "--ops", "none,skip_connect,nor_conv_3x3", "--strategy", "darts",
                "--oneshot-epochs", "2", "--oneshot-runs", "3", "--pruner", "sha", "--epochs", "1", "--final-epochs", "0",
                "--channels", "4", "--threads", "1", "--storage", url, "--study", "darts", "--out",
                dir.resolve("darts").toString());
        assertEquals(0, darts.code(), darts.err() + darts.out());
        assertTrue(darts.out().contains("discretised cell |") && !darts.out().contains("none~"), darts.out());
        CliRun morph = CliRun.of("nas", "--data", iris().toString(), "--target", "target", "--strategy", "morphism",
                "--evaluations", "4", "--epochs", "2", "--final-epochs", "1", "--threads", "1", "--storage", url,
                "--study", "morph", "--out", dir.resolve("morph").toString());
        assertEquals(0, morph.code(), morph.err() + morph.out());
        assertTrue(morph.out().contains("step  1") && morph.out().contains("best chain: dense"), morph.out());
        CliRun bnMorph = CliRun.of("nas", "--data", iris().toString(), "--target", "target", "--strategy", "morphism",
                "--batch-norm", "--evaluations", "4", "--epochs", "2", "--final-epochs", "1", "--threads", "1", "--storage",
                "memory", "--out", dir.resolve("bnmorph").toString());
        assertEquals(0, bnMorph.code(), bnMorph.err() + bnMorph.out());
        assertTrue(bnMorph.out().contains("16bn") && bnMorph.out().contains("best chain: dense") && bnMorph.out().contains("bn"),
                bnMorph.out());
        CliRun convMorph = CliRun.of("nas", "--data", "digits", "--space", "chain", "--strategy", "morphism", "--batch-norm",
                "--evaluations", "4", "--epochs", "1", "--final-epochs", "1", "--threads", "1", "--storage", "memory",
                "--out", dir.resolve("convmorph").toString());
        assertEquals(0, convMorph.code(), convMorph.err() + convMorph.out());
        assertTrue(convMorph.out().contains("best chain: conv") && convMorph.out().contains("k3bn"), convMorph.out());
        Storage storage = Storages.open(url);
        try {
            assertEquals(6, Study.builder().name("sn").storage(storage).loadIfExists(true).build().trials().size());
            assertEquals(1, Study.builder().name("darts").storage(storage).loadIfExists(true).build().trials().size());
            List<FrozenTrial> dartsRuns = Study.builder().name("darts-oneshot").storage(storage).loadIfExists(true).build()
                    .trials();
            assertEquals(3, dartsRuns.size(), "each DARTS run is a trial of the one-shot study");
            for (FrozenTrial t : dartsRuns) {
                assertFalse(t.intermediateValues().isEmpty(), "per-epoch reports: " + t);
                assertEquals("darts", t.userAttrs().get(OneShotTrials.KIND));
            }
            assertEquals(4, Study.builder().name("enas").storage(storage).loadIfExists(true).build().trials().size());
            assertEquals(List.of(1L, 2L), List.copyOf(Study.builder().name("enas-oneshot").storage(storage).loadIfExists(true)
                    .build().trials().get(0).intermediateValues().keySet()));
            assertEquals(2, Study.builder().name("morph").storage(storage).loadIfExists(true).build().trials().size());
        } finally {
            Storages.close(storage);
        }
    }

    @Test
    void badInputExitsWith2AndSaysWhy() {
        CliRun morphOnCells = CliRun.of("nas", "--strategy", "morphism", "--storage", "memory");
        assertEquals(2, morphOnCells.code());
        assertTrue(morphOnCells.err().contains("supernet, darts"), morphOnCells.err());
        CliRun cellOnTable = CliRun.of("nas", "--data", iris().toString(), "--space", "cell", "--storage", "memory");
        assertEquals(2, cellOnTable.code());
        assertTrue(cellOnTable.err().contains("--space chain"), cellOnTable.err());
        CliRun badStrategy = CliRun.of("nas", "--strategy", "annealing", "--storage", "memory");
        assertEquals(2, badStrategy.code());
        assertTrue(badStrategy.err().contains("evolution"), badStrategy.err());
        CliRun badOp = CliRun.of("nas", "--ops", "none,conv5x5", "--storage", "memory");
        assertEquals(2, badOp.code());
        assertTrue(badOp.err().contains("conv5x5") && badOp.err().contains("nor_conv_3x3"), badOp.err());
        CliRun noData = CliRun.of("nas", "--data", "nowhere/mnist", "--storage", "memory");
        assertEquals(2, noData.code());
        assertTrue(noData.err().contains("no such file or folder"), noData.err());
        CliRun badPruner = CliRun.of("nas", "--pruner", "soon", "--storage", "memory");
        assertEquals(2, badPruner.code());
        CliRun bnOnCells = CliRun.of("nas", "--batch-norm", "--storage", "memory");
        assertEquals(2, bnOnCells.code());
        assertTrue(bnOnCells.err().contains("--strategy morphism"), bnOnCells.err());
        CliRun badController = CliRun.of("nas", "--controller", "greedy", "--storage", "memory");
        assertEquals(2, badController.code());
        assertTrue(badController.err().contains("uniform or reinforce"), badController.err());
        CliRun controllerWithoutSupernet = CliRun.of("nas", "--controller", "reinforce", "--strategy", "evolution",
                "--storage", "memory");
        assertEquals(2, controllerWithoutSupernet.code());
        assertTrue(controllerWithoutSupernet.err().contains("--strategy supernet"), controllerWithoutSupernet.err());
    }

    @Test
    void aStrategyThatCannotSearchTheOpsIsRefusedBeforeItsStudyIsCreated(@TempDir Path dir) {
        String url = "sqlite:" + dir.resolve("studies.db");
        CliRun progressive = CliRun.of("nas", "--data", "digits", "--ops", "skip_connect,nor_conv_3x3", "--strategy",
                "progressive", "--evaluations", "2", "--epochs", "1", "--final-epochs", "0", "--storage", url);
        assertEquals(2, progressive.code(), progressive.err() + progressive.out());
        assertTrue(progressive.err().contains("--ops needs none and at least one other operation"), progressive.err());
        CliRun evolution = CliRun.of("nas", "--data", "digits", "--ops", "nor_conv_3x3", "--strategy", "evolution",
                "--evaluations", "9", "--epochs", "1", "--final-epochs", "0", "--storage", url);
        assertEquals(2, evolution.code(), evolution.err() + evolution.out());
        assertTrue(evolution.err().contains("--ops needs at least two operations"), evolution.err());
        assertNoStudies(url);
    }

    @Test
    void aStudyNameAnEarlierRunUsedIsRefusedWithExit2AndTheWayOut(@TempDir Path dir) {
        String url = "sqlite:" + dir.resolve("studies.db");
        Storage storage = Storages.open(url);
        try {
            Study.builder().name("nas-digits-cell-evolution-0").storage(storage).build();
            Study.builder().name("taken-oneshot").storage(storage).build();
        } finally {
            Storages.close(storage);
        }
        CliRun again = CliRun.of("nas", "--data", "digits", "--storage", url);
        assertEquals(2, again.code(), again.err() + again.out());
        assertTrue(again.err().contains("'nas-digits-cell-evolution-0' already exists") && again.err().contains("--study NAME")
                && again.err().contains("studies delete nas-digits-cell-evolution-0 --yes"), again.err());
        CliRun oneShot = CliRun.of("nas", "--data", "digits", "--strategy", "darts", "--study", "taken", "--storage", url);
        assertEquals(2, oneShot.code(), oneShot.err() + oneShot.out());
        assertTrue(oneShot.err().contains("'taken-oneshot' already exists"), oneShot.err());
    }

    @Test
    void aTakenNameOfAStudyFromAnotherCommandIsNotCalledAnEarlierNasRun(@TempDir Path dir) {
        String url = "sqlite:" + dir.resolve("studies.db");
        Storage storage = Storages.open(url);
        try {
            Study.builder().name("fitted").storage(storage).build().setUserAttr("automl4j.kind", "automl");
            Study.builder().name("hpo").storage(storage).build();
        } finally {
            Storages.close(storage);
        }
        CliRun fitted = CliRun.of("nas", "--study", "fitted", "--storage", url);
        assertEquals(2, fitted.code(), fitted.err() + fitted.out());
        assertTrue(fitted.err().contains("(a 'automl' study, not made by nas); nas never resumes"), fitted.err());
        CliRun hpo = CliRun.of("nas", "--study", "hpo", "--storage", url);
        assertEquals(2, hpo.code(), hpo.err() + hpo.out());
        assertTrue(hpo.err().contains("(a study not made by nas, e.g. an HPO study)"), hpo.err());
    }

    @Test
    void theTimeLimitAlsoEndsATrainingUnderwayWhichIsThenPruned(@TempDir Path dir) throws Exception {
        String url = "sqlite:" + dir.resolve("studies.db");
        Path data = imageCsv(dir, "img.csv", 2, 5);
        // without the limit reaching into the training, a hundred million epochs would never end (the safety net
        // below turns that into a failure instead of a hung build)
        CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(3),
                () -> CliRun.of("nas", "--data", data.toString(), "--strategy", "random", "--epochs", "100000000",
                        "--time", "1s", "--evaluations", "3", "--final-epochs", "0", "--channels", "2", "--threads", "1",
                        "--storage", url, "--study", "timed"));
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("no architecture finished within the budget"), r.out());
        Storage storage = Storages.open(url);
        try {
            List<FrozenTrial> trials = Study.builder().name("timed").storage(storage).loadIfExists(true).build().trials();
            assertEquals(1, trials.size(), "no trial starts after the limit");
            assertEquals(TrialState.PRUNED, trials.get(0).state());
        } finally {
            Storages.close(storage);
        }
    }

    @Test
    void aDivergingMorphismSearchEndsWithTheReasonAndExit2() {
        CliRun r = CliRun.of("nas", "--data", iris().toString(), "--strategy", "morphism", "--optimizer", "sgd", "--lr",
                "1e30", "--evaluations", "4", "--epochs", "3", "--final-epochs", "0", "--threads", "1", "--storage",
                "memory");
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("the morphism search (study 'nas-iris-chain-morphism-0') stopped: training diverged")
                && r.err().contains("lower the learning rate (--lr)"), r.err());
        assertFalse(r.err().contains("\tat org.automl4j"), "no stack trace: " + r.err());
    }

    @Test
    void anIdxFileOrASavedModelGivenAsDataSaysWhatToGiveInstead(@TempDir Path dir) throws Exception {
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {4});
        CliRun idx = CliRun.of("nas", "--data", dir.resolve("t10k-labels-idx1-ubyte").toString(), "--storage", "memory");
        assertEquals(2, idx.code(), idx.err() + idx.out());
        assertTrue(idx.err().contains("is one IDX file; give the folder") && idx.err().contains("--data "
                + dir.toAbsolutePath()), idx.err());
        Path model = dir.resolve("model-0000.params");
        Files.write(model, new byte[] {(byte) 0x93, 0x4e, 0x55, (byte) 0xff, 0});
        CliRun params = CliRun.of("nas", "--data", model.toString(), "--storage", "memory");
        assertEquals(2, params.code(), params.err() + params.out());
        assertTrue(params.err().contains("is a saved model, not a data set"), params.err());
    }

    @Test
    void aBadDataFractionOrLearningRateIsNamedByItsFlag() {
        CliRun fraction = CliRun.of("nas", "--data-fraction", "2", "--storage", "memory");
        assertEquals(2, fraction.code());
        assertTrue(fraction.err().contains("--data-fraction must be in (0, 1], got 2.0"), fraction.err());
        CliRun lr = CliRun.of("nas", "--lr", "-1", "--storage", "memory");
        assertEquals(2, lr.code());
        assertTrue(lr.err().contains("--lr must be a positive finite number, got -1.0"), lr.err());
    }

    @Test
    void aBatchSizeOfOneIsRefusedSinceNothingWouldTrain() {
        CliRun one = CliRun.of("nas", "--batch-size", "1", "--evaluations", "1", "--epochs", "1", "--final-epochs", "0",
                "--channels", "2", "--threads", "1", "--storage", "memory");
        assertEquals(2, one.code(), one.err() + one.out());
        assertTrue(one.err().contains("--batch-size must be at least 2"), one.err());
    }

    /** A CSV of 4x4 images (pixels 0..255) with {@code perClass} rows of each of {@code classes} classes. */
    private static Path imageCsv(Path dir, String name, int classes, int perClass) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                b.append("pixel_").append(r).append('_').append(c).append(',');
            }
        }
        b.append("target\n");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int i = 0; i < classes * perClass; i++) {
            for (int p = 0; p < 16; p++) {
                b.append(rng.nextInt(256)).append(',');
            }
            b.append(i % classes).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, b.toString());
        return file;
    }

    private static void assertNoStudies(String url) {
        Storage storage = Storages.open(url);
        try {
            assertEquals(List.of(), storage.studies(), "no study left behind to block the corrected run");
        } finally {
            Storages.close(storage);
        }
    }

    @Test
    void aClassWithTooFewExamplesForTestValidationAndTrainingIsNamedWithHowManyItNeeds(@TempDir Path dir)
            throws Exception {
        Path twoEach = imageCsv(dir, "two.csv", 3, 2);
        CliRun r = CliRun.of("nas", "--data", twoEach.toString(), "--storage", "memory");
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("class 0 (column 'target') has 2 examples") && r.err().contains("it needs 3")
                && r.err().contains("two.csv"), r.err());
    }

    @Test
    void anInfiniteLearningRateABadPixelMaxOrAFileAsOutIsRefusedBeforeTheStudyIsCreated(@TempDir Path dir)
            throws Exception {
        String url = "sqlite:" + dir.resolve("studies.db");
        Path data = imageCsv(dir, "img.csv", 2, 5);
        CliRun lr = CliRun.of("nas", "--data", data.toString(), "--lr", "Infinity", "--evaluations", "1", "--epochs", "1",
                "--final-epochs", "0", "--channels", "2", "--threads", "1", "--storage", url);
        assertEquals(2, lr.code(), lr.err() + lr.out());
        assertTrue(lr.err().contains("--lr must be a positive finite number, got Infinity"), lr.err());
        CliRun pixelMax = CliRun.of("nas", "--data", data.toString(), "--pixel-max", "0", "--storage", url);
        assertEquals(2, pixelMax.code(), pixelMax.err() + pixelMax.out());
        assertTrue(pixelMax.err().contains("--pixel-max must be a positive finite number"), pixelMax.err());
        CliRun outIsInput = CliRun.of("nas", "--data", data.toString(), "--out", data.toString(), "--evaluations", "1",
                "--epochs", "1", "--final-epochs", "0", "--channels", "2", "--threads", "1", "--storage", url);
        assertEquals(2, outIsInput.code(), outIsInput.err() + outIsInput.out());
        assertTrue(outIsInput.err().contains("--out " + data + " is a file"), outIsInput.err());
        assertNoStudies(url);
        CliRun twice = CliRun.of("nas", "--data", data.toString(), "--ops", "none,skip_connect,none", "--storage", url);
        assertEquals(2, twice.code(), twice.err() + twice.out());
        assertTrue(twice.err().contains("--ops none,skip_connect,none: operation none is listed twice"), twice.err());
    }

    @Test
    void aDivergingNetworkFailsItsTrialWithTheReasonAndTheSearchGoesOn(@TempDir Path dir) throws Exception {
        String url = "sqlite:" + dir.resolve("studies.db");
        Path data = imageCsv(dir, "img.csv", 2, 10);
        CliRun r = CliRun.of("nas", "--data", data.toString(), "--ops", "skip_connect,nor_conv_1x1", "--strategy", "random",
                "--optimizer", "sgd", "--lr", "1e30", "--evaluations", "2", "--epochs", "2", "--final-epochs", "0",
                "--channels", "2", "--threads", "1", "--storage", url, "--study", "diverged");
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("every evaluated architecture failed (2 of 2)") && r.out().contains("lower the"
                + " learning rate (--lr)"), r.out());
        Storage storage = Storages.open(url);
        try {
            Study study = Study.builder().name("diverged").storage(storage).loadIfExists(true).build();
            List<FrozenTrial> trials = study.trials();
            assertEquals(2, trials.size(), "the search went on after the first failure");
            for (FrozenTrial t : trials) {
                assertEquals(TrialState.FAIL, t.state());
                assertTrue(t.failure().message().contains("training diverged: the "), t.failure().toString());
            }
        } finally {
            Storages.close(storage);
        }
    }

    @Test
    void anIdxFolderWithImagesOfTwoSizesNamesTheFileAndTheSizes(@TempDir Path dir) throws Exception {
        writeIdx(dir.resolve("a-images-idx3-ubyte"), new int[] {4, 3, 3});
        writeIdx(dir.resolve("a-labels-idx1-ubyte"), new int[] {4});
        writeIdx(dir.resolve("b-images-idx3-ubyte"), new int[] {4, 5, 5});
        writeIdx(dir.resolve("b-labels-idx1-ubyte"), new int[] {4});
        CliRun r = CliRun.of("nas", "--data", dir.toString(), "--storage", "memory");
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("b-images-idx3-ubyte: its images are 1x5x5 but those of a-images-idx3-ubyte are"
                + " 1x3x3"), r.err());
    }

    /** An unsigned-byte IDX file of {@code shape} holding 0, 1, 0, 1, ... (valid labels and pixels). */
    private static void writeIdx(Path file, int[] shape) throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(b);
        d.writeByte(0);
        d.writeByte(0);
        d.writeByte(0x08);
        d.writeByte(shape.length);
        int count = 1;
        for (int s : shape) {
            d.writeInt(s);
            count *= s;
        }
        for (int i = 0; i < count; i++) {
            d.writeByte(i % 2);
        }
        Files.write(file, b.toByteArray());
    }
}
