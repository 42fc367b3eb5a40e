package org.automl4j.storage.jdbc;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.automl4j.storage.InMemoryStorage;
import org.automl4j.storage.Storage;

/**
 * Opens a storage from a URL, as the command line's {@code --storage} option takes it:
 * <ul>
 *   <li>{@code sqlite:path/to/studies.db} (or a bare path ending in {@code .db}): an embedded SQLite file
 *       ({@code ~/} at its start is the home folder; {@code jdbc:sqlite:path} and SQLite's {@code file:path}
 *       form name the same file; no {@code ?query}). Slashes after {@code sqlite:} follow SQLAlchemy's URLs, as
 *       Optuna users write them: {@code sqlite:///studies.db} is {@code studies.db} in the working folder and
 *       {@code sqlite:////data/studies.db} is the absolute {@code /data/studies.db} (as is {@code sqlite:/data/studies.db});</li>
 *   <li>{@code postgresql://user:password@host:5432/database} or {@code jdbc:postgresql://host/db?user=u}:
 *       a PostgreSQL server;</li>
 *   <li>{@code memory}: in memory, gone when the process exits.</li>
 * </ul>
 */
public final class Storages {

    /** A URL scheme (two letters or more, so that a Windows drive letter is not one) and its colon. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

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
            String path = sqlAlchemyPath(u.substring("sqlite:".length()));
            if (path.isBlank()) {
                throw new IllegalArgumentException("storage URL '" + url + "' names no file; use sqlite:path/to/studies.db");
            }
            return JdbcStorage.sqlite(file(path));
        }
        if (u.startsWith("jdbc:sqlite:")) {
            return JdbcStorage.sqlite(file(u.substring("jdbc:sqlite:".length())));
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return JdbcStorage.postgres(u, null, null);
        }
        if (u.startsWith("postgresql://") || u.startsWith("postgres://")) {
            URI uri;
            try {
                uri = new URI(u);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("storage URL '" + url + "' is not a valid URL (" + e.getReason()
                        + " at character " + (e.getIndex() + 1) + "); use postgresql://user:password@host:5432/db,"
                        + " with special characters in the password written as %XX", e);
            }
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
        if (SCHEME.matcher(u).lookingAt()) { // e.g. sqlit:x.db: a typo, not a file name with a colon
            throw new IllegalArgumentException("unknown storage URL scheme '" + u.substring(0, u.indexOf(':') + 1)
                    + "' in '" + url + "'; use sqlite:path/to/studies.db, postgresql://user:password@host:5432/db"
                    + " or memory");
        }
        if (u.endsWith(".db") || u.endsWith(".sqlite")) {
            return JdbcStorage.sqlite(file(u));
        }
        throw new IllegalArgumentException("unknown storage URL '" + url + "'; use sqlite:path/to/studies.db,"
                + " postgresql://user:password@host:5432/db or memory");
    }

    /**
     * The path in an {@code sqlite:} URL after the scheme, read as SQLAlchemy (and so Optuna) reads it: {@code ///x.db}
     * is the relative {@code x.db}, {@code ////abs/x.db} the absolute {@code /abs/x.db}, {@code //x.db} the
     * relative {@code x.db}; a path without leading slashes, or with one, is itself.
     */
    private static String sqlAlchemyPath(String afterScheme) {
        if (afterScheme.startsWith("///")) {
            return afterScheme.substring(3);
        }
        return afterScheme.startsWith("//") ? afterScheme.substring(2) : afterScheme;
    }

    /**
     * The database file an SQLite storage URL names ({@code sqlite:x.db}, {@code jdbc:sqlite:x.db} or a bare
     * path ending in {@code .db} or {@code .sqlite}); empty for other URLs. Opens nothing.
     */
    public static java.util.Optional<Path> sqliteFile(String url) {
        if (url == null) {
            return java.util.Optional.empty();
        }
        String u = url.strip();
        String path = u.startsWith("sqlite:") ? sqlAlchemyPath(u.substring("sqlite:".length()))
                : u.startsWith("jdbc:sqlite:") ? u.substring("jdbc:sqlite:".length())
                : !SCHEME.matcher(u).lookingAt() && (u.endsWith(".db") || u.endsWith(".sqlite")) ? u : null;
        if (path != null && path.startsWith("//")) {
            path = path.substring(2);
        }
        return path == null || path.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(file(path));
    }

    /**
     * The path of an SQLite file, with a leading {@code ~/} as the home folder: the shell does not expand it
     * inside {@code sqlite:~/studies.db}, and a folder named {@code ~} would be made in the working folder. A
     * leading {@code file:} (SQLite's URI form, as in {@code jdbc:sqlite:file:/data/studies.db}) is dropped, or a
     * folder named {@code file:} would be made in the working folder.
     *
     * @throws IllegalArgumentException for a query ({@code ?...}: the storage sets SQLite's options itself, and
     *     the JDBC driver would open the file before the {@code ?}) or a {@code file://host/} URI
     */
    private static Path file(String path) {
        if (path.startsWith("file:")) {
            String rest = path.substring("file:".length());
            if (rest.startsWith("//") && !rest.startsWith("///")) {
                throw new IllegalArgumentException("SQLite path '" + path + "' names a host; give a local file as"
                        + " file:/path/to/studies.db or simply /path/to/studies.db");
            }
            path = rest.startsWith("///") ? rest.substring(2) : rest;
        }
        if (path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("SQLite path '" + path + "' has a query ('" + path.substring(path.indexOf('?'))
                    + "'); automl4j sets SQLite's options itself (WAL, busy timeout), so name the file alone, e.g. "
                    + path.substring(0, path.indexOf('?')));
        }
        if (path.equals("~") || path.startsWith("~/") || path.startsWith("~" + java.io.File.separator)) {
            return Path.of(System.getProperty("user.home")).resolve(path.substring(Math.min(2, path.length())));
        }
        return Path.of(path);
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
