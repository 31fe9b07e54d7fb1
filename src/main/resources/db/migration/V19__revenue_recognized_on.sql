-- The date of the recognition entry that recognized a share (its run's month end). A run catches
-- up shares of earlier months, so this can be later than the share's month: the deferred balance
-- as of a day is what was not recognized by an entry dated that day or before, as in the ledger.
ALTER TABLE deferred_revenue_schedule ADD COLUMN recognized_on DATE;
UPDATE deferred_revenue_schedule
   SET recognized_on = (to_date(substring(recognition_ref from 8 for 7), 'YYYY-MM') + interval '1 month' - interval '1 day')::date
 WHERE recognition_ref LIKE 'revrec:____-__:%';
