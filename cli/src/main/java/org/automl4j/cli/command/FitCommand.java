package org.automl4j.cli.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Table;
import org.automl4j.data.Task;
import org.automl4j.data.io.ArffReader;
import org.automl4j.data.io.CsvOptions;
import org.automl4j.data.io.CsvReader;
import org.automl4j.tabular.AutoML;
import org.automl4j.tabular.AutoMLOptions;
import org.automl4j.tabular.AutoMLResult;
import org.automl4j.tabular.LeaderboardEntry;
import org.automl4j.tabular.MetaLearning;
import org.automl4j.tabular.NoPipelineFinishedException;
import org.automl4j.meta.features.MetaFeatures;
import org.automl4j.meta.kb.DatasetEntry;
import org.automl4j.meta.kb.Evaluation;
import org.automl4j.meta.kb.KnowledgeBase;
import org.automl4j.meta.kb.KnowledgeBaseJson;
import org.automl4j.meta.kb.KnowledgeBaseStore;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code automl4j fit}: from a CSV or ARFF file to a tuned, ensembled, saved model. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fits a model predicting --target from the other columns of a CSV (or ARFF) file within"
                + " --time: preprocessing, learner choice and hyperparameters searched by cross-validation,"
                + " then an ensemble of the best pipelines refit on all rows.",
                "Prints the leaderboard and writes the model (one file) for 'automl4j predict'."},
        footer = {"", "Examples:", "  ./automl4j fit examples/iris.csv --target target --time 30s",
                "  ./automl4j fit adult.csv --target income --time 5m --metric roc_auc --out adult.automl4j",
                "  ./automl4j fit houses.csv --target price --categorical zip --ignore id --learners lightgbm,extra_trees",
                "  ./automl4j fit data.csv --target y --no-meta              # without meta-learning: learner defaults first",
                "  ./automl4j fit data.csv --target y --kb sqlite:kb.db --kb-record   # your own knowledge base, and add this run to it"})
