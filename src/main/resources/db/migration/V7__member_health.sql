-- Member health (issue 6): each member's raw signals, their scores over time, the commands and
-- events a change of health calls for, and the campaigns asked for through the API.

-- The member's signal snapshot, keyed by CRM contact id: the raw values the health model's
-- signals are computed from at scoring time (so that time-based signals decay by themselves),
-- plus what the triggers need (owner, email, level, renewal date).
CREATE TABLE member_signals (
    member_id            VARCHAR(18)  PRIMARY KEY,      -- CRM Contact Id
    member_number        VARCHAR(20),
    email                VARCHAR(255),
    owner_id             VARCHAR(18),                   -- Contact.OwnerId, the relationship owner
    community_id         VARCHAR(64),
    gateway_customer_id  VARCHAR(64),
    membership_status    VARCHAR(16),                   -- CRM spelling: Pending, Active, Lapsed, Archived
    membership_level     VARCHAR(16),                   -- Student, Associate, Professional, Fellow
    member_since         DATE,                          -- tenure
    renewal_date         DATE,                          -- Membership_End_Date__c
    ce_earned            NUMERIC(8, 2),                 -- CE_Balance__c
    ce_required          NUMERIC(8, 2),                 -- the active certification's CE_Required__c; null: not certified
    last_seen_at         TIMESTAMPTZ,                   -- last sign-in or activity on the community
    dues_on_time         SMALLINT,                      -- the last dues payment: 1 on time, 0 late or failed, null unknown
    dues_decided_at      TIMESTAMPTZ,
    seeded_from          VARCHAR(64),                   -- backfill, first-sight, crm-create
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX member_signals_community ON member_signals (community_id);
CREATE INDEX member_signals_gateway ON member_signals (gateway_customer_id);

-- Dated signal facts (posts, content views, events attended, dues paid, refunds, lapses), one row
-- per source event: counted over the model's windows at scoring time. The event id makes a
-- redelivered fact count once. History from before the bus (the backfill) is kept as a few
-- rows whose quantity spreads the partner's counter over its window.
CREATE TABLE member_signal_event (
    event_id     VARCHAR(200) PRIMARY KEY,
    member_id    VARCHAR(18)  NOT NULL REFERENCES member_signals (member_id),
    kind         VARCHAR(32)  NOT NULL,                 -- post, content_view, event_attended, dues_paid, refund, lapse
    occurred_at  TIMESTAMPTZ  NOT NULL,
    quantity     INTEGER      NOT NULL DEFAULT 1,
    recorded_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX member_signal_event_member ON member_signal_event (member_id, kind, occurred_at);

-- Each member's current health (the last result), and whether the CRM contact still has to be
-- told (written in batches of 200 through sObject Collections).
CREATE TABLE member_health (
    member_id          VARCHAR(18)  PRIMARY KEY REFERENCES member_signals (member_id),
    score              INTEGER      NOT NULL,
    band               VARCHAR(16)  NOT NULL,          -- healthy, watch, at_risk
    trend              VARCHAR(16)  NOT NULL,          -- up, down, flat, none
    trend_delta        INTEGER,
    result             JSONB        NOT NULL,          -- the whole HealthResult (contributions)
    model_version      VARCHAR(64)  NOT NULL,
    as_of              DATE         NOT NULL,
    scored_at          TIMESTAMPTZ  NOT NULL,          -- when score, band or trend last changed
    revision           BIGINT       NOT NULL DEFAULT 1,
    crm_pending        BOOLEAN      NOT NULL DEFAULT TRUE,
    crm_claimed_until  TIMESTAMPTZ,
    crm_attempts       INTEGER      NOT NULL DEFAULT 0,
    crm_error          TEXT,
    crm_written_at     TIMESTAMPTZ
);
CREATE INDEX member_health_crm_pending ON member_health (scored_at) WHERE crm_pending;
CREATE INDEX member_health_segment ON member_health (band);

-- Every change of a member's health: the trend compares with the score of N days ago.
CREATE TABLE member_health_history (
    id             BIGSERIAL    PRIMARY KEY,
    member_id      VARCHAR(18)  NOT NULL,
    as_of          DATE         NOT NULL,
    scored_at      TIMESTAMPTZ  NOT NULL,
    score          INTEGER      NOT NULL,
    band           VARCHAR(16)  NOT NULL,
    trend          VARCHAR(16)  NOT NULL,
    model_version  VARCHAR(64)  NOT NULL,
    contributions  JSONB        NOT NULL,
    cause          VARCHAR(200)
);
CREATE INDEX member_health_history_member ON member_health_history (member_id, as_of);

-- What a change of health calls for, written in the same transaction as the change and sent
-- afterwards (health.changed and renewal_risk_change on Kafka, campaigns and CRM tasks as Artemis
-- commands): a crash between the two sends it later, never loses it. The key is the idempotency
-- key (the campaign's requestId), so a transition fires once.
CREATE TABLE health_outbox (
    id              BIGSERIAL    PRIMARY KEY,
    idempotency_key VARCHAR(200) NOT NULL UNIQUE,
    member_id       VARCHAR(18)  NOT NULL,
    kind            VARCHAR(32)  NOT NULL,             -- health-changed, renewal-risk, campaign, task
    payload         TEXT         NOT NULL,             -- the message body (JSON)
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    claimed_until   TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX health_outbox_pending ON health_outbox (member_id, id) WHERE sent_at IS NULL;

-- Lifecycle campaigns asked for (POST /api/v1/cs-marketing/campaigns) or started by a health
-- trigger, and each member they went to with the member's health then: for attribution.
CREATE TABLE campaign_request (
    id            BIGSERIAL    PRIMARY KEY,
    request_key   VARCHAR(200) NOT NULL UNIQUE,
    campaign      VARCHAR(64)  NOT NULL,
    source        VARCHAR(32)  NOT NULL,               -- api, health-trigger
    member_id     VARCHAR(18),                         -- one member, or null for a segment
    segment       JSONB,
    requested_by  VARCHAR(128),
    reason        TEXT,
    member_count  INTEGER      NOT NULL,
    requested_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE campaign_attribution (
    id                   BIGSERIAL    PRIMARY KEY,
    campaign_request_id  BIGINT       NOT NULL REFERENCES campaign_request (id),
    member_id            VARCHAR(18)  NOT NULL,
    campaign             VARCHAR(64)  NOT NULL,
    marketing_request_id VARCHAR(200) NOT NULL,        -- the requestId sent to the marketing system
    score                INTEGER,
    band                 VARCHAR(16),
    model_version        VARCHAR(64),
    requested_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (campaign_request_id, member_id)
);
CREATE INDEX campaign_attribution_member ON campaign_attribution (member_id, requested_at);

-- The health jobs' reports (backfill, daily re-score): what they did and what it cost.
CREATE TABLE health_job_run (
    id           BIGSERIAL    PRIMARY KEY,
    job          VARCHAR(32)  NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    report       JSONB        NOT NULL
);
CREATE INDEX health_job_run_job ON health_job_run (job, finished_at);
