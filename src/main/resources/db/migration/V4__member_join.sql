-- Member join (process 1, new member): a membership application from the community and the
-- gateway's payment for it arrive on different topics, in either order. One row per application
-- pairs them; whichever half arrives second completes the join, decided in one statement
-- (INSERT ... ON CONFLICT DO UPDATE ... RETURNING) so two consumers racing cannot both miss the
-- pair or both complete it.

-- Member numbers (Contact.Member_Number__c, the CRM's external id): 'M' and six digits. The
-- sandbox's demo members hold M000001 to M002000. In production, before go-live, move it above the
-- org's highest number: ALTER SEQUENCE member_number_seq RESTART WITH <n>.
CREATE SEQUENCE member_number_seq START WITH 2001;

CREATE TABLE join_request (
    application_id        VARCHAR(64)  PRIMARY KEY,   -- the community's application id
    community_account_id  VARCHAR(64),

    -- the application (null until it arrived)
    application_event_id  VARCHAR(128),
    level                 VARCHAR(16),                -- STUDENT, ASSOCIATE, PROFESSIONAL, FELLOW
    email                 VARCHAR(255),
    applicant             JSONB,                      -- the form: names, phone, employer, city, country
    applied_at            TIMESTAMPTZ,

    -- the successful payment (null until it arrived)
    payment_event_id      VARCHAR(128),
    payment_intent_id     VARCHAR(64),
    payment_amount        BIGINT,                     -- minor units (cents), as the gateway counts
    payment_currency      VARCHAR(3),
    payment_level         VARCHAR(16),                -- the level the checkout charged for
    gateway_customer_id   VARCHAR(64),
    paid_at               TIMESTAMPTZ,

    -- declined attempts; the join stays open for the next one
    payer_email           VARCHAR(255),
    failed_payments       INTEGER      NOT NULL DEFAULT 0,
    last_failure          TEXT,

    -- open: waiting for its other half; completing: both here, being applied to the partners (by
    -- the event that completed the pair, and only by it or its redelivery); completed; rejected:
    -- a business error (e.g. the amount paid is not the level's dues), see problem
    status                VARCHAR(16)  NOT NULL DEFAULT 'open',
    completing_event_id   VARCHAR(128),
    member_number         VARCHAR(20)  UNIQUE,
    start_date            DATE,
    crm_contact_id        VARCHAR(18),                -- a former member's from the start, else on completion
    problem               TEXT,

    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at          TIMESTAMPTZ,
    CONSTRAINT join_request_status CHECK (status IN ('open', 'completing', 'completed', 'rejected'))
);
CREATE INDEX join_request_unfinished ON join_request (updated_at) WHERE status <> 'completed';
CREATE INDEX join_request_email ON join_request (lower(email));
