package org.automl4j.storage.jdbc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.storage.StudyRecord;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialState;

/**
 * A process for the import crash test: imports study {@link #STUDY} of {@code n} trials ({@link #trials}) into an
 * SQLite file and prints {@link #INSIDE} on standard output once the first batch of trials is written inside the
 * import's transaction, so that the test can kill it from there on. Arguments: the database file, n.
 */
public final class ImportWorker {
    static final String STUDY = "big";
    static final String INSIDE = "automl4j-import-inside";
    static final String DONE = "automl4j-import-done";

    private ImportWorker() {
    }

    /** The study record the worker imports. */
    static StudyRecord study() {
        return new StudyRecord(STUDY, List.of(Direction.MINIMIZE), Map.of("source", "crash-test"),
                Instant.parse("2025-01-02T03:04:05.678Z"));
    }

    /** {@code n} finished trials, the same for a seed: params, values, curves of 4 steps, attributes, times. */
    static List<FrozenTrial> trials(int n, long seed) {
        Random r = new Random(seed);
        FloatDistribution x = FloatDistribution.of(0, 1);
        IntDistribution k = IntDistribution.of(1, 9);
        CategoricalDistribution c = CategoricalDistribution.of("a", "b", "c");
        Instant t0 = Instant.parse("2025-01-02T03:04:05.678Z");
        List<FrozenTrial> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TrialState s = i % 10 == 9 ? TrialState.FAIL : i % 5 == 4 ? TrialState.PRUNED : TrialState.COMPLETE;
            FrozenTrial.Builder b = FrozenTrial.builder().state(s).param("x", x, r.nextDouble())
                    .param("k", k, 1 + r.nextInt(9)).param("c", c, List.of("a", "b", "c").get(r.nextInt(3)))
                    .userAttr("i", i).start(t0.plusSeconds(i)).complete(t0.plusSeconds(i).plusMillis(500));
            for (int step = 0; step < 4; step++) {
                b.intermediateValue(step, r.nextDouble());
            }
            if (s == TrialState.COMPLETE) {
                b.values(r.nextDouble());
            } else if (s == TrialState.FAIL) {
                b.failure(TrialFailure.of("Boom", "trial " + i));
            }
            out.add(b.build());
        }
        return out;
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        List<FrozenTrial> trials = trials(n, 42);
        try (JdbcStorage s = JdbcStorage.sqlite(file)) {
            s.onImportProgress(written -> {
                if (written == JdbcStorage.IMPORT_BATCH) {
                    System.out.println(INSIDE);
                    System.out.flush();
                }
            });
            s.importStudy(study(), trials);
        }
        System.out.println(DONE);
    }
}
