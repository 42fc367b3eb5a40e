package org.automl4j.storage.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts a real PostgreSQL server for a test class, bound to 127.0.0.1 on a free port, data in a temp folder. */
final class TestPostgres {
    private TestPostgres() {
    }

    static EmbeddedPostgres start() throws IOException {
        Path data = Files.createTempDirectory("automl4j-pg");
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "off")
                .start();
    }
}
