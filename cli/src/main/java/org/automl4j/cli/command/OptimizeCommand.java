package org.automl4j.cli.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.automl4j.pruner.Pruner;
import org.automl4j.pruner.Pruners;
import org.automl4j.sampler.Sampler;
import org.automl4j.sampler.Samplers;
import org.automl4j.sampler.ext.ModelSamplers;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.Distribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.space.SearchSpace;
import org.automl4j.storage.Storage;
import org.automl4j.storage.json.SearchSpaceJson;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.study.Direction;
import org.automl4j.study.Heartbeat;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code automl4j optimize}: tunes any program, in any language, that prints its score. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Tunes an external program: each trial runs --command with the parameters of --space filled in"
                + " ({name} placeholders, quoted for where they stand, bare or in '...' or \"...\", so values reach the"
                + " program unchanged; also environment variables AUTOML4J_PARAM_<NAME>, AUTOML4J_TRIAL,"
                + " AUTOML4J_STUDY).",
                "The program prints its result on standard output as 'automl4j:result VALUE' (or the value alone"
                        + " as its last line) and may print 'automl4j:report STEP VALUE' lines for pruning. A"
                        + " non-zero exit, a timeout or no result makes the trial FAIL, keeping the end of its"
                        + " standard error; a pruned or timed-out program is killed with everything it started, and"
                        + " what a program leaves running in the background ends with it. The study is kept in"
                        + " --storage: run again to resume, or start more processes on the same storage and study to"
                        + " add workers."},
        footer = {"", "Examples:",
                "  ./automl4j optimize --space space.json --command \"python train.py --lr {lr} --depth {depth}\" --trials 100",
                "  ./automl4j optimize --space space.json --command \"./train.sh\" --direction maximize --jobs 2 \\",
                "      --pruner median --trial-timeout 10m --storage postgresql://me@db/automl --study shared",
                "", "space.json:",
                "  {\"parameters\": [{\"name\": \"lr\", \"type\": \"float\", \"low\": 1e-4, \"high\": 1, \"log\": true},",
                "                  {\"name\": \"depth\", \"type\": \"int\", \"low\": 1, \"high\": 10}]}"})
public final class OptimizeCommand implements Callable<Integer> {

    /**
     * When each of the first this many trials of a run fails, the command (or the space) is taken to be wrong and
     * the run stops with the first failure. Without the check a program that fails at once (a typo, a missing file)
     * ran thousands of FAIL trials until --timeout: 2,839 in 10 s for {@code exit 3}. Higher than the library's
     * default (5) so that a program that fails for part of its space still gets a fair start.
     */
    static final int INITIAL_FAILURES_TO_STOP = 10;

    @Option(names = "--space", required = true, description = "The search space (JSON: parameters, conditions, forbidden).")
    Path spaceFile;

    @Option(names = "--command", required = true, description = "The program to run, a shell command line with {name}"
            + " placeholders.")
    String command;

    @Option(names = "--trials", defaultValue = "100", description = "Trials to run in this process (default ${DEFAULT-VALUE};"
            + " -1 for no limit).")
    int trials;

    @Option(names = "--timeout", description = "Stop starting trials after this long, e.g. 30m.")
    String timeout;

    @Option(names = "--trial-timeout", description = "Stop a program after this long (a FAIL trial), e.g. 10m.")
    String trialTimeout;

    @Option(names = "--jobs", defaultValue = "1", description = "Programs run at once in this process (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--direction", defaultValue = "minimize", description = "minimize or maximize (default ${DEFAULT-VALUE}).")
    String direction;

    @Option(names = "--sampler", defaultValue = "auto", description = "auto, tpe, gp, cmaes, smac, random, sobol or"
            + " brute-force (every combination once, then stop; floats need a step) (default ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--pruner", defaultValue = "none", description = "none, median, sha, hyperband or wilcoxon (for a"
            + " program that reports one score per instance, fold or seed, the instance's number as the step;"
            + " default ${DEFAULT-VALUE}).")
    String pruner;

    @Option(names = "--seed", defaultValue = "0", description = "Sampler seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fix", paramLabel = "NAME=VALUE", description = "Hold a parameter of --space at a value while the"
            + " sampler searches the others (Optuna's PartialFixedSampler); repeat for more, e.g. --fix depth=4"
            + " --fix kernel=rbf.")
    Map<String, String> fix = new LinkedHashMap<>();

