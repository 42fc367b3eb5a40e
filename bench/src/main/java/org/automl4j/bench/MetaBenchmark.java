package org.automl4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.automl4j.data.LabeledTable;
import org.automl4j.data.io.CsvReader;
import org.automl4j.data.metrics.Metric;
import org.automl4j.data.split.Split;
import org.automl4j.data.split.Splits;
import org.automl4j.meta.features.MetaFeatureVector;
import org.automl4j.meta.features.MetaFeatures;
import org.automl4j.meta.kb.DatasetEntry;
import org.automl4j.meta.kb.Evaluation;
import org.automl4j.meta.kb.KnowledgeBase;
import org.automl4j.meta.kb.KnowledgeBaseJson;
import org.automl4j.tabular.AutoML;
import org.automl4j.tabular.AutoMLOptions;
import org.automl4j.tabular.AutoMLResult;
import org.automl4j.tabular.LeaderboardEntry;
import org.automl4j.tabular.MetaLearning;
import org.automl4j.tabular.MetaPlanner;
import org.automl4j.tabular.pipeline.PipelineSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark meta}: meta-learning, leave one dataset out (every dataset is run with a knowledge
 * base that lacks it). Parts:
 * <ul>
 *   <li>{@code simulate}: offline, from the knowledge base's own score matrix: the relative regret (in %
 *       of the score; 0 = the dataset's best known pipeline) of the best of the first n pipelines each
 *       strategy proposes for the held-out dataset, against random orders of its candidates;</li>
 *   <li>{@code warm}: real searches on each dataset (cross-validated, best single pipeline): the score
 *       after 10 pipelines with meta-learning against a cold search after 50, and with and without
 *       space shrinking after 50;</li>
 *   <li>{@code fit60}: the whole AutoML fit at a time budget on a 75/25 split, meta-learning on against
 *       off, scored on the test rows;</li>
 *   <li>{@code features}: meta-feature time per dataset (adult: the target is under 5 s) and on a synthetic
 *       50,000 x 300 table.</li>
 * </ul>
 */
@Command(name = "meta", mixinStandardHelpOptions = true,
        description = "Meta-learning, leave-one-dataset-out over the development datasets.",
        footer = {"", "Examples:", "  ./automl4j benchmark meta --parts simulate,features",
                "  ./automl4j benchmark meta --parts warm --seeds 0-2",
                "  ./automl4j benchmark meta --parts fit60 --budget 60 --seeds 0-0    # timing-sensitive: run it alone"})
public final class MetaBenchmark implements Callable<Integer> {

    @Option(names = "--datasets", description = "Folder of the development CSVs (default ../shared/datasets).")
    Path folder;

    @Option(names = "--only", split = ",", description = "Only these datasets (file names without .csv).")
    List<String> only = new ArrayList<>();

    @Option(names = "--kb", description = "Knowledge-base JSON (default: the bundled one).")
    Path kbFile;

    @Option(names = "--parts", split = ",", defaultValue = "simulate,warm,features",
            description = "simulate, warm, fit60, features (default ${DEFAULT-VALUE}).")
    List<String> parts;

    @Option(names = "--seeds", defaultValue = "0-2", description = "Seed range (default ${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--warm", defaultValue = "10", description = "Pipelines of the warm-started search (default ${DEFAULT-VALUE}).")
    int warm;

    @Option(names = "--cold", defaultValue = "50", description = "Pipelines of the cold search (default ${DEFAULT-VALUE}).")
    int cold;

    @Option(names = "--budget", defaultValue = "60", description = "Seconds per fit in fit60 (default ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--search-limit", defaultValue = "600", description = "Time limit in seconds of each run of the warm"
            + " part, so one slow pipeline cannot stall it (a pipeline projected past a quarter of the time left is"
            + " stopped; default ${DEFAULT-VALUE}).")
    double searchLimit;

    @Option(names = "--shrink", description = "In the warm part, also run the warm search to --cold pipelines, with"
            + " and without space shrinking (two more searches per dataset and seed).")
    boolean compareShrink;

    @Option(names = "--cold-from", description = "In the warm part, take the cold searches' trajectories from this earlier"
            + " result JSON (same datasets, seeds and --cold; with --holdout, runs of the same share with their test"
            + " scores) instead of running them again: the cold search does not depend on the knowledge base, so only"
            + " the warm-started runs need repeating after it changes.")
    Path coldFrom;

