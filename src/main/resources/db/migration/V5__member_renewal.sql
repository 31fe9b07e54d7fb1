-- Member lifecycle: renewal payments applied to the CRM, and the reports of the scheduled jobs.

-- One row per renewal payment (gateway payment intent or invoice). The new term is decided once
-- and stored before the CRM is written, and the CRM gets these absolute dates: a payment delivered
-- again, or taken up again after a crash, writes the same dates and never extends twice.
CREATE TABLE membership_renewal (
    payment_id      VARCHAR(128) PRIMARY KEY,
    event_id        VARCHAR(128),                 -- the gateway event that brought it first
    contact_id      VARCHAR(18)  NOT NULL,
    membership_id   VARCHAR(18)  NOT NULL,
    previous_status VARCHAR(32),
    previous_end    DATE,
    new_start       DATE         NOT NULL,
    new_end         DATE         NOT NULL,
    reactivated     BOOLEAN      NOT NULL,
    decided_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    applied_at      TIMESTAMPTZ                   -- CRM written and confirmation sent
);
CREATE INDEX membership_renewal_contact ON membership_renewal (contact_id, decided_at);

-- What each run of a scheduled job changed (counts), newest last.
CREATE TABLE job_run (
    id           BIGSERIAL    PRIMARY KEY,
    job          VARCHAR(64)  NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    report       JSONB        NOT NULL
);
CREATE INDEX job_run_job ON job_run (job, started_at);
