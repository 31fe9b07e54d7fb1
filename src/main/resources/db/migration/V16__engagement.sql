-- Engagement score (issue 12): community activity counted per member, the score it makes under
-- config/engagement-model.yaml, its writes to the CRM and the campaigns its crossings start.

-- Each community activity once (by the community's webhook event id), whose and what kind.
CREATE TABLE engagement_activity (
    event_id    VARCHAR(100) PRIMARY KEY,
    member_id   VARCHAR(18)  NOT NULL,             -- CRM contact id
    kind        VARCHAR(64)  NOT NULL,             -- the webhook type: post.created, content.viewed, ...
    occurred_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX engagement_activity_member ON engagement_activity (member_id, occurred_at);

-- Each member's score now, with its explanation, and what is still owed to the partners.
CREATE TABLE engagement_score (
    member_id        VARCHAR(18)  PRIMARY KEY,
    score            INTEGER      NOT NULL,
    contributions    TEXT         NOT NULL,        -- JSON: per kind, count x points = contribution
    version          BIGINT       NOT NULL,        -- grows with every change of the score
    crm_version      BIGINT       NOT NULL DEFAULT 0,  -- the version last written to the CRM contact
    crossed          TEXT         NOT NULL DEFAULT '', -- thresholds the score is at or above: "50,100"
    crossings        INTEGER      NOT NULL DEFAULT 0,  -- crossings so far (part of each campaign's key)
    pending_campaign TEXT,                         -- JSON list of campaigns decided, not yet queued
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX engagement_score_crm_pending ON engagement_score (member_id) WHERE crm_version < version;
