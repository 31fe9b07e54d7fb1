-- Finance (issue 9), the gateway part: refund requests and their decisions, the highest cumulative
-- refunded amount seen per payment, and memberships undone by a refund, an ACH return or a lost
-- dispute.

-- Every refund request the community made, with the policy's decision (the audit of who asked
-- what, and the rule that decided). A granted one's refund_key is the gateway's Idempotency-Key.
CREATE TABLE refund_request (
    id               BIGSERIAL    PRIMARY KEY,
    crm_contact_id   VARCHAR(18)  NOT NULL,
    payment_intent   VARCHAR(64),
    charge           VARCHAR(64),
    purpose          VARCHAR(40),
    decision         VARCHAR(16)  NOT NULL,      -- granted, denied, unknown
    amount           BIGINT       NOT NULL DEFAULT 0,
    rule             TEXT         NOT NULL,
    refund_key       VARCHAR(140),
    asked_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX refund_request_payment ON refund_request (payment_intent);

-- charge.refunded carries the cumulative amount refunded; events come in any order and again, so
-- the CRM is given the highest amount seen, never a lower one.
CREATE TABLE payment_refund_state (
    payment_intent   VARCHAR(64)  PRIMARY KEY,
    amount_refunded  BIGINT       NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A membership undone by what happened to the payment that bought it: decided once (the dates
-- before and after), then applied to the CRM; restored_at when a won dispute gave it back.
CREATE TABLE membership_reversal (
    payment_intent   VARCHAR(64)  PRIMARY KEY,
    cause            VARCHAR(16)  NOT NULL,      -- refund, ach_return, dispute_lost
    crm_contact_id   VARCHAR(18)  NOT NULL,
    membership_id    VARCHAR(18)  NOT NULL,
    previous_status  VARCHAR(16),
    previous_end     DATE,
    new_status       VARCHAR(16)  NOT NULL,
    new_end          DATE,
    decided_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    applied_at       TIMESTAMPTZ,
    CONSTRAINT membership_reversal_cause CHECK (cause IN ('refund', 'ach_return', 'dispute_lost'))
);
