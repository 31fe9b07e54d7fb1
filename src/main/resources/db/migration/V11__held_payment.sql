-- Dues payments the bus did not apply because they do not match what it quotes (issue 9,
-- finance.dues): another amount, currency, level or term. Kept for staff (GET
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
