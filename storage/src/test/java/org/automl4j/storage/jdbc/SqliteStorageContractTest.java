package org.automl4j.storage.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.automl4j.storage.Storage;
import org.automl4j.testkit.StorageContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on an embedded SQLite file. */
class SqliteStorageContractTest extends StorageContractTest {
    @TempDir
    Path dir;

    private final List<JdbcStorage> opened = new ArrayList<>();

    @Override
    protected Storage newStorage(Clock clock) {
        JdbcStorage s = JdbcStorage.sqlite(dir.resolve("studies-" + opened.size() + ".db"), clock);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(JdbcStorage::close);
    }
}
