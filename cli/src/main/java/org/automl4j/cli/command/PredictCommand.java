package org.automl4j.cli.command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.automl4j.data.Table;
import org.automl4j.data.io.ArffReader;
import org.automl4j.data.io.CsvOptions;
import org.automl4j.data.io.CsvReader;
import org.automl4j.data.io.DataFormatException;
import org.automl4j.tabular.AutoMLModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code automl4j predict}: a saved model's predictions for a CSV, ARFF or Parquet file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predicts with a model written by 'automl4j fit': one row per data row, the prediction and,"
                + " for classification, each class's probability. Columns the model was not trained on are"
                + " ignored; a missing training column or one of another type is an error.",
        footer = {"", "Examples:", "  ./automl4j predict automl4j-results/iris.automl4j examples/iris.csv",
                "  ./automl4j predict model.automl4j new.csv --out predictions.csv"})
public final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA", description = "The rows to predict: CSV with a header line,"
            + " ARFF (.arff) or Parquet (.parquet), as fit reads them.")
    Path data;

    @Option(names = "--missing-values", split = ",", paramLabel = "VALUES", description = "Values read as missing,"
            + " besides the empty field (default: NA, N/A, n/a, #N/A, NaN, nan, null, NULL, ?); give the list the"
            + " model was fitted with (--missing-values= for only empty fields).")
    List<String> missingValues;

    @Option(names = "--encoding", description = "The CSV file's character set (default UTF-8), e.g. windows-1252 or"
            + " ISO-8859-1.")
    String encoding;

    @Option(names = "--out", description = "Write the predictions here (default: standard output).")
    Path out;

    static void checkFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " " + file.toAbsolutePath() + " is a folder; give the file in it");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such " + what + ": " + file.toAbsolutePath());
        }
    }

    /**
     * A value the column's training type cannot hold, explained for predict: the reader's advice to declare
     * another type or add missing-value markers does not apply, since the model fixes the types.
     */
    static RuntimeException trainingType(DataFormatException e, AutoMLModel model) {
        String message = e.getMessage();
        int cut = message.indexOf(", but the column was declared ");
        if (cut < 0) {
            cut = message.indexOf(", which a numeric column cannot hold");
        }
        if (cut < 0 || e.column() == null || !model.schema().types().containsKey(e.column())) {
            return e;
        }
        return new IllegalArgumentException(message.substring(0, cut) + ", but the model was trained with '"
                + e.column() + "' as a " + model.schema().types().get(e.column()) + " column; fix the value or leave"
                + " it empty (missing)", e);
    }

    /** Refuses a file without every column the model was trained on, naming those it lacks. */
    private static void checkColumns(Path data, List<String> columns, AutoMLModel model) {
        List<String> lacking = new ArrayList<>(model.schema().types().keySet());
        lacking.removeAll(new java.util.HashSet<>(columns)); // a set: wide files have thousands of columns
        if (!lacking.isEmpty()) {
            throw new IllegalArgumentException(data + " lacks the column" + (lacking.size() > 1 ? "s " : " ")
                    + lacking + " that the model was trained on; add " + (lacking.size() > 1 ? "them" : "it")
                    + " (the file has " + columns + ")");
        }
    }

    /**
     * The rows of {@code data} that {@code model} needs: its training columns with their training types (so a
     * categorical column of digits stays categorical), and {@code keep} (a target column, with the type the
     * reader infers) when not null; a CSV's other columns are not read, so nothing in them can stop the command.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static Table readForModel(Path data, AutoMLModel model, String encoding, List<String> missingValues, String keep)
            throws IOException {
        Table table;
        String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            table = new org.automl4j.data.io.ParquetReader().read(data);
            checkColumns(data, table.names(), model);
        } else if (name.endsWith(".arff")) {
            table = new ArffReader().read(data); // as fit reads it
            checkColumns(data, table.names(), model);
        } else {
            java.nio.charset.Charset charset = FitCommand.charset(encoding);
            List<String> columns = new CsvReader(CsvOptions.builder().encoding(charset).build()).columnNames(data);
            checkColumns(data, columns, model);
            List<String> unused = new ArrayList<>(columns);
            unused.removeAll(model.schema().types().keySet());
            if (keep != null) {
                unused.remove(keep);
            }
            if (unused.size() == columns.size()) {
                unused.clear(); // a model without features: keep the rows' count
            }
            try {
                table = new CsvReader(CsvOptions.builder().encoding(charset).types(model.schema().types())
                        .ignore(unused.toArray(String[]::new))
                        .missingMarkers(FitCommand.missingMarkers(missingValues).toArray(String[]::new)).build())
                        .read(data);
            } catch (DataFormatException e) {
                throw trainingType(e, model);
            }
        }
        return table;
    }

    @Override
    public Integer call() throws IOException {
        checkFile(modelFile, "model file");
        checkFile(data, "data file");
        FitCommand.checkWritable(out, "--out", "predictions.csv");
        AutoMLModel model = AutoMLModel.load(modelFile);
        Table table = readForModel(data, model, encoding, missingValues, null);
        // as H2O and scikit-learn's OneHotEncoder(handle_unknown="ignore") do, an unseen category is predicted as
        // a missing value; say so (on stderr, so the predictions on stdout stay clean)
        java.util.Map<String, Integer> unseen = model.schema().unknownLevelCounts(table);
        if (!unseen.isEmpty()) {
            List<String> parts = new ArrayList<>();
            unseen.forEach((column, rows) -> parts.add("'" + column + "' in " + rows + (rows == 1 ? " row" : " rows")));
            System.err.println("note: categories not seen in training are predicted as missing values: "
                    + String.join(", ", parts));
        }
        List<String> header = new ArrayList<>();
        header.add("prediction");
        if (model.task().isClassification()) {
            model.classes().forEach(c -> header.add("p_" + c));
        }
        // predicted before --out is opened, so a failure leaves an earlier file there as it was
        boolean classification = model.task().isClassification();
        double[][] p = classification ? model.predictProba(table) : null;
        List<String> labels = classification ? model.predictLabels(table) : null;
        double[] values = classification ? null : model.predictValues(table);
        Writer w = out == null ? new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                .get())) {
            if (classification) {
                for (int i = 0; i < p.length; i++) {
                    List<Object> row = new ArrayList<>();
                    row.add(labels.get(i));
                    for (double v : p[i]) {
                        row.add(String.format(Locale.ROOT, "%.6g", v));
                    }
                    csv.printRecord(row);
                }
            } else {
                for (double v : values) {
                    csv.printRecord(v);
                }
            }
        }
        if (out != null) {
            PrintStream o = System.err;
            o.println("wrote " + table.rowCount() + " predictions to " + out.toAbsolutePath());
        }
        return 0;
    }
}
