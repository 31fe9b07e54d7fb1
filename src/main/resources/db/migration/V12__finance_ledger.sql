-- The ledger part of finance (issue 9): what the bus posted to the accounting system, how much of
-- each charge's refunds it booked, and the deferred revenue schedule of dues.

-- Each journal entry the bus asked for, by its reference at the ledger (derived from the source:
-- the gateway object id and what it is). 'posted' as asked, 'moved' to the first open day of a
-- closed period, 'held' for staff (closed period, policy hold). A reference found posted or moved
-- is not sent again.
CREATE TABLE ledger_posting (
    reference   VARCHAR(100) PRIMARY KEY,
    kind        VARCHAR(40)  NOT NULL,
    asked_date  DATE         NOT NULL,
    posted_date DATE,
    entry_id    VARCHAR(40),
    status      VARCHAR(16)  NOT NULL,
    note        TEXT,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ledger_posting_status ON ledger_posting (status);

-- The gateway's charge.refunded carries the cumulative amount_refunded: the part booked so far
-- per charge, so only the difference is posted (raised after the entry is on its way).
CREATE TABLE ledger_refund_progress (
    charge_id      VARCHAR(64) PRIMARY KEY,
    refunded_cents BIGINT      NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Dues earned over the term: one row per payment and month, the month's share (daily pro rata,
-- the last month taking the rounding), recognized by the monthly job's entry (its reference).
CREATE TABLE deferred_revenue_schedule (
    payment_ref     VARCHAR(64)  NOT NULL,          -- the gateway payment intent
    month           DATE         NOT NULL,          -- first day of the month
    amount_cents    BIGINT       NOT NULL,
    income_account  VARCHAR(20)  NOT NULL,
    paid_on         DATE         NOT NULL,          -- the date of the payment's deferral entry
    recognition_ref VARCHAR(100),
    PRIMARY KEY (payment_ref, month)
);
CREATE INDEX deferred_revenue_due ON deferred_revenue_schedule (month) WHERE recognition_ref IS NULL;
