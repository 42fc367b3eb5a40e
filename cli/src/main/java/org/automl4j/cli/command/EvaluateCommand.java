package org.automl4j.cli.command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.automl4j.data.Table;
import org.automl4j.tabular.AutoMLModel;
import org.automl4j.tabular.ModelEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code automl4j evaluate}: a saved model scored on rows with their target. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores a model written by 'automl4j fit' on rows with their target (a test set): every metric"
                + " of its task and, for classification, the confusion matrix. Rows whose target is missing or a class"
                + " the model does not know are left out and counted."},
        footer = {"", "Examples:", "  ./automl4j evaluate automl4j-results/iris.automl4j examples/iris.csv",
                "  ./automl4j evaluate model.automl4j test.parquet"})
public final class EvaluateCommand implements Callable<Integer> {
    /** Confusion matrices of more classes than this are not printed (the metrics still are). */
    static final int MAX_MATRIX_CLASSES = 20;

    @Mixin
    LabeledRowsInput input = new LabeledRowsInput();

    @Override
    public Integer call() throws IOException {
        LabeledRowsInput.Loaded in = input.load();
        AutoMLModel model = in.model();
        Table table = in.table();
        ModelEvaluation e = ModelEvaluation.of(model, table);
        PrintStream o = System.out;
        o.printf(Locale.ROOT, "%s on %d rows%s (tuned for %s)%n", input.data.getFileName(), e.rows(),
                e.leftOut() > 0 ? ", " + e.leftOut() + " left out (target missing or an unknown class)" : "",
                e.metric().id());
        for (var s : e.scores().entrySet()) {
            o.printf(Locale.ROOT, "  %-18s %.6g%s%n", s.getKey().id(), s.getValue(),
                    s.getKey() == e.metric() ? "  <- tuned for" : "");
        }
        e.undefined().forEach((m, why) -> o.printf(Locale.ROOT, "  %-18s undefined: %s%n", m.id(), why));
        if (!e.classes().isEmpty() && e.classes().size() <= MAX_MATRIX_CLASSES) {
            o.println("confusion matrix (rows: true class, columns: predicted class):");
            int width = Math.max(6, e.classes().stream().mapToInt(String::length).max().orElse(6));
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", ""));
            e.classes().forEach(c -> head.append(String.format(Locale.ROOT, " %" + width + "s", c)));
            o.println(head);
            for (int t = 0; t < e.classes().size(); t++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", e.classes().get(t)));
                for (long v : e.confusion()[t]) {
                    row.append(String.format(Locale.ROOT, " %" + width + "d", v));
                }
                o.println(row);
            }
        }
        return 0;
    }
}
