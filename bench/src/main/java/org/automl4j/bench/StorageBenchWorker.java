package org.automl4j.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.automl4j.sampler.Samplers;
import org.automl4j.storage.Storage;
import org.automl4j.storage.jdbc.Storages;
import org.automl4j.study.Heartbeat;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.Trial;

/**
 * A worker process for {@code automl4j benchmark storage}, launched with the running benchmark's class
 * path. Two modes:
 * <ul>
 *   <li>{@code run URL STUDY TRIALS SEED SLEEP_MS HEARTBEAT(0|1)}: joins (or creates) the study and runs
 *       TRIALS trials of the five-parameter objective, sleeping SLEEP_MS in each; with HEARTBEAT=1, heartbeats
 *       every 100 ms, grace 1 s, 1 retry. Prints {@code optimize_start_ms=.. optimize_end_ms=..} (epoch ms).</li>
 *   <li>{@code open URL STUDY}: times, in this fresh JVM, opening the storage, loading the study and
 *       reading its best trial, then reading all trials. Prints {@code open_best_ms=.. trials_ms=.. trials=..}.</li>
 * </ul>
 */
public final class StorageBenchWorker {
    private StorageBenchWorker() {
    }

    /** The heartbeat the crash runs use: 100 ms interval, 1 s grace, 1 retry. */
    static final Heartbeat HEARTBEAT = new Heartbeat(Duration.ofMillis(100), Duration.ofMillis(1000), 1);

    private static final List<String> CHOICES = List.of("adam", "sgd", "rmsprop");

    /** The benchmark's objective: 5 parameters (3 floats, 1 int, 1 categorical), trivial to compute. */
    static double objective(Trial t) {
        double x = t.suggestFloat("x", -5, 5);
        double y = t.suggestFloat("y", -5, 5);
        double lr = t.suggestFloat("lr", 1e-5, 1e-1, true);
        int layers = t.suggestInt("layers", 1, 8);
        String opt = t.suggestCategorical("optimizer", CHOICES);
        return x * x + y * y + Math.log10(lr) * 0.01 + layers * 0.1 + CHOICES.indexOf(opt) * 0.05;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String name = args[2];
        if (mode.equals("open")) {
            long t0 = System.nanoTime();
            Storage storage = Storages.open(url);
            try {
                Study study = Study.builder().name(name).storage(storage).sampler(Samplers.random(0))
                        .loadIfExists(true).build();
                FrozenTrial best = study.bestTrial().orElseThrow();
                long t1 = System.nanoTime();
                int n = study.trials().size();
                long t2 = System.nanoTime();
                System.out.printf(Locale.ROOT, "open_best_ms=%.3f trials_ms=%.3f trials=%d best=%d%n",
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, n, best.number());
            } finally {
                Storages.close(storage);
            }
            return;
        }
        int trials = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        long sleepMs = Long.parseLong(args[5]);
        boolean heartbeat = args.length > 6 && args[6].equals("1");
        Storage storage = Storages.open(url);
        try {
            Study.Builder b = Study.builder().name(name).storage(storage).sampler(Samplers.random(seed)).loadIfExists(true);
            if (heartbeat) {
                b.heartbeat(HEARTBEAT);
            }
            Study study = b.build();
            long start = System.currentTimeMillis();
            study.optimize(t -> {
                double v = objective(t);
                if (sleepMs > 0) {
                    Thread.sleep(sleepMs);
                }
                return v;
            }, OptimizeOptions.trials(trials).withMaxInitialFailures(0));
            long end = System.currentTimeMillis();
            System.out.println("optimize_start_ms=" + start + " optimize_end_ms=" + end);
        } finally {
            Storages.close(storage);
        }
    }
}
