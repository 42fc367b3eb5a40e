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
}
