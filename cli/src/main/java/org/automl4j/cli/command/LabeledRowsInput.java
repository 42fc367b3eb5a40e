package org.automl4j.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.automl4j.data.Table;
import org.automl4j.tabular.AutoMLModel;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments of the commands that score a saved model on rows with their target ({@code evaluate},
 * {@code feature-importance}): the model file, the data file and how to read it.
 */
final class LabeledRowsInput {

    /** A loaded model and the rows read for it, its target column included. */
    record Loaded(AutoMLModel model, Table table) {
    }

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA", description = "Rows with the model's input columns and its target:"
            + " CSV with a header line, ARFF (.arff) or Parquet (.parquet).")
    Path data;

    @Option(names = "--missing-values", split = ",", paramLabel = "VALUES", description = "Values read as missing,"
            + " besides the empty field (default: NA, N/A, n/a, #N/A, NaN, nan, null, NULL, ?).")
    List<String> missingValues;

    @Option(names = "--encoding", description = "The CSV file's character set (default UTF-8).")
    String encoding;

    /**
     * @throws IllegalArgumentException naming the file when it is missing, unreadable, or lacks a training column
     *     or the model's target
     */
    Loaded load() throws IOException {
        PredictCommand.checkFile(modelFile, "model file");
        PredictCommand.checkFile(data, "data file");
        AutoMLModel model = AutoMLModel.load(modelFile);
        Table table = PredictCommand.readForModel(data, model, encoding, missingValues, model.target());
        if (table.find(model.target()).isEmpty()) {
            throw new IllegalArgumentException(data + " has no column '" + model.target() + "', the target the model"
                    + " predicts; give rows with their target values");
        }
        return new Loaded(model, table);
    }
}
