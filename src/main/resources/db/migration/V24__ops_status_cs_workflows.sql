-- Operations (issue 13): the status page and the CS-operations playbooks.

-- The status page counts the events each flow processed in the last hour and day: Camel's
-- idempotent repository records every one with its time, but had no index on it.
CREATE INDEX camel_messageprocessed_time ON camel_messageprocessed (createdat);

-- A playbook run for a member (POST /api/v1/cs-ops/workflows/{member_id}), one row per request
-- key: the same key again answers this run and runs nothing twice. steps holds each step's
-- status as the run goes (name, routes, status pending|running|done|failed, error, timings).
CREATE TABLE cs_ops_workflow_run (
    request_key   VARCHAR(100) PRIMARY KEY,
    member_id     VARCHAR(18)  NOT NULL,
    playbook      VARCHAR(64)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,           -- running, completed, failed
    steps         JSONB        NOT NULL,
    requested_by  VARCHAR(128),
    started_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ
);
CREATE INDEX cs_ops_workflow_run_member ON cs_ops_workflow_run (member_id, started_at);
