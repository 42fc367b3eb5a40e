package org.automl4j.storage.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.automl4j.storage.Storage;
import org.automl4j.testkit.StorageContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on a real PostgreSQL server (binaries from Maven, started by the test). */
class PostgresStorageContractTest extends StorageContractTest {
    static EmbeddedPostgres pg;
    private static int databases;

    private final List<JdbcStorage> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        pg = TestPostgres.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        pg.close();
    }

    @Override
    protected Storage newStorage(Clock clock) {
        String db = "contract" + (databases++);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        JdbcStorage s = JdbcStorage.postgres(pg.getJdbcUrl("postgres", db), "postgres", null, clock);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(JdbcStorage::close);
    }
}
