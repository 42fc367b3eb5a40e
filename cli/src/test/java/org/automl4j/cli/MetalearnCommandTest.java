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
        assertTrue(r.err().contains("probe steps must be >= 0"), r.err());
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
