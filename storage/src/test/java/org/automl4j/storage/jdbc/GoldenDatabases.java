package org.automl4j.storage.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.automl4j.space.CategoricalDistribution;
import org.automl4j.space.FloatDistribution;
import org.automl4j.space.IntDistribution;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialState;

/**
 * Writes the golden database of the current schema version ({@code src/test/resources/golden/studies-v<N>.db}),
 * which later versions' tests open to prove their migrations read old files. Run once per schema version:
 * {@code java -cp <test classpath> org.automl4j.storage.jdbc.GoldenDatabases storage/src/test/resources/golden}.
 */
public final class GoldenDatabases {
    private GoldenDatabases() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).resolve("studies-v1.db");
        Files.deleteIfExists(file);
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        try (JdbcStorage s = JdbcStorage.sqlite(file, clock)) {
            fill(s);
        }
        // one file, no WAL or shared-memory side files
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=DELETE");
            st.execute("VACUUM");
        }
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /** The content every golden database holds; {@code GoldenDatabaseTest} checks it field by field. */
    static void fill(JdbcStorage s) {
        s.createStudy("golden", List.of(Direction.MINIMIZE));
        s.setStudyUserAttr("golden", "dataset", "iris");
        FloatDistribution lr = FloatDistribution.logScale(1e-4, 1);
        IntDistribution depth = IntDistribution.of(1, 8);
        CategoricalDistribution kind = CategoricalDistribution.of(List.of("tree", "linear"));
        int a = s.createTrial("golden", FrozenTrial.builder().state(TrialState.RUNNING).build()).number();
        s.setTrialParam("golden", a, "lr", lr, 0.01);
        s.setTrialParam("golden", a, "depth", depth, 3);
        s.setTrialParam("golden", a, "kind", kind, "tree");
        s.setTrialIntermediateValue("golden", a, 1, 0.5);
        s.setTrialIntermediateValue("golden", a, 2, 0.25);
        s.setTrialUserAttr("golden", a, "note", "first");
        s.finishTrial("golden", a, TrialState.COMPLETE, List.of(0.25), null);
        int b = s.createTrial("golden", FrozenTrial.builder().state(TrialState.RUNNING).build()).number();
        s.setTrialParam("golden", b, "kind", kind, "linear");
        s.finishTrial("golden", b, TrialState.FAIL, List.of(), TrialFailure.of("java.lang.IllegalStateException",
                "diverged"));
        s.createTrial("golden", FrozenTrial.builder().state(TrialState.WAITING)
                .systemAttr("fixed_params", java.util.Map.of("kind", "tree")).build());
        s.createStudy("pareto", List.of(Direction.MINIMIZE, Direction.MAXIMIZE));
        s.createTrial("pareto", FrozenTrial.builder().state(TrialState.COMPLETE).values(1.0, 2.0).build());
    }
}
