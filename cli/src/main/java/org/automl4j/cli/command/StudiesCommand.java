package org.automl4j.cli.command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StudyRecord;
import org.automl4j.storage.csv.TrialsCsv;
import org.automl4j.storage.json.StudyJson;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code automl4j studies list|show|export|import|delete}: manage the studies of a storage. */
@Command(name = "studies", mixinStandardHelpOptions = true,
        description = "Lists, shows, exports, imports and deletes the studies of a storage.",
        subcommands = {StudiesCommand.ListStudies.class, StudiesCommand.Show.class, StudiesCommand.Export.class,
                StudiesCommand.Import.class, StudiesCommand.Delete.class, StudiesCommand.Importance.class},
        footer = {"", "Examples:", "  ./automl4j studies list",
                "  ./automl4j studies show demo-branin-tpe",
                "  ./automl4j studies export demo-branin-tpe --out trials.csv",
                "  ./automl4j studies import study.json --as copy --storage sqlite:other.db",
                "  ./automl4j studies delete old-study --yes",
                "  ./automl4j studies importance demo-branin-tpe"})
public final class StudiesCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Exit code for a study that does not exist. */
    static final int NOT_FOUND = 3;

    private abstract static class OnStorage implements Callable<Integer> {
        @Mixin
        StorageOption storage = new StorageOption();

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() throws Exception {
            java.util.Optional<Path> db = Storages.sqliteFile(storage.url);
            if (readsOnly() && db.isPresent() && !Files.exists(db.get())) {
                // opening would create an empty database at a mistyped path and report "no study"
                return noDatabase(db.get().toAbsolutePath(), System.out);
            }
            Storage s = storage.open();
            try {
                return run(s, System.out);
            } finally {
                Storages.close(s);
            }
        }

        abstract int run(Storage s, PrintStream o) throws Exception;

        /** Whether the command only reads studies (so a missing database file is an error, not a new database). */
        boolean readsOnly() {
            return true;
        }

        /** What to do when the SQLite file of --storage does not exist: by default, the study is not found. */
        int noDatabase(Path file, PrintStream o) {
            Object study = spec.positionalParameters().isEmpty() ? null : spec.positionalParameters().get(0).getValue();
            System.err.println("no study named '" + study + "': there is no database file " + file + " (--storage "
                    + storage.url + "); check the path: studies are written there by fit, optimize, nas or demo");
            return NOT_FOUND;
        }

        boolean exists(Storage s, String name) {
            if (s.findStudy(name).isPresent()) {
                return true;
            }
            System.err.println("no study named '" + name + "' in " + storage.url + "; see: automl4j studies list"
                    + " --storage " + storage.url);
            return false;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per study: direction, trials by"
            + " state, best value and last update.")
    static final class ListStudies extends OnStorage {
        @Override
        int noDatabase(Path file, PrintStream o) {
            o.println("no studies in " + storage.url + " (there is no database file " + file + " yet)");
            return 0;
        }

        @Override
        int run(Storage s, PrintStream o) {
            List<StudyRecord> studies = s.studies();
            if (studies.isEmpty()) {
                o.println("no studies in " + storage.url);
                return 0;
            }
            o.printf(Locale.ROOT, "%-28s %-20s %7s %8s %6s %5s %7s %7s %14s  %s%n", "study", "direction", "trials",
                    "complete", "pruned", "fail", "running", "waiting", "best", "last update");
            for (StudyRecord r : studies) {
                List<FrozenTrial> trials = s.trials(r.name());
                java.util.Map<TrialState, Integer> n = new java.util.EnumMap<>(TrialState.class);
                trials.forEach(t -> n.merge(t.state(), 1, Integer::sum));
                String best = r.directions().size() == 1
                        ? s.bestTrial(r.name()).map(t -> fmt(t.value())).orElse("-") : "(Pareto)";
                Instant last = trials.stream().map(t -> t.complete() != null ? t.complete() : t.start())
                        .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(r.created());
                o.printf(Locale.ROOT, "%-28s %-20s %7d %8d %6d %5d %7d %7d %14s  %s%n", r.name(),
                        r.directions().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList().toString()
                                .replace("[", "").replace("]", ""),
                        trials.size(), n.getOrDefault(TrialState.COMPLETE, 0), n.getOrDefault(TrialState.PRUNED, 0),
                        n.getOrDefault(TrialState.FAIL, 0), n.getOrDefault(TrialState.RUNNING, 0),
                        n.getOrDefault(TrialState.WAITING, 0), best, last);
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A study's summary, best trial and its"
            + " best trials so far.")
    static final class Show extends OnStorage {
        @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
        String name;

        @Option(names = "--top", defaultValue = "10", description = "How many best trials to list (default ${DEFAULT-VALUE}).")
        int top;

        @Override
        int run(Storage s, PrintStream o) {
            if (!exists(s, name)) {
                return NOT_FOUND;
            }
            StudyRecord r = s.findStudy(name).orElseThrow();
            List<FrozenTrial> trials = s.trials(name);
            o.printf(Locale.ROOT, "study %s, %s, created %s, %d trials%n", r.name(), r.directions(), r.created(),
                    trials.size());
            for (TrialState st : TrialState.values()) {
                long n = trials.stream().filter(t -> t.state() == st).count();
                if (n > 0) {
                    o.printf(Locale.ROOT, "  %-8s %d%n", st, n);
                }
            }
            if (!r.userAttrs().isEmpty()) {
                o.println("  user attributes: " + r.userAttrs());
            }
            if (r.directions().size() != 1) {
                showParetoFront(r, trials, o, top);
                return 0;
            }
            Optional<FrozenTrial> best = s.bestTrial(name);
            if (best.isEmpty()) {
                o.println("no feasible COMPLETE trial yet");
                return 0;
            }
            o.printf(Locale.ROOT, "best trial #%d: value %s, params %s%n", best.get().number(), fmt(best.get().value()),
                    best.get().params());
            Comparator<FrozenTrial> byValue = Comparator.comparingDouble(FrozenTrial::value);
            if (r.directions().get(0) == org.automl4j.study.Direction.MAXIMIZE) {
                byValue = byValue.reversed();
            }
            // Feasible trials first, as the best trial is the best feasible one; infeasible ones are marked.
            Comparator<FrozenTrial> bestFirst = Comparator.<FrozenTrial, Boolean>comparing(t -> !t.isFeasible())
                    .thenComparing(byValue);
            o.printf(Locale.ROOT, "%n%6s  %14s  %s%n", "trial", "value", "params");
            trials.stream().filter(t -> t.state() == TrialState.COMPLETE).sorted(bestFirst).limit(Math.max(0, top))
                    .forEach(t -> o.printf(Locale.ROOT, "%6d  %14s  %s%s%n", t.number(), fmt(t.value()), t.params(),
                            t.isFeasible() ? "" : "  (infeasible: constraints " + Arrays.toString(t.constraints()) + ")"));
            return 0;
        }
    }

    /**
     * A multi-objective study's best trials: the Pareto front of its feasible COMPLETE trials (as
     * {@code Study.bestTrials}, Optuna's {@code best_trials}), by trial number, at most {@code top} of them.
     */
    private static void showParetoFront(StudyRecord r, List<FrozenTrial> trials, PrintStream o, int top) {
        List<FrozenTrial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
                .filter(FrozenTrial::isFeasible).toList();
        if (complete.isEmpty()) {
            long done = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
            o.println(done == 0 ? "no feasible COMPLETE trial yet" : "no feasible COMPLETE trial: all " + done
                    + " COMPLETE trials violate the constraints (a constraint value above 0), so the Pareto front is"
                    + " empty; relax the constraints or run more trials (export the study to see their values)");
            return;
        }
        double[][] losses = new double[complete.size()][];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = new double[r.directions().size()];
            for (int k = 0; k < losses[i].length; k++) {
                losses[i][k] = r.directions().get(k).toLoss(complete.get(i).values().get(k));
            }
        }
        List<FrozenTrial> front = new java.util.ArrayList<>();
        for (int i : org.automl4j.multiobjective.ParetoFronts.nonDominated(losses)) {
            front.add(complete.get(i));
        }
        front.sort(Comparator.comparingInt(FrozenTrial::number));
        o.printf(Locale.ROOT, "Pareto front: %d of %d feasible COMPLETE trials%s%n", front.size(), complete.size(),
                front.size() > top ? " (the first " + Math.max(0, top) + " by number; --top shows more)" : "");
        o.printf(Locale.ROOT, "%n%6s  %-40s  %s%n", "trial", "values " + r.directions(), "params");
        front.stream().limit(Math.max(0, top)).forEach(t -> o.printf(Locale.ROOT, "%6d  %-40s  %s%n", t.number(),
                t.values().stream().map(StudiesCommand::fmt).toList(), t.params()));
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Writes a study to a JSON document (all"
            + " of it, for import elsewhere) or its trials to CSV (one row per trial).")
    static final class Export extends OnStorage {
        @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
        String name;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file; .csv writes CSV,"
                + " anything else JSON, unless --format says otherwise. Use - for standard output.")
        String out;

        @Option(names = "--format", description = "json or csv (default: from the file name).")
        String format;

        @Override
        int run(Storage s, PrintStream o) throws IOException {
            if (!exists(s, name)) {
                return NOT_FOUND;
            }
            String f = format != null ? format.toLowerCase(Locale.ROOT) : out.endsWith(".csv") ? "csv" : "json";
            if (!f.equals("csv") && !f.equals("json")) {
                System.err.println("--format must be json or csv, but got '" + format + "'");
                return 2;
            }
            if (out.equals("-")) {
                Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8);
                if (f.equals("csv")) {
                    TrialsCsv.write(s, name, w);
                } else {
                    StudyJson.write(s, name, w);
                    w.write(System.lineSeparator());
                }
                w.flush();
                return 0;
            }
            Path file = Path.of(out);
            FitCommand.checkWritable(file, "--out", "trials." + f);
            if (f.equals("csv")) {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    TrialsCsv.write(s, name, w);
                }
            } else {
                StudyJson.write(s, name, file);
            }
            System.err.println("wrote study '" + name + "' (" + s.trialCount(name) + " trials) as " + f + " to "
                    + file.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Reads a study JSON document (from"
            + " 'studies export') into the storage.")
    static final class Import extends OnStorage {
        @Parameters(index = "0", paramLabel = "FILE", description = "The JSON document.")
        Path file;

        @Option(names = "--as", paramLabel = "NAME", description = "A new name for the study (default: its own).")
        String as;

        @Override
        boolean readsOnly() {
            return false;
        }

        @Override
        int run(Storage s, PrintStream o) {
            if (!Files.isRegularFile(file)) {
                System.err.println("no such file: " + file.toAbsolutePath());
                return 2;
            }
            StudyRecord r;
            try {
                r = StudyJson.read(file, s, as);
            } catch (org.automl4j.storage.DuplicateStudyException e) {
                // e.g. this very import ran before (perhaps killed after it had committed): the study is whole
                System.err.println("error: a study named '" + e.name() + "' is already in " + storage.url
                        + " (an earlier import of this file may have finished; nothing was changed); import it under"
                        + " another name with --as NAME, or delete the old one first with 'automl4j studies delete "
                        + e.name() + " --yes --storage " + storage.url + "'");
                return 2;
            }
            System.err.println("imported study '" + r.name() + "' (" + s.trialCount(r.name()) + " trials) into "
                    + storage.url);
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a study and all its trials.")
    static final class Delete extends OnStorage {
        @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
        String name;

        @Option(names = "--yes", description = "Confirm: without it nothing is deleted.")
        boolean yes;

        @Override
        int run(Storage s, PrintStream o) {
            if (!exists(s, name)) {
                return NOT_FOUND;
            }
            if (!yes) {
                System.err.println("this deletes study '" + name + "' and its " + s.trialCount(name)
                        + " trials for good; add --yes to confirm (export it first to keep a copy)");
                return 2;
            }
            s.deleteStudy(name);
            System.err.println("deleted study '" + name + "'");
            return 0;
        }
    }

    @Command(name = "importance", mixinStandardHelpOptions = true, description = {"How much each parameter matters,"
            + " most important first, over the completed trials.",
            "--method fanova: functional ANOVA main effects on a random-forest surrogate (SMAC's forest);"
            + " --method ped-anova: PED-ANOVA, how far each parameter's distribution among the best --top-quantile"
            + " of the trials is from its distribution among all (no model, fast on large studies)."},
            footer = {"", "Examples:", "  ./automl4j studies importance demo-branin-tpe",
                    "  ./automl4j studies importance big-study --method ped-anova --top-quantile 0.05"})
    static final class Importance extends OnStorage {
        @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
        String name;

        @Option(names = "--method", defaultValue = "fanova", description = "fanova or ped-anova (default ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--top-quantile", defaultValue = "0.1", description = "PED-ANOVA: the share of trials that"
                + " counts as the top (default ${DEFAULT-VALUE}).")
        double topQuantile;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of the fANOVA surrogate (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        int run(Storage s, PrintStream o) {
            String m = method.toLowerCase(Locale.ROOT).replace("_", "-");
            if (!m.equals("fanova") && !m.equals("ped-anova") && !m.equals("pedanova")) {
                throw new IllegalArgumentException("--method must be fanova or ped-anova, but got '" + method + "'");
            }
            if (!m.equals("fanova") && !(topQuantile > 0 && topQuantile < 1)) {
                throw new IllegalArgumentException("--top-quantile must be in (0, 1), e.g. 0.1 for the best 10 % of the"
                        + " trials, but got " + topQuantile);
            }
            if (!exists(s, name)) {
                return NOT_FOUND;
            }
            org.automl4j.storage.StudyRecord record = s.findStudy(name).orElseThrow();
            if (record.directions().size() != 1) {
                throw new IllegalArgumentException("study '" + name + "' has " + record.directions().size()
                        + " objectives; parameter importance is for single-objective studies");
            }
            List<FrozenTrial> trials = s.trials(name);
            java.util.Map<String, Double> imp = m.equals("fanova")
                    ? org.automl4j.importance.ParameterImportance.fanova(trials, seed)
                    : org.automl4j.importance.ParameterImportance.pedAnova(trials, record.directions().get(0),
                            topQuantile);
            o.printf(Locale.ROOT, "%-30s %10s   (%s)%n", "parameter", "importance", m.equals("fanova") ? "fANOVA"
                    : "PED-ANOVA, top " + String.format(Locale.ROOT, "%.4g", 100 * topQuantile).replaceAll("\\.?0+$", "")
                            + " % of trials");
            imp.forEach((k, v) -> o.printf(Locale.ROOT, "%-30s %10.3f  %s%n", k, v, "#".repeat((int) Math.round(v * 40))));
            // conditional parameters are not in every completed trial: say so rather than leave them out silently
            java.util.Set<String> leftOut = new java.util.TreeSet<>();
            trials.stream().filter(t -> t.state() == TrialState.COMPLETE).forEach(t -> leftOut.addAll(t.params().keySet()));
            leftOut.removeAll(imp.keySet());
            if (!leftOut.isEmpty()) {
                o.println("not rated (not in every completed trial, or with another distribution): "
                        + String.join(", ", leftOut));
            }
            return 0;
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
