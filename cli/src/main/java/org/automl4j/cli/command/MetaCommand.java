package org.automl4j.cli.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.Task;
import org.automl4j.data.io.CsvReader;
import org.automl4j.data.metrics.Metric;
import org.automl4j.learners.Learner;
import org.automl4j.learners.Learners;
import org.automl4j.meta.features.MetaFeatureVector;
import org.automl4j.meta.features.MetaFeatures;
import org.automl4j.meta.kb.DatasetEntry;
import org.automl4j.meta.kb.DatasetVariants;
import org.automl4j.meta.kb.Evaluation;
import org.automl4j.meta.kb.KnowledgeBase;
import org.automl4j.meta.kb.KnowledgeBaseJson;
import org.automl4j.meta.kb.KnowledgeBaseStore;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.tabular.AutoML;
import org.automl4j.tabular.AutoMLOptions;
import org.automl4j.tabular.AutoMLResult;
import org.automl4j.tabular.LeaderboardEntry;
import org.automl4j.tabular.MetaLearning;
import org.automl4j.tabular.pipeline.PipelineSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code automl4j meta ...}: the meta-learning knowledge base. */
@Command(name = "meta", mixinStandardHelpOptions = true, description = "The meta-learning knowledge base: datasets'"
        + " meta-features and every pipeline evaluated on them.", subcommands = {MetaCommand.Build.class,
                MetaCommand.Export.class},
        footer = {"", "Examples:",
                "  ./automl4j meta build --datasets ../shared/datasets --candidates 120 --time 240s \\",
                "      --storage sqlite:automl4j-results/kb.db --out meta/src/main/resources/org/automl4j/meta/kb/default-kb.json",
                "  ./automl4j meta build --datasets my-csvs --target label --max-pipelines 50 --storage sqlite:kb.db",
                "  ./automl4j meta build --datasets ../shared/datasets --tuned 3 --base old-kb.json --time 600s \\",
                "      --storage sqlite:kb2.db --out kb2.json",
                "  ./automl4j meta export --storage sqlite:kb.db --out my-kb.json"})
public final class MetaCommand implements Runnable {

