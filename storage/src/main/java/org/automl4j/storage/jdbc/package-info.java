/**
 * The durable storage: {@link org.automl4j.storage.jdbc.JdbcStorage} on an embedded SQLite file (the
 * default) or PostgreSQL, and {@link org.automl4j.storage.jdbc.Storages#open} to pick one from a URL
 * such as {@code sqlite:studies.db} or {@code postgresql://user:pw@host:5432/db}.
 */
package org.automl4j.storage.jdbc;
