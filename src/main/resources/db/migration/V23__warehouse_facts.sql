-- The warehouse's facts from the sources other than the CRM (issue 13): the ledger (the accounting
-- system's journal entries, through its API), the community (its API: engagement counters and
-- group membership; its activity webhooks through Kafka), and the bus's own facts on Kafka (health,
-- CE credits, exam attempts, certifications, registrations, attendance, event CEUs). Loaded by
-- routes/reporting-warehouse-facts.camel.yaml (org.memberbus.reporting.warehouse.WarehouseFacts).
-- Kafka facts are keyed by their event id, so a replayed record finds its row and changes nothing.
-- Money from the ledger is in cents (minor units), as the bus counts it.

-- ---------------------------------------------------------------- the ledger

-- One row per journal entry line, as the accounting system holds it. A reversed entry keeps its
-- lines (status 'reversed'); its mirror entry (reverses = the original) carries the opposite amounts.
CREATE TABLE warehouse.fact_ledger_line (
    entry_id            VARCHAR(32)   NOT NULL,
    line_number         INTEGER       NOT NULL,
    entry_number        BIGINT        NOT NULL,
    entry_date          DATE          NOT NULL,
    month               DATE          GENERATED ALWAYS AS (date_trunc('month', entry_date::timestamp)::date) STORED,
    account_code        VARCHAR(20)   NOT NULL,
    debit_cents         BIGINT        NOT NULL,
    credit_cents        BIGINT        NOT NULL,
    external_reference  VARCHAR(128),
    memo                VARCHAR(500),
    status              VARCHAR(16)   NOT NULL,        -- posted, reversed
    reverses            VARCHAR(32),
    posted_at           TIMESTAMPTZ   NOT NULL,
    loaded_at           TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (entry_id, line_number)
);
CREATE INDEX fact_ledger_line_month ON warehouse.fact_ledger_line (month, account_code);
CREATE INDEX fact_ledger_line_reference ON warehouse.fact_ledger_line (external_reference);

-- The ledger's own name and type of each account (dim_gl_account's role and kind say what the bus
-- books there; an account only the ledger knows gets its name as role).
ALTER TABLE warehouse.dim_gl_account ADD COLUMN account_name VARCHAR(200);
ALTER TABLE warehouse.dim_gl_account ADD COLUMN ledger_type VARCHAR(16);

-- Revenue by month and GL account as the ledger books it: income and contra-income accounts
-- (credit minus debit), and the deferred-revenue liability's movement and closing balance.
CREATE VIEW warehouse.v_ledger_month_account AS
SELECT l.month, l.account_code, a.account_name, a.kind,
       sum(l.debit_cents) AS debit_cents, sum(l.credit_cents) AS credit_cents,
       sum(l.credit_cents - l.debit_cents) AS net_credit_cents,
       sum(sum(l.credit_cents - l.debit_cents)) OVER (PARTITION BY l.account_code ORDER BY l.month) AS balance_credit_cents
FROM warehouse.fact_ledger_line l
LEFT JOIN warehouse.dim_gl_account a ON a.account_code = l.account_code
GROUP BY l.month, l.account_code, a.account_name, a.kind;

-- ---------------------------------------------------------------- the community (its API)

-- Each community account's engagement counters as a run found them, one row per account and day
-- (a later run the same day updates it).
CREATE TABLE warehouse.fact_community_engagement_daily (
    community_account_id  VARCHAR(64)  NOT NULL,
    day                   DATE         NOT NULL,
    member_id             VARCHAR(18),                  -- CRM contact id, when the community knows it
    membership_status     VARCHAR(16),
    level                 VARCHAR(16),
    last_login_at         TIMESTAMPTZ,
    posts_90d             INTEGER      NOT NULL,
    content_views_90d     INTEGER      NOT NULL,
    events_attended_12m   INTEGER      NOT NULL,
    loaded_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (community_account_id, day)
);
CREATE INDEX fact_community_engagement_daily_member ON warehouse.fact_community_engagement_daily (member_id, day);

-- Who is in which community group; a membership the community no longer lists is kept with left_at.
CREATE TABLE warehouse.fact_group_membership (
    group_name            VARCHAR(100) NOT NULL,
    community_account_id  VARCHAR(64)  NOT NULL,
    member_id             VARCHAR(18),
    role                  VARCHAR(32),
    joined_at             TIMESTAMPTZ,
    left_at               TIMESTAMPTZ,                 -- first run that no longer found it
    loaded_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (group_name, community_account_id)
);
CREATE INDEX fact_group_membership_member ON warehouse.fact_group_membership (member_id);

-- ---------------------------------------------------------------- the bus's facts on Kafka

