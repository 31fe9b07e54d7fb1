-- The member reconciliation reads, on every run, the values the ledger decided to write nowhere
-- (proposed to staff or rejected), so that it raises each of them once; they are few among all
-- decisions.
CREATE INDEX sync_decision_withheld ON sync_decision (object_type, record_id)
    WHERE decision IN ('proposed', 'rejected');
