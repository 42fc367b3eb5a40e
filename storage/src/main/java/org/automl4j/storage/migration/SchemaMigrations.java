package org.automl4j.storage.migration;

import javax.sql.DataSource;
import org.automl4j.storage.StorageException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the current schema version with Flyway. Each migration runs once, in version
 * order, recorded in Flyway's history table; running it on an up-to-date database does nothing. A
 * database written by a newer automl4j (a version this one does not know) is refused rather than used.
 */
public final class SchemaMigrations {

    /** The schema version this build writes. */
    public static final int CURRENT_VERSION = 1;

    private SchemaMigrations() {
    }

    /**
     * Migrates {@code dataSource} with the scripts at {@code location} (a class-path folder such as
     * {@code db/migration/sqlite}).
     *
     * @return the schema version before migrating (0 for an empty database)
     * @throws StorageException if a migration fails or the database is newer than this build
     */
    public static int migrate(DataSource dataSource, String location, String describe) {
        int applied = appliedVersion(dataSource);
        if (applied == CURRENT_VERSION) {
            return applied; // up to date: skip Flyway's class-path scan and validation (about 350 ms)
        }
        if (applied < 0) {
            refuseForeign(dataSource, describe);
        }
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + location)
                .table("automl4j_schema_history")
                .baselineOnMigrate(false)
                .validateMigrationNaming(true)
                .ignoreMigrationPatterns(new String[0]) // a migration applied by a newer build fails validation: refuse the file
                .loggers("slf4j")
                .load();
        try {
            MigrateResult r = flyway.migrate();
            String before = r.initialSchemaVersion;
            return before == null ? 0 : Integer.parseInt(before);
        } catch (FlywayException e) {
            throw new StorageException("cannot bring " + describe + " to automl4j schema version " + CURRENT_VERSION
                    + ": " + e.getMessage() + " (a database written by a newer automl4j needs that version; otherwise"
                    + " restore a backup or start a new file)", e);
        }
    }

    /**
     * Refuses a database that has tables but no automl4j schema history: another program's (Flyway would
     * answer with advice about its own baseline settings, which is not the fix here).
     */
    private static void refuseForeign(DataSource dataSource, String describe) {
        java.util.List<String> tables = new java.util.ArrayList<>();
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String t = rs.getString("TABLE_NAME");
                if (t.equalsIgnoreCase("automl4j_schema_history")) {
                    return; // a history with failed or odd entries: Flyway decides
                }
                if (!t.toLowerCase(java.util.Locale.ROOT).startsWith("sqlite_")) {
                    tables.add(t);
                }
            }
        } catch (java.sql.SQLException e) {
            return; // Flyway reports what is wrong with the connection
        }
        if (!tables.isEmpty()) {
            throw new StorageException(describe + " is not an automl4j database: it has tables of another program ("
                    + String.join(", ", tables.subList(0, Math.min(10, tables.size())))
                    + (tables.size() > 10 ? ", ..." : "") + ") and no automl4j_schema_history; give a new file or an"
                    + " empty database for the storage");
        }
    }

    /**
     * The highest successfully applied version in the history table, -1 when there is no table or the
     * history has anything else than clean successful versioned migrations (then Flyway decides).
     */
    static int appliedVersion(DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT version, success FROM automl4j_schema_history")) {
            int max = 0;
            while (rs.next()) {
                String v = rs.getString(1);
                if (v == null || !rs.getBoolean(2)) {
                    return -1;
                }
                max = Math.max(max, Integer.parseInt(v.strip()));
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return max;
        } catch (java.sql.SQLException | NumberFormatException e) {
            return -1; // no history table yet (a new database) or an unexpected shape: let Flyway handle it
        }
    }
}
