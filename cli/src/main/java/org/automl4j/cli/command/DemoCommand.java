package org.automl4j.cli.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.automl4j.problems.BenchmarkProblem;
import org.automl4j.problems.Problems;
import org.automl4j.sampler.Samplers;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.study.Heartbeat;
import org.automl4j.study.OptimizeOptions;
import java.time.Duration;
import org.automl4j.storage.json.StudyJson;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automl4j demo}: a real study, TPE on the Branin function, kept in the embedded database (or
 * the storage given), resumed where it stopped when run again, with its results written to disk.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the demo study: TPE on the Branin function until the study has --trials finished"
                + " trials, then prints the best trial and the best-so-far curve and writes the study as JSON.",
                "The study is kept in --storage: run the same command again to resume a stopped run, or run it"
                        + " in more processes at once on the same storage to share the work."},
        footer = {"", "Examples:", "  ./automl4j demo", "  ./automl4j demo --trials 200 --seed 3 --out /tmp/demo",
                "  ./automl4j demo --storage postgresql://me:secret@127.0.0.1:5432/automl --study shared",
                "  ./automl4j demo --fresh        # start the demo study over"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--trials", defaultValue = "100",
            description = "Finished trials the study should have in the end (default ${DEFAULT-VALUE}).")
    int trials;

    @picocli.CommandLine.Mixin
    StorageOption storageOption = new StorageOption();

    @Option(names = "--study", defaultValue = "demo-branin-tpe", description = "Study name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--fresh", description = "Delete the study first instead of resuming it.")
    boolean fresh;

    @Option(names = "--no-progress", description = "No progress bar (also off when the output is not a terminal).")
    boolean noProgress;

    @Option(names = "--seed", defaultValue = "0", description = "Sampler seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "automl4j-results/demo",
            description = "Folder for the results (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        if (trials < 1) {
            System.err.println("--trials must be at least 1, but got " + trials);
            return 2;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file; give a folder for the results");
        }
        FitCommand.checkWritable(out.resolve("demo-branin-tpe.json"), "--out"); // before the study runs
        PrintStream o = System.out;
        BenchmarkProblem branin = Problems.branin();
        Storage storage = storageOption.open();
        try {
            return run(o, branin, storage);
        } finally {
            Storages.close(storage);
        }
    }

    private int run(PrintStream o, BenchmarkProblem branin, Storage storage) {
        if (fresh && storage.findStudy(name).isPresent()) {
            storage.deleteStudy(name);
        }
        Study study = Study.builder().name(name).storage(storage).sampler(Samplers.tpe(seed)).loadIfExists(true)
                .heartbeat(Heartbeat.every(Duration.ofSeconds(5)).withRetries(1)).build();
        FinishedCount finished = new FinishedCount();
        int done = finished.of(study);
        o.printf(Locale.ROOT, "automl4j demo: TPE (seed %d) on Branin until %d finished trials; global minimum %.6f%n",
                seed, trials, branin.optimum());
        o.printf(Locale.ROOT, "study '%s' in %s: %s%n", name, storageOption.url,
                done == 0 ? "new" : "resuming with " + done + " finished trials");
        long t0 = System.nanoTime();
        if (done < trials) {
            // each finished trial checks the total, so several processes sharing the study stop together
            study.addListener((s, t) -> {
                if (finished.of(s) >= trials) {
                    study.stop();
                }
            });
            boolean bars = !noProgress && System.console() != null;
            if (bars) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("trials").setInitialMax(trials)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).continuousUpdate()
                        .setMaxRenderedLength(100).build()) {
                    bar.stepTo(done);
                    study.addListener((s, t) -> {
                        bar.stepTo(Math.min(trials, finished.of(s)));
                        s.bestTrial().ifPresent(b -> bar.setExtraMessage(String.format(Locale.ROOT, " best %.5f",
                                b.value())));
                    });
                    study.optimize(branin.objective(), OptimizeOptions.trials(-1));
                }
            } else {
                study.optimize(branin.objective(), OptimizeOptions.trials(-1));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        FrozenTrial best = study.bestTrial().orElseThrow();
        o.println();
        o.printf(Locale.ROOT, "Best trial #%d: value %.6f (regret %.2e) at x0=%.5f, x1=%.5f%n", best.number(),
                best.value(), best.value() - branin.optimum(), (Double) best.params().get("x0"),
                (Double) best.params().get("x1"));
        o.println();
        o.println(curveTable(study.trials(), branin.optimum()));
        Path file = out.resolve(name + ".json").toAbsolutePath();
        StudyJson.write(storage, name, file);
        long failed = study.trials(TrialState.FAIL).size();
        o.printf(Locale.ROOT, "%d trials in %.2f s (%d failed). Study written to %s%n", study.trials().size(),
                seconds, failed, file);
        o.printf(Locale.ROOT, "Study kept in %s (list with: ./automl4j studies list --storage %s)%n", storageOption.url,
                storageOption.url);
        return 0;
    }

    /**
     * How many trials of the study have finished, in any process, read incrementally (only the trials
     * finished since the last call), so that checking after every trial costs no rescan of the history.
     */
    private static final class FinishedCount {
        private final org.automl4j.study.TrialFeed feed = new org.automl4j.study.TrialFeed();
        private int count;

        synchronized int of(org.automl4j.study.StudyView s) {
            count += feed.next(s).size();
            return count;
        }
    }

    /** The best-so-far value and regret at a few trial counts, as a small text table. */
    static String curveTable(List<FrozenTrial> trials, double optimum) {
        List<Integer> marks = new ArrayList<>();
        for (int m : new int[] {1, 5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000}) {
            if (m < trials.size()) {
                marks.add(m);
            }
        }
        marks.add(trials.size());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%8s  %14s  %12s%n", "trials", "best so far", "regret"));
        double best = Double.POSITIVE_INFINITY;
        int k = 0;
        for (int i = 0; i < trials.size(); i++) {
            FrozenTrial t = trials.get(i);
            if (t.state() == TrialState.COMPLETE) {
                best = Math.min(best, t.value());
            }
            if (k < marks.size() && i + 1 == marks.get(k)) {
                sb.append(String.format(Locale.ROOT, "%8d  %14.6f  %12.3e%n", i + 1, best, best - optimum));
                k++;
            }
        }
        return sb.toString();
    }

}
