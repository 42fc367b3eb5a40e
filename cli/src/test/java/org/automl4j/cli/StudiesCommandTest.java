package org.automl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudiesCommandTest {

    @Test
    void theListCountsEnqueuedTrialsThatNeverRanAsWaiting(@TempDir Path dir) {
        String db = "sqlite:" + dir.resolve("w.db");
        runStudy(db, "queued", study -> {
            study.enqueueTrial(java.util.Map.of("x", 0.25));
            study.enqueueTrial(java.util.Map.of("x", 0.75));
            study.optimize(t -> t.suggestFloat("x", 0, 1), 1);
        });
        CliRun list = CliRun.of("studies", "list", "--storage", db);
        assertEquals(0, list.code(), list.err());
        String header = list.out().lines().findFirst().orElseThrow();
        String row = list.out().lines().filter(l -> l.startsWith("queued")).findFirst().orElseThrow();
        List<String> h = List.of(header.trim().split("\\s+"));
        List<String> v = List.of(row.trim().split("\\s+"));
        assertEquals("2", v.get(h.indexOf("trials")), list.out());
        assertEquals("1", v.get(h.indexOf("complete")), list.out());
        assertEquals("1", v.get(h.indexOf("waiting")), list.out());
    }

    @Test
    void showListsTheFeasibleTrialsOfAConstrainedStudyFirstAndMarksTheInfeasibleOnes(@TempDir Path dir) {
        String db = "sqlite:" + dir.resolve("k.db");
        org.automl4j.space.FloatDistribution x = org.automl4j.space.FloatDistribution.of(0, 10);
        runStudy(db, "constrained", study -> {
            for (int k = 0; k < 4; k++) {
                // trials 0 and 1 have the smaller values but violate the constraint
                study.addTrial(org.automl4j.trial.FrozenTrial.builder().param("x", x, (double) k).values(k)
                        .systemAttr(org.automl4j.trial.FrozenTrial.CONSTRAINTS_ATTR, List.of(k < 2 ? 0.5 : -1.0))
                        .build());
            }
        });
        CliRun show = CliRun.of("studies", "show", "constrained", "--storage", db, "--top", "3");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("best trial #2"), show.out());
        List<String> rows = show.out().lines().dropWhile(l -> !l.trim().startsWith("trial")).skip(1).toList();
        assertEquals(List.of("2", "3", "0"), rows.stream().map(l -> l.trim().split("\\s+")[0]).toList(), show.out());
        assertTrue(rows.get(2).endsWith("(infeasible: constraints [0.5])"), show.out());
        assertFalse(rows.get(0).contains("infeasible"), show.out());
    }

    @Test
    void showListsAMultiObjectiveStudysParetoFrontOfFeasibleTrials(@TempDir Path dir) {
        // before: "multi-objective: export it to see every trial's values" and nothing else
        String db = "sqlite:" + dir.resolve("mo.db");
        org.automl4j.space.FloatDistribution x = org.automl4j.space.FloatDistribution.of(0, 10);
        double[][] values = {{1, 4}, {2, 2}, {3, 3}, {4, 1}, {0, 0}};
        org.automl4j.storage.Storage storage = org.automl4j.storage.jdbc.Storages.open(db);
        try {
            org.automl4j.study.Study study = org.automl4j.study.Study.builder().name("mo").storage(storage)
                    .directions(org.automl4j.study.Direction.MINIMIZE, org.automl4j.study.Direction.MINIMIZE)
                    .sampler(org.automl4j.sampler.Samplers.random(0)).build();
            for (int k = 0; k < values.length; k++) {
                // trial 2 is dominated by trial 1; trial 4 dominates all but breaks its constraint
                study.addTrial(org.automl4j.trial.FrozenTrial.builder().param("x", x, (double) k).values(values[k])
                        .systemAttr(org.automl4j.trial.FrozenTrial.CONSTRAINTS_ATTR, List.of(k == 4 ? 1.0 : -1.0))
                        .build());
            }
        } finally {
            org.automl4j.storage.jdbc.Storages.close(storage);
        }
        CliRun show = CliRun.of("studies", "show", "mo", "--storage", db);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("Pareto front: 3 of 4 feasible COMPLETE trials"), show.out());
        List<String> rows = show.out().lines().dropWhile(l -> !l.trim().startsWith("trial")).skip(1).toList();
        assertEquals(List.of("0", "1", "3"), rows.stream().map(l -> l.trim().split("\\s+")[0]).toList(), show.out());
        assertTrue(rows.get(1).contains("[2.00000, 2.00000]"), show.out());
        CliRun top = CliRun.of("studies", "show", "mo", "--storage", db, "--top", "2");
        assertTrue(top.out().contains("(the first 2 by number; --top shows more)"), top.out());
        assertEquals(2, top.out().lines().dropWhile(l -> !l.trim().startsWith("trial")).skip(1).count(), top.out());
    }

    @Test
    void showSaysAMultiObjectiveStudyWhoseCompleteTrialsAreAllInfeasibleHasAnEmptyFrontAndWhy(@TempDir Path dir) {
        // before: "no feasible COMPLETE trial yet", as if no trial had finished
        String db = "sqlite:" + dir.resolve("mo-infeasible.db");
        org.automl4j.space.FloatDistribution x = org.automl4j.space.FloatDistribution.of(0, 10);
        org.automl4j.storage.Storage storage = org.automl4j.storage.jdbc.Storages.open(db);
        try {
            org.automl4j.study.Study study = org.automl4j.study.Study.builder().name("mo").storage(storage)
                    .directions(org.automl4j.study.Direction.MINIMIZE, org.automl4j.study.Direction.MINIMIZE)
                    .sampler(org.automl4j.sampler.Samplers.random(0)).build();
            for (int k = 0; k < 2; k++) {
                study.addTrial(org.automl4j.trial.FrozenTrial.builder().param("x", x, (double) k).values(k, 1.0 - k)
                        .systemAttr(org.automl4j.trial.FrozenTrial.CONSTRAINTS_ATTR, List.of(0.5)).build());
            }
        } finally {
            org.automl4j.storage.jdbc.Storages.close(storage);
        }
        CliRun show = CliRun.of("studies", "show", "mo", "--storage", db);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("no feasible COMPLETE trial: all 2 COMPLETE trials violate the constraints"),
                show.out());
        assertFalse(show.out().contains("yet"), show.out());
    }

    @Test
    void importanceNamesTheConditionalParametersItCannotRateAndABadQuantileByItsFlag(@TempDir Path dir) {
        String db = "sqlite:" + dir.resolve("c.db");
        runStudy(db, "conditional", study -> {
            study.optimize(t -> t.suggestCategorical("c", List.of("a", "b")).equals("a") ? t.suggestFloat("x", 0, 1)
                    : 2 + t.suggestFloat("y", 0, 1), 12);
        });
        for (String method : List.of("fanova", "ped-anova")) {
            CliRun imp = CliRun.of("studies", "importance", "conditional", "--method", method, "--storage", db);
            assertEquals(0, imp.code(), imp.err());
            assertTrue(imp.out().contains("not rated (not in every completed trial, or with another distribution): x, y"),
                    imp.out());
        }
        CliRun whole = CliRun.of("studies", "importance", "conditional", "--method", "ped-anova", "--top-quantile", "1",
                "--storage", db);
        assertEquals(2, whole.code());
        assertTrue(whole.err().contains("--top-quantile must be in (0, 1)"), whole.err());
    }

    @Test
    void studiesCanBeListedShownExportedImportedAndDeleted(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("studies.db");
        assertEquals(0, CliRun.of("demo", "--trials", "25", "--seed", "2", "--out", dir.toString(), "--storage", db).code());

        CliRun list = CliRun.of("studies", "list", "--storage", db);
        assertEquals(0, list.code());
        assertTrue(list.out().contains("demo-branin-tpe") && list.out().contains(" 25 "), list.out());

        CliRun show = CliRun.of("studies", "show", "demo-branin-tpe", "--storage", db, "--top", "3");
        assertEquals(0, show.code());
        assertTrue(show.out().contains("best trial #"), show.out());

        CliRun imp = CliRun.of("studies", "importance", "demo-branin-tpe", "--storage", db);
        assertEquals(0, imp.code(), imp.err());
        assertTrue(imp.out().contains("x0") && imp.out().contains("x1"), imp.out());
        CliRun ped = CliRun.of("studies", "importance", "demo-branin-tpe", "--method", "ped-anova", "--top-quantile", "0.2",
                "--storage", db);
        assertEquals(0, ped.code(), ped.err());
        assertTrue(ped.out().contains("PED-ANOVA, top 20 % of trials") && ped.out().contains("x0"), ped.out());
        CliRun badMethod = CliRun.of("studies", "importance", "demo-branin-tpe", "--method", "anova", "--storage", db);
        assertEquals(2, badMethod.code());
        assertTrue(badMethod.err().contains("fanova or ped-anova"), badMethod.err());

        Path csv = dir.resolve("trials.csv");
        assertEquals(0, CliRun.of("studies", "export", "demo-branin-tpe", "--out", csv.toString(), "--storage", db).code());
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(csv))).getRecords();
        assertEquals(25, rows.size());
        assertEquals("COMPLETE", rows.get(0).get("state"));
        double x0 = Double.parseDouble(rows.get(0).get("params_x0"));
        assertTrue(x0 >= -5 && x0 <= 10, "x0 within Branin's domain: " + x0);

        Path json = dir.resolve("study.json");
        assertEquals(0, CliRun.of("studies", "export", "demo-branin-tpe", "--out", json.toString(), "--storage", db).code());
        String other = "sqlite:" + dir.resolve("other.db");
        assertEquals(0, CliRun.of("studies", "import", json.toString(), "--as", "copy", "--storage", other).code());
        CliRun copied = CliRun.of("studies", "list", "--storage", other);
        assertTrue(copied.out().contains("copy") && copied.out().contains(" 25 "), copied.out());

        CliRun refused = CliRun.of("studies", "delete", "copy", "--storage", other);
        assertEquals(2, refused.code(), "nothing is deleted without --yes");
        assertTrue(refused.err().contains("--yes"), refused.err());
        assertEquals(0, CliRun.of("studies", "delete", "copy", "--storage", other, "--yes").code());
        assertTrue(CliRun.of("studies", "list", "--storage", other).out().contains("no studies"));
    }

    @Test
    void aStudyExportedToStandardOutputImportsWithItsNonFiniteAttributesAsNumbers(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("nan.db");
        runStudy(db, "nan", study -> {
            study.optimize(t -> {
                t.setUserAttr("loss", Double.POSITIVE_INFINITY);
                return t.suggestFloat("x", 0, 1);
            }, 2);
        });
        CliRun export = CliRun.of("studies", "export", "nan", "--out", "-", "--storage", db);
        assertEquals(0, export.code(), export.err());
        Path json = dir.resolve("nan.json");
        Files.writeString(json, export.out());
        String other = "sqlite:" + dir.resolve("other.db");
        CliRun imported = CliRun.of("studies", "import", json.toString(), "--storage", other);
        assertEquals(0, imported.code(), imported.err());
        org.automl4j.storage.Storage copy = org.automl4j.storage.jdbc.Storages.open(other);
        try {
            assertEquals(Double.POSITIVE_INFINITY, copy.trial("nan", 1).userAttrs().get("loss"));
        } finally {
            org.automl4j.storage.jdbc.Storages.close(copy);
        }
    }

    @Test
    void aStudyExportedAsCsvToStandardOutputSucceeds(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("csv.db");
        runStudy(db, "csv", study -> study.optimize(t -> t.suggestFloat("x", 0, 1), 3));
        CliRun export = CliRun.of("studies", "export", "csv", "--out", "-", "--format", "csv", "--storage", db);
        assertEquals(0, export.code(), export.err());
        assertEquals(4, export.out().lines().count(), export.out());
    }

    @Test
    void unknownStudyOrStorageIsAClearError(@TempDir Path dir) {
        String db = "sqlite:" + dir.resolve("empty.db");
        CliRun missing = CliRun.of("studies", "show", "nope", "--storage", db);
        assertEquals(3, missing.code());
        assertTrue(missing.err().contains("no study named 'nope'"), missing.err());
        CliRun badUrl = CliRun.of("studies", "list", "--storage", "mysql://x");
        assertTrue(badUrl.code() != 0);
        assertTrue(badUrl.err().contains("unknown storage URL"), badUrl.err());
    }

    @Test
    void readingStudiesFromAMissingDatabaseFileSaysSoAndCreatesNothing(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("typo").resolve("studies.db");
        CliRun show = CliRun.of("studies", "show", "x", "--storage", "sqlite:" + db);
        assertEquals(3, show.code(), show.err());
        assertTrue(show.err().contains("no study named 'x': there is no database file " + db.toAbsolutePath()),
                show.err());
        CliRun list = CliRun.of("studies", "list", "--storage", "sqlite:" + db);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("no studies") && list.out().contains("no database file"), list.out());
        assertFalse(Files.exists(db.getParent()), "no folder or database was created");
    }

    @Test
    void importingAFileThatIsNotAStudyDocumentNamesTheFileWithExitCode2(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
        CliRun notJson = CliRun.of("studies", "import", csv.toString(), "--storage", "memory");
        assertEquals(2, notJson.code(), notJson.err());
        assertTrue(notJson.err().startsWith("error: " + csv + " is not valid JSON (line 1, column"), notJson.err());
        Path other = Files.writeString(dir.resolve("other.json"), "{\"not\": \"a study\"}");
        CliRun notStudy = CliRun.of("studies", "import", other.toString(), "--storage", "memory");
        assertEquals(2, notStudy.code(), notStudy.err());
        assertTrue(notStudy.err().contains(other + ": not an automl4j study document"), notStudy.err());
        assertFalse(notStudy.err().contains("\tat "), notStudy.err());
    }

    /** A re-run of an import that had finished (it was killed after its commit, say) is refused with a way out. */
    @Test
    void importingAStudyWhoseNameIsTakenIsRefusedWithExitCode2AndLeavesTheStudyAsItWas(@TempDir Path dir)
            throws Exception {
        String db = "sqlite:" + dir.resolve("taken.db");
        runStudy(db, "taken", study -> study.optimize(t -> t.suggestFloat("x", 0, 1), 3));
        Path json = dir.resolve("taken.json");
        assertEquals(0, CliRun.of("studies", "export", "taken", "--out", json.toString(), "--storage", db).code());
        CliRun again = CliRun.of("studies", "import", json.toString(), "--storage", db);
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().startsWith("error: a study named 'taken' is already in " + db), again.err());
        assertTrue(again.err().contains("--as NAME") && again.err().contains("studies delete taken --yes"), again.err());
        assertFalse(again.err().contains("\tat "), again.err());
        CliRun list = CliRun.of("studies", "list", "--storage", db);
        assertTrue(list.out().contains("taken") && list.out().contains(" 3 "), list.out());
        assertEquals(0, CliRun.of("studies", "import", json.toString(), "--as", "taken-2", "--storage", db).code());
    }

    @Test
    void aMistypedStorageSchemeIsAnErrorNotANewFile(@TempDir Path dir) throws Exception {
        Path typo = dir.resolve("x.db");
        CliRun r = CliRun.of("studies", "list", "--storage", "sqlit:" + typo);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown storage URL scheme 'sqlit:'"), r.err());
    }

    @Test
    void exportToAnUnwritablePathSaysWhy(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("s.db");
        Path space = Files.writeString(dir.resolve("space.json"),
                "{\"parameters\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 0, \"high\": 1}]}");
        assertEquals(0, CliRun.of("optimize", "--space", space.toString(), "--command", "echo {x}", "--trials", "1",
                "--storage", db, "--study", "one", "-q").code());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun r = CliRun.of("studies", "export", "one", "--out", file.resolve("one.json").toString(), "--storage", db);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(file + " is a file, not a folder"), r.err());
    }

    /** Opens {@code db}, lets {@code work} run study {@code name} (a seeded random sampler) and closes the storage. */
    private static void runStudy(String db, String name, java.util.function.Consumer<org.automl4j.study.Study> work) {
        org.automl4j.storage.Storage storage = org.automl4j.storage.jdbc.Storages.open(db);
        try {
            work.accept(org.automl4j.study.Study.builder().name(name).storage(storage)
                    .sampler(org.automl4j.sampler.Samplers.random(0)).build());
        } finally {
            org.automl4j.storage.jdbc.Storages.close(storage);
        }
    }
}
