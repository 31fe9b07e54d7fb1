-- A record's first sight in progress: both systems read, the CRM's record agreed as the base, the
-- other system's record merged against it, the resulting commands sent. The ledger entry exists
-- from the "agreed" step on, but until the commands are on their queues the first sight is not
-- done: a bus killed in between must do it again when the change is redelivered (else the
-- redelivered change merges against a base that already holds it, and the corrections the first
-- sight owed the other system are never sent). The row is deleted when the first sight is done.
CREATE TABLE sync_first_sight (
    object_type VARCHAR(64)  NOT NULL,
    record_id   VARCHAR(64)  NOT NULL,
    started_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (object_type, record_id)
);
