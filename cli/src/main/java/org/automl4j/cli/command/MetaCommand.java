package org.automl4j.cli.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.io.CsvReader;
import org.automl4j.meta.features.MetaFeatureVector;
import org.automl4j.meta.features.MetaFeatures;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.study.Direction;
import org.automl4j.tabular.AutoML;
import org.automl4j.tabular.AutoMLOptions;
import org.automl4j.tabular.AutoMLResult;
import org.automl4j.tabular.LeaderboardEntry;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code automl4j meta ...}: the meta-learning knowledge base. */
@Command(name = "meta", mixinStandardHelpOptions = true, description = "The meta-learning knowledge base: datasets'"
        + " meta-features and every pipeline evaluated on them.", subcommands = {MetaCommand.Build.class},
        footer = {"", "Examples:", "  ./automl4j meta build --datasets ../shared/datasets --time 60s",
                "  ./automl4j meta build --datasets my-csvs --target label --max-pipelines 50 --storage sqlite:kb.db"})
public final class MetaCommand implements Runnable {

    /** Prefix of the knowledge base's studies, one per dataset. */
    public static final String STUDY_PREFIX = "kb/";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "build", mixinStandardHelpOptions = true, description = {"Runs tabular AutoML on every CSV file of"
            + " --datasets and keeps, per dataset, a study named kb/<file name> with the meta-features (study"
            + " attribute meta_features) and one COMPLETE trial per evaluated pipeline (user attribute pipeline: the"
            + " point of the pipeline space; value: its validation score).",
            "Datasets already in the storage are skipped, so an interrupted build resumes."})
    static final class Build implements Callable<Integer> {
        @Option(names = "--datasets", required = true, description = "A folder of CSV files.")
        Path folder;

        @Option(names = "--target", defaultValue = "target", description = "The target column (default ${DEFAULT-VALUE}).")
        String target;

        @Option(names = "--time", defaultValue = "60s", description = "AutoML time per dataset (default ${DEFAULT-VALUE}).")
        String time;

        @Option(names = "--max-pipelines", defaultValue = "0", description = "Pipelines per dataset (0: only --time).")
        int maxPipelines;

        @Option(names = "--learners", split = ",", description = "Only these learners.")
        List<String> learners = new ArrayList<>();

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        StorageOption storage = new StorageOption();

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--datasets must be a folder of CSV files, but " + folder.toAbsolutePath()
                        + " is not a folder");
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .csv files in " + folder.toAbsolutePath());
            }
            Duration limit = FitCommand.parseDuration(time);
            PrintStream o = System.out;
            Storage st = storage.open();
            try {
                for (Path f : files) {
                    String name = STUDY_PREFIX + FitCommand.baseName(f);
                    if (st.findStudy(name).isPresent()) {
                        o.println(name + ": already in the knowledge base, skipped");
                        continue;
                    }
                    LabeledTable data = LabeledTable.of(new CsvReader().read(f), target);
                    MetaFeatureVector mf = MetaFeatures.compute(data, seed);
                    AutoMLResult r = AutoML.fit(data, new AutoMLOptions(limit, seed, data.task(), null, learners, 50, 0,
                            maxPipelines, List.of(), null, null, true), null);
                    List<FrozenTrial> trials = new ArrayList<>();
                    for (LeaderboardEntry e : r.leaderboard()) {
                        if (e.state().equals("COMPLETE")) {
                            trials.add(FrozenTrial.builder().state(TrialState.COMPLETE).values(e.score())
                                    .userAttr("pipeline", new LinkedHashMap<>(e.params()))
                                    .userAttr("learner", e.learner()).build());
                        }
                    }
                    st.createStudy(name, List.of(r.metric().greaterIsBetter() ? Direction.MAXIMIZE : Direction.MINIMIZE));
                    Map<String, Object> features = new LinkedHashMap<>();
                    mf.values().forEach((k, v) -> features.put(k, Double.isFinite(v) ? v : null));
                    st.setStudyUserAttr(name, "meta_features", features);
                    st.setStudyUserAttr(name, "task", data.task().name());
                    st.setStudyUserAttr(name, "metric", r.metric().id());
                    st.createTrials(name, trials);
                    o.printf(Locale.ROOT, "%s: %d rows, %d pipelines, best %s %.5f%n", name, data.rows(), trials.size(),
                            r.metric().id(), r.bestSingleScore());
                }
            } finally {
                Storages.close(st);
            }
            return 0;
        }
    }
}
