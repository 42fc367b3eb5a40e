package org.automl4j.storage.jdbc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;

/**
 * Opens a storage from a URL, as the command line's {@code --storage} option takes it:
 * <ul>
 *   <li>{@code sqlite:path/to/studies.db} (or a bare path ending in {@code .db}): an embedded SQLite file;</li>
 *   <li>{@code postgresql://user:password@host:5432/database} or {@code jdbc:postgresql://host/db?user=u}:
 *       a PostgreSQL server;</li>
 *   <li>{@code memory}: in memory, gone when the process exits.</li>
 * </ul>
 */
public final class Storages {

    /** The embedded default used when no storage is given. */
    public static final String DEFAULT_URL = "sqlite:automl4j-results/studies.db";

    private Storages() {
    }

    /**
     * The storage {@code url} names; close it (if {@link AutoCloseable}) when done.
     *
     * @throws IllegalArgumentException if the URL names no known kind of storage
     */
    public static Storage open(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty storage URL; use e.g. " + DEFAULT_URL
                    + ", postgresql://user:password@host:5432/db or memory");
        }
        String u = url.strip();
        if (u.equals("memory") || u.equals("memory:")) {
            return new InMemoryStorage();
        }
        if (u.startsWith("sqlite:")) {
            String path = u.substring("sqlite:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            if (path.isBlank()) {
                throw new IllegalArgumentException("storage URL '" + url + "' names no file; use sqlite:path/to/studies.db");
            }
            return JdbcStorage.sqlite(Path.of(path));
        }
        if (u.startsWith("jdbc:sqlite:")) {
            return JdbcStorage.sqlite(Path.of(u.substring("jdbc:sqlite:".length())));
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return JdbcStorage.postgres(u, null, null);
        }
        if (u.startsWith("postgresql://") || u.startsWith("postgres://")) {
            URI uri = URI.create(u);
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] up = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(up[0], StandardCharsets.UTF_8);
                password = up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8) : null;
            }
            String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String jdbc = "jdbc:postgresql://" + host + port + (uri.getRawPath() == null ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return JdbcStorage.postgres(jdbc, user, password);
        }
        if (u.endsWith(".db") || u.endsWith(".sqlite")) {
            return JdbcStorage.sqlite(Path.of(u));
        }
        throw new IllegalArgumentException("unknown storage URL '" + url + "'; use sqlite:path/to/studies.db,"
                + " postgresql://user:password@host:5432/db or memory");
    }

    /** Closes {@code storage} if it holds resources (database connections). */
    public static void close(Storage storage) {
        if (storage instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + storage + ": " + e.getMessage(), e);
            }
        }
    }
}
