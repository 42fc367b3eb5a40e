package org.automl4j.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.automl4j.tabular.AutoMLModel;
import org.automl4j.tabular.export.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code automl4j export}: a saved model as ONNX. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a model made by 'automl4j fit' as one ONNX graph (preprocessing, every ensemble member"
                + " and the averaging), to predict with ONNX Runtime from any language. The graph's input"
                + " 'features' is a float [rows, k] tensor of the numeric input columns in the order printed (NaN"
                + " for missing); its output is 'probabilities' [rows, classes] or 'prediction' [rows, 1]."
                + " Models with categorical columns, stacking, or learners other than logistic, linear and svm"
                + " cannot be exported yet: the command says why.",
        footer = {"", "Examples:", "  ./automl4j fit data.csv --target y --learners logistic,svm --out m.automl4j",
                "  ./automl4j export m.automl4j --onnx m.onnx"})
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path modelFile;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX file to write.")
    Path onnx;

    @Override
    public Integer call() throws IOException {
        if (Files.isDirectory(modelFile)) {
            throw new IllegalArgumentException(modelFile.toAbsolutePath() + " is a folder, not a model file; give the"
                    + " file 'automl4j fit --out' wrote, e.g. " + modelFile.toAbsolutePath().resolve("model.automl4j"));
        }
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("no such model file: " + modelFile.toAbsolutePath());
        }
        FitCommand.checkWritable(onnx, "--onnx", "model.onnx"); // before loading the model, not after
        if (ReportCommand.sameFile(modelFile, onnx)) {
            throw new IllegalArgumentException("--onnx " + onnx + " is the model file itself; writing it would replace"
                    + " the model: give another file, e.g. " + onnx.toAbsolutePath().resolveSibling("model.onnx"));
        }
        AutoMLModel model = AutoMLModel.load(modelFile);
        OnnxExport.write(model, onnx);
        System.out.println("wrote " + onnx.toAbsolutePath());
        System.out.println("input 'features' columns, in order: " + String.join(", ", OnnxExport.inputColumns(model)));
        System.out.println(model.task().isClassification() ? "output 'probabilities', classes in order: "
                + String.join(", ", model.classes()) : "output 'prediction'");
        return 0;
    }
}
