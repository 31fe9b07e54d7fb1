-- The bus's own state. Every later flow uses these tables.

-- Sync ledger: one row per synchronised record (keyed by its CRM id) with the field values of
-- the last state every system agreed on (the base of the three-way merge) ...
CREATE TABLE sync_record (
    object_type   VARCHAR(64)  NOT NULL,
    record_id     VARCHAR(64)  NOT NULL,          -- the CRM id, the record's identity everywhere
    agreed_values JSONB        NOT NULL DEFAULT '{}'::jsonb,
    agreed_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (object_type, record_id)
);

-- ... and, per record and system, that system's id and the last version the bus saw of it.
CREATE TABLE sync_record_system (
    object_type   VARCHAR(64)  NOT NULL,
    record_id     VARCHAR(64)  NOT NULL,
    system        VARCHAR(32)  NOT NULL,          -- crm, community, gateway, accounting, ...
    external_id   VARCHAR(128),
    last_version  VARCHAR(64),                    -- SystemModstamp, commit number, event time
    last_seen_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (object_type, record_id, system),
    FOREIGN KEY (object_type, record_id) REFERENCES sync_record (object_type, record_id)
);
CREATE UNIQUE INDEX sync_record_system_external ON sync_record_system (system, object_type, external_id);

-- Every merge decision: who, what, before, after, why.
CREATE TABLE sync_decision (
    id           BIGSERIAL    PRIMARY KEY,
    object_type  VARCHAR(64)  NOT NULL,
    record_id    VARCHAR(64)  NOT NULL,
    field        VARCHAR(128) NOT NULL,
    system       VARCHAR(32)  NOT NULL,           -- the system whose change was decided on
    old_value    TEXT,
    new_value    TEXT,
    base_value   TEXT,
    decision     VARCHAR(32)  NOT NULL,           -- applied, crm_wins, proposed, rejected, stale
    rule         VARCHAR(128) NOT NULL,
    reason       TEXT,
    decided_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX sync_decision_record ON sync_decision (record_id, decided_at);
CREATE INDEX sync_decision_time ON sync_decision (decided_at);

-- Camel's JDBC idempotent repository (JdbcMessageIdRepository's own table and columns).
CREATE TABLE camel_messageprocessed (
    processorname VARCHAR(255) NOT NULL,
    messageid     VARCHAR(255) NOT NULL,
    createdat     TIMESTAMP    NOT NULL DEFAULT now(),
    PRIMARY KEY (processorname, messageid)
);

-- Rejected inbound calls, kept whole: nothing that reached the bus is dropped.
CREATE TABLE quarantine (
    id           BIGSERIAL    PRIMARY KEY,
    source       VARCHAR(64)  NOT NULL,           -- which endpoint received it
    reason       TEXT         NOT NULL,
    status       INTEGER      NOT NULL,           -- the HTTP status answered
    headers      TEXT,
    body         TEXT,
    received_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX quarantine_time ON quarantine (received_at);

-- Messages a route gave up on after its retries, with the original body and the error,
-- listable and replayable by operators.
CREATE TABLE dead_letter (
    id            BIGSERIAL    PRIMARY KEY,
    route_id      VARCHAR(128) NOT NULL,
    endpoint      TEXT         NOT NULL,          -- where it came from: replay sends it back here
    message_key   VARCHAR(255),
    headers       TEXT,
    body          TEXT,
    error         TEXT         NOT NULL,
    failed_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    replayed_at   TIMESTAMPTZ,
    replay_count  INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX dead_letter_open ON dead_letter (failed_at) WHERE replayed_at IS NULL;

-- Last Salesforce streaming replay id per channel, stored only after the event is durable.
CREATE TABLE salesforce_replay_id (
    channel     VARCHAR(255) PRIMARY KEY,
    replay_id   BIGINT       NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
