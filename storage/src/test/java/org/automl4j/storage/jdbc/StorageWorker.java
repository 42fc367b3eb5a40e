package org.automl4j.storage.jdbc;

import java.time.Duration;
import org.automl4j.sampler.Samplers;
import org.automl4j.storage.Storage;
import org.automl4j.study.Heartbeat;
import org.automl4j.study.OptimizeOptions;
import org.automl4j.study.Study;

/**
 * A worker process for the multi-process tests: joins (or creates) a study on a shared storage and runs
 * trials of a small objective. Arguments: storage URL, study name, trials, milliseconds per trial, seed,
 * and optionally a trial number from which each trial hangs (so a test can kill the worker while it is
 * certainly in the middle of a trial).
 */
public final class StorageWorker {
    private StorageWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String name = args[1];
        int trials = Integer.parseInt(args[2]);
        long sleepMs = Long.parseLong(args[3]);
        long seed = Long.parseLong(args[4]);
        int hangFrom = args.length > 5 ? Integer.parseInt(args[5]) : Integer.MAX_VALUE;
        Storage storage = Storages.open(url);
        try {
            Study study = Study.builder().name(name).storage(storage).sampler(Samplers.random(seed)).loadIfExists(true)
                    .heartbeat(new Heartbeat(Duration.ofMillis(100), Duration.ofMillis(1000), 1)).build();
            study.optimize(t -> {
                double x = t.suggestFloat("x", -5, 5);
                int k = t.suggestInt("k", 1, 4);
                if (t.number() >= hangFrom) {
                    Thread.sleep(600_000);
                }
                if (sleepMs > 0) {
                    Thread.sleep(sleepMs);
                }
                return x * x + k;
            }, OptimizeOptions.trials(trials).withMaxInitialFailures(0));
        } finally {
            Storages.close(storage);
        }
        System.out.println("worker done");
    }
}
