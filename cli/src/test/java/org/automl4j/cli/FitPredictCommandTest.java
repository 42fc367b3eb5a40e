package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitPredictCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The bundled iris file, found from the module folder or the project root. */
    private static Path iris() {
        Path p = Path.of("../examples/iris.csv");
        return Files.isRegularFile(p) ? p : Path.of("examples/iris.csv");
    }

    @Test
    void fitWritesAModelAndLeaderboardThatPredictReads(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("iris.automl4j");
        Path board = dir.resolve("leaderboard.csv");
        Result fit = run("fit", iris().toString(), "--target", "target", "--time", "5m", "--max-pipelines", "6",
                "--learners", "logistic,tree,knn", "--out", model.toString(), "--leaderboard", board.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("150 rows, 4 features") && fit.out().contains("multiclass, 3 classes"), fit.out());
        assertTrue(fit.out().contains("balanced_accuracy"), fit.out());
        assertEquals(7, Files.readAllLines(board).size(), "header + 6 pipelines");

        Path preds = dir.resolve("preds.csv");
        Result predict = run("predict", model.toString(), iris().toString(), "--out", preds.toString());
        assertEquals(0, predict.code(), predict.err());
        List<String> lines = Files.readAllLines(preds);
        assertEquals("prediction,p_setosa,p_versicolor,p_virginica", lines.get(0));
        assertEquals(151, lines.size());
        assertTrue(lines.get(1).startsWith("setosa,"), lines.get(1));
    }

    @Test
    void badInputGivesAClearErrorAndExitCode2(@TempDir Path dir) throws Exception {
        Result missingTarget = run("fit", iris().toString(), "--target", "species", "--time", "5s");
        assertEquals(2, missingTarget.code());
        assertTrue(missingTarget.err().contains("species") && missingTarget.err().contains("sepal"), missingTarget.err());
        Result badTime = run("fit", iris().toString(), "--target", "target", "--time", "soon");
        assertEquals(2, badTime.code());
        assertTrue(badTime.err().contains("--time"), badTime.err());
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b,target\n1,2,x\n3,y\n");
        Result r = run("fit", ragged.toString(), "--target", "target");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 3"), r.err());
        Path notModel = dir.resolve("x.automl4j");
        Files.writeString(notModel, "x");
        Result p = run("predict", notModel.toString(), iris().toString());
        assertEquals(2, p.code());
        assertTrue(p.err().contains("not an automl4j model file"), p.err());
    }
}
