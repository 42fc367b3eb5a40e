package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automl4j.metagrad.fewshot.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetalearnCommandTest {

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.out() + r.err());
        return r;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no '" + regex + "' in: " + text);
        return Double.parseDouble(m.group(1));
    }

    private static String sineCsv(SplittableRandom r, int n, double amplitude, double phase) {
        StringBuilder b = new StringBuilder("x,target\n");
        for (int i = 0; i < n; i++) {
            double x = -5 + 10 * r.nextDouble();
            b.append(String.format(Locale.ROOT, "%.5f,%.5f%n", x, amplitude * Math.sin(x - phase)));
        }
        return b.toString();
    }

    @Test
    void trainsOnSinusoidsThenAdaptsToANewCurveFromTenPoints(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("sine.metainit");
        CliRun t = ok("metalearn", "train", "--family", "sinusoid", "--algorithm", "fomaml", "--iterations", "300",
                "--meta-lr", "0.003", "--eval-tasks", "20", "--seed", "1", "--out", init.toString());
        assertTrue(t.out().contains("iteration 300/300"), t.out());
        double ratio = number(t.out(), "random initialisation [0-9.]+: ([0-9.]+)x lower");
        assertTrue(ratio > 1.5, "meta-learned beats random after 10 steps: " + t.out());
        assertTrue(Files.isRegularFile(init));

        SplittableRandom r = new SplittableRandom(5);
        Path support = Files.writeString(dir.resolve("support.csv"), sineCsv(r, 10, 3.0, 1.0));
        Path query = Files.writeString(dir.resolve("query.csv"), sineCsv(r, 40, 3.0, 1.0));
        Path preds = dir.resolve("pred.csv");
        CliRun a = ok("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--query",
                query.toString(), "--steps", "10", "--out", preds.toString());
        double before = number(a.err(), "support MSE ([0-9.]+) ->");
        double after = number(a.err(), "support MSE [0-9.]+ -> ([0-9.]+)");
        assertTrue(after < before, a.err());
        assertTrue(a.err().contains("query (40 rows): MSE"), a.err());
        List<String> lines = Files.readAllLines(preds);
        assertEquals("prediction", lines.get(0));
        assertEquals(41, lines.size());
    }

    @Test
    void trainsOnSomeDigitsAndAdaptsToOthersFromACsvOfRawPixels(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("digits.metainit");
        CliRun t = ok("metalearn", "train", "--family", "digits", "--algorithm", "maml", "--iterations", "40",
                "--inner-steps", "1", "--eval-tasks", "10", "--out", init.toString());
        assertTrue(t.out().contains("5-way 5-shot over 20 classes"), t.out());
        double acc = number(t.out(), "accuracy ([0-9.]+)");
        assertTrue(acc > 0.2, "above chance: " + t.out());

        Path[] shots = newDigitsCsv(dir);
        Path support = shots[0];
        Path query = shots[1];
        CliRun a = ok("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--query",
                query.toString(), "--steps", "20");
        assertTrue(a.out().startsWith("prediction,p_digit5,p_digit6,p_digit7,p_digit8,p_digit9"), a.out());
        double queryAcc = number(a.err(), "query \\(100 rows\\): accuracy ([0-9.]+)");
        assertTrue(queryAcc > 0.5, "5-way accuracy on new digits from 5 shots each: " + a.err());
    }

    @Test
    void protoMamlInitialisationClassifiesNewDigitsByPrototypesWithoutSteps(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("proto.metainit");
        CliRun t = ok("metalearn", "train", "--family", "digits", "--algorithm", "fomaml", "--prototype-head", "--iterations",
                "30", "--inner-steps", "2", "--inner-lr", "0.05", "--hidden", "32", "--eval-tasks", "10", "--eval-steps", "2",
                "--out", init.toString());
        assertTrue(t.out().contains("fomaml with a prototype head"), t.out());
        assertTrue(number(t.out(), "accuracy ([0-9.]+)") > 0.5, t.out());
        Path[] shots = newDigitsCsv(dir);
        Path support = shots[0];
        Path query = shots[1];
        CliRun a = ok("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--query",
                query.toString(), "--steps", "0");
        assertTrue(a.err().contains("from a prototype head"), a.err());
        assertTrue(number(a.err(), "query \\(100 rows\\): accuracy ([0-9.]+)") > 0.6, "prototypes alone: " + a.err());
        CliRun plain = ok("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--query",
                query.toString(), "--steps", "0", "--no-prototype-head");
        assertEquals(0.2, number(plain.err(), "query \\(100 rows\\): accuracy ([0-9.]+)"), 1e-9,
                "without the prototypes the zero head predicts one class for every row: " + plain.err());
        CliRun bad = CliRun.of("metalearn", "train", "--family", "sinusoid", "--prototype-head", "--out", "x");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--prototype-head belong to --family digits"), bad.err());
    }

    @Test
    void aConvolutionalBodyIsSavedAndAdaptsToNewDigitsFromACsv(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("conv.metainit");
        CliRun t = ok("metalearn", "train", "--family", "digits", "--body", "conv", "--channels", "16,16", "--iterations",
                "60", "--shift", "1", "--eval-tasks", "10", "--eval-steps", "2", "--out", init.toString());
        assertTrue(t.out().contains("as a prototypical network"), t.out());
        double learned = number(t.out(), "accuracy ([0-9.]+) \\(");
        double random = number(t.out(), "random body ([0-9.]+)");
        assertTrue(learned > 0.5, t.out());
        Path[] shots = newDigitsCsv(dir);
        CliRun a = ok("metalearn", "adapt", "--init", init.toString(), "--support", shots[0].toString(), "--query",
                shots[1].toString(), "--steps", "5");
        assertTrue(a.out().startsWith("prediction,p_digit5,p_digit6,p_digit7,p_digit8,p_digit9"), a.out());
        assertTrue(a.err().contains("from a prototype head with 5 head steps"), a.err());
        assertTrue(number(a.err(), "query \\(100 rows\\): accuracy ([0-9.]+)") > 0.6, "learned " + learned + ", random "
                + random + ": " + a.err());
        CliRun all = ok("metalearn", "adapt", "--init", init.toString(), "--support", shots[0].toString(), "--query",
                shots[1].toString(), "--steps", "3", "--fine-tune", "all");
        assertTrue(all.err().contains("3 all-layer steps"), all.err());
        CliRun bad = CliRun.of("metalearn", "train", "--family", "digits", "--body", "conv", "--algorithm", "reptile",
                "--out", dir.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("first-order Proto-MAML only"), bad.err());
        CliRun mlpShift = CliRun.of("metalearn", "train", "--family", "digits", "--shift", "1", "--out",
                dir.resolve("y").toString());
        assertEquals(2, mlpShift.code());
        assertTrue(mlpShift.err().contains("--shift") && mlpShift.err().contains("--body conv"), mlpShift.err());
    }

    @Test
    void aCosineConvolutionalBodyIsSavedWithItsScaleAndAdapts(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("cosine.metainit");
        CliRun t = ok("metalearn", "train", "--family", "digits", "--body", "conv", "--channels", "8,8", "--iterations",
                "30", "--cosine", "10", "--eval-tasks", "5", "--eval-steps", "1", "--out", init.toString());
        assertTrue(t.out().contains("cosine*10"), "the body's description names its scale: " + t.out());
        Path[] shots = newDigitsCsv(dir);
        CliRun a = ok("metalearn", "adapt", "--init", init.toString(), "--support", shots[0].toString(), "--query",
                shots[1].toString(), "--steps", "2");
        assertTrue(number(a.err(), "query \\(100 rows\\): accuracy ([0-9.]+)") > 0.5, a.err());
        for (String[] bad : new String[][] {{"--body", "conv", "--cosine", "-1"}, {"--cosine", "10"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("metalearn", "train", "--family", "digits", "--out",
                    dir.resolve("z").toString()));
            args.addAll(List.of(bad));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--cosine") && r.err().contains("--body conv"), r.err());
        }
    }

    @Test
    void hypergradTunesTheLearningRateOrTheWeightDecayOnDigits(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("lr.csv");
        CliRun h = ok("metalearn", "hypergrad", "--data", "digits", "--lr", "0.003", "--hyper-lr", "0.05", "--epochs", "2",
                "--trace", trace.toString());
        assertTrue(h.out().contains("epoch 2: validation accuracy"), h.out());
        double end = number(h.out(), "learning rate [0-9.e-]+ -> ([0-9.e-]+)");
        assertTrue(end > 0.003, "a too-small rate grew: " + h.out());
        assertTrue(Files.readAllLines(trace).size() > 50);
        CliRun b = ok("metalearn", "hypergrad", "--bilevel", "--weight-decay", "0.3", "--unroll", "2", "--hyper-lr", "0.1",
                "--epochs", "1", "--lr", "0.1");
        assertTrue(b.out().contains("weight decay 0.300 ->"), b.out());
        assertTrue(b.out().contains("test accuracy"), b.out());
    }

    @Test
    void badInputExitsWithTwoAndSaysWhatToFix(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("metalearn", "train", "--family", "sinusoid", "--algorithm", "maml2", "--out", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("reptile, fomaml or maml"), r.err());
        r = CliRun.of("metalearn", "adapt", "--init", dir.resolve("none.metainit").toString(), "--support", "s.csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("metalearn train"), r.err());
        Path init = dir.resolve("s.metainit");
        ok("metalearn", "train", "--family", "sinusoid", "--iterations", "5", "--eval-tasks", "0", "--out", init.toString());
        Path wide = Files.writeString(dir.resolve("wide.csv"), "a,b,target\n1,2,3\n2,3,4\n");
        r = CliRun.of("metalearn", "adapt", "--init", init.toString(), "--support", wide.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("2 feature columns") && r.err().contains("takes 1 inputs"), r.err());
        r = CliRun.of("metalearn", "hypergrad", "--optimizer", "rmsprop", "--epochs", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sgd or adam"), r.err());
        r = CliRun.of("metalearn", "hypergrad", "--probe", "-1", "--epochs", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--probe must be at least 0"), r.err());
        assertTrue(CliRun.of("metalearn", "--help").out().contains("Examples:"));
    }

    @Test
    void aQueryWithOtherColumnsThanTheSupportOrAnUnwritableOutIsRefused(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("s.metainit");
        ok("metalearn", "train", "--family", "sinusoid", "--iterations", "5", "--eval-tasks", "0", "--out", init.toString());
        Path support = Files.writeString(dir.resolve("support.csv"), "x,target\n1,2\n2,3\n3,4\n");
        Path query = Files.writeString(dir.resolve("query.csv"), "y\n1.5\n");
        CliRun r = CliRun.of("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--query",
                query.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("has the feature columns [y] but --support") && r.err().contains("has [x]"), r.err());
        assertFalse(r.out().contains("prediction"), "no predictions for the wrong columns: " + r.out());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun train = CliRun.of("metalearn", "train", "--family", "sinusoid", "--iterations", "5", "--eval-tasks", "0",
                "--out", file.resolve("s.metainit").toString());
        assertEquals(2, train.code(), train.err());
        assertTrue(train.err().contains("is a file, not a folder"), train.err());
        assertFalse(train.out().contains("meta-training"), "refused before training: " + train.out());
    }

    /** A tiny sinusoid initialisation (5 iterations, no evaluation), written to {@code dir}. */
    private static Path tinySineInit(Path dir) {
        Path init = dir.resolve("s.metainit");
        ok("metalearn", "train", "--family", "sinusoid", "--iterations", "5", "--eval-tasks", "0", "--out", init.toString());
        return init;
    }

    /** A copy of {@code init} whose manifest has {@code from} replaced by {@code to} (or whose weights are {@code npz}). */
    private static Path edited(Path init, Path to, String from, String by, byte[] npz) throws Exception {
        String manifest;
        byte[] weights;
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(init.toFile())) {
            manifest = new String(z.getInputStream(z.getEntry("manifest.properties")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            weights = z.getInputStream(z.getEntry("weights.npz")).readAllBytes();
        }
        assertTrue(from == null || manifest.contains(from), manifest);
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.properties"));
            zip.write((from == null ? manifest : manifest.replace(from, by)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("weights.npz"));
            zip.write(npz != null ? npz : weights);
        }
        return to;
    }

    @Test
    void aDamagedInitialisationOrAFolderIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path init = tinySineInit(dir);
        Path support = Files.writeString(dir.resolve("support.csv"), "x,target\n1,2\n2,3\n");
        Object[][] cases = {
            {edited(init, dir.resolve("v0.metainit"), "version=1", "version=0", null), "format version 0"},
            {edited(init, dir.resolve("hidden.metainit"), "hidden=40,40", "hidden=0,40", null), "width 0"},
            {edited(init, dir.resolve("lr.metainit"), "inner_lr=0.01", "inner_lr=Infinity", null), "inner lr Infinity"},
            {edited(init, dir.resolve("npz.metainit"), null, null, "garbage".getBytes()), "weights.npz is damaged"},
        };
        for (Object[] c : cases) {
            CliRun r = CliRun.of("metalearn", "adapt", "--init", c[0].toString(), "--support", support.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(c[0].toString()) && r.err().contains((String) c[1])
                    && r.err().contains("train"), "names the file, what is wrong and how to fix it: " + r.err());
        }
        Path folder = Files.createDirectory(dir.resolve("folder.metainit"));
        CliRun r = CliRun.of("metalearn", "adapt", "--init", folder.toString(), "--support", support.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is a folder"), r.err());
    }

    @Test
    void regressionAdaptsFromOneSupportPointAndRefusesATextTargetInItsOwnTerms(@TempDir Path dir) throws Exception {
        Path init = tinySineInit(dir);
        Path one = Files.writeString(dir.resolve("one.csv"), "x,target\n1,2\n");
        CliRun a = ok("metalearn", "adapt", "--init", init.toString(), "--support", one.toString(), "--steps", "1");
        assertTrue(a.err().contains("adapted on 1 examples"), a.err());
        Path missing = Files.writeString(dir.resolve("missing.csv"), "x,target\n1,2\n2,\n3,2\n");
        a = ok("metalearn", "adapt", "--init", init.toString(), "--support", missing.toString(), "--steps", "1");
        assertTrue(a.err().contains("left out 1 row(s)"), a.err());
        Path text = Files.writeString(dir.resolve("text.csv"), "x,target\n1,a\n2,b\n");
        CliRun r = CliRun.of("metalearn", "adapt", "--init", init.toString(), "--support", text.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--support " + text) && r.err().contains("regression initialisation"), r.err());
        assertFalse(r.err().contains("BINARY"), "no option adapt does not have: " + r.err());
    }

    @Test
    void aQueryTargetThatIsNoNumberIsRefusedAndNoPredictionFileIsLeft(@TempDir Path dir) throws Exception {
        Path init = tinySineInit(dir);
        Path support = Files.writeString(dir.resolve("support.csv"), "x,target\n1,2\n2,3\n");
        Path work = Files.createDirectory(dir.resolve("work"));
        Path preds = work.resolve("pred.csv");
        for (String bad : List.of("x,target\n1,2\n2,abc\n", "x,target\n1,2\n2,\n")) {
            Path query = Files.writeString(dir.resolve("query.csv"), bad);
            CliRun r = CliRun.of("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--query",
                    query.toString(), "--out", preds.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--query " + query + ": column 'target'") && r.err().contains("data row 2"), r.err());
            try (var files = Files.list(work)) {
                assertEquals(List.of(), files.toList(), "nothing half-written");
            }
        }
        Path query = Files.writeString(dir.resolve("query.csv"), "x,target\n1,2\n");
        ok("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--query", query.toString(),
                "--out", dir.resolve("new/folder/pred.csv").toString());
        assertTrue(Files.isRegularFile(dir.resolve("new/folder/pred.csv")), "the folder is made, as for train --out");
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.write(dir.resolve("new/folder/plain"), new byte[0]);
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(dir.resolve(
                    "new/folder/pred.csv")), "the folder's default permissions, not a temporary file's owner-only ones");
        }
    }

    @Test
    void adaptRefusesBadStepsRatesAndAnOutWithoutAQueryByName(@TempDir Path dir) throws Exception {
        Path init = tinySineInit(dir);
        Path support = Files.writeString(dir.resolve("support.csv"), "x,target\n1,2\n2,3\n");
        String[][] cases = {
            {"--steps", "-1", "--steps must be at least 0"},
            {"--lr", "Infinity", "--lr must be a finite number > 0"},
            {"--out", dir.resolve("p.csv").toString(), "there is no --query"},
            {"--query", dir.resolve("absent.csv").toString(), "--query " + dir.resolve("absent.csv") + ": no such CSV"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), c[0], c[1]);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(c[2]), r.err());
            assertFalse(r.err().contains("adapted on"), "refused before adapting: " + r.err());
        }
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "x\u00e9,target\n1,2\n2,3\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ok("metalearn", "adapt", "--init", init.toString(), "--support", latin.toString(), "--encoding", "ISO-8859-1");
    }

    @Test
    void trainRefusesOptionsOutOfRangeOrOfAnotherBodyBeforeTraining(@TempDir Path dir) {
        String out = dir.resolve("x.metainit").toString();
        String[][] cases = {
            {"--eval-steps -1", "--eval-steps must be at least 0"},
            {"--body conv --hidden 8", "--hidden sets the widths of --body mlp"},
            {"--channels 8", "--channels sets the blocks of --body conv"},
            {"--body conv --channels 0", "--channels [0]: every width must be at least 1"},
            {"--body conv --inner-lr 0", "--inner-lr must be a finite number > 0"},
            {"--body conv --shift 8", "--shift 8 would move 8x8 images out of their frame"},
            {"--test-classes 5,5,6,7,8", "names class '5' twice"},
            {"--test-classes 0,1,2,3,4,5,6,7,8,9 --eval-tasks 0", "none is left for meta-training"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("metalearn", "train", "--family", "digits",
                    "--iterations", "2", "--out", out));
            args.addAll(List.of(c[0].split(" ")));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
            assertFalse(r.out().contains("meta-training"), "refused before training: " + r.out());
        }
        CliRun sine = CliRun.of("metalearn", "train", "--family", "sinusoid", "--ways", "3", "--out", out);
        assertEquals(2, sine.code(), sine.err());
        assertTrue(sine.err().contains("--ways and --target belong to --family digits"), sine.err());
        CliRun target = CliRun.of("metalearn", "train", "--family", "digits", "--target", "label", "--out", out);
        assertEquals(2, target.code(), target.err());
        assertTrue(target.err().contains("there is no --data"), target.err());
    }

    @Test
    void anOptionForAnotherKindOfDataOrNetworkIsRefusedNotIgnored(@TempDir Path dir) throws Exception {
        Path init = tinySineInit(dir);
        Path support = Files.writeString(dir.resolve("support.csv"), "x,target\n1,2\n2,3\n");
        CliRun r = CliRun.of("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--fine-tune",
                "head");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is a perceptron") && r.err().contains("leave --fine-tune out"), r.err());
        r = CliRun.of("metalearn", "hypergrad", "--target", "label", "--epochs", "1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--data is the bundled digits"), r.err());
        assertFalse(r.out().contains("epoch 1"), r.out());
    }

    @Test
    void hypergradRefusesATooLargeBatchAndOptionsOfTheOtherModeWithoutAStackTrace(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"--batch 100000", "--batch 100000 is larger than the 1076 training rows"},
            {"--bilevel --lr Infinity", "--lr must be a finite number > 0"},
            {"--tune-lr", "--tune-lr belongs to --bilevel"},
            {"--bilevel --optimizer adam", "--optimizer belongs to hypergradient descent"},
            {"--trace " + Files.createDirectory(dir.resolve("folder")), "is a folder"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("metalearn", "hypergrad", "--epochs", "1"));
            args.addAll(List.of(c[0].split(" ")));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
            assertFalse(r.err().contains("Exception") || r.out().contains("epoch 1"), c[0] + ": " + r.out() + r.err());
        }
    }

    @Test
    void aTwoClassSupportWithAnUnlabelledRowAdapts(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("conv.metainit");
        ok("metalearn", "train", "--family", "digits", "--body", "conv", "--channels", "4", "--iterations", "2",
                "--eval-tasks", "0", "--out", init.toString());
        Path[] shots = newDigitsCsv(dir);
        List<String> lines = Files.readAllLines(shots[0]);
        StringBuilder two = new StringBuilder(lines.get(0)).append('\n');
        lines.stream().filter(l -> l.endsWith("digit5") || l.endsWith("digit6")).forEach(l -> two.append(l).append('\n'));
        String blank = lines.get(1).substring(0, lines.get(1).lastIndexOf(',') + 1);
        Path support = Files.writeString(dir.resolve("two.csv"), two.append(blank).append('\n').toString());
        CliRun a = ok("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--steps", "1");
        assertTrue(a.err().contains("left out 1 row(s)") && a.err().contains("adapted on 10 examples"), a.err());
    }

    @Test
    void aValueBeyondFloatsOrANetworkBeyondAnArrayIsRefusedInsteadOfDivergingOrCrashing(@TempDir Path dir)
            throws Exception {
        Path init = tinySineInit(dir);
        Path big = Files.writeString(dir.resolve("big.csv"), "x,target\n1e300,2\n2,3\n");
        CliRun r = CliRun.of("metalearn", "adapt", "--init", init.toString(), "--support", big.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("column 'x' holds 1.0E300 in data row 1") && r.err().contains("rescale"), r.err());
        String out = dir.resolve("x.metainit").toString();
        r = CliRun.of("metalearn", "train", "--family", "sinusoid", "--hidden", "100000,100000", "--out", out);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("parameters, more than") && r.err().contains("use smaller widths"), r.err());
        r = CliRun.of("metalearn", "train", "--family", "digits", "--body", "conv", "--channels", "20000,20000", "--out", out);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("parameters, more than") && r.err().contains("use fewer channels"), r.err());
    }

    /** A CSV of 4 pixel columns and {@code target}: the labels in that order. */
    private static Path pixelCsv(Path file, String... labels) throws java.io.IOException {
        StringBuilder b = new StringBuilder("p0,p1,p2,p3,target\n");
        for (int i = 0; i < labels.length; i++) {
            b.append(i % 3).append(',').append(i % 5).append(",1,").append(i % 2).append(',').append(labels[i]).append('\n');
        }
        return Files.writeString(file, b.toString());
    }

    @Test
    void imageCsvProblemsNameTheDataFileAndTheOptionsToChange(@TempDir Path dir) throws Exception {
        Path two = pixelCsv(dir.resolve("two.csv"), "a", "a", "a", "b", "b", "b", "c", "c");
        CliRun r = CliRun.of("metalearn", "hypergrad", "--data", two.toString(), "--epochs", "1", "--batch", "1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--data " + two + ": class 'c' has 2 row(s)")
                && r.err().contains("at least 3 of every class"), r.err());
        Path values = pixelCsv(dir.resolve("values.csv"), "0.5", "1.5", "2.25", "3.125");
        r = CliRun.of("metalearn", "hypergrad", "--data", values.toString(), "--epochs", "1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--data " + values + ": column 'target' holds values"), r.err());
        r = CliRun.of("metalearn", "train", "--family", "digits", "--shots", "1000", "--eval-tasks", "0", "--out",
                dir.resolve("x.metainit").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("meta-training tasks cannot be drawn") && r.err().contains("lower --ways (5), --shots"
                + " (1000)"), r.err());
    }

    @Test
    void anOutputThatWouldReplaceAnInputIsRefused(@TempDir Path dir) throws Exception {
        Path init = tinySineInit(dir);
        Path support = Files.writeString(dir.resolve("support.csv"), "x,target\n1,2\n2,3\n");
        byte[] before = Files.readAllBytes(init);
        CliRun r = CliRun.of("metalearn", "adapt", "--init", init.toString(), "--support", support.toString(), "--query",
                support.toString(), "--out", init.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is the file given as --init"), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(init)), "the initialisation is untouched");
        Path data = pixelCsv(dir.resolve("data.csv"), "a", "a", "a", "b", "b", "b");
        r = CliRun.of("metalearn", "hypergrad", "--data", data.toString(), "--trace", data.toString(), "--epochs", "1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--trace " + data + " is the file given as --data"), r.err());
        r = CliRun.of("metalearn", "train", "--family", "sinusoid", "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("e.g. " + dir.toAbsolutePath().resolve("init.metainit")), r.err());
    }

    /** Digits 5-9 as CSVs of raw pixels: 5 support rows and 20 query rows per class. */
    private static Path[] newDigitsCsv(Path dir) throws java.io.IOException {
        ImageSet digits = ImageSet.digits();
        StringBuilder sup = new StringBuilder();
        StringBuilder qry = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            sup.append("p").append(j).append(',');
            qry.append("p").append(j).append(',');
        }
        sup.append("target\n");
        qry.append("target\n");
        for (int label : List.of(5, 6, 7, 8, 9)) {
            float[][] rows = digits.classRows(label, 0);
            for (int i = 0; i < 25; i++) {
                StringBuilder line = new StringBuilder();
                for (float v : rows[i]) {
                    line.append(Math.round(v * 16)).append(',');
                }
                line.append("digit").append(label).append('\n');
                (i < 5 ? sup : qry).append(line);
            }
        }
        return new Path[] {Files.writeString(dir.resolve("shots.csv"), sup.toString()),
            Files.writeString(dir.resolve("new.csv"), qry.toString())};
    }
}
