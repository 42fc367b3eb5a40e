package org.automl4j.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.automl4j.storage.StorageException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connections and transactions for one database. SQLite: one writing connection (transactions begin
 * IMMEDIATE, so writers of several processes queue on the file lock instead of failing on upgrade) and
 * one reading connection (WAL readers never block writers), each used by one thread at a time.
 * PostgreSQL: a small HikariCP pool.
 */
abstract class Database implements AutoCloseable {

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    final Dialect dialect;

    Database(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The data source migrations run on. */
    abstract DataSource dataSource();

    /** Runs {@code work} in a read-write transaction, retrying on transient conflicts. */
    abstract <T> T write(Work<T> work);

    /** Runs {@code work} in a read-only transaction (a consistent snapshot). */
    abstract <T> T read(Work<T> work);

    @Override
    public abstract void close();

    static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        boolean ok = false;
        try {
            T out = work.run(c);
            c.commit();
            ok = true;
            return out;
        } finally {
            if (!ok) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the original error matters more
                }
            }
        }
    }

    static StorageException wrap(SQLException e, Dialect dialect) {
        return new StorageException("database error (" + dialect + "): " + e.getMessage()
                + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]"), e);
    }

    // ------------------------------------------------------------------------------------------ SQLite

    /** What to do about an SQLite error that says {@code file} is damaged or no database; empty for other errors. */
    static String damaged(SQLException e, Path file) {
        int code = e.getErrorCode() & 0xff; // the primary result code of an extended one
        if (code != 11 && code != 26) { // SQLITE_CORRUPT, SQLITE_NOTADB
            return "";
        }
        return "; " + file + " is damaged or not an SQLite database (copied while being written, or cut short?):"
                + " restore a backup, or recover what is readable into a new file with the sqlite3 shell's .recover"
                + " command";
    }

    static Database sqlite(Path file) {
        return new Sqlite(file);
    }

    private static final class Sqlite extends Database {
        private final Path file;
        private final SQLiteDataSource writerSource;
        private final Connection writer;
        private final Connection reader;
        private final ReentrantLock writeLock = new ReentrantLock();
        private final ReentrantLock readLock = new ReentrantLock();

        Sqlite(Path file) {
            super(Dialect.SQLITE);
            this.file = file;
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new StorageException("cannot create the folder of database file " + file + ": " + e.getFile()
                        + " is a file, not a folder; choose another path", e);
            } catch (java.io.IOException e) {
                throw new StorageException("cannot create the folder of database file " + file + ": " + e.getMessage(), e);
            }
            if (Files.isDirectory(file)) {
                throw new StorageException("cannot open SQLite database " + file + ": it is a folder, not a file;"
                        + " name a file in it, e.g. " + file.resolve("studies.db"));
            }
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            writerSource = new SQLiteDataSource(config());
            writerSource.setUrl(url);
            // Connections stay in auto-commit mode between transactions (the driver would otherwise hold a
            // transaction, and with it the file's write lock, open all the time); each transaction is an
            // explicit BEGIN IMMEDIATE (writers) or BEGIN (readers) ... COMMIT.
            try {
                writer = writerSource.getConnection();
                reader = writerSource.getConnection();
            } catch (SQLException e) {
                String hint = damaged(e, file);
                throw new StorageException("cannot open SQLite database " + file + ": " + e.getMessage()
                        + (hint.isEmpty() ? " (is the path writable, and is it an SQLite file?)" : hint), e);
            }
        }

        private static SQLiteConfig config() {
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // NORMAL in WAL mode: a commit survives a crash of the process (kill -9); only a power loss can
            // lose the last transactions, never corrupt the file.
            cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            cfg.setBusyTimeout(60_000);
            // Transactions the driver begins itself (Flyway's, when migrating) are IMMEDIATE too: two processes
            // opening a new file at once then queue on the write lock instead of one failing with
            // SQLITE_BUSY_SNAPSHOT when its read snapshot is outdated by the other's migration.
            cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            cfg.enforceForeignKeys(true);
            return cfg;
        }

        @Override
        DataSource dataSource() {
            return writerSource;
        }

        @Override
        <T> T write(Work<T> work) {
            return run(writer, writeLock, "BEGIN IMMEDIATE", work);
        }

        @Override
        <T> T read(Work<T> work) {
            return run(reader, readLock, "BEGIN", work);
        }

        private <T> T run(Connection c, ReentrantLock lock, String begin, Work<T> work) {
            lock.lock();
            try {
                for (int attempt = 0; ; attempt++) {
                    try {
                        return explicitTransaction(c, begin, work);
                    } catch (SQLException e) {
                        // SQLITE_BUSY / LOCKED after the busy timeout: another process held the lock very long
                        boolean busy = e.getErrorCode() == 5 || e.getErrorCode() == 6
                                || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
                        if (!busy || attempt >= 5) {
                            StorageException w = wrap(e, dialect);
                            String hint = damaged(e, file);
                            throw hint.isEmpty() ? w : new StorageException(w.getMessage() + hint, e);
                        }
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        private static <T> T explicitTransaction(Connection c, String begin, Work<T> work) throws SQLException {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute(begin);
            }
            boolean ok = false;
            try {
                T out = work.run(c);
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("COMMIT");
                }
                ok = true;
                return out;
            } finally {
                if (!ok) {
                    try (java.sql.Statement st = c.createStatement()) {
                        st.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // the original error matters more
                    }
                }
            }
        }

        @Override
        public void close() {
            writeLock.lock();
            readLock.lock();
            try {
                reader.close();
                writer.close();
            } catch (SQLException e) {
                throw wrap(e, dialect);
            } finally {
                readLock.unlock();
                writeLock.unlock();
            }
        }
    }

    // -------------------------------------------------------------------------------------- PostgreSQL

    static Database postgres(String jdbcUrl, String user, String password, int poolSize) {
        return new Postgres(jdbcUrl, user, password, poolSize);
    }

    private static final class Postgres extends Database {
        private final HikariDataSource pool;

        Postgres(String jdbcUrl, String user, String password, int poolSize) {
            super(Dialect.POSTGRESQL);
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(jdbcUrl);
            if (user != null) {
                cfg.setUsername(user);
            }
            if (password != null) {
                cfg.setPassword(password);
            }
            cfg.setMaximumPoolSize(poolSize);
            cfg.setMinimumIdle(1);
            cfg.setAutoCommit(false);
            cfg.setPoolName("automl4j");
            cfg.setConnectionTimeout(30_000);
            try {
                pool = new HikariDataSource(cfg);
            } catch (RuntimeException e) {
                throw new StorageException("cannot connect to PostgreSQL at " + jdbcUrl + ": " + e.getMessage()
                        + " (is the server running, and are the database, user and password right?)", e);
            }
        }

        @Override
        DataSource dataSource() {
            return pool;
        }

        @Override
        <T> T write(Work<T> work) {
            for (int attempt = 0; ; attempt++) {
                try (Connection c = pool.getConnection()) {
                    return inTransaction(c, work);
                } catch (SQLException e) {
                    // serialization failure, deadlock, unique violation from a racing insert: try again
                    String st = e.getSQLState();
                    boolean transient_ = "40001".equals(st) || "40P01".equals(st);
                    if (!transient_ || attempt >= 10) {
                        throw wrap(e, dialect);
                    }
                }
            }
        }

        @Override
        <T> T read(Work<T> work) {
            try (Connection c = pool.getConnection()) {
                c.setReadOnly(true);
                try {
                    return inTransaction(c, work);
                } finally {
                    c.setReadOnly(false);
                }
            } catch (SQLException e) {
                throw wrap(e, dialect);
            }
        }

        @Override
        public void close() {
            pool.close();
        }
    }
}