    @Option(names = "--study", defaultValue = "optimize", description = "Study name (default ${DEFAULT-VALUE}).")
    String study;

    @Mixin
    StorageOption storage = new StorageOption();

    @Option(names = {"-q", "--quiet"}, description = "Print only the best trial at the end.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(spaceFile)) {
            throw new IllegalArgumentException("--space " + spaceFile.toAbsolutePath() + " is a folder; give the JSON"
                    + " file of the search space");
        }
        if (!Files.isRegularFile(spaceFile)) {
            throw new IllegalArgumentException("no such space file: " + spaceFile.toAbsolutePath());
        }
        SearchSpace space;
        try {
            space = SearchSpaceJson.read(Files.readString(spaceFile));
        } catch (org.automl4j.storage.json.JsonCodecException e) {
            throw new IllegalArgumentException("--space " + spaceFile + ": " + e.getMessage(), e);
        }
        if (command.isBlank()) {
            throw new IllegalArgumentException("--command is empty; give the program to run, e.g. --command"
                    + " \"python train.py --lr {lr}\"");
        }
        List<String> unknown = ProgramObjective.unknownPlaceholders(command, space);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--command uses " + unknown + " but the space defines "
                    + space.parameters().keySet() + "; fix the placeholder names (braces that are not a placeholder,"
                    + " as in awk's '{print}', take a blank inside: '{ print }')");
        }
        java.util.Map<String, String> envNames = new java.util.HashMap<>();
        for (String name : space.parameters().keySet()) {
            String other = envNames.putIfAbsent(ProgramObjective.envName(name), name);
            if (other != null) {
                throw new IllegalArgumentException("--space " + spaceFile + ": the parameters '" + other + "' and '"
                        + name + "' would both be the environment variable AUTOML4J_PARAM_"
                        + ProgramObjective.envName(name) + "; rename one of them");
            }
        }
        if (trials == 0 || trials < -1) {
            throw new IllegalArgumentException("--trials must be at least 1, or -1 for no limit (with --timeout), but got "
                    + trials);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, but got " + jobs);
        }
        Direction dir = switch (direction.toLowerCase(Locale.ROOT)) {
            case "minimize", "min" -> Direction.MINIMIZE;
            case "maximize", "max" -> Direction.MAXIMIZE;
            default -> throw new IllegalArgumentException("--direction must be minimize or maximize, but got '"
                    + direction + "'");
        };
        Duration perTrial = trialTimeout == null ? null : FitCommand.parseDuration(trialTimeout, "--trial-timeout");
        Duration total = timeout == null ? null : FitCommand.parseDuration(timeout, "--timeout");
        Map<String, Object> fixed = fixedValues(fix, space, spaceFile);
        Storage st = storage.open();
        PrintStream o = System.out;
        try {
            Study s = Study.builder().name(study).storage(st).direction(dir).loadIfExists(true)
                    .sampler(fixed.isEmpty() ? sampler(sampler, seed)
                            : Samplers.partialFixed(fixed, sampler(sampler, seed))).pruner(pruner(pruner))
                    .heartbeat(Heartbeat.every(Duration.ofSeconds(10)).withRetries(0)).build();
            int before = s.trials().size();
            ProgramObjective objective = new ProgramObjective(command, space, study, 1, perTrial);
            AtomicInteger n = new AtomicInteger();
            if (!quiet) {
                o.printf(Locale.ROOT, "study '%s' in %s: %s; running %s%n", study, storage.url,
                        before == 0 ? "new" : before + " trials so far", command);
                s.addListener((v, t) -> {
                    n.incrementAndGet();
                    synchronized (o) {
                        o.println(line(t));
                    }
                });
            }
            OptimizeOptions opts = OptimizeOptions.trials(trials).withJobs(jobs)
                    .withMaxInitialFailures(INITIAL_FAILURES_TO_STOP);
            if (total != null) {
                opts = opts.withTimeout(total);
            }
            long t0 = System.nanoTime();
            // SIGTERM marks the running trials FAIL (the study's own hook); this one stops their programs too
            Thread stopPrograms = new Thread(objective::stopAll, "automl4j-stop-programs");
            Runtime.getRuntime().addShutdownHook(stopPrograms);
            try {
                s.optimize(t -> objective.evaluate(t)[0], opts);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopPrograms);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs now
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            List<FrozenTrial> mine = s.trials().subList(Math.min(before, s.trials().size()), s.trials().size());
            long failed = mine.stream().filter(t -> t.state() == TrialState.FAIL).count();
            long pruned = mine.stream().filter(t -> t.state() == TrialState.PRUNED).count();
            double overheadMs = mine.isEmpty() ? 0
                    : (wall * 1e9 - objective.programNanos() / (double) jobs) / 1e6 / mine.size();
            o.printf(Locale.ROOT, "%d trials in %.1f s (%d failed, %d pruned); automl4j overhead %.2f ms per trial%n",
                    mine.size(), wall, failed, pruned, overheadMs);
            s.bestTrial().ifPresentOrElse(
                    b -> o.printf(Locale.ROOT, "best trial #%d: value %s, params %s%n", b.number(),
                            StudiesCommand.fmt(b.value()), b.params()),
                    () -> o.println("no trial completed"));
            return s.bestTrial().isPresent() ? 0 : 1;
        } finally {
            Storages.close(st);
        }
    }

    private static String line(FrozenTrial t) {
        String v = t.state() == TrialState.COMPLETE ? "value " + StudiesCommand.fmt(t.value())
                : t.state() == TrialState.FAIL && t.failure() != null ? firstAndLast(t.failure().message())
                : "";
        return String.format(Locale.ROOT, "trial %d %s %s %s", t.number(), t.state(), v, t.params());
    }

    /** A failure on one line: its first line and, when there are more, its last (the end of the program's stderr). */
    static String firstAndLast(String message) {
        List<String> lines = message.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.size() == 1 ? lines.get(0)
                : lines.get(0) + " " + lines.get(lines.size() - 1).strip();
    }

    /**
     * The {@code --fix} values as the space's distributions give them out (Double, Integer or the listed choice).
     *
     * @throws IllegalArgumentException naming the flag, the parameter and what it allows
     */
    static Map<String, Object> fixedValues(Map<String, String> fix, SearchSpace space, Path spaceFile) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : fix.entrySet()) {
            String name = e.getKey();
            String text = e.getValue().strip();
            Distribution d = space.parameters().get(name);
            if (d == null) {
                throw new IllegalArgumentException("--fix " + name + "=" + text + ": " + spaceFile + " has no parameter '"
                        + name + "'; it has " + space.parameters().keySet());
            }
            Object value;
            try {
                if (d instanceof CategoricalDistribution c) {
                    value = c.choices().stream().filter(x -> String.valueOf(x).equals(text)).findFirst().orElse(text);
                } else if (d instanceof IntDistribution) {
                    value = Integer.parseInt(text);
                } else {
                    value = Double.parseDouble(text);
                }
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("--fix " + name + "=" + text + ": '" + text + "' is not "
                        + (d instanceof IntDistribution ? "a whole number" : "a number") + "; " + name + " is " + d);
            }
            if (!d.contains(value)) {
                throw new IllegalArgumentException("--fix " + name + "=" + text + ": not a value of " + name + ", which is "
                        + d + "; give a value inside it");
            }
            out.put(name, value);
        }
        return out;
    }

    static Sampler sampler(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "auto" -> ModelSamplers.auto(seed);
            case "tpe" -> Samplers.tpe(seed);
            case "gp" -> ModelSamplers.gp(seed);
            case "cmaes", "cma-es" -> ModelSamplers.cmaEs(seed);
            case "smac" -> Samplers.smac(seed);
            case "random" -> Samplers.random(seed);
            case "sobol" -> Samplers.sobol(seed);
            case "brute-force", "bruteforce" -> Samplers.bruteForce(seed);
            default -> throw new IllegalArgumentException("unknown --sampler '" + name
                    + "'; use auto, tpe, gp, cmaes, smac, random, sobol or brute-force");
        };
    }

    static Pruner pruner(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> Pruners.none();
            case "median" -> Pruners.median();
            case "sha" -> Pruners.successiveHalving(1, 3, 0);
            case "hyperband" -> Pruners.hyperband(1, 81, 3);
            case "wilcoxon" -> Pruners.wilcoxon();
            default -> throw new IllegalArgumentException("unknown --pruner '" + name
                    + "'; use none, median, sha, hyperband or wilcoxon");
        };
    }
}
