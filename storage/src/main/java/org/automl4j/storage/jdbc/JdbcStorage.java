package org.automl4j.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.automl4j.space.Distribution;
import org.automl4j.storage.DuplicateStudyException;
import org.automl4j.storage.FinishedTrials;
import org.automl4j.storage.Storage;
import org.automl4j.storage.StorageException;
import org.automl4j.storage.StudyRecord;
import org.automl4j.storage.json.DistributionJson;
import org.automl4j.storage.migration.SchemaMigrations;
import org.automl4j.study.Direction;
import org.automl4j.trial.FrozenTrial;
import org.automl4j.trial.TrialFailure;
import org.automl4j.trial.TrialFinishedException;
import org.automl4j.trial.TrialState;

/**
 * A durable {@link Storage} in a relational database: an embedded SQLite file (the default; no server,
 * safe for several processes on one machine) or PostgreSQL (many processes on many machines). Every
 * change is one transaction, committed before the call returns, so a crash of the process loses no
 * finished trial. Concurrency rests on the database: trial numbers come from a per-study counter row,
 * a WAITING trial is claimed by a conditional update that only one worker can win, and writes to a
 * trial check in the same transaction that it is unfinished. The schema is versioned and migrated
 * by Flyway on open ({@link SchemaMigrations}).
 *
 * <p>Reads are incremental: {@link #finishedTrialsSince} returns only the trials finished after a
 * cursor (a per-study finishing sequence), and {@link #bestTrial} is one indexed query.
 */
public final class JdbcStorage implements Storage, AutoCloseable {

    /**
     * NaN and infinities in attributes are written as JSON's non-standard bare tokens and read back as numbers. A
     * Float is written as its exact double value (0.1f as 0.10000000149011612, not 0.1), so that it is read back
     * as a Double equal to the Float's value: enqueued values of a Float categorical parameter stay its choices.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule().addSerializer(Float.class,
                    new com.fasterxml.jackson.databind.ser.std.StdSerializer<Float>(Float.class) {
                        @Override
                        public void serialize(Float f, com.fasterxml.jackson.core.JsonGenerator g,
                                com.fasterxml.jackson.databind.SerializerProvider p) throws java.io.IOException {
                            g.writeNumber(f.doubleValue());
                        }
                    }))
            .build();
    private static final String TRIAL_COLUMNS =
            "number, state, vals, params, user_attrs, system_attrs, start_ms, complete_ms, failure, finish_seq";

    private final Database db;
    private final Clock clock;
    private final String describe;
    private final Map<String, Long> studyIds = new ConcurrentHashMap<>();

    private JdbcStorage(Database db, Clock clock, String describe) {
        this.db = db;
        this.clock = clock;
        this.describe = describe;
        try {
            SchemaMigrations.migrate(db.dataSource(), db.dialect.migrations, describe);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** An embedded SQLite database in {@code file} (created with its folders if missing), WAL mode. */
    public static JdbcStorage sqlite(Path file) {
        return sqlite(file, Clock.systemUTC());
    }

    /** An SQLite storage whose timestamps and heartbeats follow {@code clock} (tests use a manual clock). */
    public static JdbcStorage sqlite(Path file, Clock clock) {
        return new JdbcStorage(Database.sqlite(file), clock, "SQLite file " + file);
    }

    /**
     * A PostgreSQL storage.
     *
     * @param jdbcUrl  e.g. {@code jdbc:postgresql://127.0.0.1:5432/automl}
     * @param user     the user, or null to take it from the URL
     * @param password the password, or null
     */
    public static JdbcStorage postgres(String jdbcUrl, String user, String password) {
        return postgres(jdbcUrl, user, password, Clock.systemUTC());
    }

