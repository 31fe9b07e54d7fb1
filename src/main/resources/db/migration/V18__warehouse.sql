-- The reporting warehouse (issue 13): a star schema an analyst queries directly, in its own schema.
-- Dimensions are keyed by their natural keys (the CRM id, the calendar day, the level's name, the
-- GL account's code), so a fact joins a dimension without a lookup. Rows deleted in the CRM stay
-- with is_deleted = true (a report decides whether it counts them); an undelete clears it.
-- Each new flow adds its own tables here in a later migration and its extract in
-- config/warehouse.yaml (see routes/reporting-warehouse.camel.yaml).

CREATE SCHEMA IF NOT EXISTS warehouse;

-- ---------------------------------------------------------------- dimensions

CREATE TABLE warehouse.dim_date (
    day          DATE        PRIMARY KEY,
    date_key     INTEGER     NOT NULL UNIQUE,           -- YYYYMMDD, for tools that want an integer key
    year         SMALLINT    NOT NULL,
    quarter      SMALLINT    NOT NULL,
    month        SMALLINT    NOT NULL,
    month_start  DATE        NOT NULL,
    month_name   VARCHAR(9)  NOT NULL,
    iso_week     SMALLINT    NOT NULL,
    day_of_week  SMALLINT    NOT NULL,                  -- ISO: 1 Monday .. 7 Sunday
    is_weekend   BOOLEAN     NOT NULL
);
INSERT INTO warehouse.dim_date
SELECT d::date,
       to_char(d, 'YYYYMMDD')::int,
       extract(year FROM d), extract(quarter FROM d), extract(month FROM d),
       date_trunc('month', d)::date,
       trim(to_char(d, 'Month')),
       extract(week FROM d), extract(isodow FROM d), extract(isodow FROM d) >= 6
FROM generate_series(DATE '1990-01-01', DATE '2060-12-31', INTERVAL '1 day') AS d;

CREATE TABLE warehouse.dim_level (
    level       VARCHAR(16) PRIMARY KEY,                -- the CRM's spelling
    rank        SMALLINT    NOT NULL,
    dues_tier   VARCHAR(16) NOT NULL
);
INSERT INTO warehouse.dim_level VALUES
    ('Student', 1, 'reduced'), ('Associate', 2, 'standard'), ('Professional', 3, 'standard'),
    ('Fellow', 4, 'premium'), ('Unknown', 0, 'none');

CREATE TABLE warehouse.dim_gl_account (
    account_code VARCHAR(20)  PRIMARY KEY,
    role         VARCHAR(200) NOT NULL,                 -- what the bus books there (config/gl-mapping.yaml)
    kind         VARCHAR(16)  NOT NULL,                 -- asset, liability, income, contra_income, expense
    loaded_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE warehouse.dim_member (
    member_id          VARCHAR(18)  PRIMARY KEY,        -- CRM Contact Id
    member_number      VARCHAR(20),
    first_name         VARCHAR(40),
    last_name          VARCHAR(80),
    email              VARCHAR(255),
    employer           VARCHAR(120),
    city               VARCHAR(40),
    country            VARCHAR(80),
    membership_status  VARCHAR(16),
    membership_level   VARCHAR(16),
    membership_start   DATE,
    membership_end     DATE,
    member_since       DATE,
    community_id       VARCHAR(64),
    health_score       NUMERIC(6, 2),
    health_band        VARCHAR(16),
    ce_balance         NUMERIC(8, 2),
    crm_modstamp       TIMESTAMPTZ  NOT NULL,
    is_deleted         BOOLEAN      NOT NULL DEFAULT FALSE,
    loaded_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX dim_member_email ON warehouse.dim_member (lower(email));
CREATE INDEX dim_member_status ON warehouse.dim_member (membership_status, membership_level);

-- ---------------------------------------------------------------- facts

CREATE TABLE warehouse.fact_membership_term (
    membership_id  VARCHAR(18)   PRIMARY KEY,           -- CRM Membership__c Id
    member_id      VARCHAR(18),
    level          VARCHAR(16),
    status         VARCHAR(16),
    start_date     DATE,
    end_date       DATE,
    dues           NUMERIC(12, 2),
    auto_renew     BOOLEAN,
    crm_modstamp   TIMESTAMPTZ   NOT NULL,
    is_deleted     BOOLEAN       NOT NULL DEFAULT FALSE,
    loaded_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX fact_membership_term_member ON warehouse.fact_membership_term (member_id);

-- A tracked field's value as each run found it changed: the member's status (and any other field
-- config/warehouse.yaml tracks). from_value null: first seen. changed_at: the CRM's SystemModstamp.
CREATE TABLE warehouse.fact_status_change (
    id            BIGSERIAL    PRIMARY KEY,
    source_object VARCHAR(64)  NOT NULL,
    record_id     VARCHAR(18)  NOT NULL,
    member_id     VARCHAR(18),
    field         VARCHAR(64)  NOT NULL,
    from_value    VARCHAR(255),
    to_value      VARCHAR(255),
    changed_at    TIMESTAMPTZ  NOT NULL,
    day           DATE         NOT NULL,
    loaded_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX fact_status_change_member ON warehouse.fact_status_change (member_id, changed_at);
CREATE INDEX fact_status_change_day ON warehouse.fact_status_change (day, field);

CREATE TABLE warehouse.fact_payment (
    payment_id          VARCHAR(18)    PRIMARY KEY,     -- CRM Payment__c Id
    member_id           VARCHAR(18),
    payment_type        VARCHAR(16),                    -- Dues, Event, Certification, Donation
    status              VARCHAR(32),
    amount              NUMERIC(12, 2),
    refunded_amount     NUMERIC(12, 2),
    currency            VARCHAR(3),
    paid_at             TIMESTAMPTZ,
    paid_day            DATE GENERATED ALWAYS AS ((paid_at AT TIME ZONE 'UTC')::date) STORED,
    gateway_payment_id  VARCHAR(64),
    crm_modstamp        TIMESTAMPTZ    NOT NULL,
    is_deleted          BOOLEAN        NOT NULL DEFAULT FALSE,
    loaded_at           TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX fact_payment_member ON warehouse.fact_payment (member_id);
CREATE INDEX fact_payment_day ON warehouse.fact_payment (paid_day);

-- Refunds the bus decided (refund_request), in minor units as the gateway counts them.
CREATE TABLE warehouse.fact_refund (
    refund_request_id  BIGINT       PRIMARY KEY,
    member_id          VARCHAR(18)  NOT NULL,
    payment_intent     VARCHAR(64),
    purpose            VARCHAR(40),
    decision           VARCHAR(16)  NOT NULL,
    amount_cents       BIGINT       NOT NULL,
    asked_at           TIMESTAMPTZ  NOT NULL,
    day                DATE         NOT NULL,
    loaded_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The dues deferral schedule of the ledger (deferred_revenue_schedule): deferred until recognized.
CREATE TABLE warehouse.fact_deferred_revenue (
    payment_ref     VARCHAR(64)  NOT NULL,
    month           DATE         NOT NULL,
    amount_cents    BIGINT       NOT NULL,
    income_account  VARCHAR(20)  NOT NULL,
    paid_on         DATE         NOT NULL,
    recognized      BOOLEAN      NOT NULL,
    loaded_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (payment_ref, month)
);

-- Each member's health as it stood on each day an ETL run took its snapshot.
CREATE TABLE warehouse.fact_member_health_daily (
    member_id      VARCHAR(18)  NOT NULL,
    day            DATE         NOT NULL,
    score          INTEGER      NOT NULL,
    band           VARCHAR(16)  NOT NULL,
    trend          VARCHAR(16)  NOT NULL,
    model_version  VARCHAR(64)  NOT NULL,
    scored_at      TIMESTAMPTZ  NOT NULL,
    loaded_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, day)
);
CREATE INDEX fact_member_health_daily_day ON warehouse.fact_member_health_daily (day, band);

-- ---------------------------------------------------------------- the ETL's own state

-- Per source (a CRM object or a local load): how far it has been read, and when it was last loaded.
CREATE TABLE warehouse.etl_watermark (
    source        VARCHAR(64)  PRIMARY KEY,
    target_table  VARCHAR(128) NOT NULL,
    watermark     VARCHAR(64),                          -- CRM: the last SystemModstamp read (ISO instant)
    loaded_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One row: who runs now (any instance of the bus); a run older than the lease is taken over.
CREATE TABLE warehouse.etl_lock (
    id            SMALLINT     PRIMARY KEY CHECK (id = 1),
    run_id        BIGINT,
    running_since TIMESTAMPTZ
);
INSERT INTO warehouse.etl_lock VALUES (1, NULL, NULL);

CREATE TABLE warehouse.etl_run (
    id           BIGSERIAL    PRIMARY KEY,
    mode         VARCHAR(16)  NOT NULL,                 -- full, incremental
    trigger      VARCHAR(16)  NOT NULL,                 -- schedule, api
    started_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ,
    status       VARCHAR(16)  NOT NULL DEFAULT 'running',
    report       JSONB
);

-- ---------------------------------------------------------------- reports and data quality

-- Every report run and every download, for audit: who, which report, what format, where it went.
CREATE TABLE warehouse.report_run (
    id            BIGSERIAL    PRIMARY KEY,
    report        VARCHAR(64)  NOT NULL,
    format        VARCHAR(8)   NOT NULL,
    channel       VARCHAR(16)  NOT NULL,              -- download, sftp, directory, email
    trigger       VARCHAR(16)  NOT NULL,              -- api, schedule
    requested_by  VARCHAR(128) NOT NULL,
    rows          INTEGER,
    bytes         INTEGER,
    target        VARCHAR(500),                       -- the file name delivered, or the recipient
    status        VARCHAR(16)  NOT NULL DEFAULT 'rendered',   -- rendered, delivered, failed
    error         TEXT,
    started_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ
);
CREATE INDEX report_run_report ON warehouse.report_run (report, started_at);

-- Data-quality checks of config/data-quality.yaml: each failing record of each run, flagged.
CREATE TABLE warehouse.dq_issue (
    id            BIGSERIAL    PRIMARY KEY,
    check_name    VARCHAR(64)  NOT NULL,
    severity      VARCHAR(16)  NOT NULL,
    record_id     VARCHAR(64)  NOT NULL,             -- the failing record (or the month, for a total)
    detail        TEXT,
    first_seen    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_seen     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    resolved_at   TIMESTAMPTZ,
    UNIQUE (check_name, record_id)
);
CREATE INDEX dq_issue_open ON warehouse.dq_issue (check_name) WHERE resolved_at IS NULL;
