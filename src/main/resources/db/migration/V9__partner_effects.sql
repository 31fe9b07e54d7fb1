-- Commands to partners (issue 14: nothing lost, nothing applied twice).

-- The order in which the sinks first took the commands. A member's commands reach a sink in the
-- order they were sent (Artemis message groups), so the number a command gets the first time it is
-- taken is its place in that order; it travels with the command when it is rescheduled after a
-- "slow down", so a command that comes back late is recognised as older than what followed it.
CREATE SEQUENCE partner_command_seq;

-- For each field a sink wrote at a partner record, the number of the command that wrote it last:
-- a command coming back later with a lower number does not overwrite it (logged as stale in
-- sync_decision).
CREATE TABLE partner_write (
    partner     VARCHAR(32)  NOT NULL,             -- community, crm
    target      VARCHAR(300) NOT NULL,             -- the record: the command's path
    field       VARCHAR(128) NOT NULL,
    command_seq BIGINT       NOT NULL,
    written_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (partner, target, field)
);

-- Effects at a partner that has no idempotency of its own (the marketing automation runs a campaign
-- again for every trigger): the bus records the key before it sends ('sending') and marks it once
-- the partner accepted it ('sent'); a command whose key is 'sent' is not sent again.
CREATE TABLE partner_effect (
    partner         VARCHAR(32)  NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    status          VARCHAR(16)  NOT NULL,         -- sending, sent
    attempts        INTEGER      NOT NULL DEFAULT 1,
    first_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ,
    PRIMARY KEY (partner, idempotency_key)
);