    /** A PostgreSQL storage whose timestamps and heartbeats follow {@code clock}. */
    public static JdbcStorage postgres(String jdbcUrl, String user, String password, Clock clock) {
        return new JdbcStorage(Database.postgres(jdbcUrl, user, password, 4), clock, "PostgreSQL " + jdbcUrl);
    }

    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + describe + "]";
    }

    // ------------------------------------------------------------------------------------------ studies

    /**
     * The id of study {@code study}, looked up on every call. The id this storage first used for a name is kept:
     * a study another process deleted, or deleted and made again under a new id, is then an error naming what
     * happened, never a write to rows that are gone or a read of nothing. {@link #findStudy} and
     * {@link #studies()} take up the new id (loading the study again does).
     */
    private long studyId(Connection c, String study) throws SQLException {
        Long known = studyIds.get(study);
        long id;
        try (PreparedStatement ps = c.prepareStatement("SELECT study_id FROM studies WHERE name = ?")) {
            ps.setString(1, study);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    if (known != null) {
                        throw new StorageException("study '" + study + "' was deleted from " + describe
                                + " (by another process?) after this storage had opened it; its trials are gone."
                                + " Create or import it again to go on");
                    }
                    throw noStudy(c, study);
                }
                id = rs.getLong(1);
            }
        }
        if (known == null) {
            studyIds.put(study, id);
        } else if (known != id) {
            throw new StorageException("study '" + study + "' in " + describe + " was deleted and made again (by"
                    + " another process?) after this storage had opened it; load the study again to work on the new"
                    + " one (Study.builder()...loadIfExists(true), or findStudy)");
        }
        return id;
    }

    private StorageException noStudy(Connection c, String study) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM studies ORDER BY study_id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && names.size() < 20) {
                    names.add(rs.getString(1));
                }
            }
        }
        return new StorageException("no study named '" + study + "' in " + describe + "; create it first (known studies: "
                + names + ")");
    }

    @Override
    public StudyRecord createStudy(String name, List<Direction> directions) {
        return createStudy(name, directions, Instant.ofEpochMilli(clock.millis()));
    }

    /** Kept to the millisecond. */
    @Override
    public StudyRecord createStudy(String name, List<Direction> directions, Instant created) {
        Objects.requireNonNull(name, "name");
        StudyRecord r = new StudyRecord(name, directions, Map.of(), Instant.ofEpochMilli(created.toEpochMilli()));
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM studies WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new DuplicateStudyException(name);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO studies (name, directions, user_attrs, created_ms) VALUES (?, ?, '{}', ?)")) {
                ps.setString(1, name);
                ps.setString(2, r.directions().stream().map(Direction::name).collect(Collectors.joining(",")));
                ps.setLong(3, r.created().toEpochMilli());
                ps.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new DuplicateStudyException(name);
                }
                throw e;
            }
            return r;
        });
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, directions, user_attrs, created_ms, study_id FROM studies WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    // another process may have deleted the study, or deleted it and made it again under a new id
                    if (!rs.next()) {
                        studyIds.remove(name);
                        return Optional.empty();
                    }
                    studyIds.put(name, rs.getLong(5));
                    return Optional.of(studyRecord(rs));
                }
            }
        });
    }

    private static StudyRecord studyRecord(ResultSet rs) throws SQLException {
        List<Direction> dirs = new ArrayList<>();
        for (String d : rs.getString(2).split(",")) {
            dirs.add(Direction.valueOf(d));
        }
        return new StudyRecord(rs.getString(1), dirs, readMap(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)));
    }

    @Override
    public List<StudyRecord> studies() {
        return db.read(c -> {
            List<StudyRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, directions, user_attrs, created_ms, study_id FROM studies ORDER BY study_id");
                    ResultSet rs = ps.executeQuery()) {
                Map<String, Long> ids = new java.util.HashMap<>();
                while (rs.next()) {
                    out.add(studyRecord(rs));
                    ids.put(rs.getString(1), rs.getLong(5));
                }
                // ids cached for studies another process deleted or made again are corrected here
                studyIds.keySet().retainAll(ids.keySet());
                studyIds.putAll(ids);
            }
            return List.copyOf(out);
        });
    }

    @Override
    public void deleteStudy(String name) {
        db.write(c -> {
            studyIds.remove(name); // deletes the study of that name now, whichever id this storage saw before
            long id = studyId(c, name);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM trial_intermediate_values WHERE study_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM trials WHERE study_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM studies WHERE study_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return null;
        });
        studyIds.remove(name);
    }

    @Override
    public void setStudyUserAttr(String study, String key, Object value) {
        Objects.requireNonNull(key, "key");
        db.write(c -> {
            long id = studyId(c, study);
            Map<String, Object> attrs;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT user_attrs FROM studies WHERE study_id = ?" + db.dialect.forUpdate)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    attrs = new LinkedHashMap<>(readMap(rs.getString(1)));
                }
            }
            attrs.put(key, value);
            try (PreparedStatement ps = c.prepareStatement("UPDATE studies SET user_attrs = ? WHERE study_id = ?")) {
                ps.setString(1, writeJson(attrs));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private List<Direction> directions(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT directions FROM studies WHERE study_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<Direction> dirs = new ArrayList<>();
                for (String d : rs.getString(1).split(",")) {
                    dirs.add(Direction.valueOf(d));
                }
                return dirs;
            }
        }
    }

    // ------------------------------------------------------------------------------------------- trials

    /** Increments the study's trial counter (locking its row until commit) and returns the new trial's number. */
    private int nextNumber(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE studies SET next_number = next_number + 1 WHERE study_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT next_number FROM studies WHERE study_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) - 1;
            }
        }
    }

    /** The next value of the study's finishing sequence (locks the study row until commit, so sequences commit in order). */
    private long nextFinishSeq(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE studies SET finish_seq = finish_seq + 1 WHERE study_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT finish_seq FROM studies WHERE study_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public FrozenTrial createTrial(String study, FrozenTrial template) {
        Objects.requireNonNull(template, "template");
        return db.write(c -> insertTrial(c, studyId(c, study), study, template));
    }

    /** All in one transaction: a failing template leaves none of them stored. */
    @Override
    public List<FrozenTrial> createTrials(String study, List<FrozenTrial> templates) {
        return db.write(c -> {
            long id = studyId(c, study);
            List<FrozenTrial> out = new ArrayList<>(templates.size());
            for (FrozenTrial t : templates) {
                out.add(insertTrial(c, id, study, Objects.requireNonNull(t, "template")));
            }
            return List.copyOf(out);
        });
    }

    private FrozenTrial insertTrial(Connection c, long id, String study, FrozenTrial template) throws SQLException {
        {
            TrialState s = template.state();
            FrozenTrial.Builder b = template.toBuilder();
            Instant now = Instant.ofEpochMilli(clock.millis());
            if (s == TrialState.RUNNING && template.start() == null) {
                b.start(now);
            }
            Long seq = null;
            if (s.isFinished()) {
                checkFinished(study, directions(c, id), template);
                if (template.complete() == null) {
                    b.complete(now);
                }
            }
            int number = nextNumber(c, id);
            if (s.isFinished()) {
                seq = nextFinishSeq(c, id);
            }
            FrozenTrial t = b.number(number).build();
            try (PreparedStatement ps = c.prepareStatement(INSERT_TRIAL)) {
                bindTrial(ps, id, t, seq);
                ps.executeUpdate();
            }
            if (!t.intermediateValues().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(INSERT_INTERMEDIATE)) {
                    addIntermediateValues(ps, id, t);
                    ps.executeBatch();
                }
            }
            return t;
        }
    }

    private static final String INSERT_TRIAL = "INSERT INTO trials (study_id, number, state, value0, feasible, vals,"
            + " params, user_attrs, system_attrs, start_ms, complete_ms, failure, finish_seq)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_INTERMEDIATE =
            "INSERT INTO trial_intermediate_values (study_id, number, step, value) VALUES (?, ?, ?, ?)";

    /** Binds the row of trial {@code t} (numbered, with its times) to {@link #INSERT_TRIAL}. */
    private static void bindTrial(PreparedStatement ps, long id, FrozenTrial t, Long seq) throws SQLException {
        ps.setLong(1, id);
        ps.setInt(2, t.number());
        ps.setString(3, t.state().name());
        setValue0(ps, 4, t);
        ps.setBoolean(5, t.isFeasible());
        ps.setString(6, writeJson(t.values()));
        ps.setString(7, writeParams(t));
        ps.setString(8, writeJson(t.userAttrs()));
        ps.setString(9, writeJson(t.systemAttrs()));
        setInstant(ps, 10, t.start());
        setInstant(ps, 11, t.complete());
        ps.setString(12, writeFailure(t.failure()));
        if (seq == null) {
            ps.setNull(13, Types.BIGINT);
        } else {
            ps.setLong(13, seq);
        }
    }

    /** Adds the intermediate values of trial {@code t} to a batch of {@link #INSERT_INTERMEDIATE}. */
    private static void addIntermediateValues(PreparedStatement ps, long id, FrozenTrial t) throws SQLException {
        for (Map.Entry<Long, Double> e : t.intermediateValues().entrySet()) {
            ps.setLong(1, id);
            ps.setInt(2, t.number());
            ps.setLong(3, e.getKey());
            setDouble(ps, 4, e.getValue());
            ps.addBatch();
        }
    }

    /** Trials an import sends to the database per batch (between calls of the progress hook). */
    static final int IMPORT_BATCH = 500;

    /**
     * Called inside an import's transaction, on its connection, with the number of trials written so far, after
     * each batch of {@link #IMPORT_BATCH} and after the last; an exception from it rolls the import back. Tests
     * use it to look at the database mid-import or to fail it there.
     */
    private volatile java.util.function.IntConsumer importProgress = written -> { };

    /** Sets the hook called as an import proceeds (see {@link #importProgress}); for tests. */
    void onImportProgress(java.util.function.IntConsumer hook) {
        importProgress = Objects.requireNonNull(hook, "hook");
    }

    /**
     * One transaction on one connection: the study row (with its user attributes, creation time to the
     * millisecond, trial counter and finishing sequence already at their final values) and every trial and
     * intermediate value in batches. Until the commit no other connection or process sees any of it, and a crash
     * or a failure before it leaves nothing (SQLite's write-ahead log and PostgreSQL both drop an uncommitted
     * transaction on recovery).
     */
    @Override
    public StudyRecord importStudy(StudyRecord study, List<FrozenTrial> trials) {
        Objects.requireNonNull(study, "study");
        String name = study.name();
        StudyRecord r = new StudyRecord(name, study.directions(), study.userAttrs(),
                Instant.ofEpochMilli(study.created().toEpochMilli()));
        String attrs = writeJson(r.userAttrs());
        Instant now = Instant.ofEpochMilli(clock.millis());
        // numbers and finishing sequence assigned here, as createTrials would in an empty study
        List<FrozenTrial> rows = new ArrayList<>(trials.size());
        List<Long> seqs = new ArrayList<>(trials.size());
        long seq = 0;
        for (int i = 0; i < trials.size(); i++) {
            FrozenTrial template = Objects.requireNonNull(trials.get(i), "trials[" + i + "]");
            TrialState s = template.state();
            FrozenTrial.Builder b = template.toBuilder().number(i);
            if (s == TrialState.RUNNING && template.start() == null) {
                b.start(now);
            }
            if (s.isFinished()) {
                try {
                    checkFinished(name, r.directions(), template);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("trials[" + i + "]: " + e.getMessage(), e);
                }
                if (template.complete() == null) {
                    b.complete(now);
                }
            }
            rows.add(b.build());
            seqs.add(s.isFinished() ? ++seq : null);
        }
        long finished = seq;
        long id = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM studies WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new DuplicateStudyException(name);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO studies (name, directions, user_attrs,"
                    + " created_ms, next_number, finish_seq) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, r.directions().stream().map(Direction::name).collect(Collectors.joining(",")));
                ps.setString(3, attrs);
                ps.setLong(4, r.created().toEpochMilli());
                ps.setInt(5, rows.size());
                ps.setLong(6, finished);
                ps.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new DuplicateStudyException(name);
                }
                throw e;
            }
            long studyId;
            try (PreparedStatement ps = c.prepareStatement("SELECT study_id FROM studies WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    studyId = rs.getLong(1);
                }
            }
            java.util.function.IntConsumer progress = importProgress;
            try (PreparedStatement tp = c.prepareStatement(INSERT_TRIAL);
                    PreparedStatement ip = c.prepareStatement(INSERT_INTERMEDIATE)) {
                for (int i = 0; i < rows.size(); i++) {
                    FrozenTrial t = rows.get(i);
                    try {
                        bindTrial(tp, studyId, t, seqs.get(i));
                    } catch (IllegalArgumentException e) { // an attribute that is no JSON value
                        throw new IllegalArgumentException("trials[" + i + "]: " + e.getMessage(), e);
                    }
                    tp.addBatch();
                    addIntermediateValues(ip, studyId, t);
                    if ((i + 1) % IMPORT_BATCH == 0 || i == rows.size() - 1) {
                        tp.executeBatch();
                        ip.executeBatch();
                        progress.accept(i + 1);
                    }
                }
            }
            return studyId;
        });
        studyIds.put(name, id); // only now: a rolled-back import leaves no id behind
        return r;
    }

    private static void checkFinished(String study, List<Direction> dirs, FrozenTrial t) {
        t.checkStorableAsFinished(study, dirs.size());
    }

    @Override
    public Optional<FrozenTrial> claimWaitingTrial(String study) {
        // a read first: most asks find nothing enqueued, and a read takes no write lock
        boolean anyWaiting = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM trials WHERE study_id = ?"
                    + " AND state = 'WAITING' LIMIT 1")) {
                ps.setLong(1, studyId(c, study));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!anyWaiting) {
            return Optional.empty();
        }
        return db.write(c -> {
            long id = studyId(c, study);
            String skip = db.dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
            while (true) {
                Integer number = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT number FROM trials WHERE study_id = ?"
                        + " AND state = 'WAITING' ORDER BY number LIMIT 1" + skip)) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            number = rs.getInt(1);
                        }
                    }
                }
                if (number == null) {
                    return Optional.<FrozenTrial>empty();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = 'RUNNING', start_ms = ?"
                        + " WHERE study_id = ? AND number = ? AND state = 'WAITING'")) {
                    ps.setLong(1, clock.millis());
                    ps.setLong(2, id);
                    ps.setInt(3, number);
                    if (ps.executeUpdate() == 1) {
                        return Optional.of(readTrial(c, id, study, number));
                    }
                }
            }
        });
    }

    /** The row of an unfinished trial, locked until commit; throws if it is missing or finished. */
    private FrozenTrial lockUnfinished(Connection c, long id, String study, int number, String what) throws SQLException {
        FrozenTrial t = readTrial(c, id, study, number, db.dialect.forUpdate);
        if (t.state().isFinished()) {
            throw new TrialFinishedException("cannot " + what + " trial " + number + " of study '" + study
                    + "': it is already " + t.state() + " and finished trials never change");
        }
        return t;
    }

    @Override
    public void setTrialParam(String study, int number, String name, Distribution distribution, Object value) {
        db.write(c -> {
            long id = studyId(c, study);
            FrozenTrial cur = lockUnfinished(c, id, study, number, "set parameter '" + name + "' of");
            Distribution old = cur.distributions().get(name);
            if (old != null && !old.equals(distribution)) {
                throw new IllegalArgumentException("trial " + number + " already has parameter '" + name + "' with "
                        + old + "; cannot change it to " + distribution);
            }
            if (!distribution.contains(value)) {
                throw new IllegalArgumentException("parameter '" + name + "' = " + value + " is outside " + distribution);
            }
            FrozenTrial next = cur.toBuilder().param(name, distribution, value).build();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE trials SET params = ? WHERE study_id = ? AND number = ?")) {
                ps.setString(1, writeParams(next));
                ps.setLong(2, id);
                ps.setInt(3, number);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void setTrialIntermediateValue(String study, int number, long step, double value) {
        db.write(c -> {
            long id = studyId(c, study);
            lockState(c, id, study, number, "report step " + step + " of");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_intermediate_values"
                    + " (study_id, number, step, value) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, id);
                ps.setInt(2, number);
                ps.setLong(3, step);
                setDouble(ps, 4, value);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Locks an unfinished trial's row without reading it whole. */
    private void lockState(Connection c, long id, String study, int number, String what) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM trials WHERE study_id = ? AND number = ?"
                + db.dialect.forUpdate)) {
            ps.setLong(1, id);
            ps.setInt(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw noTrial(c, id, study, number);
                }
                TrialState s = TrialState.valueOf(rs.getString(1));
                if (s.isFinished()) {
                    throw new TrialFinishedException("cannot " + what + " trial " + number + " of study '" + study
                            + "': it is already " + s + " and finished trials never change");
                }
            }
        }
    }

    @Override
    public void setTrialUserAttr(String study, int number, String key, Object value) {
        setAttr(study, number, "user_attrs", key, value, "set user attribute '" + key + "' of");
    }

    @Override
    public void setTrialSystemAttr(String study, int number, String key, Object value) {
        setAttr(study, number, "system_attrs", key, value, "set system attribute '" + key + "' of");
    }

    private void setAttr(String study, int number, String column, String key, Object value, String what) {
        Objects.requireNonNull(key, "key");
        db.write(c -> {
            long id = studyId(c, study);
            lockState(c, id, study, number, what);
            Map<String, Object> attrs;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM trials WHERE study_id = ?"
                    + " AND number = ?")) {
                ps.setLong(1, id);
                ps.setInt(2, number);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    attrs = new LinkedHashMap<>(readMap(rs.getString(1)));
                }
            }
            attrs.put(key, value);
            String json = writeJson(attrs);
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET " + column + " = ? WHERE study_id = ?"
                    + " AND number = ?")) {
                ps.setString(1, json);
                ps.setLong(2, id);
                ps.setInt(3, number);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public FrozenTrial finishTrial(String study, int number, TrialState state, List<Double> values,
            TrialFailure failure) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("finishTrial needs COMPLETE, PRUNED or FAIL, but got " + state);
        }
        return db.write(c -> {
            long id = studyId(c, study);
            FrozenTrial cur = lockUnfinished(c, id, study, number, "finish");
            if (cur.state() == TrialState.WAITING) {
                throw new IllegalStateException("cannot finish trial " + number + " of study '" + study + "' as "
                        + state + ": it is WAITING (enqueued, not started), so it never ran; finish a trial after"
                        + " ask() or optimize has started it, or import a result with addTrial");
            }
            FrozenTrial t = cur.toBuilder().state(state).values(values == null ? List.of() : values).failure(failure)
                    .complete(Instant.ofEpochMilli(clock.millis())).build();
            checkFinished(study, directions(c, id), t);
            long seq = nextFinishSeq(c, id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = ?, value0 = ?, feasible = ?,"
                    + " vals = ?, complete_ms = ?, failure = ?, finish_seq = ?, heartbeat_ms = NULL"
                    + " WHERE study_id = ? AND number = ? AND state = 'RUNNING'")) {
                ps.setString(1, state.name());
                setValue0(ps, 2, t);
                ps.setBoolean(3, t.isFeasible());
                ps.setString(4, writeJson(t.values()));
                setInstant(ps, 5, t.complete());
                ps.setString(6, writeFailure(failure));
                ps.setLong(7, seq);
                ps.setLong(8, id);
                ps.setInt(9, number);
                if (ps.executeUpdate() != 1) {
                    throw new TrialFinishedException("cannot finish trial " + number + " of study '" + study
                            + "': another worker finished it first");
                }
            }
            return t;
        });
    }

    @Override
    public FrozenTrial trial(String study, int number) {
        return db.read(c -> readTrial(c, studyId(c, study), study, number));
    }

    @Override
    public List<FrozenTrial> trials(String study, Set<TrialState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        String in = states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(",", "(", ")"));
        return db.read(c -> {
            long id = studyId(c, study);
            return readTrials(c, id, "t.study_id = ? AND t.state IN " + in, "t.number", ps -> ps.setLong(1, id));
        });
    }

    @Override
    public FinishedTrials finishedTrialsSince(String study, long cursor) {
        return db.read(c -> {
            long id = studyId(c, study);
            List<FrozenTrial> out = readTrials(c, id, "t.study_id = ? AND t.finish_seq > ?", "t.finish_seq", ps -> {
                ps.setLong(1, id);
                ps.setLong(2, cursor);
            });
            long next = cursor;
            if (!out.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT finish_seq FROM trials WHERE study_id = ? AND number = ?")) {
                    ps.setLong(1, id);
                    ps.setInt(2, out.get(out.size() - 1).number());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        next = rs.getLong(1);
                    }
                }
            }
            return new FinishedTrials(out, next);
        });
    }

    @Override
    public int trialCount(String study) {
        return db.read(c -> {
            long id = studyId(c, study);
            try (PreparedStatement ps = c.prepareStatement("SELECT next_number FROM studies WHERE study_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public Optional<FrozenTrial> bestTrial(String study) {
        return db.read(c -> {
            long id = studyId(c, study);
            List<Direction> dirs = directions(c, id);
            if (dirs.size() != 1) {
                throw new IllegalStateException("study '" + study + "' has " + dirs.size()
                        + " objectives; the best trials of a multi-objective study are its Pareto front");
            }
            String order = dirs.get(0) == Direction.MINIMIZE ? "ASC" : "DESC";
            Integer number = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT number FROM trials WHERE study_id = ?"
                    + " AND state = 'COMPLETE' AND feasible = ? ORDER BY value0 " + order + ", number ASC LIMIT 1")) {
                ps.setLong(1, id);
                ps.setBoolean(2, true);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        number = rs.getInt(1);
                    }
                }
            }
            return number == null ? Optional.<FrozenTrial>empty() : Optional.of(readTrial(c, id, study, number));
        });
    }

    @Override
    public void recordHeartbeat(String study, int number) {
        db.write(c -> {
            long id = studyId(c, study);
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET heartbeat_ms = ?"
                    + " WHERE study_id = ? AND number = ? AND state = 'RUNNING'")) {
                ps.setLong(1, clock.millis());
                ps.setLong(2, id);
                ps.setInt(3, number);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<FrozenTrial> staleTrials(String study, Duration grace) {
        long before = clock.millis() - grace.toMillis();
        return db.read(c -> {
            long id = studyId(c, study);
            return readTrials(c, id, "t.study_id = ? AND t.state = 'RUNNING' AND t.heartbeat_ms IS NOT NULL"
                    + " AND t.heartbeat_ms < ?", "t.number", ps -> {
                        ps.setLong(1, id);
                        ps.setLong(2, before);
                    });
        });
    }

    // ------------------------------------------------------------------------------------------ reading

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private FrozenTrial readTrial(Connection c, long id, String study, int number) throws SQLException {
        return readTrial(c, id, study, number, "");
    }

    private FrozenTrial readTrial(Connection c, long id, String study, int number, String lock) throws SQLException {
        FrozenTrial.Builder b;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TRIAL_COLUMNS + " FROM trials"
                + " WHERE study_id = ? AND number = ?" + lock)) {
            ps.setLong(1, id);
            ps.setInt(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw noTrial(c, id, study, number);
                }
                b = trialBuilder(rs);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT step, value FROM trial_intermediate_values"
                + " WHERE study_id = ? AND number = ? ORDER BY step")) {
            ps.setLong(1, id);
            ps.setInt(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    b.intermediateValue(rs.getLong(1), getDouble(rs, 2));
                }
            }
        }
        return b.build();
    }

    private StorageException noTrial(Connection c, long id, String study, int number) throws SQLException {
        int count;
        try (PreparedStatement ps = c.prepareStatement("SELECT next_number FROM studies WHERE study_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                count = rs.next() ? rs.getInt(1) : 0;
            }
        }
        return new StorageException("study '" + study + "' has no trial " + number + " (it has " + count + " trials)");
    }

    /** Trials matching {@code where} (over alias {@code t}), ordered by {@code order}, with their intermediate values. */
    private List<FrozenTrial> readTrials(Connection c, long id, String where, String order, Binder bind)
            throws SQLException {
        Map<Integer, TreeMap<Long, Double>> curves = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT iv.number, iv.step, iv.value FROM"
                + " trial_intermediate_values iv JOIN trials t ON t.study_id = iv.study_id AND t.number = iv.number"
                + " WHERE " + where)) {
            bind.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    curves.computeIfAbsent(rs.getInt(1), k -> new TreeMap<>()).put(rs.getLong(2), getDouble(rs, 3));
                }
            }
        }
        List<FrozenTrial> out = new ArrayList<>();
        // trials of a study share a handful of distributions: decode each distinct one once per read
        Map<JsonNode, Distribution> distributions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + prefixed("t.") + " FROM trials t WHERE " + where
                + " ORDER BY " + order)) {
            bind.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FrozenTrial.Builder b = trialBuilder(rs, distributions);
                    TreeMap<Long, Double> curve = curves.get(rs.getInt(1));
                    if (curve != null) {
                        curve.forEach(b::intermediateValue);
                    }
                    out.add(b.build());
                }
            }
        }
        return out;
    }

    private static String prefixed(String alias) {
        return java.util.Arrays.stream(TRIAL_COLUMNS.split(", ")).map(col -> alias + col)
                .collect(Collectors.joining(", "));
    }

    private static FrozenTrial.Builder trialBuilder(ResultSet rs) throws SQLException {
        return trialBuilder(rs, new HashMap<>());
    }

    private static FrozenTrial.Builder trialBuilder(ResultSet rs, Map<JsonNode, Distribution> distributions)
            throws SQLException {
        FrozenTrial.Builder b = FrozenTrial.builder().number(rs.getInt(1)).state(TrialState.valueOf(rs.getString(2)));
        List<Double> values = new ArrayList<>();
        for (JsonNode v : readTree(rs.getString(3))) {
            values.add(v.asDouble());
        }
        b.values(values);
        JsonNode params = readTree(rs.getString(4));
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode dj = e.getValue().get("d");
            Distribution d = distributions.get(dj);
            if (d == null) {
                d = DistributionJson.read(dj, "parameter " + e.getKey());
                distributions.put(dj, d);
            }
            b.param(e.getKey(), d, d.toExternal(e.getValue().get("v").asDouble()));
        }
        readMap(rs.getString(5)).forEach(b::userAttr);
        readMap(rs.getString(6)).forEach(b::systemAttr);
        long start = rs.getLong(7);
        if (!rs.wasNull()) {
            b.start(Instant.ofEpochMilli(start));
        }
        long complete = rs.getLong(8);
        if (!rs.wasNull()) {
            b.complete(Instant.ofEpochMilli(complete));
        }
        String failure = rs.getString(9);
        if (failure != null) {
            JsonNode f = readTree(failure);
            b.failure(new TrialFailure(f.path("type").asText(), f.path("message").asText(),
                    f.path("stack_trace").asText()));
        }
        return b;
    }

    // ------------------------------------------------------------------------------------------- codecs

    private static String writeParams(FrozenTrial t) {
        ObjectNode o = JSON.createObjectNode();
        t.params().forEach((name, v) -> {
            Distribution d = t.distributions().get(name);
            ObjectNode p = o.putObject(name);
            p.set("d", DistributionJson.write(d));
            p.put("v", d.toInternal(v));
        });
        return o.toString();
    }

    private static String writeFailure(TrialFailure f) {
        if (f == null) {
            return null;
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("type", f.type()).put("message", f.message()).put("stack_trace", f.stackTrace());
        return o.toString();
    }

    private static String writeJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store " + value + " as JSON: " + e.getOriginalMessage()
                    + "; attributes must be strings, numbers, booleans, or lists and maps of those", e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StorageException("corrupt JSON in the database: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMap(String json) {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        return JSON.convertValue(readTree(json), LinkedHashMap.class);
    }

    private static void setValue0(PreparedStatement ps, int i, FrozenTrial t) throws SQLException {
        if (t.state() == TrialState.COMPLETE && !t.values().isEmpty()) {
            ps.setDouble(i, t.values().get(0));
        } else {
            ps.setNull(i, Types.DOUBLE);
        }
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    /** SQLite stores NaN as NULL; both databases read NULL back as NaN. */
    private static void setDouble(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static double getDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }
}
