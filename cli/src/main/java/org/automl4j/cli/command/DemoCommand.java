package org.automl4j.cli.command;

import java.io.PrintStream;
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
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.json.StudyJson;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automl4j demo}: a real study, TPE on the Branin function, with its results written to disk. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the demo study: TPE on the Branin function, then prints the best trial and the"
                + " best-so-far curve and writes the study as JSON.",
        footer = {"", "Examples:", "  ./automl4j demo", "  ./automl4j demo --trials 200 --seed 3 --out /tmp/demo"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--trials", defaultValue = "100", description = "Number of trials (default ${DEFAULT-VALUE}).")
    int trials;

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
        PrintStream o = System.out;
        BenchmarkProblem branin = Problems.branin();
        InMemoryStorage storage = new InMemoryStorage();
        String name = "demo-branin-tpe";
        Study study = Study.builder().name(name).storage(storage).sampler(Samplers.tpe(seed)).build();
        o.printf(Locale.ROOT, "automl4j demo: TPE (seed %d) on Branin, %d trials; global minimum %.6f%n", seed, trials,
                branin.optimum());
        long t0 = System.nanoTime();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("trials").setInitialMax(trials)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).continuousUpdate()
                .setMaxRenderedLength(100).build()) {
            study.addListener((s, t) -> {
                bar.step();
                s.bestTrial().ifPresent(b -> bar.setExtraMessage(String.format(Locale.ROOT, " best %.5f", b.value())));
            });
            study.optimize(branin.objective(), trials);
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
        return 0;
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
