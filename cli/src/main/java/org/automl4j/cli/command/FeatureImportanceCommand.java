package org.automl4j.cli.command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.automl4j.data.Table;
import org.automl4j.tabular.AutoMLModel;
import org.automl4j.tabular.FeatureImportance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/** {@code automl4j feature-importance}: which input columns a saved model relies on, by permutation. */
@Command(name = "feature-importance", mixinStandardHelpOptions = true,
        description = {"How much a model written by 'automl4j fit' relies on each input column: the loss of its metric"
                + " when the column's values are shuffled across the rows (permutation importance, as scikit-learn's"
                + " permutation_importance and AutoGluon's feature_importance), averaged over --repeats shuffles.",
                "The data must hold the target column; use rows the model was not fitted on (a test set) to see what it"
                        + " relies on for new data. Rows whose target is missing or a class the model does not know are"
                        + " left out."},
        footer = {"", "Examples:",
                "  ./automl4j feature-importance automl4j-results/iris.automl4j examples/iris.csv",
                "  ./automl4j feature-importance model.automl4j test.csv --repeats 10 --max-rows 2000 --seed 1"})
public final class FeatureImportanceCommand implements Callable<Integer> {

    @Option(names = "--repeats", defaultValue = "5", description = "Shuffles per column (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--max-rows", defaultValue = "5000", description = "Score a seeded sample of at most this many"
            + " rows (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the shuffles and the sample (default"
            + " ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    LabeledRowsInput input = new LabeledRowsInput();

    @Override
    public Integer call() throws IOException {
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, but got " + repeats);
        }
        if (maxRows < 2) {
            throw new IllegalArgumentException("--max-rows must be at least 2, but got " + maxRows);
        }
        LabeledRowsInput.Loaded in = input.load();
        AutoMLModel model = in.model();
        Table table = in.table();
        FeatureImportance.Result r = FeatureImportance.permutation(model, table, repeats, maxRows, seed);
        PrintStream o = System.out;
        o.printf(Locale.ROOT, "permutation importance: loss of %s when a column is shuffled (%d rows%s, %d shuffles"
                + " each, seed %d); %s without shuffling: %.6g%n", r.metric().id(), r.rows(),
                r.leftOut() > 0 ? ", " + r.leftOut() + " left out" : "", r.repeats(), seed, r.metric().id(), r.baseline());
        int width = Math.max(7, r.features().stream().mapToInt(e -> e.feature().length()).max().orElse(7));
        o.printf(Locale.ROOT, "%-" + width + "s  %12s  %12s%n", "feature", "importance", "stddev");
        for (FeatureImportance.Entry e : r.features()) {
            o.printf(Locale.ROOT, "%-" + width + "s  %12.6g  %12.6g%n", e.feature(), e.importance(), e.stddev());
        }
        return 0;
    }
}
