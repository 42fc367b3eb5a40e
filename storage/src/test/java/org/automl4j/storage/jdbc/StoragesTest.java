package org.automl4j.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.automl4j.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoragesTest {

    @Test
    void aMistypedSchemeIsRefusedInsteadOfOpeningAFileOfThatName(@TempDir Path dir) {
        Path cwdFile = Path.of("sqlit:" + dir.resolve("x.db"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Storages.open("sqlit:" + dir.resolve("x.db")));
        assertTrue(e.getMessage().contains("unknown storage URL scheme 'sqlit:'")
                && e.getMessage().contains("sqlite:path/to/studies.db"), e.getMessage());
        assertFalse(Files.exists(cwdFile));
    }

    @Test
    void aBarePathEndingInDbStillOpensSqlite(@TempDir Path dir) throws Exception {
        Storage s = Storages.open(dir.resolve("bare.db").toString());
        try {
            assertTrue(s.studies().isEmpty());
        } finally {
            Storages.close(s);
        }
        assertTrue(Files.exists(dir.resolve("bare.db")));
    }

    @Test
    void aMalformedPostgresUrlSaysHowToWriteOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Storages.open("postgresql://"));
        assertTrue(e.getMessage().startsWith("storage URL 'postgresql://' is not a valid URL")
                && e.getMessage().contains("postgresql://user:password@host:5432/db"), e.getMessage());
    }

    @Test
    void fourSlashesAfterSqliteOpenAnAbsolutePathAsInOptuna(@TempDir Path dir) throws Exception {
        Path db = dir.toAbsolutePath().resolve("optuna-style.db");
        Storage s = Storages.open("sqlite:///" + db);
        try {
            s.createStudy("s", java.util.List.of(org.automl4j.study.Direction.MINIMIZE));
        } finally {
            Storages.close(s);
        }
        assertTrue(Files.isRegularFile(db), "sqlite:////abs/x.db is /abs/x.db");
    }

    @Test
    void sqliteFileNamesTheDatabaseOfSqliteUrlsOnly() {
        assertEquals(Optional.of(Path.of("a/b.db")), Storages.sqliteFile("sqlite:a/b.db"));
        // SQLAlchemy's (and Optuna's) reading: three slashes then a relative path, four for an absolute one
        assertEquals(Optional.of(Path.of("x/y.db")), Storages.sqliteFile("sqlite:///x/y.db"));
        assertEquals(Optional.of(Path.of("example.db")), Storages.sqliteFile("sqlite:///example.db"));
        assertEquals(Optional.of(Path.of("/x/y.db")), Storages.sqliteFile("sqlite:////x/y.db"));
        assertEquals(Optional.of(Path.of("/x/y.db")), Storages.sqliteFile("sqlite:/x/y.db"));
        assertEquals(Optional.of(Path.of("x/y.db")), Storages.sqliteFile("sqlite://x/y.db"));
        assertEquals(Optional.of(Path.of("c.sqlite")), Storages.sqliteFile("jdbc:sqlite:c.sqlite"));
        assertEquals(Optional.of(Path.of("runs/s.db")), Storages.sqliteFile("runs/s.db"));
        assertEquals(Optional.empty(), Storages.sqliteFile("memory"));
        assertEquals(Optional.empty(), Storages.sqliteFile("postgresql://u@h/db"));
        assertEquals(Optional.empty(), Storages.sqliteFile("sqlit:x.db"));
    }

    @Test
    void aTildeAtTheStartOfAnSqlitePathIsTheHomeFolder() {
        Path home = Path.of(System.getProperty("user.home"));
        assertEquals(Optional.of(home.resolve("runs/s.db")), Storages.sqliteFile("sqlite:~/runs/s.db"));
        assertEquals(Optional.of(home.resolve("s.db")), Storages.sqliteFile("jdbc:sqlite:~/s.db"));
        assertEquals(Optional.of(home.resolve("s.db")), Storages.sqliteFile("~/s.db"));
        assertEquals(Optional.of(Path.of("a/~/s.db")), Storages.sqliteFile("sqlite:a/~/s.db"));
        assertEquals(Optional.of(Path.of("~x.db")), Storages.sqliteFile("sqlite:~x.db"));
    }

    @Test
    void anSqlitePathThroughAFileSaysWhichFileIsInTheWay(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        org.automl4j.storage.StorageException e = assertThrows(org.automl4j.storage.StorageException.class,
                () -> Storages.open("sqlite:" + file.resolve("s.db")));
        assertTrue(e.getMessage().contains(file + " is a file, not a folder"), e.getMessage());
    }
    @Test
    void aFolderOrAnotherProgramsSqliteFileIsRefusedSayingWhatItIs(@TempDir Path dir) throws Exception {
        org.automl4j.storage.StorageException folder = assertThrows(org.automl4j.storage.StorageException.class,
                () -> Storages.open("sqlite:" + dir));
        assertTrue(folder.getMessage().contains("it is a folder, not a file")
                && folder.getMessage().contains(dir.resolve("studies.db").toString()), folder.getMessage());
        Path other = dir.resolve("other.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other);
                java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE invoices (id INTEGER)");
        }
        org.automl4j.storage.StorageException foreign = assertThrows(org.automl4j.storage.StorageException.class,
                () -> Storages.open("sqlite:" + other));
        assertTrue(foreign.getMessage().contains("is not an automl4j database: it has tables of another program"
                + " (invoices)"), foreign.getMessage());
        assertFalse(foreign.getMessage().contains("baseline"), foreign.getMessage());
    }
    @Test
    void aCutShortOrDamagedSqliteFileIsAnErrorSayingSoAndWhatToDo(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.db");
        try (JdbcStorage s = JdbcStorage.sqlite(good)) {
            s.createStudy("s", java.util.List.of(org.automl4j.study.Direction.MINIMIZE));
            for (int i = 0; i < 300; i++) {
                s.createTrial("s", org.automl4j.trial.FrozenTrial.builder().values((double) i)
                        .userAttr("pad", "z".repeat(1000)).build());
            }
        }
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.db"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        org.automl4j.storage.StorageException opening = assertThrows(org.automl4j.storage.StorageException.class,
                () -> JdbcStorage.sqlite(cut));
        assertTrue(opening.getMessage().contains(cut + " is damaged or not an SQLite database")
                && opening.getMessage().contains(".recover"), opening.getMessage());
        byte[] garbage = bytes.clone();
        for (int i = 20 * 4096; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31);
        }
        Path damaged = Files.write(dir.resolve("damaged.db"), garbage);
        try (JdbcStorage s = JdbcStorage.sqlite(damaged)) {
            org.automl4j.storage.StorageException reading = assertThrows(org.automl4j.storage.StorageException.class,
                    () -> s.trials("s"));
            assertTrue(reading.getMessage().contains(damaged + " is damaged or not an SQLite database"),
                    reading.getMessage());
        }
    }

    @Test
    void aFileUriInAnSqliteUrlOpensThatFileNotAFolderNamedFileColon(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("uri.db");
        assertEquals(Optional.of(db), Storages.sqliteFile("jdbc:sqlite:file:" + db));
        assertEquals(Optional.of(db), Storages.sqliteFile("sqlite:file://" + db));
        assertEquals(Optional.of(Path.of("rel.db")), Storages.sqliteFile("jdbc:sqlite:file:rel.db"));
        Storage s = Storages.open("jdbc:sqlite:file:" + db);
        try {
            assertTrue(s.studies().isEmpty());
        } finally {
            Storages.close(s);
        }
        assertTrue(Files.exists(db));
        assertFalse(Files.exists(Path.of("file:")), "no folder named 'file:' in the working folder");
        assertThrows(IllegalArgumentException.class, () -> Storages.sqliteFile("sqlite:file://server/x.db"));
    }

    @Test
    void anSqliteUrlWithAQueryIsRefusedInsteadOfOpeningTheFileBeforeIt(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Storages.open("sqlite:" + dir.resolve("q.db") + "?mode=ro"));
        assertTrue(e.getMessage().contains("'?mode=ro'") && e.getMessage().contains("name the file alone"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("q.db")));
    }
}
