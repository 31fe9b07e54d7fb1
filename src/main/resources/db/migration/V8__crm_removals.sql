-- A record the CRM deleted (or merged into another, the loser of a merge) is archived in the sync
-- ledger, not forgotten: its agreed values and links stay, so an undelete restores it and a late
-- change event for it is recognised. merged_into is the surviving record of a merge.
ALTER TABLE sync_record ADD COLUMN archived_at TIMESTAMPTZ;
ALTER TABLE sync_record ADD COLUMN archived_reason TEXT;
ALTER TABLE sync_record ADD COLUMN merged_into VARCHAR(64);