    /** Prefix of the knowledge base's studies, one per dataset. */
    public static final String STUDY_PREFIX = KnowledgeBaseStore.STUDY_PREFIX;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "build", mixinStandardHelpOptions = true, description = {"Builds a knowledge base from every CSV"
            + " file of --datasets: per dataset a study kb/<file name> with the meta-features (study attribute"
            + " meta_features) and one trial per evaluated pipeline (user attribute pipeline: the point of the"
            + " pipeline space; value: its validation score).",
            "Without --candidates, a tabular AutoML search per dataset (--time, --max-pipelines) supplies the"
            + " pipelines. With --candidates N, the same candidates (each learner's default pipeline, then N"
            + " pipelines drawn at random from the space of all learners) are scored on every dataset, in that"
            + " order, until --time per dataset is used: a pipeline x dataset score matrix for the portfolio and"
            + " the pairwise ranker. --tuned K first searches every dataset and adds each one's K best pipelines"
            + " to the shared candidates (after the defaults), marked with their origin so that leave-one-dataset-out"
            + " drops them with their dataset; --base FILE extends an earlier knowledge base instead of starting"
            + " over.",
            "Datasets already in the storage are skipped, so an interrupted build resumes. --out also writes the"
            + " whole knowledge base as one JSON file (the format of the bundled default)."})
    static final class Build implements Callable<Integer> {
        @Option(names = "--datasets", required = true, description = "A folder of CSV files.")
        Path folder;

        @Option(names = "--target", defaultValue = "target", description = "The target column (default ${DEFAULT-VALUE}).")
        String target;

        @Option(names = "--time", defaultValue = "60s", description = "Time per dataset (default ${DEFAULT-VALUE}).")
        String time;

        @Option(names = "--max-pipelines", defaultValue = "0", description = "Pipelines per dataset of the AutoML search"
                + " (0: only --time); not with --candidates.")
        int maxPipelines;

        @Option(names = "--candidates", defaultValue = "0", description = "Score the learners' defaults and this many"
                + " random pipelines, the same on every dataset (default ${DEFAULT-VALUE}: an AutoML search instead).")
        int candidates;

        @Option(names = "--tuned", defaultValue = "0", description = "Shared candidates from searches: first run an AutoML search of"
                + " --tuned-pipelines pipelines on every dataset, keep all its evaluations in that dataset's entry, and add"
                + " each dataset's best N pipelines to the shared candidates, so that they are scored on every other"
                + " dataset too (auto-sklearn 2.0's portfolio candidates; default ${DEFAULT-VALUE}: none).")
        int tuned;

        @Option(names = "--tuned-pipelines", defaultValue = "50", description = "Pipelines of each --tuned search"
                + " (default ${DEFAULT-VALUE}; --time bounds it too).")
        int tunedPipelines;

        @Option(names = "--base", description = "An existing knowledge-base JSON to extend: a dataset it knows keeps its"
                + " meta-features and evaluations, and only the shared candidates it lacks are scored (with --candidates 0:"
                + " the learners' defaults and the --tuned pipelines).")
        Path base;

        @Option(names = "--derive", defaultValue = "0", description = "Also add this many datasets derived from each"
                + " one (<name>~1, ...): random subsamples of its rows (stratified by class) and of at least half its"
                + " columns, scored like the others and never searched, to widen a knowledge base of few datasets;"
                + " leave-one-dataset-out drops them with their source (default ${DEFAULT-VALUE}).")
        int derive;

        @Option(names = "--derive-rows", defaultValue = "100-1000", description = "Row range of the derived datasets,"
                + " MIN-MAX, drawn log-uniformly and capped at the source's rows (default ${DEFAULT-VALUE}).")
        String deriveRowsText;

        int[] deriveRows;

        @Option(names = "--learners", split = ",", description = "Only these learners.")
        List<String> learners = new ArrayList<>();

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", description = "Also write the whole knowledge base of the storage to this JSON file.")
        Path out;

        @Mixin
        StorageOption storage = new StorageOption();

        @Override
        public Integer call() throws Exception {
            FitCommand.checkWritable(out, "--out", "kb.json"); // before the searches, not after them
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--datasets must be a folder of CSV files, but " + folder.toAbsolutePath()
                        + " is not a folder");
            }
            if (candidates < 0) {
                throw new IllegalArgumentException("--candidates must be >= 0, but got " + candidates);
            }
            if (candidates > 0 && maxPipelines > 0) {
                throw new IllegalArgumentException("--max-pipelines applies to the AutoML search; with --candidates the"
                        + " candidates and --time bound the work");
            }
            if (tuned < 0 || tunedPipelines < 1) {
                throw new IllegalArgumentException("--tuned must be >= 0 and --tuned-pipelines >= 1, but got " + tuned
                        + " and " + tunedPipelines);
            }
            if (base != null && maxPipelines > 0) {
                throw new IllegalArgumentException("--base extends a knowledge base of shared candidates; --max-pipelines"
                        + " applies to the plain AutoML search mode (no --candidates, --tuned or --base)");
            }
            if (derive < 0) {
                throw new IllegalArgumentException("--derive must be >= 0, but got " + derive);
            }
            deriveRows = parseRange(deriveRowsText);
            KnowledgeBase baseKb = base == null ? null : KnowledgeBaseJson.read(base);
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .csv files in " + folder.toAbsolutePath());
            }
            Duration limit = FitCommand.parseDuration(time);
            PrintStream o = System.out;
            long t0 = System.nanoTime();
            Storage st = storage.open();
            try {
                Map<String, DatasetEntry> searched = tuned > 0 ? tunedSearches(files, st, baseKb, limit, o)
                        : Map.of();
                List<Evaluation> tops = new ArrayList<>();
                searched.forEach((name, d) -> tops.addAll(best(d, tuned)));
                for (Path f : files) {
                    String name = FitCommand.baseName(f);
                    LabeledTable[] data = {null}; // read once, when the dataset or one of its variants needs it
                    java.util.function.Supplier<LabeledTable> read = () -> data[0] != null ? data[0]
                            : (data[0] = readDataset(f));
                    add(st, name, read, "", baseKb, searched, tops, limit, o);
                    if (derive > 0) {
                        for (DatasetVariants.Variant v : DatasetVariants.of(name, read.get(), derive, deriveRows[0],
                                deriveRows[1], seed ^ name.hashCode())) {
                            add(st, v.name(), v::data, name, baseKb, searched, tops, limit, o);
                        }
                    }
                }
                o.printf(Locale.ROOT, "knowledge base built in %.0f s%n", (System.nanoTime() - t0) / 1e9);
                if (out != null) {
                    KnowledgeBase kb = KnowledgeBaseStore.read(st);
                    KnowledgeBaseJson.write(kb, provenance(), out);
                    o.println("knowledge base of " + kb.datasets().size() + " datasets written to " + out.toAbsolutePath());
                }
            } finally {
                Storages.close(st);
            }
            return 0;
        }

        /** Scores or searches one dataset (or a variant derived from {@code derivedFrom}) into the storage. */
        private void add(Storage st, String name, java.util.function.Supplier<LabeledTable> read, String derivedFrom,
                KnowledgeBase baseKb, Map<String, DatasetEntry> searched, List<Evaluation> tops, Duration limit,
                PrintStream o) {
            if (st.findStudy(STUDY_PREFIX + name).isPresent()) {
                o.println(STUDY_PREFIX + name + ": already in the knowledge base, skipped");
                return;
            }
            long d0 = System.nanoTime();
            LabeledTable data = read.get();
            DatasetEntry known = baseKb == null ? null : baseKb.find(name).orElse(null);
            MetaFeatureVector mf = known != null ? known.metaFeatures() : MetaFeatures.compute(data, seed);
            DatasetEntry entry = shared()
                    ? scoreCandidates(name, data, mf, limit, known, searched.containsKey(name)
                            ? searched.get(name).evaluations() : List.of(), tops)
                    : search(name, data, mf, limit, maxPipelines);
            if (!derivedFrom.isEmpty()) {
                entry = new DatasetEntry(entry.name(), entry.task(), entry.metric(), entry.greaterIsBetter(),
                        entry.metaFeatures(), entry.evaluations(), derivedFrom);
            }
            KnowledgeBaseStore.write(st, entry);
            long scored = entry.evaluations().stream().filter(Evaluation::scored).count();
            Optional<Evaluation> best = entry.ranked().stream().findFirst();
            o.printf(Locale.ROOT, "%s%s: %d rows, %d pipelines (%d scored), best %s %s, %.0f s%n", STUDY_PREFIX,
                    name, data.rows(), entry.evaluations().size(), scored, entry.metric(),
                    best.map(e -> String.format(Locale.ROOT, "%.5f (%s)", e.score(), e.learner())).orElse("-"),
                    (System.nanoTime() - d0) / 1e9);
        }

        private Map<String, Object> provenance() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("command", "./automl4j meta build --datasets " + folder + " --target " + target + " --time " + time
                    + (shared() ? " --candidates " + candidates : " --max-pipelines " + maxPipelines)
                    + (tuned > 0 ? " --tuned " + tuned + " --tuned-pipelines " + tunedPipelines : "")
                    + (base == null ? "" : " --base " + base)
                    + (derive > 0 ? " --derive " + derive + " --derive-rows " + deriveRowsText : "")
                    + (learners.isEmpty() ? "" : " --learners " + String.join(",", learners)) + " --seed " + seed
                    + " --storage " + storage.url + " --out " + out);
            p.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
            p.put("automl4j", org.automl4j.tabular.Provenance.VERSION);
            p.put("contents", "derived numbers only: meta-features and cross-validated scores of pipelines; no data rows");
            return p;
        }

        /** {@code MIN-MAX} rows, 1 <= MIN <= MAX. */
        static int[] parseRange(String text) {
            String[] parts = text.trim().split("-");
            try {
                if (parts.length == 2) {
                    int lo = Integer.parseInt(parts[0].trim());
                    int hi = Integer.parseInt(parts[1].trim());
                    if (lo >= 1 && hi >= lo) {
                        return new int[] {lo, hi};
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--derive-rows must be MIN-MAX with 1 <= MIN <= MAX (e.g. 100-1000), but got '"
                    + text + "'");
        }

        /** Whether the build scores shared candidates (defaults, tuned, random) on every dataset. */
        private boolean shared() {
            return candidates > 0 || tuned > 0 || base != null;
        }

        /** An AutoML search; every finished pipeline with its score. */
        private DatasetEntry search(String name, LabeledTable data, MetaFeatureVector mf, Duration limit, int pipelines) {
            AutoMLResult r = AutoML.fit(data, new AutoMLOptions(limit, seed, data.task(), null, learners, 0, 0,
                    pipelines, List.of(), null, null, true, MetaLearning.off()), null);
            List<Evaluation> evals = new ArrayList<>();
            for (LeaderboardEntry e : r.leaderboard()) {
                evals.add(new Evaluation(e.params(), e.state().equals("COMPLETE") ? e.score() : Double.NaN,
                        e.fitSeconds(), name));
            }
            return new DatasetEntry(name, data.task(), r.metric().id(), r.metric().greaterIsBetter(), mf, evals);
        }

        /**
         * The --tuned searches, per dataset name: every evaluation of its search (origin: the dataset). A dataset
         * already in the storage or in --base is not searched again; its own-origin evaluations are reused.
         */
        private Map<String, DatasetEntry> tunedSearches(List<Path> files, Storage st, KnowledgeBase baseKb,
                Duration limit, PrintStream o) {
            Map<String, DatasetEntry> out = new LinkedHashMap<>();
            KnowledgeBase stored = KnowledgeBaseStore.read(st);
            for (Path f : files) {
                String name = FitCommand.baseName(f);
                DatasetEntry own = null;
                for (KnowledgeBase kb : baseKb == null ? List.of(stored) : List.of(stored, baseKb)) {
                    Optional<DatasetEntry> d = kb.datasets().stream().filter(e -> e.name().equals(name)).findFirst();
                    List<Evaluation> mine = d.map(e -> e.evaluations().stream().filter(v -> v.origin().equals(name))
                            .toList()).orElse(List.of());
                    if (!mine.isEmpty()) {
                        own = new DatasetEntry(name, d.get().task(), d.get().metric(), d.get().greaterIsBetter(),
                                d.get().metaFeatures(), mine);
                        break;
                    }
                }
                if (own == null) {
                    long t0 = System.nanoTime();
                    LabeledTable data = readDataset(f);
                    own = search(name, data, new MetaFeatureVector(Map.of()), limit, tunedPipelines);
                    o.printf(Locale.ROOT, "tuned search on %s: %d pipelines, best %s, %.0f s%n", name,
                            own.evaluations().size(), best(own, 1).stream().findFirst().map(e -> String.format(
                                    Locale.ROOT, "%.5f (%s)", e.score(), e.learner())).orElse("-"),
                            (System.nanoTime() - t0) / 1e9);
                }
                out.put(name, own);
            }
            return out;
        }

        /** One dataset of the folder with its --target; a table it cannot learn from is reported with the file's name. */
        private LabeledTable readDataset(Path f) {
            org.automl4j.data.Table table = new CsvReader().read(f);
            try {
                return LabeledTable.of(table, target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.toAbsolutePath() + ": " + e.getMessage() + " (fix the file or move it out of"
                        + " --datasets; the datasets already built are kept and skipped when the build runs again)", e);
            }
        }

        /** The {@code n} best distinct scored pipelines of one dataset's search, best first. */
        static List<Evaluation> best(DatasetEntry search, int n) {
            List<Evaluation> out = new ArrayList<>();
            java.util.Set<Map<String, Object>> seen = new java.util.HashSet<>();
            for (Evaluation e : search.ranked()) {
                if (out.size() < n && seen.add(e.pipeline())) {
                    out.add(e);
                }
            }
            return out;
        }

        /**
         * The shared candidates (learners' defaults, the other datasets' tuned pipelines, then the random ones),
         * projected onto this dataset's space and scored in order until the time is up; with {@code known} (from
         * --base) its evaluations are kept and only the candidates it lacks are scored; {@code own} (this
         * dataset's tuned search) is kept as well.
         */
        private DatasetEntry scoreCandidates(String name, LabeledTable data, MetaFeatureVector mf, Duration limit,
                DatasetEntry known, List<Evaluation> own, List<Evaluation> tops) {
            AutoMLOptions options = new AutoMLOptions(limit, seed, data.task(), null, learners, 0, 0, 0, List.of(), null, null, false,
                    MetaLearning.off());
            Metric metric = Metric.defaultFor(data.task());
            List<Evaluation> evals = new ArrayList<>();
            java.util.Set<Map<String, Object>> done = new java.util.HashSet<>();
            if (known != null) {
                evals.addAll(known.evaluations());
                known.evaluations().forEach(e -> done.add(e.pipeline()));
            }
            for (Evaluation e : own) {
                if (done.add(e.pipeline())) {
                    evals.add(e);
                }
            }
            List<Map<String, Object>> universal = candidates(data.task(), candidates, seed, learners);
            int defaults = universal.size() - candidates;
            List<Map<String, Object>> order = new ArrayList<>(universal.subList(0, defaults));
            List<String> origins = new ArrayList<>(java.util.Collections.nCopies(defaults, ""));
            for (Evaluation t : tops) {
                if (!t.origin().equals(name)) {
                    order.add(t.pipeline());
                    origins.add(t.origin());
                }
            }
            order.addAll(universal.subList(defaults, universal.size()));
            origins.addAll(java.util.Collections.nCopies(candidates, ""));
            PipelineSpace space = AutoML.pipelineSpace(data, options);
            boolean balanced = metric == Metric.BALANCED_ACCURACY;
            List<Map<String, Object>> projected = new ArrayList<>();
            List<Integer> which = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                if (done.contains(order.get(i))) {
                    continue;
                }
                Optional<Map<String, Object>> p = space.project(order.get(i), balanced);
                if (p.isPresent()) {
                    projected.add(p.get());
                    which.add(i);
                }
            }
            List<LeaderboardEntry> scores = projected.isEmpty() ? List.of() : AutoML.evaluate(data, options, projected);
            for (int k = 0; k < scores.size(); k++) {
                LeaderboardEntry e = scores.get(k);
                int i = which.get(k);
                evals.add(new Evaluation(order.get(i), e.state().equals("COMPLETE") ? e.score() : Double.NaN,
                        e.fitSeconds(), origins.get(i)));
            }
            return new DatasetEntry(name, data.task(), metric.id(), metric.greaterIsBetter(), mf, evals);
        }
    }

    /**
     * The shared candidates of a task family: each learner's default pipeline (class weighting on for
     * classification, whose default metric is balanced accuracy), then {@code n} points drawn at random
     * from the space of all the family's learners with missing values and categorical columns
     * (parameters a dataset lacks are dropped when a candidate is projected onto it).
     */
    static List<Map<String, Object>> candidates(Task task, int n, long seed, List<String> only) {
        Task family = task.isClassification() ? Task.BINARY : Task.REGRESSION;
        List<Learner> ls = new ArrayList<>();
        for (Learner l : Learners.forTask(family)) {
            if (only.isEmpty() || only.contains(l.name())) {
                ls.add(l);
            }
        }
        PipelineSpace universal = new PipelineSpace(ls, family, true, true);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Learner l : ls) {
            out.add(universal.defaultPoint(l, family.isClassification()));
        }
        out.addAll(universal.randomPoints(n, seed));
        return out;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Writes the knowledge base of a storage"
            + " (its kb/ studies) as one JSON file, the format of the bundled default and of fit --kb FILE.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "The JSON file to write.")
        Path out;

        @Mixin
        StorageOption storage = new StorageOption();

        @Override
        public Integer call() throws Exception {
            FitCommand.checkWritable(out, "--out", "kb.json");
            Storage st = storage.open();
            try {
                KnowledgeBase kb = KnowledgeBaseStore.read(st);
                if (kb.isEmpty()) {
                    throw new IllegalArgumentException("storage " + storage.url + " holds no knowledge base (no kb/ study"
                            + " with meta-features); build one with ./automl4j meta build");
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("command", "./automl4j meta export --storage " + storage.url + " --out " + out);
                p.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
                KnowledgeBaseJson.write(kb, p, out);
                System.out.println("knowledge base of " + kb.datasets().size() + " datasets written to "
                        + out.toAbsolutePath());
            } finally {
                Storages.close(st);
            }
            return 0;
        }
    }
}