    @Option(names = "--holdout", defaultValue = "0", description = "In the warm part, hold this share of each dataset"
            + " out (split by the seed) and also compare the held-out test scores of the best pipeline after --warm"
            + " (warm start) and after --cold (cold) pipelines, each refit on the rest; 0 (default) searches the whole"
            + " dataset and compares validation scores only. The best validation score of many pipelines is"
            + " optimistic (the winner's curse grows with the number tried); the test score is not.")
    double holdout;

    @Option(names = "--strategy", defaultValue = "combined_ranked", description = "How the warm and fit60 parts'"
            + " meta-learning chooses the first pipelines: combined_ranked (a fit's default), combined, neighbours,"
            + " portfolio or ranker (default ${DEFAULT-VALUE}; the simulate part compares them all).")
    String strategy;

    @Option(names = "--out", description = "Result JSON (default bench/results/meta-<date>.json).")
    Path out;

    private static final ObjectMapper M = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetaPlanner.Strategy strategy() {
        try {
            return MetaPlanner.Strategy.valueOf(strategy.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--strategy must be one of combined_ranked, combined, neighbours, portfolio,"
                    + " ranker, but got '" + strategy + "'");
        }
    }

    @Override
    public Integer call() throws Exception {
        Path root = Paths.get(System.getProperty("automl4j.root", "."));
        Path dir = folder != null ? folder : root.resolve("../shared/datasets");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no datasets folder at " + dir.toAbsolutePath() + "; give --datasets");
        }
        if (holdout < 0 || holdout >= 1) {
            throw new IllegalArgumentException("--holdout is a share in [0, 1), e.g. 0.25; got " + holdout);
        }
        for (String p : parts) {
            if (!List.of("simulate", "warm", "fit60", "features").contains(p)) {
                throw new IllegalArgumentException("--parts takes simulate, warm, fit60, features; not '" + p + "'");
            }
        }
        KnowledgeBase kb = kbFile != null ? KnowledgeBaseJson.read(kbFile) : KnowledgeBase.bundled().orElseThrow(
                () -> new IllegalArgumentException("no bundled knowledge base in this build; give --kb FILE"));
        long[] sr = HpoBenchmark.parseSeeds(seeds);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .filter(p -> only.isEmpty() || only.contains(name(p))).sorted().toList();
        }
        ObjectNode doc = M.createObjectNode();
        doc.put("benchmark", "meta");
        doc.put("command", "./automl4j benchmark meta --parts " + String.join(",", parts) + " --seeds " + seeds
                + " --warm " + warm + " --cold " + cold + (compareShrink ? " --shrink" : "") + " --budget " + budget + " --search-limit " + searchLimit
                + (only.isEmpty() ? "" : " --only " + String.join(",", only)) + (kbFile == null ? "" : " --kb " + kbFile)
                + (coldFrom == null ? "" : " --cold-from " + coldFrom) + " --strategy " + strategy + (holdout > 0 ? " --holdout " + holdout : ""));
        doc.put("commit", Machine.commit());
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.set("machine", Machine.describe());
        doc.put("knowledge_base", kbFile == null ? "bundled" : kbFile.toString());
        doc.put("protocol", "leave one dataset out: every run uses the knowledge base without the dataset it runs on");
        ArrayNode runs = doc.putArray("runs");
        ObjectNode summary = doc.putObject("summary");
        if (parts.contains("features")) {
            features(kb, files, runs, summary);
        }
        if (parts.contains("simulate")) {
            simulate(kb, files, sr, runs, summary);
        }
        if (parts.contains("warm")) {
            Map<String, EarlierCold> earlier = new HashMap<>();
            if (coldFrom != null) {
                com.fasterxml.jackson.databind.JsonNode old = M.readTree(coldFrom.toFile());
                for (com.fasterxml.jackson.databind.JsonNode r : old.path("runs")) {
                    // only cold searches of the same data: the whole dataset, or the same held-out share (the
                    // split is the seed's), with the test score of their best pipeline
                    boolean sameData = r.path("holdout").asDouble(0) == holdout
                            && (holdout == 0 || r.has("cold_test_at_" + cold));
                    if (r.path("part").asText().equals("warm") && r.path("cold_best_so_far").size() >= cold
                            && sameData) {
                        double[] c = new double[r.path("cold_best_so_far").size()];
                        for (int i = 0; i < c.length; i++) {
                            c[i] = r.path("cold_best_so_far").get(i).asDouble();
                        }
                        earlier.put(r.path("dataset").asText() + "#" + r.path("seed").asLong(),
                                new EarlierCold(c, r.path("cold_test_at_" + cold).asDouble(Double.NaN)));
                    }
                }
                doc.put("cold_from", coldFrom.toString() + " (commit " + old.path("commit").asText() + ")");
            }
            warm(kb, files, sr, runs, summary, earlier);
        }
        if (parts.contains("fit60")) {
            fit(kb, files, sr, runs, summary);
        }
        Path file = out != null ? out : Paths.get("bench", "results", "meta-"
                + OffsetDateTime.now(ZoneOffset.UTC).toLocalDate() + ".json");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        M.writeValue(file.toFile(), doc);
        System.out.println("results written to " + file.toAbsolutePath());
        return 0;
    }

    private static String name(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - 4);
    }

    private static LabeledTable read(Path f) {
        return LabeledTable.of(new CsvReader().read(f), "target");
    }

    // ------------------------------------------------------------------------------------ features

    private void features(KnowledgeBase kb, List<Path> files, ArrayNode runs, ObjectNode summary) {
        System.out.println("meta-feature time (3 repetitions after one warm-up)");
        ObjectNode s = summary.putObject("features");
        for (Path f : files) {
            timeFeatures(name(f), read(f), runs, s);
        }
        // a wide synthetic table (seeded Gaussian columns), where the caps on rows, column pairs and landmarker
        // columns decide the cost: meta-learning must not eat a fit's budget on wide data
        timeFeatures("synthetic_wide_50000x300", wideTable(50_000, 300, 1), runs, s);
        if (s.has("adult")) {
            summary.put("adult_features_s", s.get("adult").asDouble())
                    .put("adult_under_5s", s.get("adult").asDouble() < 5);
        }
        // the rest of meta-learning before a search: the plan from the knowledge base (mostly the pairwise
        // ranker's forest), leaving the dataset out as a fit of it would
        System.out.println("plan time from the knowledge-base entry, dataset left out (3 repetitions after one warm-up)");
        ObjectNode plans = summary.putObject("plan");
        for (Path f : files) {
            String name = name(f);
            kb.find(name).ifPresent(d -> {
                PipelineSpace space = spaceOf(d);
                MetaLearning meta = MetaLearning.using(kb).excluding(Set.of(name));
                double[] timed = secondsAfterWarmUp(() -> MetaPlanner.plan(d.metaFeatures(), space,
                        d.task().isClassification(), kb, meta, List.of(), 0));
                double med = Stats.median(timed);
                ObjectNode r = runs.addObject().put("part", "plan").put("dataset", name).put("median_s", med);
                Arrays.stream(timed).forEach(r.putArray("seconds")::add);
                plans.put(name, med);
                System.out.printf(Locale.ROOT, "  %-26s %.3f s%n", name, med);
            });
        }
    }

    /** Median of 3 timed meta-feature computations of {@code data} after a warm-up, recorded as a run and in {@code s}. */
    private static void timeFeatures(String name, LabeledTable data, ArrayNode runs, ObjectNode s) {
        double[] t = secondsAfterWarmUp(() -> MetaFeatures.compute(data, 0));
        double med = Stats.median(t);
        ObjectNode r = runs.addObject().put("part", "features").put("dataset", name).put("rows", data.rows())
                .put("columns", data.features().columnCount()).put("median_s", med);
        Arrays.stream(t).forEach(r.putArray("seconds")::add);
        s.put(name, med);
        System.out.printf(Locale.ROOT, "  %-26s %7d rows %4d columns  %.3f s%n", name, data.rows(),
                data.features().columnCount(), med);
    }

    /** Seconds of 3 runs of {@code work} after one untimed warm-up run. */
    private static double[] secondsAfterWarmUp(Runnable work) {
        work.run();
        double[] t = new double[3];
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            work.run();
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        return t;
    }

    /** {@code rows} x {@code columns} standard Gaussian features and a uniform regression target, drawn with {@code seed}. */
    static LabeledTable wideTable(int rows, int columns, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        List<org.automl4j.data.Column> cols = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            double[] c = new double[rows];
            for (int i = 0; i < rows; i++) {
                c[i] = rng.nextGaussian();
            }
            cols.add(new org.automl4j.data.NumericColumn("x" + j, c));
        }
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = rng.nextDouble();
        }
        cols.add(new org.automl4j.data.NumericColumn("y", y));
        return LabeledTable.of(new org.automl4j.data.Table(cols), "y", org.automl4j.data.Task.REGRESSION);
    }

    // ------------------------------------------------------------------------------------ simulate

    /** The space a dataset's fit would search, from its knowledge-base meta-features. */
    static PipelineSpace spaceOf(DatasetEntry d) {
        MetaFeatureVector m = d.metaFeatures();
        return AutoML.pipelineSpace(d.task(), (int) m.get("rows"), m.get("missing_cell_ratio") > 0,
                m.get("categorical_share") > 0, List.of());
    }

    private void simulate(KnowledgeBase kb, List<Path> files, long[] sr, ArrayNode runs, ObjectNode summary) {
        int[] at = {1, 3, 5, 10, 20};
        Map<String, double[]> mean = new LinkedHashMap<>();
        List<String> names = files.stream().map(MetaBenchmark::name).toList();
        System.out.println("offline leave-one-dataset-out from the knowledge base: mean relative regret (%) of the best"
                + " of the first n (0 = the dataset's best known pipeline)");
        int count = 0;
        double[] coverage = new double[3]; // datasets shrunk, sum of share of all inside, sum of share of top inside
        for (DatasetEntry d : kb.datasets()) {
            if (!names.contains(d.name())) {
                continue;
            }
            count++;
            PipelineSpace space = spaceOf(d);
            boolean balanced = d.task().isClassification();
            // relative regret of each candidate: how far (in % of the best score) it is from the best known one
            double best = d.ranked().get(0).score();
            Map<Map<String, Object>, Double> quality = new HashMap<>();
            for (Evaluation e : d.evaluations()) {
                if (e.scored()) {
                    double regret = 100 * Math.abs(best - e.score()) / Math.abs(best);
                    space.project(e.pipeline(), balanced).ifPresent(p -> quality.merge(p, -regret, Math::max));
                }
            }
            MetaLearning meta = MetaLearning.on().excluding(Set.of(d.name())).withWarmStart(20);
            Map<String, List<Map<String, Object>>> orders = new LinkedHashMap<>();
            for (MetaPlanner.Strategy st : MetaPlanner.Strategy.values()) {
                MetaPlanner.Plan plan = MetaPlanner.plan(d.metaFeatures(), space, balanced, kb, meta, List.of(), 0, st, 0);
                orders.put(st.name().toLowerCase(Locale.ROOT), plan.points());
                if (st == MetaPlanner.Strategy.COMBINED) {
                    runs.addObject().put("part", "simulate").put("dataset", d.name()).put("note", plan.note());
                }
            }
            // what a search without meta-learning tries first: each learner's default pipeline
            orders.put("learner_defaults", space.learners().stream().map(l -> space.defaultPoint(l, balanced)).toList());
            ObjectNode r = runs.addObject().put("part", "simulate").put("dataset", d.name());
            shrinkCoverage(d, space, balanced, kb, meta, r, coverage);
            for (Map.Entry<String, List<Map<String, Object>>> o : orders.entrySet()) {
                double[] q = bestOfFirst(o.getValue(), quality, at);
                ArrayNode a = r.putArray(o.getKey() + "_regret_pct");
                Arrays.stream(q).forEach(a::add);
                double[] acc = mean.computeIfAbsent(o.getKey(), k -> new double[at.length]);
                for (int i = 0; i < at.length; i++) {
                    acc[i] += q[i];
                }
            }
            // random orders of the dataset's own candidates: what a search without knowledge gets by chance
            double[] rnd = new double[at.length];
            List<Map<String, Object>> pool = new ArrayList<>(quality.keySet());
            pool.sort(java.util.Comparator.comparing(Object::toString));
            int reps = 200;
            for (int rep = 0; rep < reps; rep++) {
                List<Map<String, Object>> shuffled = new ArrayList<>(pool);
                java.util.Collections.shuffle(shuffled, new java.util.Random(rep));
                double[] q = bestOfFirst(shuffled, quality, at);
                for (int i = 0; i < at.length; i++) {
                    rnd[i] += q[i] / reps;
                }
            }
            ArrayNode a = r.putArray("random_order_regret_pct");
            Arrays.stream(rnd).forEach(a::add);
            double[] acc = mean.computeIfAbsent("random_order", k -> new double[at.length]);
            for (int i = 0; i < at.length; i++) {
                acc[i] += rnd[i];
            }
        }
        ObjectNode s = summary.putObject("simulate");
        if (coverage[0] > 0) {
            s.put("shrink_datasets", (int) coverage[0]).put("shrink_share_of_all_inside", coverage[1] / coverage[0])
                    .put("shrink_share_of_top_decile_inside", coverage[2] / coverage[0]);
            System.out.printf(Locale.ROOT, "  shrunk space (%d datasets with similar ones): holds %.1f %% of the held-out"
                    + " dataset's candidates but %.1f %% of its top decile (fixed parameters not counted)%n",
                    (int) coverage[0], 100 * coverage[1] / coverage[0], 100 * coverage[2] / coverage[0]);
        }
        ArrayNode atNode = s.putArray("n");
        Arrays.stream(at).forEach(atNode::add);
        System.out.printf(Locale.ROOT, "  %-16s %s%n", "strategy", Arrays.toString(at));
        for (Map.Entry<String, double[]> e : mean.entrySet()) {
            ArrayNode a = s.putArray(e.getKey() + "_regret_pct");
            StringBuilder sb = new StringBuilder();
            for (double v : e.getValue()) {
                a.add(v / count);
                sb.append(String.format(Locale.ROOT, " %7.3f", v / count));
            }
            System.out.printf(Locale.ROOT, "  %-16s%s%n", e.getKey(), sb);
        }
    }

    /**
     * How well the space shrunk from the similar datasets fits the held-out one: the share of its candidates,
     * and of its top-decile candidates, whose learner was kept and whose narrowed parameters are in range
     * (parameters fixed by shrinking are not counted, since a random candidate never matches them exactly).
     */
    private static void shrinkCoverage(DatasetEntry d, PipelineSpace space, boolean balanced, KnowledgeBase kb,
            MetaLearning meta, ObjectNode r, double[] coverage) {
        MetaPlanner.Plan plan = MetaPlanner.plan(d.metaFeatures(), space, balanced, kb, meta.withShrinkSpace(true),
                List.of(), 0);
        if (plan.shrunk() == null) {
            return;
        }
        List<Evaluation> ranked = d.ranked();
        int top = Math.max(1, ranked.size() / 10);
        int inAll = 0;
        int inTop = 0;
        int all = 0;
        for (int i = 0; i < ranked.size(); i++) {
            java.util.Optional<Map<String, Object>> p = space.project(ranked.get(i).pipeline(), balanced);
            if (p.isEmpty()) {
                continue;
            }
            all++;
            boolean inside = true;
            for (Map.Entry<String, org.automl4j.space.Distribution> e : plan.shrunk().narrowed().entrySet()) {
                Object v = p.get().get(e.getKey());
                if (v != null && !e.getValue().contains(v)) {
                    inside = false;
                }
            }
            inAll += inside ? 1 : 0;
            inTop += inside && i < top ? 1 : 0;
        }
        coverage[0]++;
        coverage[1] += inAll / (double) all;
        coverage[2] += inTop / (double) top;
        r.put("shrink_fixed", plan.shrunk().fixed().size()).put("shrink_narrowed", plan.shrunk().narrowed().size())
                .put("shrink_share_of_all_inside", inAll / (double) all)
                .put("shrink_share_of_top_decile_inside", inTop / (double) top)
                .put("shrink_learners", String.valueOf(plan.shrunk().space().parameters().get("learner")));
    }

    /**
     * The smallest known regret among the first n of {@code order} ({@code quality} holds minus the regret;
     * points without a known score are skipped; 100 % while none is known).
     */
    private static double[] bestOfFirst(List<Map<String, Object>> order, Map<Map<String, Object>, Double> quality,
            int[] at) {
        double[] out = new double[at.length];
        double best = -100;
        int j = 0;
        for (int n = 1; n <= at[at.length - 1]; n++) {
            if (n <= order.size()) {
                Double q = quality.get(order.get(n - 1));
                if (q != null) {
                    best = Math.max(best, q);
                }
            }
            while (j < at.length && at[j] == n) {
                out[j++] = -best;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------- warm

    private void warm(KnowledgeBase kb, List<Path> files, long[] sr, ArrayNode runs, ObjectNode summary,
            Map<String, EarlierCold> earlierCold) {
        System.out.printf(Locale.ROOT, "real searches (cross-validated best single pipeline): warm start @%d vs cold"
                + " @%d, and warm start with/without space shrinking @%d%n", warm, cold, cold);
        ObjectNode s = summary.putObject("warm");
        int atLeast = 0;
        int testAtLeast = 0;
        int shrinkBetter = 0;
        int shrinkCompared = 0;
        for (Path f : files) {
            LabeledTable data = read(f);
            String name = name(f);
            boolean greater = Metric.defaultFor(data.task()).greaterIsBetter();
            double[] coldAt = new double[(int) (sr[1] - sr[0] + 1)];
            double[] coldAtWarm = new double[coldAt.length];
            double[] warmAt = new double[coldAt.length];
            double[] warmFull = new double[coldAt.length];
            double[] shrinkFull = new double[coldAt.length];
            double[] coldTest = new double[coldAt.length];
            double[] warmTest = new double[coldAt.length];
            for (long seed = sr[0]; seed <= sr[1]; seed++) {
                int i = (int) (seed - sr[0]);
                AutoMLOptions base = AutoMLOptions.of(Duration.ofMillis((long) (searchLimit * 1000))).withSeed(seed)
                        .withTask(data.task())
                        .withMaxPipelines(cold).withEnsembleRounds(0);
                MetaLearning meta = MetaLearning.on().withKnowledgeBase(kb).excluding(Set.of(name)).withWarmStart(20)
                        .withStrategy(strategy());
                // with a holdout, both searches see only the training share; with no ensemble, each result's model
                // is its best pipeline by validation score, refit on that share, and the test share scores it
                LabeledTable train = data;
                LabeledTable test = null;
                if (holdout > 0) {
                    Split split = Splits.holdout(data, holdout, seed);
                    train = data.selectRows(split.train());
                    test = data.selectRows(split.test());
                }
                double[] c;
                if (earlierCold.containsKey(name + "#" + seed)) {
                    c = earlierCold.get(name + "#" + seed).trajectory();
                    coldTest[i] = earlierCold.get(name + "#" + seed).testScore();
                } else {
                    AutoMLResult coldRun = AutoML.fit(train, base.withMeta(MetaLearning.off()), null);
                    c = trajectory(coldRun, greater);
                    coldTest[i] = test == null ? Double.NaN : testScore(coldRun, test, Metric.defaultFor(data.task()));
                }
                AutoMLResult warmRun = AutoML.fit(train, base.withMeta(meta)
                        .withMaxPipelines(compareShrink ? cold : warm), null);
                double[] w = trajectory(warmRun, greater);
                warmTest[i] = test == null || compareShrink ? Double.NaN
                        : testScore(warmRun, test, Metric.defaultFor(data.task()));
                // shrinking uses the similar datasets' evaluations: without any, the run would repeat the last one
                boolean shrinks = compareShrink && !warmRun.metaLearning().contains("no similar dataset");
                double[] ws = shrinks ? trajectory(AutoML.fit(train, base.withMeta(meta.withShrinkSpace(true)), null),
                        greater) : w;
                coldAt[i] = at(c, cold);
                coldAtWarm[i] = at(c, warm);
                warmAt[i] = at(w, warm);
                warmFull[i] = at(w, cold);
                shrinkFull[i] = at(ws, cold);
                ObjectNode r = runs.addObject().put("part", "warm").put("dataset", name).put("seed", seed)
                        .put("cold_reused", earlierCold.containsKey(name + "#" + seed))
                        .put("metric", Metric.defaultFor(data.task()).id()).put("meta_note", warmRun.metaLearning())
                        .put("shrink_applies", shrinks);
                r.put("cold_pipelines", c.length).put("warm_pipelines", w.length);
                if (holdout > 0) {
                    r.put("holdout", holdout).put("cold_test_at_" + cold, coldTest[i])
                            .put("warm_test_at_" + warm, warmTest[i]);
                }
                put(r.putArray("cold_best_so_far"), c);
                put(r.putArray("warm_best_so_far"), w);
                put(r.putArray("warm_shrink_best_so_far"), ws);
                System.out.printf(Locale.ROOT, "  %-26s seed %d  cold@%d %.5f  cold@%d %.5f  warm@%d %.5f  warm@%d %.5f"
                        + "  warm+shrink@%d %.5f%s%n", name, seed, warm, coldAtWarm[i], cold, coldAt[i], warm, warmAt[i],
                        cold, warmFull[i], cold, shrinkFull[i], holdout > 0 ? String.format(Locale.ROOT,
                        "  test: cold@%d %.5f warm@%d %.5f", cold, coldTest[i], warm, warmTest[i]) : "");
            }
            double mc = mean(coldAt);
            double mw = mean(warmAt);
            boolean ok = greater ? mw >= mc : mw <= mc;
            atLeast += ok ? 1 : 0;
            double mwf = mean(warmFull);
            double msf = mean(shrinkFull);
            if (!Arrays.equals(warmFull, shrinkFull)) {
                shrinkCompared++;
                shrinkBetter += (greater ? msf > mwf : msf < mwf) ? 1 : 0;
            }
            ObjectNode ds = s.putObject(name).put("cold_at_" + cold, mc).put("cold_at_" + warm, mean(coldAtWarm))
                    .put("warm_at_" + warm, mw).put("warm_at_least_cold", ok);
            if (holdout > 0 && !compareShrink) {
                double tc = mean(coldTest);
                double tw = mean(warmTest);
                boolean testOk = greater ? tw >= tc : tw <= tc;
                testAtLeast += testOk ? 1 : 0;
                ds.put("test_cold_at_" + cold, tc).put("test_warm_at_" + warm, tw).put("test_warm_at_least_cold", testOk);
            }
            if (compareShrink) {
                ds.put("warm_at_" + cold, mwf).put("warm_shrink_at_" + cold, msf);
            }
        }
        s.put("datasets_warm_at_least_cold", atLeast).put("datasets", files.size())
                .put("target_met", atLeast >= Math.min(8, files.size()))
                .put("datasets_shrink_better_at_" + cold, shrinkBetter).put("datasets_shrink_compared", shrinkCompared)
                .put("shrink_note", "shrinking applies only with similar datasets; elsewhere the runs are identical");
        if (holdout > 0 && !compareShrink) {
            s.put("datasets_test_warm_at_least_cold", testAtLeast).put("validation_note", "with --holdout the"
                    + " validation scores are of searches on the training share; the test scores are of the best pipeline"
                    + " by validation, refit on that share");
            System.out.printf(Locale.ROOT, "held-out test: warm start @%d at least cold @%d on %d of %d datasets%n", warm,
                    cold, testAtLeast, files.size());
        }
        System.out.printf(Locale.ROOT, "warm start @%d at least cold @%d on %d of %d datasets (mean over seeds);"
                + " shrinking better @%d on %d of %d%n", warm, cold, atLeast, files.size(), cold, shrinkBetter,
                shrinkCompared);
    }

    /** A cold search of an earlier result file: its best-so-far trajectory and its best pipeline's test score (or NaN). */
    private record EarlierCold(double[] trajectory, double testScore) {
    }

    /** Best score so far after each pipeline (by trial number; failed and stopped ones count as tried). */
    static double[] trajectory(AutoMLResult r, boolean greater) {
        List<LeaderboardEntry> byTrial = new ArrayList<>(r.leaderboard());
        byTrial.sort(java.util.Comparator.comparingInt(LeaderboardEntry::trial));
        double[] out = new double[byTrial.size()];
        double best = Double.NaN;
        for (int i = 0; i < out.length; i++) {
            double v = byTrial.get(i).score();
            if (!Double.isNaN(v) && (Double.isNaN(best) || (greater ? v > best : v < best))) {
                best = v;
            }
            out[i] = best;
        }
        return out;
    }

    private static double at(double[] trajectory, int n) {
        return trajectory.length == 0 ? Double.NaN : trajectory[Math.min(n, trajectory.length) - 1];
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static void put(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }

    // ----------------------------------------------------------------------------------------- fit60

    private void fit(KnowledgeBase kb, List<Path> files, long[] sr, ArrayNode runs, ObjectNode summary) {
        System.out.printf(Locale.ROOT, "AutoML at %.0f s on a 75/25 split, meta-learning on vs off, test score%n", budget);
        int wins = 0;
        int ties = 0;
        int losses = 0;
        ObjectNode s = summary.putObject("fit" + (int) budget);
        for (Path f : files) {
            LabeledTable data = read(f);
            String name = name(f);
            Metric metric = Metric.defaultFor(data.task());
            double[] on = new double[(int) (sr[1] - sr[0] + 1)];
            double[] off = new double[on.length];
            for (long seed = sr[0]; seed <= sr[1]; seed++) {
                int i = (int) (seed - sr[0]);
                Split split = Splits.holdout(data, 0.25, seed);
                LabeledTable train = data.selectRows(split.train());
                LabeledTable test = data.selectRows(split.test());
                AutoMLOptions base = AutoMLOptions.of(Duration.ofMillis((long) (budget * 1000))).withSeed(seed)
                        .withTask(data.task());
                for (boolean withMeta : new boolean[] {false, true}) {
                    MetaLearning meta = withMeta ? MetaLearning.on().withKnowledgeBase(kb).excluding(Set.of(name))
                            .withStrategy(strategy()) : MetaLearning.off();
                    long t0 = System.nanoTime();
                    AutoMLResult r;
                    try {
                        r = AutoML.fit(train, base.withMeta(meta), null);
                    } catch (org.automl4j.tabular.NoPipelineFinishedException e) { // the worst outcome, recorded
                        double wall = (System.nanoTime() - t0) / 1e9;
                        (withMeta ? on : off)[i] = metric.greaterIsBetter() ? Double.NEGATIVE_INFINITY
                                : Double.POSITIVE_INFINITY;
                        runs.addObject().put("part", "fit" + (int) budget).put("dataset", name).put("seed", seed)
                                .put("meta", withMeta).put("metric", metric.id()).put("failed", e.getMessage())
                                .put("wall_s", wall);
                        System.out.printf(Locale.ROOT, "  %-26s seed %d meta %-5s FAILED: %s%n", name, seed, withMeta,
                                e.getMessage());
                        continue;
                    }
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double score = testScore(r, test, metric);
                    (withMeta ? on : off)[i] = score;
                    ObjectNode run = runs.addObject().put("part", "fit" + (int) budget).put("dataset", name)
                            .put("seed", seed).put("meta", withMeta).put("metric", metric.id()).put("test_score", score)
                            .put("validation_score", r.ensembleScore()).put("models_trained", r.trials())
                            .put("wall_s", wall).put("meta_note", r.metaLearning());
                    r.stageSeconds().forEach(run.putObject("stage_s")::put);
                    System.out.printf(Locale.ROOT, "  %-26s seed %d meta %-5s %s %.5f  (%d pipelines, %.1f s)%n", name,
                            seed, withMeta, metric.id(), score, r.trials(), wall);
                }
            }
            double mOn = mean(on);
            double mOff = mean(off);
            String outcome;
            if (Math.abs(mOn - mOff) <= 1e-3 * Math.abs(mOff)) {
                outcome = "tie";
                ties++;
            } else if (metric.greaterIsBetter() ? mOn > mOff : mOn < mOff) {
                outcome = "win";
                wins++;
            } else {
                outcome = "loss";
                losses++;
            }
            s.putObject(name).put("metric", metric.id()).put("meta_on", mOn).put("meta_off", mOff).put("outcome", outcome);
        }
        s.put("wins", wins).put("ties", ties).put("losses", losses)
                .put("tie_rule", "mean test scores within 0.1 % of each other");
        System.out.printf(Locale.ROOT, "meta-learning on vs off at %.0f s: %d wins, %d ties, %d losses%n", budget, wins,
                ties, losses);
    }

    private static double testScore(AutoMLResult r, LabeledTable test, Metric metric) {
        if (test.task().isClassification()) {
            double[][] p = r.model().predictProba(test.features());
            if (!r.model().classes().equals(test.classes())) {
                throw new IllegalStateException("the model's classes " + r.model().classes() + " differ from the data's "
                        + test.classes());
            }
            return metric.score(test.y(), p);
        }
        return metric.score(test.y(), r.model().predictValues(test.features()));
    }
}
