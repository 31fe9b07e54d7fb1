-- The version of the change each decision was about (SystemModstamp, account version; null when
-- the system sends none). A change redelivered after a crash comes with the version already
-- merged: by the decisions logged under it, the bus re-issues that merge's writes (which a crash
-- may have lost) without logging them twice, and tells it from the echo of the bus's own write.
ALTER TABLE sync_decision ADD COLUMN version VARCHAR(64);