public final class FitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA", description = "Training data: a .csv (header line, any of , ; tab |"
            + " as separator; empty fields and NA, N/A, n/a, #N/A, NaN, nan, null, NULL, ? are missing values), .arff"
            + " or .parquet file.")
    Path file;

    @Option(names = "--target", required = true, description = "The column to predict.")
    String target;

    @Option(names = "--time", defaultValue = "60s", description = "Time limit for the whole fit, e.g. 30s, 5m, 1h"
            + " (default ${DEFAULT-VALUE}).")
    String time;

    @Option(names = "--metric", description = "accuracy, balanced_accuracy, log_loss, roc_auc, f1_macro (classification);"
            + " rmse, mae, r2 (regression). Default: balanced_accuracy or rmse.")
    String metric;

    @Option(names = "--task", description = "binary, multiclass or regression (default: inferred from the target).")
    Task task;

    @Option(names = "--categorical", split = ",", description = "Columns to read as categorical even if they look numeric"
            + " (a name with a comma in double quotes: --categorical '\"a,b\",zip').")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--ignore", split = ",", description = "Columns to leave out (ids, leaks); a name with a comma in"
            + " double quotes, as for --categorical.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--encoding", description = "The CSV file's character set (default UTF-8), e.g. windows-1252 or"
            + " ISO-8859-1 for spreadsheet exports that are not UTF-8.")
    String encoding;

    @Option(names = "--missing-values", split = ",", paramLabel = "VALUES", description = "Values read as missing,"
            + " besides the empty field (default: NA, N/A, n/a, #N/A, NaN, nan, null, NULL, ?). Give your own list,"
            + " e.g. --missing-values=-999,unknown, or --missing-values= so that only empty fields are missing (a"
            + " category spelled NA then stays a category). Give predict the same list.")
    List<String> missingValues;

    @Option(names = "--learners", split = ",", description = "Only these learners (default: all that fit the task and"
            + " data size): lightgbm, lgbm_extra_trees, lgbm_rf, xgboost, logistic, linear, extra_trees, random_forest, knn,"
            + " svm, tree, mlp.")
    List<String> learners = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-pipelines", defaultValue = "0", description = "Stop the search after this many pipelines"
            + " (default: only --time stops it). With time to spare, the same seed then gives the same model.")
    int maxPipelines;

    @Option(names = "--out", description = "Model file (default: automl4j-results/<data name>.automl4j).")
    Path out;

    @Option(names = "--leaderboard", description = "Also write the leaderboard as CSV to this file.")
    Path leaderboard;

    @picocli.CommandLine.Mixin
    StorageOption storage = new StorageOption();

    @Option(names = "--study", paramLabel = "NAME", description = "Name of the study that keeps the search in the"
            + " storage (default: fit/<data name>/<date-time>); every pipeline is a trial, the leaderboard and the"
            + " ensemble are study attributes, so `studies show` and the dashboard can show the run.")
    String study;

    @Option(names = "--no-progress", description = "No progress bar (also off when the output is not a terminal).")
    boolean noProgress;

    @Option(names = "--meta", description = "Meta-learning (on by default; this flag is kept for scripts): evaluate"
            + " first what worked on similar datasets of the bundled knowledge base (or --kb), then search. Measured"
            + " against the search without it in bench/results/README.md.")
    boolean useMeta;

    @Option(names = "--no-stacking", description = "Always average the ensemble's pipelines by their selection"
            + " weights, never stack them under a linear meta-learner (a model to export with 'automl4j export --onnx'"
            + " must not stack).")
    boolean noStacking;

    @Option(names = "--no-meta", description = "No meta-learning: the search starts from each learner's default"
            + " pipeline.")
    boolean noMeta;

    @Option(names = "--kb", paramLabel = "URL|FILE", description = "The knowledge base to learn from instead of the"
            + " bundled one: a study storage (sqlite:kb.db, postgresql://...) holding kb/ studies from 'automl4j meta"
            + " build' or --kb-record, or a JSON file from 'automl4j meta export'; turns meta-learning on.")
    String kb;

    @Option(names = "--kb-record", description = "Add this run (the data's meta-features and every pipeline's score)"
            + " to the knowledge base in --kb (a storage URL), or in the default storage without --kb.")
    boolean kbRecord;

    @Option(names = "--shrink-space", description = "Search, after the first pipelines, in a space narrowed by what"
            + " mattered on similar datasets (PED-ANOVA importance): unimportant hyperparameters fixed at the"
            + " neighbours' best values, important ones kept within the range good pipelines used; turns meta-learning on.")
    boolean shrinkSpace;

    @Override
    public Integer call() throws IOException {
        Duration limit = parseDuration(time);
        categorical = unquoted(categorical);
        ignore = unquoted(ignore);
        checkWritable(out, "--out");
        checkWritable(leaderboard, "--leaderboard");
        if (ignore.contains(target)) {
            throw new IllegalArgumentException("the target column '" + target + "' is also in --ignore " + String.join(
                    ",", ignore) + "; remove it from --ignore (the target is never used as a feature)");
        }
        Table table = read(file, categorical, ignore, charset(encoding), missingMarkers(missingValues));
        List<String> empty = emptyColumns(table, target);
        if (!empty.isEmpty()) {
            table = table.dropColumns(new java.util.HashSet<>(empty));
        }
        LabeledTable data = task == null ? LabeledTable.of(table, target) : LabeledTable.of(table, target, task);
        if (data.features().columnCount() == 0) {
            throw new IllegalArgumentException(file + " has no column to predict '" + target + "' from"
                    + (ignore.isEmpty() ? "" : " once --ignore " + String.join(",", ignore) + " is left out")
                    + "; keep at least one feature column besides the target");
        }
        PrintStream o = System.out;
        o.printf(Locale.ROOT, "automl4j fit: %s, %d rows, %d features, target '%s' (%s%s), time limit %s%n",
                file.getFileName(), data.rows(), data.features().columnCount(), target,
                data.task().name().toLowerCase(Locale.ROOT),
                data.task().isClassification() ? ", " + data.classCount() + " classes" : "", time);
        if (!empty.isEmpty()) {
            o.println("  note: column" + (empty.size() > 1 ? "s " : " ") + String.join(", ", empty) + " ha"
                    + (empty.size() > 1 ? "ve" : "s") + " no values and " + (empty.size() > 1 ? "are" : "is")
                    + " left out, so predict does not need " + (empty.size() > 1 ? "them" : "it"));
        }
        for (String note : identifiers(data.features())) {
            o.println("  note: " + note);
        }
        for (String note : commaNumbers(table)) {
            o.println("  note: " + note);
        }
        for (String note : strayWords(table)) {
            o.println("  note: " + note);
        }
        if (task == null) {
            wholeNumberClasses(data).ifPresent(note -> o.println("  note: " + note));
        }
        constantFeatures(data).ifPresent(note -> o.println("  note: " + note));
        if (data.droppedRows() > 0) {
            o.printf(Locale.ROOT, "  %d rows with a missing target were left out%n", data.droppedRows());
        }
        if (noMeta && (useMeta || kb != null || shrinkSpace)) {
            throw new IllegalArgumentException("--no-meta turns meta-learning off; leave out --meta, --kb and"
                    + " --shrink-space with it");
        }
        if (kbRecord && kb != null && isJsonFile(kb)) {
            throw new IllegalArgumentException("--kb-record adds to a study storage, but --kb names the JSON file " + kb
                    + "; give a storage URL such as sqlite:kb.db");
        }
        boolean metaOn = !noMeta;
        MetaLearning meta = metaOn ? MetaLearning.on().withShrinkSpace(shrinkSpace) : MetaLearning.off();
        if (kb != null) {
            KnowledgeBase base = readKnowledgeBase(kb);
            if (base.isEmpty()) {
                throw new IllegalArgumentException(isJsonFile(kb)
                        ? "--kb " + kb + " is a knowledge-base file with no dataset; build one with: ./automl4j meta"
                                + " build --datasets DIR --out " + kb
                        : "--kb " + kb + " holds no knowledge base (no kb/ study with meta-features); build one with:"
                                + " ./automl4j meta build --datasets DIR --storage " + kb);
            }
            meta = meta.withKnowledgeBase(base);
        }
        String studyName = study != null ? study : "fit/" + baseName(file) + "/"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Storage store = storage.open();
        try {
            if (study == null) { // two fits of one file within a second: number the default name
                String base = studyName;
                for (int n = 2; store.findStudy(studyName).isPresent(); n++) {
                    studyName = base + "-" + n;
                }
            }
            AutoMLOptions options = new AutoMLOptions(limit, seed, data.task(), metric, learners, 50, 0, maxPipelines,
                    List.of(), store, studyName, true, meta, !noStacking);
            try {
                return fit(data, options, o);
            } catch (NoPipelineFinishedException e) {
                if (e.failedPipelines() > 0) {
                    throw e;
                }
                throw new IllegalArgumentException(e.getMessage() + " with --time, e.g. --time "
                        + Math.max(30, 4 * Math.max(1, limit.toSeconds())) + "s", e);
            }
        } finally {
            Storages.close(store);
        }
    }

    private int fit(LabeledTable data, AutoMLOptions options, PrintStream o) throws IOException {
        Duration limit = options.timeLimit();
        AtomicInteger tried = new AtomicInteger();
        AutoMLResult result;
        boolean bars = !noProgress && System.console() != null;
        if (bars) {
            long total = Math.max(1, limit.toSeconds());
            long t0 = System.nanoTime();
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("search").setInitialMax(total).setUnit("s", 1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                    .setMaxRenderedLength(110).build()) {
                result = AutoML.fit(data, options, (s, t) -> {
                    tried.incrementAndGet();
                    bar.stepTo(Math.min(total, (System.nanoTime() - t0) / 1_000_000_000L));
                    String best = s.bestTrial().map(b -> String.format(Locale.ROOT, "%.4f", b.value())).orElse("-");
                    bar.setExtraMessage(" models " + tried.get() + ", best " + best);
                });
                bar.stepTo(total);
            }
        } else {
            result = AutoML.fit(data, options, (s, t) -> {
                int n = tried.incrementAndGet();
                if (n % 10 == 0) {
                    o.printf(Locale.ROOT, "  %d pipelines tried%n", n);
                }
            });
        }
        o.println();
        if (options.meta().enabled()) {
            o.println(result.metaLearning());
        }
        o.print(result.leaderboardTable(15));
        o.printf(Locale.ROOT, "%nvalidation %s: ensemble %s, best single pipeline %s (%d pipelines in %.1f s)%n",
                result.metric().id(), score(result.ensembleScore()), score(result.bestSingleScore()), result.trials(),
                result.seconds());
        o.println("time by stage: " + result.stagesLine());
        Path modelFile = out != null ? out : Path.of("automl4j-results", baseName(file) + ".automl4j");
        result.model().save(modelFile);
        if (storage.url.strip().startsWith("memory")) {
            o.println("search kept in memory only, gone when this command ends (--storage sqlite:FILE keeps it)");
        } else {
            o.println("search kept as study '" + options.studyName() + "' in " + storage.url
                    + " (see it with: ./automl4j studies show '" + options.studyName() + "' --storage " + storage.url
                    + ")");
        }
        o.println("model written to " + modelFile.toAbsolutePath() + " (predict with: ./automl4j predict "
                + modelFile + " DATA.csv)");
        if (leaderboard != null) {
            if (leaderboard.toAbsolutePath().getParent() != null) {
                Files.createDirectories(leaderboard.toAbsolutePath().getParent());
            }
            Files.writeString(leaderboard, result.leaderboardCsv(), StandardCharsets.UTF_8);
            o.println("leaderboard written to " + leaderboard.toAbsolutePath());
        }
        if (kbRecord) {
            String url = kb != null ? kb : storage.url;
            Storage st = Storages.open(url);
            try {
                List<Evaluation> evals = new ArrayList<>();
                for (LeaderboardEntry e : result.leaderboard()) {
                    evals.add(new Evaluation(e.params(), e.state().equals("COMPLETE") ? e.score() : Double.NaN,
                            e.fitSeconds()));
                }
                String kbStudy = KnowledgeBaseStore.write(st, new DatasetEntry(baseName(file), data.task(),
                        result.metric().id(), result.metric().greaterIsBetter(), MetaFeatures.compute(data, 0), evals));
                o.println("knowledge base: this run recorded as study " + kbStudy + " in " + url);
            } finally {
                Storages.close(st);
            }
        }
        return 0;
    }

    private static boolean isJsonFile(String s) {
        return s.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** A knowledge base from a JSON file or a storage URL. */
    static KnowledgeBase readKnowledgeBase(String where) throws IOException {
        if (isJsonFile(where)) {
            return KnowledgeBaseJson.read(Path.of(where));
        }
        Storage st = Storages.open(where);
        try {
            return KnowledgeBaseStore.read(st);
        } finally {
            Storages.close(st);
        }
    }

    /**
     * Fails before any work when {@code file} (the value of {@code flag}; null when not given) cannot be
     * written: it is a folder, or a file stands where one of its folders should be.
     */
    static void checkWritable(Path file, String flag) {
        checkWritable(file, flag, "out" + (flag.equals("--leaderboard") ? ".csv" : ".automl4j"));
    }

    /**
     * Checks that {@code file}, given with {@code flag}, can be written: not a folder (the message suggests
     * {@code exampleName} in it), no file in place of one of its folders, its nearest existing folder writable.
     *
     * @throws IllegalArgumentException saying which of these is wrong
     */
    static void checkWritable(Path file, String flag, String exampleName) {
        if (file == null) {
            return;
        }
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(flag + " " + file + " is a folder; give a file name, e.g. "
                    + abs.resolve(exampleName));
        }
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException(flag + " " + file + " cannot be written: " + p
                            + " is a file, not a folder; choose another path");
                }
                if (!Files.isWritable(p) || !acceptsNewFiles(p)) {
                    throw new IllegalArgumentException(flag + " " + file + " cannot be written: the folder " + p
                            + " is not writable; choose another path");
                }
                return;
            }
        }
    }

    /**
     * Fails before any work when the folder {@code dir} (the value of {@code flag}; null when not given) cannot be
     * made or written: a file stands where it or one of its parent folders should be, or its nearest existing
     * folder is not writable. A folder that does not exist yet is fine: the command makes it.
     *
     * @throws IllegalArgumentException saying which of these is wrong
     */
    static void checkWritableFolder(Path dir, String flag) {
        if (dir == null) {
            return;
        }
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException(flag + " " + dir + " cannot be made: " + p
                            + " is a file, not a folder; choose another path");
                }
                if (!Files.isWritable(p) || !acceptsNewFiles(p)) {
                    throw new IllegalArgumentException(flag + " " + dir + " cannot be written: the folder " + p
                            + " is not writable; choose another path");
                }
                return;
            }
        }
    }

    /**
     * Whether a file can be made in the existing folder {@code dir}: makes and deletes an empty one. Permissions
     * alone do not say it for root, for whom a read-only or virtual file system (such as /proc) looks writable.
     */
    private static boolean acceptsNewFiles(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".automl4j-write-check-", ".tmp"));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A validation score: five decimals, or five significant digits for a large one (an RMSE of 3e12). */
    static String score(double v) {
        return String.format(Locale.ROOT, Math.abs(v) < 1e6 ? "%.5f" : "%.5g", v);
    }

    /**
     * The columns besides the target without a single value: they carry nothing to learn, and kept in the
     * model's schema they would make predict require them with their (guessed) type. None when every
     * feature column is empty (the fit then explains that there is nothing to learn from).
     */
    static List<String> emptyColumns(Table table, String target) {
        List<String> empty = new ArrayList<>();
        for (String name : table.names()) {
            if (!name.equals(target) && table.column(name).missingCount() == table.rowCount()) {
                empty.add(name);
            }
        }
        boolean targetPresent = table.names().contains(target);
        return empty.size() == table.columnCount() - (targetPresent ? 1 : 0) ? List.of() : empty;
    }

    /**
     * Column names from a comma-split option with the double quotes around an item removed: picocli does not split
     * inside quotes but keeps them, so {@code "a,b",zip} names the columns {@code a,b} and {@code zip}.
     */
    static List<String> unquoted(List<String> names) {
        return names.stream().map(n -> n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")
                ? n.substring(1, n.length() - 1) : n).toList();
    }

    /** Reads a CSV or ARFF file with the column options. */
    static Table read(Path file, List<String> categorical, List<String> ignore) {
        return read(file, categorical, ignore, StandardCharsets.UTF_8);
    }

    /** The charset named by {@code --encoding}, UTF-8 when null. */
    static java.nio.charset.Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return java.nio.charset.Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--encoding " + name + " is not a character set this Java knows; use"
                    + " for example UTF-8, windows-1252 or ISO-8859-1");
        }
    }

    /**
     * The CSV missing-value markers of {@code --missing-values}: {@link CsvOptions#COMMON_MISSING_MARKERS} when the
     * option is absent, else its values without blanks (the empty field is always missing), so an empty option means
     * "only empty fields".
     */
    static List<String> missingMarkers(List<String> option) {
        if (option == null) {
            return CsvOptions.COMMON_MISSING_MARKERS;
        }
        return option.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }

    /** Reads a CSV (in {@code encoding}), ARFF or Parquet file with the column options and the common markers. */
    static Table read(Path file, List<String> categorical, List<String> ignore, java.nio.charset.Charset encoding) {
        return read(file, categorical, ignore, encoding, CsvOptions.COMMON_MISSING_MARKERS);
    }

    /**
     * Reads a CSV (in {@code encoding}, with {@code missing} read as missing values besides the empty field), ARFF
     * or Parquet file with the column options.
     */
    static Table read(Path file, List<String> categorical, List<String> ignore, java.nio.charset.Charset encoding,
            List<String> missing) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " is a folder; give the data file (.csv, .arff"
                    + " or .parquet) in it");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file.toAbsolutePath());
        }
        // for every format alike: ARFF dropped the ignored column first and then said the file had no such column,
        // Parquet said it "is not a column of the file", though both name it
        for (String c : categorical) {
            if (ignore.contains(c)) {
                throw new IllegalArgumentException("--categorical and --ignore both name the column '" + c + "' of "
                        + file.getFileName() + "; keep it in only one (--ignore leaves it out, --categorical reads"
                        + " it as categories)");
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Table t;
        if (name.endsWith(".parquet")) {
            t = new org.automl4j.data.io.ParquetReader(new java.util.HashSet<>(categorical), new java.util.HashSet<>(ignore))
                    .read(file);
        } else if (name.endsWith(".arff")) {
            t = new ArffReader().read(file);
            if (!ignore.isEmpty()) {
                t = t.dropColumns(new java.util.HashSet<>(ignore));
            }
            // ARFF declares each attribute's type; --categorical turns a NUMERIC one (codes, say) categorical, as
            // it does for CSV and Parquet, by each value's text
            for (String c : categorical) {
                if (t.find(c).isEmpty()) {
                    throw new IllegalArgumentException("--categorical " + c + ": no such column in " + file.getFileName()
                            + "; its columns are " + t.names());
                }
                org.automl4j.data.Column col = t.column(c);
                if (col.type() == org.automl4j.data.ColumnType.NUMERIC) {
                    List<String> texts = new java.util.ArrayList<>(col.size());
                    for (int i = 0; i < col.size(); i++) {
                        texts.add(col.isMissing(i) ? null : col.text(i));
                    }
                    t = t.with(org.automl4j.data.CategoricalColumn.of(c, texts));
                }
            }
        } else {
            t = new CsvReader(CsvOptions.builder().encoding(encoding).categorical(categorical.toArray(String[]::new))
                    .missingMarkers(missing.toArray(String[]::new))
                    .ignore(ignore.toArray(String[]::new)).build()).read(file);
        }
        return t;
    }

    /**
     * One note per categorical column that is numeric but for a few values (at most 1% of its present
     * values, and at least 10 numbers): a stray word turns a numeric column into a categorical one, which
     * the fit then treats very differently, so the user hears of it and of where the word is.
     */
    static List<String> strayWords(Table table) {
        List<String> notes = new ArrayList<>();
        for (String name : table.names()) {
            if (!(table.column(name) instanceof org.automl4j.data.CategoricalColumn c)) {
                continue;
            }
            boolean[] number = new boolean[c.levels().size()];
            for (int k = 0; k < number.length; k++) {
                number[k] = isNumber(c.levels().get(k));
            }
            int numbers = 0;
            int words = 0;
            int firstWordRow = -1;
            for (int i = 0; i < c.size(); i++) {
                if (c.isMissing(i)) {
                    continue;
                }
                if (number[c.code(i)]) {
                    numbers++;
                } else {
                    words++;
                    firstWordRow = firstWordRow < 0 ? i : firstWordRow;
                }
            }
            if (words > 0 && numbers >= 10 && words * 100 <= numbers + words) {
                notes.add(String.format(Locale.ROOT, "column '%s' is read as categorical because %d of its values"
                        + " %s not a number ('%s' in data row %d, not counting the header); if the column is numeric,"
                        + " fix %s or leave %s empty (missing)", name, words, words == 1 ? "is" : "are",
                        c.level(firstWordRow), firstWordRow + 1, words == 1 ? "it" : "them",
                        words == 1 ? "it" : "them"));
            }
        }
        return notes;
    }

    /**
     * One note per categorical feature with a different value in every row (at least 20 rows): most likely
     * an identifier, which can only teach the search to memorise rows, so the user hears of {@code --ignore}.
     */
    /**
     * A note when a target inferred as regression holds only whole numbers, more distinct ones than class
     * inference takes (10) but each seen on average at least twice: such codes may be classes (60 product
     * categories numbered 0..59), which only {@code --task multiclass} makes them.
     */
    static java.util.Optional<String> wholeNumberClasses(LabeledTable data) {
        if (data.task() != Task.REGRESSION) {
            return java.util.Optional.empty();
        }
        java.util.TreeSet<Double> distinct = new java.util.TreeSet<>();
        for (double v : data.y()) {
            if (v != Math.rint(v) || Math.abs(v) > 1e9) {
                return java.util.Optional.empty();
            }
            distinct.add(v);
        }
        if (distinct.size() > 100 || distinct.size() * 2 > data.rows()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "the target '%s' holds %d different whole numbers"
                + " (%d to %d) and is predicted as a number (regression); if they are class labels, give --task"
                + " multiclass", data.targetName(), distinct.size(), distinct.first().longValue(),
                distinct.last().longValue()));
    }

    /**
     * A note when no feature varies (each holds one value, missing cells aside): the fit then learns
     * nothing from them and predicts the same for every row.
     */
    static java.util.Optional<String> constantFeatures(LabeledTable data) {
        for (String name : data.features().names()) {
            org.automl4j.data.Column c = data.features().column(name);
            java.util.Set<String> values = new java.util.HashSet<>();
            for (int i = 0; i < c.size() && values.size() < 2; i++) {
                if (!c.isMissing(i)) {
                    values.add(c.text(i));
                }
            }
            if (values.size() > 1) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of("no feature column varies (each holds a single value), so the model cannot"
                + " tell rows apart and predicts the same for all; check that the right file and columns are read");
    }

    static List<String> identifiers(Table features) {
        List<String> notes = new ArrayList<>();
        for (String name : features.names()) {
            if (features.column(name) instanceof org.automl4j.data.CategoricalColumn c && c.missingCount() == 0
                    && c.size() >= 20 && java.util.Arrays.stream(c.levelCounts()).allMatch(k -> k == 1)) {
                notes.add("column '" + name + "' has a different value in every row ('" + c.level(0) + "', '"
                        + c.level(1) + "', ...), like an identifier; if it is one, leave it out with --ignore " + name);
            }
        }
        return notes;
    }

    private static final java.util.regex.Pattern COMMA_NUMBER =
            java.util.regex.Pattern.compile("[-+]?(\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d*,\\d+)");

    /**
     * One note per categorical column whose levels are all numbers, some written with a decimal comma or
     * thousands separators ({@code 0,5}, {@code 12,345}): such a column reads as categorical, one level
     * per number, which the fit treats very differently from a numeric one.
     */
    static List<String> commaNumbers(Table table) {
        List<String> notes = new ArrayList<>();
        for (String name : table.names()) {
            if (!(table.column(name) instanceof org.automl4j.data.CategoricalColumn c)) {
                continue;
            }
            String example = null;
            boolean allNumbers = true;
            for (String level : c.levels()) {
                if (COMMA_NUMBER.matcher(level).matches()) {
                    example = example == null ? level : example;
                } else if (!isNumber(level)) {
                    allNumbers = false;
                    break;
                }
            }
            if (allNumbers && example != null) {
                notes.add("column '" + name + "' is read as categorical because its values are numbers written"
                        + " with commas ('" + example + "'); if the column is numeric, write them with a decimal point"
                        + " and without thousands separators");
            }
        }
        return notes;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** {@code 90}, {@code 90s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT5M}, the value of {@code --time}. */
    static Duration parseDuration(String s) {
        return parseDuration(s, "--time");
    }

    /** {@code 90}, {@code 90s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT5M}; errors name {@code flag}. */
    static Duration parseDuration(String s, String flag) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else {
                char unit = t.charAt(t.length() - 1);
                if (!Character.isDigit(unit) && unit != 's' && unit != 'm' && unit != 'h' && unit != '.') {
                    throw new IllegalArgumentException(flag + " takes a number with the unit s, m or h (or ms), such"
                            + " as 30s, 5m or 1h, but got '" + s + "'");
                }
                String num = Character.isDigit(unit) || unit == '.' ? t : t.substring(0, t.length() - 1);
                double v = Double.parseDouble(num);
                d = switch (unit) {
                    case 'h' -> Duration.ofMillis((long) (v * 3_600_000));
                    case 'm' -> Duration.ofMillis((long) (v * 60_000));
                    default -> Duration.ofMillis((long) (v * 1000));
                };
            }
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(flag + " must be positive, but got '" + s + "'");
            }
            return d;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith(flag)) {
                throw iae;
            }
            throw new IllegalArgumentException(flag + " takes a duration such as 30s, 5m or 1h, but got '" + s + "'");
        }
    }
}
