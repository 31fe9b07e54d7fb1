-- Certification (issue 11): exam results from two channels, certifications and their badges.

-- Result files taken from the exam body's SFTP server, by name and content: the same file
-- delivered twice (same name, same SHA-256) is applied once; a corrected file under the same
-- name (other content) is a new file. Recorded only once its rows are in the CRM and on Kafka,
-- so a crash in between takes the file again (its upserts and facts are idempotent).
CREATE TABLE exam_result_file (
    file_name     VARCHAR(255) NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    rows_read     INTEGER      NOT NULL,
    malformed     INTEGER      NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (file_name, sha256)
);

-- One row per exam attempt, whichever channel told it first (webhook or file): a result sent by
-- both channels, or again, publishes one exam.result fact. Also the member's attempt history
-- ordered by the time of the sitting (retake waiting periods, maximum attempts).
CREATE TABLE exam_attempt (
    result_id       VARCHAR(64)  PRIMARY KEY,
    crm_contact_id  VARCHAR(18)  NOT NULL,
    exam_code       VARCHAR(32)  NOT NULL,
    taken_at        TIMESTAMPTZ  NOT NULL,
    outcome         VARCHAR(8)   NOT NULL,        -- PASS, FAIL, NO_SHOW
    score           INTEGER,
    channel         VARCHAR(16)  NOT NULL,        -- webhook, sftp
    received_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX exam_attempt_member ON exam_attempt (crm_contact_id, exam_code, taken_at);

-- Certifications the bus awarded, one per member and program (the key the CRM record is upserted
-- by), with the signed Open Badges 3.0 credential served at /badges/{badge_id}.
CREATE TABLE certification_award (
    certification_key  VARCHAR(100) PRIMARY KEY,  -- <crm contact id>:<exam code>
    crm_contact_id     VARCHAR(18)  NOT NULL,
    exam_code          VARCHAR(32)  NOT NULL,
    result_id          VARCHAR(64)  NOT NULL,     -- the passing attempt
    awarded_on         DATE         NOT NULL,
    expires_on         DATE         NOT NULL,
    badge_id           UUID         NOT NULL UNIQUE,
    credential         TEXT         NOT NULL,     -- the VC-JWT
    revoked_at         TIMESTAMPTZ,
    revoked_reason     VARCHAR(200),
    community_account  VARCHAR(64),
    community_badge    VARCHAR(64),               -- the community's id of the badge on the profile
    confirmed_at       TIMESTAMPTZ,               -- CRM, community and the fact all done (else done again)
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX certification_award_expiry ON certification_award (expires_on) WHERE revoked_at IS NULL;

-- Continuing-education credits logged on the community, accepted or rejected with the reason.
CREATE TABLE ce_credit (
    source_key      VARCHAR(100) PRIMARY KEY,     -- the community's activity id
    crm_contact_id  VARCHAR(18)  NOT NULL,
    category        VARCHAR(64)  NOT NULL,
    credits         NUMERIC(6,2) NOT NULL,
    earned_on       DATE         NOT NULL,
    decision        VARCHAR(16)  NOT NULL,        -- accepted, rejected
    reason          VARCHAR(300),
    received_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ce_credit_member ON ce_credit (crm_contact_id, category, earned_on);
