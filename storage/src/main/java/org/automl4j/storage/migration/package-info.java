/**
 * Versioned database schemas for the JDBC storage, applied by Flyway: the SQL scripts live under
 * {@code db/migration/{sqlite,postgresql}} on the class path, and {@link org.automl4j.storage.migration.SchemaMigrations}
 * brings any database of an earlier version up to the current one.
 */
package org.automl4j.storage.migration;
