-- automl4j storage schema, version 1 (SQLite). Keep in step with ../postgresql/V1__initial_schema.sql.
-- Trials are keyed by (study_id, number). Parameters and attributes are JSON text; values[0] is
-- copied to value0 so the best trial is one indexed query.
CREATE TABLE studies (
    study_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE,
    directions  TEXT    NOT NULL,
    user_attrs  TEXT    NOT NULL DEFAULT '{}',
    created_ms  BIGINT  NOT NULL,
    next_number INTEGER NOT NULL DEFAULT 0,
    finish_seq  BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE trials (
    study_id     INTEGER NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    state        TEXT    NOT NULL,
    value0       DOUBLE PRECISION,
    feasible     INTEGER NOT NULL DEFAULT 1,
    vals         TEXT    NOT NULL DEFAULT '[]',
    params       TEXT    NOT NULL DEFAULT '{}',
    user_attrs   TEXT    NOT NULL DEFAULT '{}',
    system_attrs TEXT    NOT NULL DEFAULT '{}',
    start_ms     BIGINT,
    complete_ms  BIGINT,
    heartbeat_ms BIGINT,
    failure      TEXT,
    finish_seq   BIGINT,
    PRIMARY KEY (study_id, number)
);

CREATE INDEX trials_best ON trials (study_id, state, feasible, value0);
CREATE INDEX trials_finished ON trials (study_id, finish_seq);
CREATE INDEX trials_state ON trials (study_id, state, number);

CREATE TABLE trial_intermediate_values (
    study_id INTEGER NOT NULL,
    number   INTEGER NOT NULL,
    step     BIGINT  NOT NULL,
    value    DOUBLE PRECISION,
    PRIMARY KEY (study_id, number, step),
    FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number) ON DELETE CASCADE
);