-- Community activity (the platform's webhooks: posts, content views, group joins, check-ins, ...).
CREATE TABLE warehouse.fact_engagement_activity (
    event_id              VARCHAR(100) PRIMARY KEY,     -- the community's event id
    member_id             VARCHAR(64),                  -- the Kafka key: CRM contact id, or the community's id
    community_account_id  VARCHAR(64),
    activity_type         VARCHAR(64)  NOT NULL,
    occurred_at           TIMESTAMPTZ  NOT NULL,
    day                   DATE         NOT NULL,
    loaded_at             TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX fact_engagement_activity_day ON warehouse.fact_engagement_activity (day, activity_type);
CREATE INDEX fact_engagement_activity_member ON warehouse.fact_engagement_activity (member_id);

-- Every health score change (health.changed); fact_member_health_daily keeps the day's snapshot.
CREATE TABLE warehouse.fact_health_change (
    event_id       VARCHAR(100) PRIMARY KEY,            -- health:<member>:<revision>
    member_id      VARCHAR(18)  NOT NULL,
    score          INTEGER      NOT NULL,
    band           VARCHAR(16)  NOT NULL,
    trend          VARCHAR(16),
    previous_score INTEGER,
    model_version  VARCHAR(64),
    as_of          DATE         NOT NULL,
    scored_at      TIMESTAMPTZ,
    loaded_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX fact_health_change_member ON warehouse.fact_health_change (member_id, as_of);

CREATE TABLE warehouse.fact_ce_credit (
    event_id      VARCHAR(100) PRIMARY KEY,             -- the CE activity's id
    member_id     VARCHAR(18)  NOT NULL,
    category      VARCHAR(64),
    credits       NUMERIC(8, 2) NOT NULL,
    earned_on     DATE         NOT NULL,
    cycle_earned  NUMERIC(8, 2),
    required      NUMERIC(8, 2),
    loaded_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX fact_ce_credit_member ON warehouse.fact_ce_credit (member_id, earned_on);

CREATE TABLE warehouse.fact_exam_attempt (
    event_id       VARCHAR(100) PRIMARY KEY,            -- the exam body's result id
    member_id      VARCHAR(18)  NOT NULL,
    exam_code      VARCHAR(64)  NOT NULL,
    outcome        VARCHAR(16)  NOT NULL,               -- PASS, FAIL, NO_SHOW
    score          INTEGER,
    passing_score  INTEGER,
    channel        VARCHAR(16),
    taken_at       TIMESTAMPTZ  NOT NULL,
    day            DATE         NOT NULL,
    loaded_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX fact_exam_attempt_exam ON warehouse.fact_exam_attempt (exam_code, day);

-- Each award (and each renewal: a new expiry is a new fact of the same certification).
CREATE TABLE warehouse.fact_certification (
    event_id           VARCHAR(150) PRIMARY KEY,        -- <certification key>:<awarded on>
    certification_key  VARCHAR(100) NOT NULL,
    member_id          VARCHAR(18)  NOT NULL,
    program            VARCHAR(100),
    exam_code          VARCHAR(64),
    result_id          VARCHAR(100),
    awarded_on         DATE         NOT NULL,
    expires_on         DATE,
    loaded_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX fact_certification_member ON warehouse.fact_certification (member_id);

-- Each state a registration reached (registration.created: registered, waitlisted, offered, ...);
-- the same state published again (a repair after a crash) is one row.
CREATE TABLE warehouse.fact_registration (
    registration_key   VARCHAR(100) NOT NULL,
    status             VARCHAR(32)  NOT NULL,
    member_id          VARCHAR(18),
    crm_event_id       VARCHAR(18)  NOT NULL,
    amount_cents       BIGINT,
    waitlist_position  INTEGER,
    status_at          TIMESTAMPTZ  NOT NULL,
    day                DATE         NOT NULL,
    loaded_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_key, status)
);
CREATE INDEX fact_registration_event ON warehouse.fact_registration (crm_event_id, status);

-- One row per person and event attended (attendance.recorded is published once per person and event).
CREATE TABLE warehouse.fact_attendance (
    registration_key   VARCHAR(100) PRIMARY KEY,
    member_id          VARCHAR(18),
    crm_event_id       VARCHAR(18)  NOT NULL,
    checked_in_at      TIMESTAMPTZ  NOT NULL,
    day                DATE         NOT NULL,
    source             VARCHAR(32),
    minutes            INTEGER,
    session            VARCHAR(100),
    loaded_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX fact_attendance_event ON warehouse.fact_attendance (crm_event_id);

-- Event CEUs awarded (ceu.awarded), one per member and event.
CREATE TABLE warehouse.fact_ceu_award (
    member_id      VARCHAR(18)  NOT NULL,
    crm_event_id   VARCHAR(18)  NOT NULL,
    credits        NUMERIC(8, 2) NOT NULL,
    rule           VARCHAR(100),
    loaded_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, crm_event_id)
);

-- ---------------------------------------------------------------- data quality and reports

-- When the data team was told of a flagged issue (a CRM Task per check and batch of new issues).
ALTER TABLE warehouse.dq_issue ADD COLUMN notified_at TIMESTAMPTZ;
ALTER TABLE warehouse.dq_issue ADD COLUMN notice_key VARCHAR(128);
-- issues flagged before this column existed count as told
UPDATE warehouse.dq_issue SET notified_at = first_seen;
CREATE INDEX dq_issue_unnotified ON warehouse.dq_issue (check_name) WHERE notified_at IS NULL AND resolved_at IS NULL;
