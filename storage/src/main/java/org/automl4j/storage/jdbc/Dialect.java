package org.automl4j.storage.jdbc;

/** What differs between the databases the JDBC storage runs on. */
enum Dialect {
    SQLITE("db/migration/sqlite", ""),
    POSTGRESQL("db/migration/postgresql", " FOR UPDATE");

    /** Where this dialect's Flyway migrations live on the class path. */
    final String migrations;
    /** The suffix that locks a selected row until commit (SQLite locks the whole file instead). */
    final String forUpdate;

    Dialect(String migrations, String forUpdate) {
        this.migrations = migrations;
        this.forUpdate = forUpdate;
    }
}
