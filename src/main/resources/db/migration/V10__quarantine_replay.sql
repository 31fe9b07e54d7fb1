-- Quarantine: operators list, inspect and replay refused inbound bodies. A replay is recorded
-- on the entry (when, how often, what the bus answered), never as a new entry.
ALTER TABLE quarantine ADD COLUMN replayed_at   TIMESTAMPTZ;
ALTER TABLE quarantine ADD COLUMN replay_count  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarantine ADD COLUMN replay_status INTEGER;
ALTER TABLE quarantine ADD COLUMN replay_result TEXT;
-- the per-source cap drops the oldest entries of a source and status first
CREATE INDEX quarantine_source ON quarantine (source, status, id);
