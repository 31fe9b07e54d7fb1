-- Dues (issue 9, finance.dues). Payments the bus did not apply because they do not match what it
-- quotes: another amount, currency, level or term. Kept for staff (GET
-- /api/v1/finance/held-payments), one row per gateway payment, never applied silently; a payment
-- delivered again finds its row and is held no second time.
CREATE TABLE held_payment (
    payment_id       VARCHAR(128) PRIMARY KEY,   -- the gateway's payment intent or invoice id
    event_id         VARCHAR(128),               -- the gateway event that brought it first
    purpose          VARCHAR(40)  NOT NULL,      -- membership_join, membership_renewal
    contact_id       VARCHAR(18),                -- the CRM contact, when there is one
    application_id   VARCHAR(64),                -- the membership application of a join
    level            VARCHAR(32),
    amount           BIGINT       NOT NULL,      -- paid, in the currency's minor units
    currency         VARCHAR(3),
    expected_amount  BIGINT,                     -- what the bus quotes, when it could quote
    rule             TEXT,                       -- the rule the quote applied
    reason           TEXT         NOT NULL,
    held_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX held_payment_held_at ON held_payment (held_at);

-- One row per paid level change (purpose membership_change): decided once and stored before the
-- CRM is written, so a payment delivered again, or taken up again after a crash, applies the same
-- change and never a second one.
CREATE TABLE dues_change (
    payment_id     VARCHAR(128) PRIMARY KEY,
    event_id       VARCHAR(128),
    contact_id     VARCHAR(18)  NOT NULL,
    membership_id  VARCHAR(18)  NOT NULL,
    from_level     VARCHAR(32),
    to_level       VARCHAR(32)  NOT NULL,
    decided_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    applied_at     TIMESTAMPTZ                   -- CRM written
);
